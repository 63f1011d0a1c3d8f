import Foundation
import Testing
@testable import Tilmash

/// `tag`, `tokenize`, `langid` and `normalize --document` read a long file in pieces cut at
/// paragraph breaks (then line breaks, then whitespace) so that memory stays bounded; the
/// offsets they print still point into the whole file.
@Suite struct DocumentPiecesTests {
    /// The seeds with Cyrillic, look-alikes and a line without breaks, repeated past the
    /// 64 KB piece target: several pieces, some cut at paragraph breaks, some at lines.
    static func longDocument() throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent("Corpora/seeds").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        let seeds = try names.map { try Fixture.seed($0) }.joined(separator: "\n\n")
        let longLine = String(repeating: "Präsident Tokajew besuchte Astana und Тоқаев sprach. ", count: 2_600)
        return String(repeating: seeds + "\n\n", count: 4) + longLine + "\n" + seeds
    }

    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-pieces-\(UUID().uuidString).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func tokensAreTheWholeDocumentsTokens() throws {
        let text = try Self.longDocument()
        #expect(text.utf8.count > 3 * 64 * 1024)   // a long line past the 128 KB line limit too
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["tokenize", "--lang", "tr", "--format", "jsonl", path])
        #expect(result.status == 0)
        let printed = result.stdout.split(separator: "\n").map { line -> (Int, Int, String) in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["start"] as! Int, object["end"] as! Int, object["text"] as! String)
        }
        let whole = try Tokenizer(language: .turkish).tokenize(text)
        #expect(printed.count == whole.count)
        let mismatch = zip(printed, whole).first { $0.0.0 != $0.1.range.lowerBound || $0.0.1 != $0.1.range.upperBound || $0.0.2 != $0.1.text }
        #expect(mismatch == nil, "\(String(describing: mismatch))")
    }

    @Test func entityOffsetsSliceTheWholeFileInEveryUnit() throws {
        let text = try Self.longDocument()
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scalars = Array(text.unicodeScalars), utf8 = Array(text.utf8), utf16 = Array(text.utf16)
        for unit in ["scalar", "utf8", "utf16"] {
            let result = try CLI.run(["tag", "--lang", "de", "--offsets", unit, path])
            #expect(result.status == 0)
            let entities = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            #expect(entities.count > 500, "\(unit)")
            var last = 0
            for entity in entities {
                let start = entity["start"] as! Int, end = entity["end"] as! Int, expected = entity["text"] as! String
                let sliced: String
                switch unit {
                case "utf8": sliced = String(decoding: utf8[start..<end], as: UTF8.self)
                case "utf16": sliced = String(decoding: utf16[start..<end], as: UTF16.self)
                default: sliced = String(String.UnicodeScalarView(scalars[start..<end]))
                }
                #expect(sliced.unicodeScalars.elementsEqual(expected.unicodeScalars), "\(unit) \(start)-\(end): \(sliced) vs \(expected)")
                #expect(start >= last)
                last = end
            }
            // The last seed copy after the long line is found like the first.
            #expect(entities.contains { ($0["start"] as! Int) > (unit == "scalar" ? scalars.count : unit == "utf8" ? utf8.count : utf16.count) - 3_000 })
        }
    }

    @Test func languageOfAllPiecesIsTheWholeTextsLanguage() throws {
        let text = try Self.longDocument()
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["langid", path])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let whole = try LanguageIdentifier.bundled().identify(text)
        #expect(object["lang"] as? String == whole.language.code)
        #expect(abs((object["confidence"] as! Double) - (whole.confidence * 10_000).rounded() / 10_000) < 1e-9)
    }

    @Test func normalizedDocumentIsTheWholeDocumentNormalized() throws {
        // Paragraph breaks every few KB, so every cut is at a blank line: the pieces'
        // normalizations put together are the whole document's.
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent("Corpora/seeds").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        let text = String(repeating: try names.map { try Fixture.seed($0) }.joined(separator: "\n\n") + "\n\n", count: 8)
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["normalize", "--document", "--lang", "tr", path])
        #expect(result.status == 0)
        let whole = try Profile.search.normalize(text, language: .turkish).text
        #expect(result.stdout.unicodeScalars.elementsEqual(whole.unicodeScalars))
    }
}
