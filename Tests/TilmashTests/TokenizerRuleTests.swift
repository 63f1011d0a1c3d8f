import Testing
@testable import Tilmash

/// Each rule layered on top of UAX #29, with the cases of issue 4: what it joins or
/// splits, and what the plain UAX #29 layer gives when the rule is switched off.
@Suite struct TokenizerRuleTests {
    let turkish = try! Tokenizer(language: .turkish)
    let german = try! Tokenizer(language: .german)
    let english = try! Tokenizer(language: .english)

    func texts(_ tokenizer: Tokenizer, _ text: String) throws -> [String] {
        try tokenizer.tokenize(text).map(\.text)
    }

    func texts(_ text: String, language: Language, rules: Tokenizer.Rules) throws -> [String] {
        try Tokenizer(language: language, rules: rules).tokenize(text).map(\.text)
    }

    /// The sentences of `text` as token texts.
    func sentences(_ tokenizer: Tokenizer, _ text: String) throws -> [[String]] {
        try tokenizer.sentences(text).map { $0.tokens.map(\.text) }
    }

    // MARK: Apostrophe suffixes

    @Test func turkishApostropheSuffixes() throws {
        for (text, stem, suffix) in [("Astana’da", "Astana", "da"), ("25’inci", "25", "inci"),
                                     ("Kazakistan’ın", "Kazakistan", "ın"), ("Afganistan`la", "Afganistan", "la"),
                                     ("Bakü'de", "Bakü", "de"), ("Azimovʼun", "Azimov", "un"),
                                     ("2016-2020’de", "2016-2020", "de"), ("%20’si", "%20", "si")] {
            let tokens = try turkish.tokenize(text)
            #expect(tokens.map(\.text) == [text])
            #expect(tokens.first?.stem == stem && tokens.first?.suffix == suffix, "\(text)")
        }
        #expect(try turkish.tokenize("25’inci")[0].kind == .number)
        #expect(try turkish.tokenize("Astana’da")[0].norm == "astana'da")
        let azerbaijani = try Tokenizer(language: .azerbaijani)
        #expect(try azerbaijani.tokenize("Bakı’da")[0].suffix == "da")
    }

    @Test func noSplitWithoutApostropheOrOutsideTurkic() throws {
        let whole = try turkish.tokenize("2018de Kazakistanda")
        #expect(whole.map(\.text) == ["2018de", "Kazakistanda"])
        #expect(whole.allSatisfy { $0.stem == nil && $0.suffix == nil })
        // English genitive stays one token and is not split; O’Brien is not a suffix.
        #expect(try english.tokenize("Japan’s")[0].stem == nil)
        #expect(try turkish.tokenize("O’Brien")[0].stem == nil)
        #expect(try texts(english, "Afganistan`la") == ["Afganistan`la"])
    }

    @Test func apostropheRuleOff() throws {
        #expect(try texts("Afganistan`la 25’inci", language: .turkish, rules: .none) == ["Afganistan", "`", "la", "25", "’", "inci"])
        let plain = try Tokenizer(language: .turkish, rules: .none).tokenize("Astana’da")
        #expect(plain.map(\.text) == ["Astana’da"])          // UAX #29 keeps it (MidNumLet)
        #expect(plain[0].stem == nil)
    }

    // MARK: Web addresses

