/// Splits a document into tokens and sentences: Unicode's word boundaries (UAX #29, from
/// ICU's word break iterator and its rule status), then a few rules real Turkish, German,
/// English, Kazakh and Russian text needs, then ICU's sentence boundaries corrected with
/// the abbreviation lists.
///
/// Whitespace (and invisible format characters such as a zero-width space) is never a
/// token; punctuation is. Every token knows its range in the original text, and the tokens
/// with the whitespace between them give back the document byte for byte.
///
/// ```swift
/// let tokenizer = try Tokenizer(language: .turkish)
/// try tokenizer.tokenize("Dr. Aliyev Astana’da.").map(\.text)   // ["Dr.", "Aliyev", "Astana’da", "."]
/// ```
///
/// The rules (each one documented on its own type, and switched by ``Rules``):
/// web and e-mail addresses (`https://www.commvisory.de/`, `info@commvisory.de`,
/// `rusvideos.com`); hashtags and mentions; `...`; abbreviations (`Dr.`, `bzw.`, `т.е.`,
/// `Mr.Yerlan` → `Mr.` `Yerlan`); numbers (`13-25`, `%20`, `20%`, `12.` before a word);
/// hyphens (`Kassym-Schomart`, `Wasser-`, `bölge-\nsel` as one token); Turkish and
/// Azerbaijani apostrophe suffixes (`Astana’da` → stem `Astana`, suffix `da`).
/// With ``Rules/none`` the tokens are exactly ICU's UAX #29 segments minus whitespace.
///
/// `Sendable`: one tokenizer may serve many threads; ICU iterators are cloned per call.
public struct Tokenizer: Sendable {
    /// The rules layered on top of UAX #29: `Tokenizer(rules: .all.subtracting(.hyphens))`.
    public struct Rules: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        /// A set of rules from its bits (`OptionSet`); use the named rules instead.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// URLs, bare domains, e-mail addresses (``WebAddressRule``).
        public static let webAddresses = Rules(rawValue: 1 << 0)
        /// `#tag` and `@name`.
        public static let hashtags = Rules(rawValue: 1 << 1)
        /// `...` as one token.
        public static let ellipses = Rules(rawValue: 1 << 2)
        /// Abbreviations with their period; glued periods split.
        public static let abbreviations = Rules(rawValue: 1 << 3)
        /// Ranges, percentages, ordinal periods.
        public static let numbers = Rules(rawValue: 1 << 4)
        /// Hyphenated compounds, suspended hyphens, words hyphenated across a line break.
        public static let hyphens = Rules(rawValue: 1 << 5)
        /// Turkish and Azerbaijani apostrophe suffixes (joined, and split into stem and suffix).
        public static let apostropheSuffixes = Rules(rawValue: 1 << 6)

