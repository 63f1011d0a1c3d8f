import Foundation
import Testing
@testable import Tilmash

/// The named schemes, checked against hand-derived tables (Tests/.../Fixtures/translit/*.tsv,
/// from the official 2021 Kazakh table, Duden and Turkish press practice) and against ICU's
/// own system transforms for the BGN schemes.
@Suite struct TransliterationTests {
    static let tables = ["kk-latn-2021", "ru-de", "ru-tr"]

    @Test(arguments: tables)
    func schemeTable(_ name: String) throws {
        let scheme = try #require(TransliterationScheme(rawValue: name))
        let rows = try Fixture.pairs("translit/\(name).tsv")
        #expect(rows.count > 20)
        for (input, expected) in rows {
            #expect(try scheme.transliterate(input) == expected, "\(name): \(input)")
        }
    }

    @Test func briefExamples() throws {
        #expect(try TransliterationScheme.russianGerman.transliterate("Токаев Шымкент Жапаров Назарбаев")
                == "Tokajew Schymkent Schaparow Nasarbajew")
        #expect(try TransliterationScheme.russianTurkish.transliterate("Шавкат Абдрахманов Чолпон")
                == "Şavkat Abdrahmanov Çolpon")
        #expect(try TransliterationScheme.germanASCII.transliterate("ÄRZTE Ärzte STRAẞE Müller")
                == "AERZTE Aerzte STRASSE Mueller")
        #expect(try TransliterationScheme.latinASCII.transliterate("Dışişleri Bakanlığı Şavkat")
                == "Disisleri Bakanligi Savkat")
        #expect(try TransliterationScheme.anyLatin.transliterate("Москва") == "Moskva")
    }

    @Test func bgnSchemesAreICUsTransforms() throws {
        #expect(try TransliterationScheme.russianBGN.transliterate("Токаев") == "Tokayev")
        #expect(try TransliterationScheme.kazakhBGN.transliterate("Қазақстан") == "Qazaqstan")
        // BGN/PCGN writes у as ū and ұ as u: the reverse of the 2021 alphabet.
        #expect(try TransliterationScheme.kazakhBGN.transliterate("Ұлы") == "Uly")
    }

    @Test(arguments: TransliterationScheme.allCases)
    func otherScriptsPassThrough(_ scheme: TransliterationScheme) throws {
        let latin = "rusvideos.com info@commvisory.de 2021, 13-25 %20"
        #expect(try scheme.transliterate(latin) == latin)
        if scheme.sourceScript == .cyrillic {
            #expect(try scheme.transliterate("Ölçü Straße") == "Ölçü Straße")
        }
    }

    /// The Kazakh line at the end of seed 001: its Cyrillic becomes the official Latin
    /// spelling, its Latin parts stay.
    @Test func seedKazakhLine() throws {
        let seed = try Fixture.seed("001_cf9d392c712c68ef.txt")
        let line = try #require(seed.split(separator: "\n").last(where: { $0.unicodeScalars.contains { Script.of($0) == .cyrillic } }))
        let latin = try TransliterationScheme.kazakhLatin2021.transliterate(String(line))
        #expect(!latin.unicodeScalars.contains { Script.of($0) == .cyrillic })
        for word in line.split(separator: " ") where word.unicodeScalars.allSatisfy({ Script.of($0) != .cyrillic }) {
            #expect(latin.contains(word))
        }
        #expect(latin.unicodeScalars.allSatisfy { $0.value < 0x80 || "ÄäĞğİıÑñÖöŞşŪūÜü".unicodeScalars.contains($0) || Script.of($0) != .latin })
    }

    @Test func customRulesAndErrors() throws {
        let t = try Transliterator(name: "test", rules: "a > b ; c } d > e ;")
        #expect(try t.transliterate("acd") == "bed")
        #expect(throws: TransliterationRuleError.self) { try Transliterator(name: "bad", rules: "a > ;;; [ > b") }
        #expect(throws: ICUError.self) { try Transliterator(id: "No-Such-Transform") }
    }

    @Test func transliteratorIsSafeAcrossThreads() async throws {
        let scheme = TransliterationScheme.kazakhLatin2021
        let input = "Қасым-Жомарт Тоқаев Астанада"
        let expected = try scheme.transliterate(input)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { try scheme.transliterate(input) } }
            for try await result in group { #expect(result == expected) }
        }
    }
}
