import Testing
@testable import Tilmash

/// Each filter pinned with expected outputs, many taken from the seed documents.
@Suite struct NormalizationFilterTests {
    /// The query profile folds the four Turkish i's alike, whatever the language: ICU's
    /// root folding gives I -> i and İ -> i + U+0307; the filter then maps ı -> i and
    /// drops the dot, keeping each output letter mapped to its original letter.
    @Test func queryProfileFoldsEveryIAlike() throws {
        let text = "ISTANBUL İstanbul ıstanbul istanbul DİŞİŞLERİ i\u{307}"
        let result = try Profile.query.normalize(text, context: FilterContext(language: .undetermined))
        #expect(result.text == "istanbul istanbul istanbul istanbul dişişleri i")
        #expect(result.originalText(ofScalars: 9..<10) == "İ")
        #expect(result.originalText(ofScalars: 18..<19) == "ı")
        #expect(result.originalText(ofScalars: 46..<47) == "i\u{307}")
        // The same with a language given: the query profile ignores it for the i's only
        // in the sense that Turkic folding makes I -> ı, which the filter then maps to i.
        #expect(try Profile.query.normalize("ISTANBUL", language: .turkish).text == "istanbul")
        #expect(try Profile.query.normalize("Straße", language: .german).text == "strasse")
    }

    func run(_ filter: any TextFilter, _ text: String, _ language: Language = .english) throws -> String {
        try filter.apply(MappedText(original: text), context: FilterContext(language: language)).string
    }

