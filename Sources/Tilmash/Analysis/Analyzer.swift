/// Each token of a text through each normalization filter, with its index term, its ASCII
/// key and the entity it belongs to — what Elasticsearch's `_analyze` API shows with
/// `explain`, and what a search box needs for a query.
///
/// ```swift
/// let analyzer = try Analyzer()
/// let tokens = try analyzer.analyze("ISTANBUL’DA", language: .turkish)
/// tokens[0].stages.last!.text   // "ıstanbul'da" (Turkish: I -> ı)
/// tokens[0].term                // "ıstanbul'da"
/// let query = try analyzer.analyze(query: "ISTANBUL")
/// query.tokens[0].term          // "istanbul" (no language: I, İ, ı fold alike)
/// query.entities[0].id          // the gazetteer id of Istanbul
/// ```
///
/// `Sendable`: immutable; the profiles and the tagger it holds are shared safely.
public struct Analyzer: Sendable {
    /// A token's text after one filter.
    public struct Stage: Sendable, Equatable {
        /// The filter's name (``TextFilter/name``).
        public let filter: String
        /// The token's part of the text after that filter.
        public let text: String
    }

    /// One token, analyzed.
    public struct AnalyzedToken: Sendable, Equatable {
        /// The token (original text and scalar range, kind, language, stem and suffix).
        public let token: Token
        /// The token after each filter of the profile, in order.
        public let stages: [Stage]
        /// The index term: the last stage (for documents, the token's ``Token/norm``).
        public let term: String
        /// The token in the `ascii` profile: the key that matches however the name is
        /// spelled (``Profile/ascii``).
        public let key: String
        /// The entity the token is part of, if any.
        public let entity: Entity?
    }

    /// A query, analyzed: its tokens and the gazetteer names found in it.
    public struct Query: Sendable, Equatable {
        public let tokens: [AnalyzedToken]
        /// Every gazetteer name in the query, whatever its case (``Tagger/lookUp(query:)``).
        public let entities: [Entity]
    }

    private let tagger: Tagger?

    /// An analyzer tagging with `tagger` (none: no entities).
    public init(tagger: Tagger? = nil) {
        self.tagger = tagger
    }

    /// `text` as a document is indexed: tokenized with the rules of `language` (`nil`:
    /// identified), each token through the `search` profile's filters, the entities
    /// found by the tagger.
    public func analyze(_ text: String, language: Language?) throws -> [AnalyzedToken] {
        let context = try language.map { FilterContext(language: $0) } ?? LanguageIdentifier.bundled().context(for: text)
        let resolved = language ?? context.fallback
        let tokens = try Tokenizer(language: resolved).tokenize(text)
        let entities = tagger?.tag(tokens: tokens, in: text, language: resolved) ?? []
        return try analyzed(tokens, in: text, profile: .search, context: context, entities: entities)
    }

    /// `text` as a search query: its language is unknown, so the `query` profile folds
    /// case alike for every language (``Profile/query``) and the ASCII key is made without
    /// language rules; the entities are every gazetteer name in it, whatever its case.
    public func analyze(query text: String) throws -> Query {
        let context = FilterContext(language: .undetermined)
        let tokens = try Tokenizer(language: .undetermined).tokenize(text)
        let entities = try tagger?.lookUp(query: text) ?? []
        return Query(tokens: try analyzed(tokens, in: text, profile: .query, context: context, entities: entities),
                     entities: entities)
    }

    private func analyzed(_ tokens: [Token], in text: String, profile: Profile, context: FilterContext,
                          entities: [Entity]) throws -> [AnalyzedToken] {
        let ranges = tokens.map(\.range)
        let steps = try profile.steps(text, context: context)
        let stages = steps.map { (name: $0.filter, texts: $0.text.texts(within: ranges)) }
        let keys = try Profile.ascii.normalize(text, context: context).mapped.texts(within: ranges)
        return tokens.indices.map { index in
            let token = tokens[index]
            let entity = entities.first { $0.range.overlaps(token.range) }
            let tokenStages = stages.map { Stage(filter: $0.name, text: $0.texts[index]) }
            return AnalyzedToken(token: token, stages: tokenStages, term: tokenStages.last?.text ?? token.text,
                                 key: keys[index], entity: entity)
        }
    }
}