    @Test func urlsEmailsAndDomains() throws {
        let tokens = try german.tokenize("Siehe https://www.commvisory.de/. E: info@commvisory.de, rusvideos.com!")
        #expect(tokens.map(\.text) == ["Siehe", "https://www.commvisory.de/", ".", "E", ":", "info@commvisory.de", ",", "rusvideos.com", "!"])
        #expect(tokens.map(\.kind) == [.word, .url, .punctuation, .word, .punctuation, .email, .punctuation, .url, .punctuation])
        #expect(try texts(english, "Visit www.akorda.kz/en/news?id=5 (or http://x.org/a_(b)).")
                == ["Visit", "www.akorda.kz/en/news?id=5", "(", "or", "http://x.org/a_(b)", ")", "."])
        #expect(try texts(english, "my-site.com and KAZAKİSTAN.KZ") == ["my-site.com", "and", "KAZAKİSTAN.KZ"])
        // A missing space after a period is not a domain; neither are file names.
        #expect(try turkish.tokenize("Astana.It report.pdf").map(\.kind).contains(.url) == false)
    }

    @Test func webAddressRuleOff() throws {
        #expect(try texts("https://www.commvisory.de/", language: .german, rules: .none)
                == ["https", ":", "/", "/", "www.commvisory.de", "/"])
    }

    @Test func hashtagsAndMentions() throws {
        let tokens = try english.tokenize("#Astana2025 @akorda_press C# a@b")
        #expect(tokens.map(\.text) == ["#Astana2025", "@akorda_press", "C", "#", "a@b"])
        #expect(tokens.map(\.kind) == [.hashtag, .mention, .word, .punctuation, .word])
    }

    // MARK: Numbers

    @Test func numbers() throws {
        for number in ["2,5", "2.5", "1.000", "10,000", "10.09.2015", "13-25", "2016-2020", "2016–2020", "%20", "20%", "17:45"] {
            let tokens = try turkish.tokenize(number)
            #expect(tokens.map(\.text) == [number])
            #expect(tokens.first?.kind == .number, "\(number)")
        }
        #expect(try texts(turkish, "20 %") == ["20", "%"])
        #expect(try texts(turkish, "on 13-25 April, %20'si") == ["on", "13-25", "April", ",", "%20'si"])
    }

    @Test func ordinalPeriods() throws {
        #expect(try texts(german, "am 12. Dezember") == ["am", "12.", "Dezember"])
        #expect(try texts(turkish, "68. BM Genel Kurulu") == ["68.", "BM", "Genel", "Kurulu"])
        #expect(try german.tokenize("12. Dezember")[0].kind == .number)
        // A year before a period ends the sentence; English has no ordinal periods.
        #expect(try texts(german, "im Jahr 2013. Die") == ["im", "Jahr", "2013", ".", "Die"])
        #expect(try texts(english, "in 12. December") == ["in", "12", ".", "December"])
        #expect(try sentences(german, "Am 12. Dezember kam er. Im Jahr 2013. Dann") ==
                [["Am", "12.", "Dezember", "kam", "er", "."], ["Im", "Jahr", "2013", "."], ["Dann"]])
    }

    @Test func numberRuleOff() throws {
        #expect(try texts("13-25 %20 20% 12. Dezember", language: .german, rules: .none)
                == ["13", "-", "25", "%", "20", "20", "%", "12", ".", "Dezember"])
    }

    // MARK: Abbreviations

    @Test func abbreviationsKeepTheirPeriod() throws {
        #expect(try texts(english, "Dr. Smith met Prof. Li and Mr. Brown, e.g. in the U.S. yesterday.")
                == ["Dr.", "Smith", "met", "Prof.", "Li", "and", "Mr.", "Brown", ",", "e.g.", "in", "the", "U.S.", "yesterday", "."])
        #expect(try texts(german, "Nr. 5 bzw. z.B. z. B. usw.") == ["Nr.", "5", "bzw.", "z.B.", "z.", "B.", "usw."])
        #expect(try texts(turkish, "vb. vs. Doç. Dr. Ali") == ["vb.", "vs.", "Doç.", "Dr.", "Ali"])
        #expect(try texts(try Tokenizer(language: .russian), "т.е. г. Астана") == ["т.е.", "г.", "Астана"])
        #expect(try texts(try Tokenizer(language: .kazakh), "т.б. К. Тоқаев") == ["т.б.", "К.", "Тоқаев"])
    }

    @Test func abbreviationsDoNotEndSentences() throws {
        #expect(try sentences(turkish, "Dr. Aliyev geldi. Prof. Kaya gitti.") ==
                [["Dr.", "Aliyev", "geldi", "."], ["Prof.", "Kaya", "gitti", "."]])
        #expect(try sentences(german, "Siehe Nr. 5 bzw. Abs. 3 hier. Danach") ==
                [["Siehe", "Nr.", "5", "bzw.", "Abs.", "3", "hier", "."], ["Danach"]])
        #expect(try sentences(try Tokenizer(language: .russian), "Это т.е. Москва. Да") ==
                [["Это", "т.е.", "Москва", "."], ["Да"]])
        // A `final` abbreviation may end one (a capital follows after a space).
        #expect(try sentences(english, "Apples, pears etc. The end") == [["Apples", ",", "pears", "etc."], ["The", "end"]])
    }

    @Test func gluedPeriods() throws {
        #expect(try texts(english, "Mr.Yerlan came") == ["Mr.", "Yerlan", "came"])
        #expect(try texts(english, "in 2013.The end") == ["in", "2013", ".", "The", "end"])
        #expect(try sentences(english, "in 2013.The end") == [["in", "2013", "."], ["The", "end"]])
        #expect(try sentences(english, "to Astana.Next day") == [["to", "Astana", "."], ["Next", "day"]])
        #expect(try texts(english, "J.R.R.Tolkien") == ["J.R.R.", "Tolkien"])
    }

    @Test func abbreviationRuleOff() throws {
        #expect(try texts("Dr. Mr.Yerlan", language: .english, rules: .none) == ["Dr", ".", "Mr.Yerlan"])
    }

    // MARK: Ellipses, hyphens

    @Test func ellipses() throws {
        #expect(try texts(english, "Wait... what… no..") == ["Wait", "...", "what", "…", "no", ".."])
        #expect(try texts("a...", language: .english, rules: .none) == ["a", ".", ".", "."])
    }

    @Test func hyphenatedCompounds() throws {
        #expect(try texts(german, "Kassym-Schomart Tokajew, Zwei-Staaten-Lösung, COVID-19") ==
                ["Kassym-Schomart", "Tokajew", ",", "Zwei-Staaten-Lösung", ",", "COVID-19"])
        #expect(try texts(turkish, "Kazak-Rus ilişkileri") == ["Kazak-Rus", "ilişkileri"])
        #expect(try texts(german, "Wasser- und Umweltsicherheit, Nord-, Süd- oder Ost") ==
                ["Wasser-", "und", "Umweltsicherheit", ",", "Nord-", ",", "Süd-", "oder", "Ost"])
        // A dash between spaces stays punctuation.
        #expect(try texts(german, "Astana - die Hauptstadt") == ["Astana", "-", "die", "Hauptstadt"])
        #expect(try texts("Kazak-Rus Wasser- und", language: .german, rules: .none) == ["Kazak", "-", "Rus", "Wasser", "-", "und"])
    }

    @Test func wordHyphenatedAcrossALineBreak() throws {
        let text = "bölge-\nsel barış, Kazak-\nRus, Wasser-\nund"
        let tokens = try turkish.tokenize(text)
        #expect(tokens.map(\.text) == ["bölge-\nsel", "barış", ",", "Kazak-\nRus", ",", "Wasser-", "und"])
        #expect(tokens[0].norm == "bölgesel")
        #expect(tokens[0].range == 0..<10)
        #expect(tokens[3].norm == "kazak-rus")
        // Spaces around the break, and Windows line ends, belong to the token too.
        #expect(try texts(turkish, "bölge- \r\n  sel") == ["bölge- \r\n  sel"])
        // A blank line between is a paragraph break, not a hyphenation.
        #expect(try texts(turkish, "bölge-\n\nsel") == ["bölge", "-", "sel"])
    }

    @Test func whitespaceIsNeverATokenPunctuationIs() throws {
        let tokens = try german.tokenize(" \t„Ja“,\u{00A0}sagte\u{2003}er\u{200B} (sic)!\n")
        #expect(tokens.map(\.text) == ["„", "Ja", "“", ",", "sagte", "er", "(", "sic", ")", "!"])
        #expect(tokens.filter { $0.kind == .punctuation }.count == 6)
        #expect(try german.tokenize("2 + 2 = 4 €").map(\.kind) == [.number, .symbol, .number, .symbol, .number, .symbol])
    }

    // MARK: Offsets, norms, sentences

    @Test func offsetsInAllThreeUnits() throws {
        let text = "Ürümçi 🇰🇿 Astana’da 𝔸 ok"
        let tokens = try turkish.tokenize(text)
        #expect(tokens.map(\.text) == ["Ürümçi", "🇰🇿", "Astana’da", "𝔸", "ok"])
        let scalars = Array(text.unicodeScalars), utf8 = Array(text.utf8), utf16 = Array(text.utf16)
        for token in tokens {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[token.range])
            #expect(String(view) == token.text)
            #expect(String(decoding: utf8[token.utf8Range], as: UTF8.self) == token.text)
            #expect(String(decoding: utf16[token.utf16Range], as: UTF16.self) == token.text)
        }
        #expect(tokens[1].range == 7..<9 && tokens[1].utf16Range == 7..<11 && tokens[1].utf8Range == 10..<18)
    }

    @Test func normsFollowTheSearchProfileAndLanguage() throws {
        #expect(try turkish.tokenize("DIŞİŞLERİ Bakanlığı’nın").map(\.norm) == ["dışişleri", "bakanlığı'nın"])
        #expect(try english.tokenize("DIŞİŞLERİ").map(\.norm) == ["dişi\u{307}şleri\u{307}"])
        #expect(try german.tokenize("Straße …").map(\.norm) == ["strasse", "..."])
        #expect(try Tokenizer(language: .german, normalizes: false).tokenize("Straße")[0].norm == "Straße")
        #expect(try turkish.tokenize("Astana")[0].language == .turkish)
    }

    @Test func wrappedLinesAndHeadings() throws {
        let text = "Bölgedeki konuların önemli hale geldiği bir dönemde \nOrta Asya devletleri toplandı.\n\nBölgesel meseleler\n\n06 Ekim 2017 Cuma, 17:45\nKazak tarafı geldi."
        #expect(try sentences(turkish, text) == [
            ["Bölgedeki", "konuların", "önemli", "hale", "geldiği", "bir", "dönemde", "Orta", "Asya", "devletleri", "toplandı", "."],
            ["Bölgesel", "meseleler"],
            ["06", "Ekim", "2017", "Cuma", ",", "17:45"],
            ["Kazak", "tarafı", "geldi", "."],
        ])
        #expect(try sentences(turkish, "Biz inanıyoruz. 2015 yılında geldi.") == [["Biz", "inanıyoruz", "."], ["2015", "yılında", "geldi", "."]])
        let one = try turkish.sentences("bölge-\nsel barış. Sonra")
        #expect(one.map(\.range) == [0..<17, 18..<23])
    }

    /// The one-line examples in the doc comments hold.
    @Test func documentationExamples() throws {
        #expect(try WordBreaker().segments("Astana’da 2,5 km.").map(\.category) == [.letter, .none, .number, .none, .letter, .none])
        #expect(try SentenceBreaker().boundaries("Geldi. Gitti.") == [7, 13])
        let t = try turkish.tokenize("Astana’da")[0]
        #expect(t.text == "Astana’da" && t.norm == "astana'da" && t.stem == "Astana" && t.suffix == "da")
        #expect(try sentences(german, "Dr. Aliyev kam. Er sprach.") == [["Dr.", "Aliyev", "kam", "."], ["Er", "sprach", "."]])
        #expect(try texts(turkish, "Dr. Aliyev Astana’da.") == ["Dr.", "Aliyev", "Astana’da", "."])
    }

    @Test func emptyAndBlankDocuments() throws {
        #expect(try turkish.tokenize("").isEmpty)
        #expect(try turkish.sentences(" \n\t ").isEmpty)
    }
}
