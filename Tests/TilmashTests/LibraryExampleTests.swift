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
}
