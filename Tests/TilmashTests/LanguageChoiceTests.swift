import Foundation
import Testing
@testable import Tilmash

/// `--lang auto` identifies a text's language only when the output depends on it
/// (``Profile/readsLanguage(in:)``); the output is the same as identifying always.
@Suite struct LanguageChoiceTests {
    @Test func whichTextsNeedALanguage() throws {
        let search = try Profile.search, ascii = try Profile.ascii, repair = try Profile.repair
        #expect(!search.readsLanguage(in: "hello world, 42 times"))
        #expect(search.readsLanguage(in: "In Istanbul"))           // I folds to ı in Turkish
        #expect(search.readsLanguage(in: "İstanbul"))
        #expect(!search.readsLanguage(in: "Москва и Астана"))       // Cyrillic alone: no language rule
        #expect(ascii.readsLanguage(in: "Москва"))                  // Kazakh or Russian transliteration
        #expect(ascii.readsLanguage(in: "für"))                     // German ü → ue
        #expect(!search.readsLanguage(in: "für"))
        #expect(search.readsLanguage(in: "ftp и socks"))            // a stray: und, and, ve or и
        #expect(!search.readsLanguage(in: "Kаzakhstan"))            // Cyrillic а inside: → a whatever the language
        #expect(search.readsLanguage(in: "\u{406}stanbul"))         // Cyrillic І inside: → I, which the folding reads
        #expect(search.readsLanguage(in: "\u{FF29}"))               // fullwidth Ｉ: NFKC gives I
        #expect(!repair.readsLanguage(in: "In Istanbul"))
        let custom = Profile(name: "custom", filters: [CustomUpper()])
        #expect(custom.readsLanguage(in: "abc"))                    // a filter that says nothing: identified
    }

    /// Differential: on the seeds and the benchmark corpus, line by line, every profile
    /// gives the same text and map as with identification everywhere.
    @Test func sameOutputAsIdentifyingEverywhere() throws {
        var lines: [String] = []
        for name in ["000_cdb847884835670f.txt", "001_cf9d392c712c68ef.txt", "002_644df2d9510db3b2.txt",
                     "003_e905b970b9dda345.txt", "004_ddc9d047bacb3bd0.txt"] {
            lines += try Fixture.seed(name).split(separator: "\n").map(String.init)
        }
        for file in ["kk.txt", "ru.txt"] {
            let url = Fixture.packageRoot.appendingPathComponent("Benchmarks/corpus/\(file)")
            lines += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").prefix(1500).map(String.init)
        }
        lines += ["Встреча Samsung с Apple прошла.", "Vertrauen и Dialog", "IŞIK in Istanbul", "x\u{406}y \u{399}ota"]
        var skipped = 0
        for profile in try [Profile.repair, Profile.search, Profile.ascii, Profile.asciiKeepingCase] {
            for line in lines {
                let fast = try profile.normalizeIdentifyingWhereNeeded(line)
                let always = try profile.normalize(line, language: nil)
                #expect(fast.text == always.text && fast.sourceRanges == always.sourceRanges, "\(profile.name): \(line.prefix(60))")
                if !profile.readsLanguage(in: line) { skipped += 1 }
            }
        }
        #expect(skipped > lines.count)   // most lines need no identification in some profile
    }
}

/// A custom filter that does not say where it reads the language.
private struct CustomUpper: TextFilter {
    let name = "upper"
    let summary = "upper case"
    func apply(_ text: MappedText, context: FilterContext) throws -> MappedText { text }
}
