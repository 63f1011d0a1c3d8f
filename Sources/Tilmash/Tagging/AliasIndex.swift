/// Every gazetteer alias, expanded into its spellings and stored as a trie over word keys —
/// built once, then walked token by token (no loop over aliases per token).
///
/// Expansion: each alias is tokenized like running text and keyed with ``MatchKey``.
/// A Cyrillic alias also yields its Latin spellings under every Cyrillic scheme (BGN/PCGN
/// Russian and Kazakh, German Duden, Turkish, Kazakh 2021: Токаев → Tokayev, Tokajew,
/// Tokaev); a Latin alias with German umlauts also its `de-ascii` spelling (Müller →
/// Mueller besides Muller).
struct AliasIndex: Sendable {
    /// What a trie node that ends an alias points to.
    struct Terminal: Sendable, Hashable {
        /// Index into the gazetteer's entries.
        let entry: Int32
        /// Index into that entry's aliases.
        let alias: Int32
        /// The alias begins with a capital letter, so the text must too.
        let capitalized: Bool
        /// A short all-capitals abbreviation (`BM`, `UN`, `AEB`): the text must be in capitals.
        let abbreviation: Bool
    }

    struct Node: Sendable {
        /// Keyed by exact bytes: text and aliases are keyed by the same function.
        var children: [ExactWord: Int32] = [:]
        var terminals: [Terminal] = []
    }

    private(set) var nodes: [Node] = [Node()]
    /// Every word key of every alias, at any depth (a reading whose key is not here can
    /// match nothing).
    private(set) var keys: Set<ExactWord> = []

    /// True when some alias holds the word key `key`.
    func holds(_ key: String) -> Bool { keys.contains(ExactWord(key)) }

    /// The root node's index.
    static let root: Int32 = 0

    func child(_ node: Int32, _ key: String) -> Int32? { nodes[Int(node)].children[ExactWord(key)] }
    func terminals(_ node: Int32) -> [Terminal] { nodes[Int(node)].terminals }

    init(gazetteer: Gazetteer) throws {
        var tokenizers: [Language: Tokenizer] = [:]
        func tokenizer(_ language: Language?) throws -> Tokenizer {
            let language = language ?? .english
            if let made = tokenizers[language] { return made }
            let made = try Tokenizer(language: language)
            tokenizers[language] = made
            return made
        }
        let cyrillicSchemes: [TransliterationScheme] = [.russianBGN, .russianGerman, .russianTurkish, .kazakhLatin2021, .kazakhBGN]
        for (entryIndex, entry) in gazetteer.entries.enumerated() {
            let written = Set(entry.aliases.map(\.text))
            for (aliasIndex, alias) in entry.aliases.enumerated() {
                // A one-word German genitive written as an alias (Sicherheitsrates beside
                // Sicherheitsrat) would put the ending inside the span; the ending rule
                // finds it with the right span instead. (A name inflected inside,
                // "Kaspischen Meeres", keeps its whole span: GUIDELINES rule 7.)
                if alias.language == .german, !alias.text.contains(" "),
                   ["es", "s"].contains(where: { alias.text.hasSuffix($0) && written.contains(String(alias.text.dropLast($0.count))) }) {
                    continue
                }
                let letters = alias.text.unicodeScalars.filter { $0.properties.isAlphabetic }
                guard let first = letters.first else { continue }
                let terminal = Terminal(
                    entry: Int32(entryIndex), alias: Int32(aliasIndex),
                    capitalized: alias.requiresCapital || first.properties.isUppercase,
                    abbreviation: letters.count <= 5 && letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
                        && !alias.text.contains(" "))
                var spellings: Set<String> = [alias.text]
                // Abbreviations (РК, ОДКБ) are not transliterated: their letters are not
                // sounds, and a transliterated abbreviation collides with words (РУз → RUs).
                let abbreviated = letters.count <= 5 && letters.filter { $0.properties.isUppercase }.count >= 2
                if letters.contains(where: { Script.of($0) == .cyrillic }) && !abbreviated {
                    for scheme in cyrillicSchemes { spellings.insert(try scheme.transliterate(alias.text)) }
                }
                if alias.text.unicodeScalars.contains(where: { "äöüÄÖÜß".unicodeScalars.contains($0) }) {
                    spellings.insert(try TransliterationScheme.germanASCII.transliterate(alias.text))
                }
                var seen: Set<[String]> = []
                for spelling in spellings {
                    // An inflected word inside an alias is stored whole (see MatchUnit.wholeKey).
                    let keys = MatchUnit.units(of: try tokenizer(alias.language).tokenize(spelling)).compactMap { $0.wholeKey ?? $0.key }
                    guard !keys.isEmpty, seen.insert(keys).inserted else { continue }
                    insert(keys, terminal)
                }
            }
        }
    }

    /// The match key of a token (for a Turkish word split at an apostrophe, its stem).
    static func key(of token: Token) -> String {
        if token.stem != nil, let apostrophe = token.norm.firstIndex(of: "'") {
            return MatchKey.of(norm: String(token.norm[..<apostrophe]))
        }
        return MatchKey.of(norm: token.norm)
    }

    private mutating func insert(_ keys: [String], _ terminal: Terminal) {
        var node: Int32 = Self.root
        for key in keys.map(ExactWord.init) {
            self.keys.insert(key)
            if let next = nodes[Int(node)].children[key] {
                node = next
            } else {
                nodes.append(Node())
                let next = Int32(nodes.count - 1)
                nodes[Int(node)].children[key] = next
                node = next
            }
        }
        if !nodes[Int(node)].terminals.contains(terminal) { nodes[Int(node)].terminals.append(terminal) }
    }
}
