/// Transliterates non-Latin words to Latin, choosing the scheme by language.
///
/// - Cyrillic in Kazakh text (or any Cyrillic word with a Kazakh letter ә ғ қ ң ө ұ ү һ і)
///   → the official Kazakh Latin alphabet (``TransliterationScheme/kazakhLatin2021``);
/// - other Cyrillic → BGN/PCGN Russian (``TransliterationScheme/russianBGN``);
/// - any other non-Latin script (Greek, Arabic, Han…) → ICU `Any-Latin`.
///
/// Each word is transliterated as a whole, so a word's letters map to the whole original
/// word when the lengths differ (`Щучинск` → `Shchuchinsk`).
public struct TransliterationFilter: TextFilter {
    private let kazakh: Transliterator
    private let russian: Transliterator
    private let any: Transliterator
    private let cache = WordCache()

    /// Compiles the three transliterators (shared, once per process).
    public init() throws {
        kazakh = try TransliterationScheme.kazakhLatin2021.transliterator()
        russian = try TransliterationScheme.russianBGN.transliterator()
        any = try TransliterationScheme.anyLatin.transliterator()
    }

    public let name = "transliterate"
    public let summary = "Cyrillic -> Latin (Kazakh: kk-latn-2021, Russian: ru-bgn), other scripts -> Any-Latin"

    private static let kazakhLetters = Set("әғқңөұүһіӘҒҚҢӨҰҮҺІ".unicodeScalars)

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { !$0.isASCII }) else { return text }
        let words = text.wordRuns.filter { run in text.scalars[run].contains { !$0.isASCII && Script.of($0) != .latin && $0.properties.isAlphabetic } }
        guard !words.isEmpty else { return text }
        return try text.transformingRuns(words) { run in
            let word = text.string(run)
            let language = context.language(of: run, in: text)
            let scalars = text.scalars[run]
            let transliterator: Transliterator
            if scalars.contains(where: { Script.of($0) == .cyrillic }) {
                let isKazakh = language == .kazakh || scalars.contains { Self.kazakhLetters.contains($0) }
                transliterator = isKazakh ? kazakh : russian
            } else {
                transliterator = any
            }
            return try cache.value(for: word, tag: transliterator.name) { try transliterator.transliterate(word) }
        }
    }
}
