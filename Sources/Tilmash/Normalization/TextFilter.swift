/// One step of a normalization chain — like a Lucene analysis filter: one job, one type.
///
/// A filter reads a ``MappedText`` and returns a new one, emitting every output scalar
/// through ``MappedText/Builder`` so the map back to the original stays exact.
///
/// ```swift
/// let quotes = QuoteFilter()
/// try quotes.apply(MappedText(original: "„Ja“"), context: .init(language: .german)).string  // "\"Ja\""
/// ```
public protocol TextFilter: Sendable {
    /// A short name shown by `tilmash normalize --explain`, e.g. `"nfc"`.
    var name: String { get }
    /// One line saying exactly what the filter maps.
    var summary: String { get }
    /// Applies the filter.
    func apply(_ text: MappedText, context: FilterContext) throws -> MappedText
    /// False when a text holding `scalar` comes out of this filter the same whatever
    /// language the context gives (for a ``CharacterMappingFilter``, ``Profile`` follows
    /// what the filter maps `scalar` to through the later filters itself; for other
    /// filters: false only when the filter never turns `scalar` into characters a later
    /// filter could treat by language). The default, `true`, is always safe: `--lang auto`
    /// then identifies the language of every text the filter sees.
    func readsLanguage(_ scalar: Unicode.Scalar) -> Bool
    /// True when the filter's output for the whole `text` may depend on the language
    /// beyond what ``readsLanguage(_:)`` says of its characters one by one (the
    /// mixed-script repair reads it at a stray word). Default: false.
    func readsLanguage(inText text: String) -> Bool
}

extension TextFilter {
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { true }
    public func readsLanguage(inText text: String) -> Bool { false }
}

/// What a filter may know besides the text: the language of each part of the original.
public struct FilterContext: Sendable {
    /// A stretch of the original text (scalar offsets) and its language.
    public struct LanguageRun: Sendable, Equatable {
        public let range: Range<Int>
        public let language: Language
        public init(range: Range<Int>, language: Language) {
            self.range = range
            self.language = language
        }
    }

    /// The language stretches, in order; positions outside them use ``fallback``.
    public let runs: [LanguageRun]
    /// The language used where no run applies.
    public let fallback: Language

    /// One language for the whole text.
    public init(language: Language) {
        runs = []
        fallback = language
    }

    /// A language per stretch of the original text (from ``LanguageIdentifier``).
    public init(runs: [LanguageRun], fallback: Language) {
        self.runs = runs
        self.fallback = fallback
    }

    /// The language at original scalar offset `position`.
    public func language(atOriginal position: Int) -> Language {
        var low = 0, high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].range.upperBound <= position { low = middle + 1 } else { high = middle }
        }
        if low < runs.count && runs[low].range.contains(position) { return runs[low].language }
        return fallback
    }

    /// The language of scalars `range` of `text` (taken at the range's first scalar).
    public func language(of range: Range<Int>, in text: MappedText) -> Language {
        guard range.lowerBound < text.count else { return fallback }
        return language(atOriginal: Int(text.starts[range.lowerBound]))
    }
}

extension FilterContext {
    /// `text` cut into maximal stretches of one language (one stretch when the whole text
    /// has one language).
    func languageSegments(_ text: MappedText) -> [(range: Range<Int>, language: Language)] {
        guard text.count > 0 else { return [] }
        guard !runs.isEmpty else { return [(0..<text.count, fallback)] }
        var segments: [(range: Range<Int>, language: Language)] = []
        var start = 0
        var current = language(atOriginal: Int(text.starts[0]))
        for index in 1..<text.count {
            let here = language(atOriginal: Int(text.starts[index]))
            if here != current {
                segments.append((start..<index, current))
                start = index
                current = here
            }
        }
        segments.append((start..<text.count, current))
        return segments
    }
}