    @Test func unicodeNormalization() throws {
        // Compared scalar by scalar: String == would call "a\u{308}" and "ä" equal.
        #expect(Array(try run(UnicodeNormalizationFilter(.nfc), "a\u{308}rzte Cafe\u{301}").unicodeScalars)
                == Array("\u{E4}rzte Caf\u{E9}".unicodeScalars))
        #expect(Array(try Profile.search.normalize("A\u{30A}ngstro\u{308}m", language: .english).text.unicodeScalars)
                == Array("\u{E5}ngstr\u{F6}m".unicodeScalars))
        #expect(try run(UnicodeNormalizationFilter(.nfkc), "ﬁnal Ｎo²") == "final No2")
    }

    @Test func invisibleCharacters() throws {
        let filter = InvisibleCharacterFilter()
        #expect(try run(filter, "a\u{A0}b\u{200B}c\u{FEFF}d\u{0}e\u{7}f\r\ng\rh\u{202F}i\tj") == "a bcdef\ng\nh i j")
        #expect(try run(filter, "Zusammen\u{AD}arbeit") == "Zusammen\u{AD}arbeit")  // left for line-break repair
    }

    @Test func spaces() throws {
        #expect(try run(SpaceFilter(), "  a   b\u{AD}c  \u{AD}d \n   e  ") == "a bc d\ne")
    }

    @Test func quotesFromSeed000() throws {
        let seed = try Fixture.seed("000_cdb847884835670f.txt")
        let unified = try run(QuoteFilter(), seed, .turkish)
        #expect(unified.contains("Afganistan'la olan tarihi"))
        #expect(unified.contains("Afganistan'da tesis edilmesi"))
        #expect(unified.contains("Bakü'de Azerbaycan"))
        #expect(!unified.contains("`") && !unified.contains("’"))
        #expect(try run(QuoteFilter(), "„Ja“, «да» ‘x’ ʼ ´") == "\"Ja\", \"да\" 'x' ' '")
    }

    @Test func lineBreakHyphenation() throws {
        let filter = try LineBreakRepairFilter()
        #expect(try run(filter, "die Zusammen-\narbeit beginnt", .german) == "die Zusammenarbeit beginnt")
        #expect(try run(filter, "bölge-\n  sel iş birliği", .turkish) == "bölgesel iş birliği")
        #expect(try run(filter, "Kazak-\nRus ilişkileri", .turkish) == "Kazak-Rus ilişkileri")
        #expect(try run(filter, "bei Wasser-\nund Umweltsicherheit", .german) == "bei Wasser- und Umweltsicherheit")
        #expect(try run(filter, "Zusam\u{AD}\nmenarbeit", .german) == "Zusammenarbeit")
        #expect(try run(filter, "Erster Absatz.\n\nZweiter Absatz.", .german) == "Erster Absatz.\n\nZweiter Absatz.")
        #expect(try run(filter, "Überschrift\nText beginnt hier.", .german) == "Überschrift\nText beginnt hier.")
    }

    /// Seed 002 is PDF text: every line ends mid-sentence with a space. The repair profile
    /// joins each paragraph into one line and keeps the paragraph break.
    @Test func brokenLinesOfSeed002() throws {
        let seed = try Fixture.seed("002_644df2d9510db3b2.txt")
        let repaired = try Profile.repair.normalize(seed, language: .turkish).text
        #expect(repaired.hasPrefix("Bölgedeki siyasi ve güvenlik konularının giderek daha önemli hale geldiği bir dönemde Orta Asya devletleri liderleri Kazakistan Cumhurbaşkanı Kasım Comart Tokayev, Cumhurbaşkanı Sadır"))
        #expect(repaired.contains("Birleşmiş Milletler (BM) Genel Sekreterinin"))
        #expect(repaired.contains("6 Ağustos 2021 tarihinde Türkmenistan gerçekleşmiştir.\n\nSon yıllarda"))
        let paragraphs = repaired.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(paragraphs.count == 2)
        #expect(!repaired.contains("  "))
    }

    @Test func mixedScriptRepair() throws {
        let filter = try MixedScriptRepairFilter()
        #expect(try run(filter, "Kаzakhstan", .english) == "Kazakhstan")          // Cyrillic а inside
        #expect(try run(filter, "Кaзахстан", .russian) == "Казахстан")            // Latin a inside
        #expect(try run(filter, "Қазақстан және Ресей", .kazakh) == "Қазақстан және Ресей")
        #expect(try run(filter, "Präsident Tоkajew", .german) == "Präsident Tokajew")  // Cyrillic о
        #expect(try run(filter, "Moskau и Berlin", .russian) == "Moskau и Berlin")     // no German context: kept
        // Greek ϱ inside a Cyrillic word, no Latin anywhere: repaired by the word alone.
        #expect(try run(filter, "Можно ϱыло прочитать", .russian) == "Можно рыло прочитать")
        #expect(try run(filter, "Ωμέγα и Альфа", .russian) == "Ωμέγα и Альфа")        // separate words: kept
    }

    /// Seed 004 (German) has the Russian conjunction "и" three times where "und" belongs.
    @Test func cyrillicLettersOfSeed004() throws {
        let seed = try Fixture.seed("004_ddc9d047bacb3bd0.txt")
        let repaired = try run(MixedScriptRepairFilter(), seed, .german)
        #expect(repaired.contains("Transportroute und setzt sich"))
        #expect(repaired.contains("Wasser- und Umweltsicherheit"))
        #expect(repaired.contains("Vertrauen und Dialog"))
        #expect(!repaired.unicodeScalars.contains { Script.of($0) == .cyrillic })
        #expect(repaired.unicodeScalars.count == seed.unicodeScalars.count + 3 * 2)
    }

    @Test func caseFolding() throws {
        #expect(try run(try CaseFoldFilter(), "DIŞİŞLERİ Bakanlığı", .turkish) == "dışişleri bakanlığı")
        #expect(try run(try CaseFoldFilter(), "DIŞİŞLERİ Straße", .german) == "dişi̇şleri̇ strasse")
    }

    /// The table-driven filter gives exactly ICU's folding, for every character that
    /// CaseFolding.txt lists, in root and Turkic rules.
    @Test func caseFoldTableMatchesICU() throws {
        let codes = try Fixture.unicodeRows("unicode/CaseFolding.txt").map { String(codePoints: $0[0]) }
        for language in [Language.english, .turkish] {
            let mapper = try CaseMapper(language: language)
            let filter = try CaseFoldFilter()
            let differing = try codes.filter { code in
                try !run(filter, code, language).unicodeScalars.elementsEqual(try mapper.fold(code).unicodeScalars)
            }
            #expect(differing.isEmpty, "\(language): \(differing.map(\.codePoints).prefix(20))")
        }
    }

    @Test func transliteration() throws {
        #expect(try run(TransliterationFilter(), "Тоқаев and Токаев", .kazakh) == "Toqaev and Tokaev")
        #expect(try run(TransliterationFilter(), "Токаев в Москве", .russian) == "Tokayev v Moskve")
        #expect(try run(TransliterationFilter(), "Αθήνα", .english) == "Athḗna")
    }

    @Test func asciiFolding() throws {
        let filter = try ASCIIFoldingFilter()
        #expect(try run(filter, "Unterstützung für ÄRZTE, Straße", .german) == "Unterstuetzung fuer AERZTE, Strasse")
        #expect(try run(filter, "Dışişleri Bakanlığı, Türkiye, Gürcistan", .turkish) == "Disisleri Bakanligi, Turkiye, Gurcistan")
        #expect(try run(filter, "Azərbaycan – Bakı", .azerbaijani) == "Azerbaycan - Baki")
    }

    @Test func profilesOnSeeds() throws {
        let ascii = try Profile.ascii
        for name in ["000_cdb847884835670f.txt", "001_cf9d392c712c68ef.txt", "002_644df2d9510db3b2.txt",
                     "003_e905b970b9dda345.txt", "004_ddc9d047bacb3bd0.txt"] {
            let text = try ascii.normalize(try Fixture.seed(name), language: nil).text
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(name) not ASCII")
        }
        #expect(try ascii.normalize(Fixture.seed("004_ddc9d047bacb3bd0.txt"), language: nil).text.contains("unterstuetzung"))
        #expect(try ascii.normalize(Fixture.seed("001_cf9d392c712c68ef.txt"), language: nil).text.contains("disisleri"))
        #expect(try Profile.asciiKeepingCase.normalize(Fixture.seed("001_cf9d392c712c68ef.txt"), language: nil).text.contains("Disisleri"))
        let search = try Profile.search.normalize("Kazakistan Dışişleri Bakanı Kayrat Abdrahmanov’un", language: .turkish)
        #expect(search.text == "kazakistan dışişleri bakanı kayrat abdrahmanov'un")
    }

    /// The offset map survives length changes: every normalized range maps back to the
    /// original characters it came from.
    @Test func offsetMapPointsIntoTheOriginal() throws {
        let original = "Die ﬁnale Zusammen-\narbeit für Ärzte"
        let n = try Profile.search.normalize(original, language: .german)
        #expect(n.text == "die finale zusammenarbeit für ärzte")
        let scalars = Array(n.text.unicodeScalars)
        func find(_ word: String) -> Range<Int> {
            let w = Array(word.unicodeScalars)
            let start = (0...(scalars.count - w.count)).first { Array(scalars[$0..<$0 + w.count]) == w }!
            return start..<start + w.count
        }
        #expect(n.originalText(ofScalars: find("finale")) == "ﬁnale")
        #expect(n.originalText(ofScalars: find("zusammenarbeit")) == "Zusammen-\narbeit")
        #expect(n.originalText(ofScalars: find("ärzte")) == "Ärzte")
        let fi = find("fi")
        #expect(n.originalRange(ofScalars: fi.lowerBound..<fi.lowerBound + 1) == n.originalRange(ofScalars: fi))
        let ascii = try Profile.asciiKeepingCase.normalize("Tokajew: Unterstützung", language: .german)
        let u = ascii.text.range(of: "Unterstuetzung")!
        let lower = ascii.text.unicodeScalars.distance(from: ascii.text.unicodeScalars.startIndex, to: u.lowerBound)
        #expect(ascii.originalText(ofScalars: lower..<lower + 14) == "Unterstützung")
    }
}
