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
}
