import Foundation
import Testing
@testable import Tilmash

/// The bundled n-gram model on the seeds and on the hard cases of the issue.
@Suite struct LanguageIdentifierTests {
    let identifier = try! LanguageIdentifier.bundled()

    @Test(arguments: [("000_cdb847884835670f.txt", Language.turkish), ("001_cf9d392c712c68ef.txt", .turkish),
                      ("002_644df2d9510db3b2.txt", .turkish), ("003_e905b970b9dda345.txt", .english),
                      ("004_ddc9d047bacb3bd0.txt", .german)])
    func seeds(_ name: String, _ language: Language) throws {
        let guess = identifier.identify(try Fixture.seed(name))
        #expect(guess.language == language)
        #expect(guess.confidence > 0.9)
    }

    @Test func sentences() {
        #expect(identifier.identify("Dışişleri Bakanı bugün Astana'ya gitti.").language == .turkish)
        #expect(identifier.identify("DIŞİŞLERİ BAKANI BUGÜN ASTANA'YA GİTTİ VE GÖRÜŞMELER YAPTI.").language == .turkish)
        #expect(identifier.identify("Xarici işlər naziri bu gün Bakıda görüş keçirdi.").language == .azerbaijani)
        #expect(identifier.identify("Министр иностранных дел провёл переговоры в Москве.").language == .russian)
        #expect(identifier.identify("Сыртқы істер министрі бүгін Астанада келіссөздер жүргізді.").language == .kazakh)
        #expect(identifier.identify("Der Außenminister reiste heute nach Berlin.").language == .german)
        #expect(identifier.identify("The foreign minister travelled to Astana today.").language == .english)
    }

    @Test func tooShortIsUndetermined() {
        #expect(identifier.identify("ok").language == .undetermined)
        #expect(identifier.identify("2021 — 13:45").language == .undetermined)
        #expect(identifier.identify("").language == .undetermined)
    }

    /// `--lang auto` picks the rules per sentence: Turkish casing for the Turkish sentence
    /// only.
    @Test func casingPerSentence() throws {
        let line = "İSTANBUL VE İZMİR ŞEHİRLERİ ARASINDA YOL VAR. THIS IS IT AND IT IS IN IRAN."
        let folded = try Profile.search.normalize(line, language: nil).text
        #expect(folded == "istanbul ve izmir şehirleri arasında yol var. this is it and it is in iran.")
        let cli = try CLI.run(["case", "lower", "--lang", "auto"], input: line + "\n")
        #expect(cli.stdout == "istanbul ve izmir şehirleri arasında yol var. this is it and it is in iran.\n")
    }

    /// `context(for:)` scores each sentence and sums the whole text in the same pass; the
    /// whole-text language must be exactly `identify`'s, and each sentence's its own guess.
    @Test func contextAgreesWithIdentify() throws {
        var texts = try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent("Corpora/seeds").path)
            .filter { $0.hasSuffix(".txt") }.map { try Fixture.seed($0) }
        texts += ["İSTANBUL VE İZMİR ŞEHİRLERİ ARASINDA YOL VAR. THIS IS IT AND IT IS IN IRAN.",
                  "Der Außenminister reiste heute nach Berlin. Министр провёл переговоры в Москве. Ok.",
                  "ok", "", "2021 — 13:45. Astana’da!"]
        for text in texts {
            let context = identifier.context(for: text)
            #expect(context.fallback == identifier.identify(text).language, "\(text.prefix(40))")
            let scalars = Array(text.unicodeScalars)
            var previous = context.fallback
            for run in context.runs {
                let guess = identifier.identify(String(String.UnicodeScalarView(scalars[run.range]))).language
                #expect(run.language == (guess == .undetermined ? previous : guess), "\(text.prefix(40)) \(run.range)")
                previous = run.language
            }
        }
        let mixed = identifier.context(for: "Der Außenminister reiste heute nach Berlin. Министр провёл переговоры в Москве. Ok.")
        #expect(mixed.runs.map(\.language) == [.german, .russian, .russian])
    }

    /// `normalize --input jsonl` with `--lang auto` reports each object's whole-text
    /// language — the one `identify` gives — from the identification it normalized with.
    @Test func jsonlNormalizeReportsEachObjectsLanguage() throws {
        let texts = ["Bölge-\nsel İŞBİRLİĞİ ve Kazakistan’ın dış politikası", "Der Außenminister reiste heute nach Berlin.",
                     "Министр провёл переговоры в Москве.", "ok"]
        let input = try texts.map { String(decoding: try JSONSerialization.data(withJSONObject: ["text": $0]), as: UTF8.self) }
            .joined(separator: "\n") + "\n"
        let result = try CLI.run(["normalize", "--input", "jsonl"], input: input)
        let languages = result.stdout.split(separator: "\n").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["lang"] as! String
        }
        #expect(languages == texts.map { identifier.identify($0).language.code })
        #expect(languages == ["tr", "de", "ru", "und"])
    }

    /// The reference scorer's (Corpora/langid/score.py) decisions and confidences on 98
    /// texts, reproduced exactly by the Swift port.
    @Test func matchesReferenceScorer() throws {
        var checked = 0
        for line in try Fixture.text("langid-golden.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let text = try JSONSerialization.jsonObject(with: Data(fields.last!.utf8), options: [.fragmentsAllowed]) as! String
            let guess = identifier.identify(text)
            #expect(guess.language.code == String(fields[0]), "\(text)")
            #expect(abs(guess.confidence - Double(fields[1])!) < 1e-4, "\(text)")
            checked += 1
        }
        #expect(checked >= 90)
    }
}