        /// Every rule (the default).
        public static let all: Rules = [.webAddresses, .hashtags, .ellipses, .abbreviations, .numbers, .hyphens, .apostropheSuffixes]
        /// No rules: plain UAX #29 segments.
        public static let none: Rules = []
    }

    /// The language of the text, or nil to identify it per document (``LanguageIdentifier``).
    public let language: Language?
    /// The rules in use.
    public let rules: Rules
    /// Whether ``Token/norm`` is computed with ``Profile/search``; when false (and no
    /// normalization is handed in) a token's norm is its text. Normalizing the document
    /// costs more than segmenting it: switch it off where norms are not needed.
    public let normalizes: Bool

    private let words: WordBreaker
    private let splitter: SentenceSplitter

    /// A tokenizer for `language` (nil: identify each document's language) with `rules`.
    /// Throws when ICU's break rules or the bundled word lists cannot be loaded.
    public init(language: Language? = nil, rules: Rules = .all, normalizes: Bool = true) throws {
        self.language = language
        self.rules = rules
        self.normalizes = normalizes
        words = try WordBreaker()
        splitter = SentenceSplitter(breaker: try SentenceBreaker())
        if let language { _ = try TokenizerLists.shared(for: language) }
    }

    /// The tokens of `text`.
    public func tokenize(_ text: String) throws -> [Token] {
        try analyze(text, normalized: nil, sentences: false).tokens
    }

    /// The tokens of `text`, their norms taken from `normalized` — the ``Profile/search``
    /// normalization of this same `text` that the caller made anyway (it saves normalizing
    /// twice). With no fixed ``language`` the tokens take the normalization's language.
    ///
    /// ```swift
    /// let n = try Profile.search.normalize(text, language: nil)
    /// let tokens = try Tokenizer().tokenize(text, normalized: n)
    /// ```
    public func tokenize(_ text: String, normalized: NormalizedText) throws -> [Token] {
        precondition(normalized.original.utf8.count == text.utf8.count, "normalized is not a normalization of text")
        return try analyze(text, normalized: normalized, sentences: false).tokens
    }

    /// The sentences of `text`, each with its tokens.
    public func sentences(_ text: String) throws -> [Sentence] {
        try sentences(text, normalized: nil)
    }

    /// The sentences of `text`, norms taken from `normalized` (see ``tokenize(_:normalized:)``).
    public func sentences(_ text: String, normalized: NormalizedText?) throws -> [Sentence] {
        if let normalized {
            precondition(normalized.original.utf8.count == text.utf8.count, "normalized is not a normalization of text")
        }
        let (tokens, starts) = try analyze(text, normalized: normalized, sentences: true)
        return zip(starts, starts.dropFirst() + [tokens.count]).map { Sentence(tokens: Array(tokens[$0..<$1])) }
    }

    /// The language rules apply with for `text`: the tokenizer's own, or the identified one.
    public func language(of text: String) throws -> Language {
        if let language { return language }
        return try LanguageIdentifier.bundled().identify(text).language
    }

    /// Tokens, and when asked the indices of the tokens that start a sentence.
    private func analyze(_ text: String, normalized given: NormalizedText?, sentences: Bool) throws -> (tokens: [Token], starts: [Int]) {
        let language = try self.language ?? given?.language ?? language(of: text)
        let segmented = SegmentedText(units: SegmentedText.utf16(of: text), language: language,
                                      lists: try TokenizerLists.shared(for: language))
        var pieces = try basePieces(segmented.units)
        for rule in activeRules { pieces = rule.apply(pieces, in: segmented) }
        var tokens = TokenBuilder(original: text, text: segmented, splitsSuffixes: rules.contains(.apostropheSuffixes))
            .tokens(pieces)
        if normalizes || given != nil {
            try TokenNormalizer(language: language).fill(&tokens, of: segmented, original: text, given: given)
        }
        let starts = sentences && !pieces.isEmpty ? try splitter.sentenceStarts(pieces, in: segmented) : []
        return (tokens, starts)
    }

    /// The rules in the order they run: addresses first (they swallow periods and slashes),
    /// then signs glued to words, periods, numbers, hyphens, and apostrophes last (they attach
    /// to whatever word or number the others built: `2016-2020’de`).
    private var activeRules: [any TokenRule] {
        var list: [any TokenRule] = []
        if rules.contains(.webAddresses) { list.append(WebAddressRule()) }
        if rules.contains(.hashtags) { list.append(HashtagRule()) }
        if rules.contains(.ellipses) { list.append(EllipsisRule()) }
        if rules.contains(.abbreviations) { list.append(AbbreviationRule()) }
        if rules.contains(.numbers) { list.append(NumberRule()) }
        if rules.contains(.hyphens) { list.append(HyphenRule()) }
        if rules.contains(.apostropheSuffixes) { list.append(ApostropheSuffixRule()) }
        return list
    }

    /// ICU's segments, whitespace dropped, each with a first guess of its kind.
    private func basePieces(_ units: [UInt16]) throws -> [Piece] {
        var pieces: [Piece] = []
        pieces.reserveCapacity(units.count / 4)
        try units.withUnsafeBufferPointer { buffer in
            try words.forEachSegment(in: buffer) { range, category in
                let first = Self.scalar(buffer, at: range.lowerBound)
                let kind: Token.Kind
                switch category {
                case .number:
                    kind = .number
                case .letter, .kana, .ideographic:
                    // ICU 72 counts `@` as a letter; alone it is punctuation.
                    if SegmentedText.isDigit(first) {
                        kind = .number
                    } else if !SegmentedText.isLetter(first) && range.count == 1 {
                        kind = SegmentedText.kind(startingWith: first)
                    } else {
                        kind = .word
                    }
                case .none:
                    if SegmentedText.isGap(first) && Self.isGap(buffer, range) { return }
                    kind = SegmentedText.kind(startingWith: first)
                }
                pieces.append(Piece(start: range.lowerBound, end: range.upperBound, kind: kind))
            }
        }
        return pieces
    }

    private static func scalar(_ buffer: UnsafeBufferPointer<UInt16>, at index: Int) -> Unicode.Scalar {
        Unicode.Scalar(UTF16Encoding.read(buffer, at: index).value).unsafelyUnwrapped
    }

    private static func isGap(_ buffer: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = self.scalar(buffer, at: index)
            if !SegmentedText.isGap(scalar) { return false }
            index += scalar.utf16.count
        }
        return true
    }
}
