import Testing
@testable import Tilmash

/// ``Token/norm`` computed token by token (with the process-wide cache) must equal what the
/// `search` profile makes of the whole document, read back token by token — the promise
/// ``TokenNormalizer`` relies on.
@Suite struct TokenizerNormTests {
    /// The norms the whole-document normalization gives.
    func documentNorms(_ text: String, _ tokens: [Token], _ language: Language) throws -> [String] {
        var copy = tokens
        TokenNormalizer.project(try Profile.search.normalize(text, context: FilterContext(language: language)), into: &copy)
        return copy.map(\.norm)
    }

    func tokenNorms(_ tokens: [Token], _ language: Language) throws -> [String] {
        try TokenNormalizer.normalizeSeparately(tokens.map(\.text), language: language)
    }

    @Test(arguments: TokenizerSeedTests.seeds.map(\.name))
    func tokenByTokenEqualsWholeDocumentOnSeeds(_ name: String) throws {
        let text = try Fixture.seed(name)
        let language = TokenizerSeedTests.seeds.first { $0.name == name }!.language
        let tokens = try Tokenizer(language: language, normalizes: false).tokenize(text)
        let whole = try documentNorms(text, tokens, language)
        let single = try tokenNorms(tokens, language)
        let mixed = TokenNormalizer.mixesScripts(Array(text.utf16))
        for (index, token) in tokens.enumerated() where whole[index] != single[index] {
            // Only mixed-script repair looks beyond a token, and only in mixed documents.
            #expect(mixed, "\(name): \(token.text) → \(whole[index]) in the document, \(single[index]) alone")
        }
        // What the tokenizer hands out is the whole-document form either way.
        #expect(try Tokenizer(language: language).tokenize(text).map(\.norm) == whole)
    }

    @Test func trickyTokens() throws {
        let text = "ﬁnal İSTANBUL Straße „Ja“ Astana’da Afganistan`la bölge-\nsel Kazak-\r\nRus e\u{301}te 𝔸 ½ Ⅻ ＡＢＣ Ǆemal x\u{AD}y …"
        for language in [Language.turkish, .german, .english, .kazakh, .undetermined] {
            let tokens = try Tokenizer(language: language).tokenize(text)
            #expect(tokens.map(\.norm) == (try documentNorms(text, tokens, language)), "\(language)")
            // Again, now from the cache.
            #expect(try Tokenizer(language: language).tokenize(text).map(\.norm) == tokens.map(\.norm))
        }
        #expect(try Tokenizer(language: .turkish).tokenize("İSTANBUL’da").map(\.norm) == ["istanbul'da"])
    }

    @Test func mixedDocumentsUseTheirContext() throws {
        let tokens = try Tokenizer(language: .german).tokenize("Vertrauen и Dialog")
        #expect(tokens.map(\.norm) == ["vertrauen", "und", "dialog"])
        let alone = try Tokenizer(language: .russian).tokenize("Доверие и диалог")
        #expect(alone.map(\.norm) == ["доверие", "и", "диалог"])
    }

    @Test func aNormalizationHandedIn() throws {
        let text = "DIŞİŞLERİ Bakanı Astana’da"
        let normalized = try Profile.search.normalize(text, language: .turkish)
        let tokens = try Tokenizer().tokenize(text, normalized: normalized)
        #expect(tokens.map(\.norm) == ["dışişleri", "bakanı", "astana'da"])
        #expect(tokens.allSatisfy { $0.language == .turkish })
    }
}
