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
        var candidates: [Candidate] = []
        for language in Self.queryLanguages {
            let tokens = try Tokenizer(language: language).tokenize(query)
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
}
