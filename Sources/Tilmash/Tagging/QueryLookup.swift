/// Gazetteer names in a search query: what a search box needs to turn `istanbul`,
/// `tokajew` or `Токаеву` into entity ids.
extension Tagger {
    /// The languages whose tokenization and case endings a query is read with.
    static let queryLanguages: [Language] = [.turkish, .azerbaijani, .german, .english, .kazakh, .russian]

    /// Every gazetteer name in `query`, whatever its capitalisation (a query is typed in
    /// lower case, or in capitals) and whatever its language: the query is read with the
    /// case endings of each language Tilmash knows (`Токаеву`, `Kazakistan'da`,
    /// `Kasachstans`), the longest name wins where two overlap (then the language listed
    /// first in ``queryLanguages``). No rules run: a query has no sentence for them.
    ///
    /// ```swift
    /// try Tagger.bundled().lookUp(query: "istanbul").map(\.id)   // ["city:745044"]
    /// ```
    public func lookUp(query: String) throws -> [Entity] {
        let scalars = Array(query.unicodeScalars)
        // A lower-case query's Turkish suffix after an apostrophe (`kazakistan'da`) is not
        // split off by the tokenizer, which wants a capital before it: the query is also
        // read with such suffixes blanked out (same length, so offsets stay).
        let blanked = Self.blankingApostropheSuffixes(scalars)
        var candidates: [Candidate] = []
        for (language, text) in Self.queryLanguages.flatMap({ language in [(language, query)] + (blanked.map { [(language, $0)] } ?? []) }) {
            let tokens = try Tokenizer(language: language).tokenize(text)
            let units = MatchUnit.units(of: tokens)
            var best: [Int: Candidate] = [:]
            for match in aliasMatches(units, language: language, ignoringCase: true) {
                let start = match.units.lowerBound
                if let current = best[start], current.units.count > match.units.count
                    || (current.units.count == match.units.count && (!current.inflected || match.inflected)) { continue }
                best[start] = match
            }
            candidates += best.keys.sorted().map { best[$0]! }
        }
        // Candidate.select keeps the first of equal candidates (a stable sort): the earlier
        // language's reading.
        return Candidate.select(candidates).map { $0.entity(in: scalars, gazetteer: gazetteer) }
    }

    /// `text` with every apostrophe that follows a letter and the letters after it
    /// replaced by spaces (`kazakistan'da` → `kazakistan   `); nil when there is none.
    static func blankingApostropheSuffixes(_ scalars: [Unicode.Scalar]) -> String? {
        var result = scalars
        var changed = false
        var index = 1
        while index < result.count {
            if ApostropheSuffixRule.apostrophes.contains(result[index]), CharacterClass.isAlphabetic(result[index - 1]),
               index + 1 < result.count, CharacterClass.isAlphabetic(result[index + 1]) {
                result[index] = " "
                index += 1
                while index < result.count, CharacterClass.isAlphabetic(result[index]) {
                    result[index] = " "
                    index += 1
                }
                changed = true
            } else {
                index += 1
            }
        }
        return changed ? String(String.UnicodeScalarView(result)) : nil
    }
}
