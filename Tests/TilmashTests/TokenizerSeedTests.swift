import Foundation
import Testing
@testable import Tilmash

/// The tokenizer over the five seed documents of Corpora/seeds, and `tilmash tokenize`.
@Suite struct TokenizerSeedTests {
    static let seeds: [(name: String, language: Language)] = [
        ("000_cdb847884835670f.txt", .turkish), ("001_cf9d392c712c68ef.txt", .turkish),
        ("002_644df2d9510db3b2.txt", .turkish), ("003_e905b970b9dda345.txt", .english),
        ("004_ddc9d047bacb3bd0.txt", .german),
    ]

    /// Tokens re-joined with the gaps between them give back the document byte for byte;
    /// every gap is whitespace; sentences cover the tokens in order. Checked with every
    /// rule and with none.
    @Test(arguments: seeds.map(\.name))
    func tokensAndGapsRebuildTheDocument(_ name: String) throws {
        let text = try Fixture.seed(name)
        let language = Self.seeds.first { $0.name == name }!.language
        for rules in [Tokenizer.Rules.all, .none] {
            let tokenizer = try Tokenizer(language: language, rules: rules)
            let tokens = try tokenizer.tokenize(text)
            #expect(tokens.count > 200)
            let bytes = Array(text.utf8)
            var rebuilt: [UInt8] = []
            var position = 0
            for token in tokens {
                let gap = bytes[position..<token.utf8Range.lowerBound]
                let blank = Self.isWhitespace(gap)
                #expect(blank, "\(name): gap before \(token.text) at \(token.range)")
                rebuilt += gap
                rebuilt += Array(token.text.utf8)
                #expect(Array(bytes[token.utf8Range]) == Array(token.text.utf8))
                position = token.utf8Range.upperBound
            }
            let tail = bytes[position...]
            let blankTail = Self.isWhitespace(tail)
            #expect(blankTail)
            rebuilt += tail
            #expect(rebuilt == bytes, "\(name) is not rebuilt byte for byte")

            // Scalar offsets slice the same text.
            let scalars = Array(text.unicodeScalars)
            for token in tokens {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[token.range])
                #expect(String(view) == token.text)
            }
            let sentences = try tokenizer.sentences(text)
            #expect(sentences.flatMap(\.tokens) == tokens)
            #expect(sentences.count > 5)
        }
    }

    static func isWhitespace(_ bytes: ArraySlice<UInt8>) -> Bool {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// One tokenizer used from several threads at once gives what it gives on one thread
    /// (ICU iterators are cloned per call; word lists and the norm cache are locked).
    @Test func oneTokenizerManyThreads() throws {
        let tokenizer = try Tokenizer(language: .turkish)
        let texts = try Self.seeds.map { try Fixture.seed($0.name) }
        let expected = try texts.map { try tokenizer.sentences($0) }
        let results = ResultBox(count: texts.count * 8)
        DispatchQueue.concurrentPerform(iterations: texts.count * 8) { index in
            results.set(index, (try? tokenizer.sentences(texts[index % texts.count])) == expected[index % texts.count])
        }
        #expect(results.all)
    }

    final class ResultBox: @unchecked Sendable {
        private var values: [Bool]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: false, count: count) }
        func set(_ index: Int, _ value: Bool) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }
        var all: Bool { values.allSatisfy { $0 } }
    }

    @Test func seedTokensOfNote() throws {
        let tokens = try Tokenizer(language: .turkish).tokenize(try Fixture.seed("000_cdb847884835670f.txt"))
        let afghan = tokens.first { $0.text == "Afganistan`la" }
        #expect(afghan?.stem == "Afganistan" && afghan?.suffix == "la")
        #expect(tokens.contains { $0.text == "68." && $0.kind == .number })
        let german = try Tokenizer(language: .german).tokenize(try Fixture.seed("004_ddc9d047bacb3bd0.txt"))
        #expect(german.contains { $0.text == "info@commvisory.de" && $0.kind == .email })
        #expect(german.contains { $0.text == "https://www.commvisory.de/" && $0.kind == .url })
        #expect(german.contains { $0.text == "Kassym-Schomart" })
        #expect(german.contains { $0.text == "Wasser-" })
        #expect(german.contains { $0.text == "12." && $0.kind == .number })
    }

    /// `tilmash tokenize --format jsonl` on the first seed: its "Azerbaycan" tokens (and every
    /// other token) slice the original text exactly at their scalar offsets.
    @Test func cliJSONLOffsetsSliceTheOriginal() throws {
        let path = "Corpora/seeds/000_cdb847884835670f.txt"
        let result = try CLI.run(["tokenize", "--format", "jsonl", path])
        #expect(result.status == 0, "\(result.stderr)")
        let scalars = Array(try Fixture.seed("000_cdb847884835670f.txt").unicodeScalars)
        var azerbaycan = 0
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 300)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let start = object["start"] as! Int, end = object["end"] as! Int, text = object["text"] as! String
            #expect(object["file"] as? String == path)
            #expect(Set(object.keys).isSuperset(of: ["file", "start", "end", "text", "norm", "kind", "lang"]))
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            #expect(String(view) == text)
            if text == "Azerbaycan" {
                azerbaycan += 1
                #expect(object["norm"] as? String == "azerbaycan")
                #expect(object["kind"] as? String == "word")
            }
        }
        #expect(azerbaycan >= 2)
    }

    @Test func cliFormatsAndOffsets() throws {
        let text = try CLI.run(["tokenize", "--lang", "tr"], input: "Dr. Aliyev Astana’da. Sonra bölge-\nsel.")
        #expect(text.stdout == "Dr.\nAliyev\nAstana’da\n.\n\nSonra\nbölge-sel\n.\n\n")
        let utf8 = try CLI.run(["tokenize", "--lang", "tr", "--format", "jsonl", "--offsets", "utf8"], input: "Ürümçi’de")
        #expect(utf8.stdout == #"{"file":"-","start":0,"end":14,"text":"Ürümçi’de","norm":"ürümçi'de","kind":"word","lang":"tr","stem":"Ürümçi","suffix":"de"}"# + "\n")
        let json = try CLI.run(["tokenize", "--lang", "de", "--input", "jsonl"],
                               input: "{\"id\": 7, \"text\": \"Nr. 5\\nja\"}\n{\"id\": 8, \"text\": \"\"}\n")
        #expect(json.stdout == #"{"id": 7, "text": "Nr. 5\nja","tokens":[{"start":0,"end":3,"text":"Nr.","norm":"nr.","kind":"word","lang":"de"},{"start":4,"end":5,"text":"5","norm":"5","kind":"number","lang":"de"},{"start":6,"end":8,"text":"ja","norm":"ja","kind":"word","lang":"de"}]}"# + "\n" + #"{"id": 8, "text": "","tokens":[]}"# + "\n")
        let help = try CLI.run(["tokenize", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Usage: tilmash tokenize"))
        #expect(try CLI.run(["tokenize", "--format", "xml"]).status == 2)
    }
}

/// Random text made of the characters the rules care about: whatever the mix, the
/// tokenizer returns ordered, non-overlapping tokens whose offsets slice the text, with
/// only whitespace and invisible characters between them.
@Suite struct TokenizerRandomTextTests {
    static let alphabet: [String] = [
        "a", "Z", "ş", "İ", "ı", "ж", "Қ", "ß", "e\u{301}", "7", "0", "١", " ", " ", "\n", "\r\n", "\t", "\u{A0}",
        ".", ".", ",", "-", "–", "’", "'", "`", "ʼ", "@", "#", "%", ":", "/", "//", "(", ")", "…", "?", "!",
        "\u{AD}", "\u{200B}", "\u{200D}", "🇰🇿", "👍🏽", "𝔸", "中", "https://", "www.", ".com", ".de", "Dr", "Mr",
        "т.е", "bzw", "und", "\u{FFFD}",
    ]

    @Test func randomTextKeepsTheInvariants() throws {
        var generator = SplitMix64(seed: 4)
        let tokenizers = try [Language.turkish, .german, .russian, .undetermined].map { try Tokenizer(language: $0) }
        for round in 0..<400 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = (0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }.joined()
            let tokenizer = tokenizers[round % tokenizers.count]
            let sentences = try tokenizer.sentences(text)
            let tokens = sentences.flatMap(\.tokens)
            #expect(tokens == (try tokenizer.tokenize(text)), "round \(round)")
            let scalars = Array(text.unicodeScalars), utf8 = Array(text.utf8), utf16 = Array(text.utf16)
            var position = 0
            for token in tokens {
                #expect(!token.text.isEmpty && token.range.lowerBound >= position, "round \(round): \(text.codePoints)")
                let gap = scalars[min(position, token.range.lowerBound)..<token.range.lowerBound]
                #expect(gap.allSatisfy(SegmentedText.isGap), "round \(round): \(text.codePoints)")
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[token.range])
                #expect(String(view) == token.text)
                #expect(String(decoding: utf8[token.utf8Range], as: UTF8.self) == token.text)
                #expect(String(decoding: utf16[token.utf16Range], as: UTF16.self) == token.text)
                position = token.range.upperBound
            }
            #expect(scalars[position...].allSatisfy(SegmentedText.isGap), "round \(round): \(text.codePoints)")
        }
    }
}
