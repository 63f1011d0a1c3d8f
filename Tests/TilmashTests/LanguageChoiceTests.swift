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
        lines += ["Встреча Samsung с Apple прошла.", "Vertrauen и Dialog", "IŞIK in Istanbul", "x\u{406}y \u{399}ota",
                  // Several sentences: short ones that cannot tell, before and after the one that reads.
                  "Ok. In Istanbul.", "Ja. Nein. Ich fahre nach Izmir.", "Bugün hava güzel. Ok. In.",
                  "Das ist gut. Ist es? IRAK. Yes.", "Hayır. IŞIK yandı. The light is on. It is.", "I. I. I."]
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

extension LanguageChoiceTests {
    /// `context(for:readingAt:)` gives `context(for:)`'s language at every sentence holding
    /// a character it reads, and identifies no other sentence (their runs are undetermined)
    /// — unless a sentence that cannot tell has none before it that can, when it is exactly
    /// `context(for:)`.
    @Test func sentencesIdentifiedOnlyWhereRead() throws {
        let identifier = try LanguageIdentifier.bundled()
        let reads: (Unicode.Scalar) -> Bool = { $0 == "I" || $0 == "\u{130}" }
        let seeds = try ["000_cdb847884835670f.txt", "001_cf9d392c712c68ef.txt", "003_e905b970b9dda345.txt"].map { try Fixture.seed($0) }
        var texts = seeds + seeds.flatMap { $0.split(separator: "\n").map(String.init) }
        texts += ["Ok. In Istanbul.", "Ja. Nein. Ich fahre nach Izmir.", "Bugün hava güzel. Ok. In.", "I. I. I.", "Ok. Istanbul."]
        var lazyRuns = 0, skippedRuns = 0
        for text in texts {
            let full = identifier.context(for: text)
            let lazy = identifier.context(for: text) { reads($0) }
            if lazy.runs.isEmpty || lazy.fallback != .undetermined {
                #expect(lazy.runs == full.runs && lazy.fallback == full.fallback, "\(text.prefix(50))")
                continue
            }
            let scalars = Array(text.unicodeScalars)
            #expect(lazy.runs.map(\.range) == full.runs.map(\.range), "\(text.prefix(50))")
            for (run, reference) in zip(lazy.runs, full.runs) {
                if scalars[run.range].contains(where: reads) {
                    #expect(run.language == reference.language, "\(text.prefix(50)) \(run.range)")
                    lazyRuns += 1
                } else {
                    #expect(run.language == .undetermined, "\(text.prefix(50)) \(run.range)")
                    skippedRuns += 1
                }
            }
        }
        #expect(lazyRuns > 20 && skippedRuns > 20)
        // Literal cases: German sentences around an undetermined "Ok."; the first sentence of
        // "Ok. Istanbul." cannot tell and has none before it, so the whole text decides.
        let german = identifier.context(for: "Das Wetter ist heute schön. Wir fahren nach Izmir. Ok.") { reads($0) }
        #expect(german.runs.map(\.language) == [.undetermined, .german, .undetermined])
        #expect(identifier.context(for: "Ok. In. Bugün hava güzel.") { reads($0) }.runs.map(\.language)
                == identifier.context(for: "Ok. In. Bugün hava güzel.").runs.map(\.language))
    }
}

/// A custom filter that does not say where it reads the language.
private struct CustomUpper: TextFilter {
    let name = "upper"
    let summary = "upper case"
    func apply(_ text: MappedText, context: FilterContext) throws -> MappedText { text }
}
