import Foundation
import Testing
import Tilmash

/// The README's library example, as a user would paste it (plain `import Tilmash`).
@Suite struct LibraryExampleTests {
    @Test func readmeExample() throws {
        let text = "Präsident Tokajew besuchte am 12. Dezember die Zusammen-\narbeit in Astana."
        let normalized = try Profile.search.normalize(text, language: .german)
        #expect(normalized.text == "präsident tokajew besuchte am 12. dezember die zusammenarbeit in astana.")
        let tokens = try Tokenizer(language: .german).tokenize(text)
        #expect(tokens.map(\.text) == ["Präsident", "Tokajew", "besuchte", "am", "12.", "Dezember", "die",
                                       "Zusammen-\narbeit", "in", "Astana", "."])
        var printed: [String] = []
        for entity in try Tagger.bundled().tag(text, language: .german) {
            let scalars = Array(text.unicodeScalars)[entity.range]
            printed.append("\(entity.type) \(String(String.UnicodeScalarView(scalars))) \(entity.canonical)")
        }
        #expect(printed == ["PERSON Tokajew Kassym-Jomart Tokayev", "PLACE Astana Astana"])
    }

    @Test func readmeRecordsAndQueries() throws {
        var record = try JSONRecord(parsing: Array(#"{"id": 1e400, "text": "ISTANBUL"}"#.utf8))
        record = record.setting("lang", toJSON: JSONText.quoted("tr"))
        #expect(record.text == #"{"id": 1e400, "text": "ISTANBUL","lang":"tr"}"#)
        let query = try Analyzer(tagger: Tagger.bundled()).analyze(query: "tokajew")
        #expect(query.tokens[0].term == "tokajew" && query.entities.map(\.id) == ["person:kassym-jomart-tokayev"])
        let cp1251 = try EncodingConverter(encoding: "cp1251").convert([0xCC, 0xE8, 0xF0], flush: true)
        #expect(String(decoding: cp1251.utf8, as: UTF8.self) == "Мир")
        #expect(cp1251.scalarStarts == [0, 1, 2])
    }

    @Test func readmeViewsAndGazetteers() throws {
        let short = "Tokajew besuchte Astana."
        let found = try Tagger.bundled().tag(short, language: .german)
        let page = EntityPage.render(title: "news", documents: [("a.txt", short, found)])
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains(#"data-id="person:kassym-jomart-tokayev""#))
        #expect(CoNLLLines.lines(sentences: try Tokenizer(language: .german).sentences(short), entities: found)
                == "Tokajew\tB-PERSON\nbesuchte\tO\nAstana\tB-PLACE\n.\tO\n\n")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-readme-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = folder.appendingPathComponent("my-names.tsv")
        try "org:qazaqgaz\tORG\tQazaqGaz\txx:QazaqGaz | ru:КазахГаз\n".write(to: names, atomically: true, encoding: .utf8)
        // A small base keeps the test quick; Gazetteer.bundled(adding:) is the same load over the bundled folder.
        let base = folder.appendingPathComponent("base.tsv")
        try "country:KZ\tPLACE\tKazakhstan\ten:Kazakhstan | de:Kasachstan\n".write(to: base, atomically: true, encoding: .utf8)
        let mine = try Gazetteer.load(paths: [base.path], adding: [names.path])
        var lines = ""
        try GazetteerExport.write(mine, format: .synonyms) { lines += $0 }
        #expect(lines.hasSuffix("kazakhstan, kasachstan => country:KZ\nqazaqgaz, казахгаз => org:qazaqgaz\n"))
    }
}
