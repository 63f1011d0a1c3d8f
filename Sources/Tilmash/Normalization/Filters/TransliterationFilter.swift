/// Transliterates non-Latin words to Latin, choosing the scheme by language.
///
/// - Cyrillic in Kazakh text (or any Cyrillic word with a Kazakh letter ә ғ қ ң ө ұ ү һ і)
///   → the official Kazakh Latin alphabet (``TransliterationScheme/kazakhLatin2021``);
/// - other Cyrillic → BGN/PCGN Russian (``TransliterationScheme/russianBGN``);
/// - any other non-Latin script (Greek, Arabic, Han…) → ICU `Any-Latin`.
///
/// Each word is transliterated as a whole, so a word's letters map to the whole original
/// word when the lengths differ (`Щучинск` → `Shchuchinsk`).
public struct TransliterationFilter: CharacterMappingFilter {
    /// Compiles the three schemes' transliterators (shared, once per process), so that a
    /// broken rule file fails here rather than in the middle of a text.
    public init() throws {
        for scheme in [TransliterationScheme.kazakhLatin2021, .russianBGN, .anyLatin] { _ = try scheme.transliterator() }
    }

    public let name = "transliterate"
    public let summary = "Cyrillic -> Latin (Kazakh: kk-latn-2021, Russian: ru-bgn), other scripts -> Any-Latin"

    private static let kazakhLetters = Set("әғқңөұүһіӘҒҚҢӨҰҮҺІ".unicodeScalars)

    /// A letter of a script other than Latin: its word is transliterated whole.
    static func isForeignLetter(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && scalar.properties.isAlphabetic && Script.of(scalar) != .latin
    }

    /// Letters of other scripts need their word; everything else stays.
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        Self.isForeignLetter(scalar) ? .needsContext : .same
    }

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { !$0.isASCII }) else { return text }
        let words = text.wordRuns.filter { run in text.scalars[run].contains(where: Self.isForeignLetter) }
        guard !words.isEmpty else { return text }
        return try text.transformingRuns(words) { run in
            let language = context.language(of: run, in: text)
            let scalars = text.scalars[run]
            let scheme: TransliterationScheme
            if scalars.contains(where: { Script.of($0) == .cyrillic }) {
                let isKazakh = language == .kazakh || scalars.contains { Self.kazakhLetters.contains($0) }
                scheme = isKazakh ? .kazakhLatin2021 : .russianBGN
            } else {
                scheme = .anyLatin
            }
            // The Cyrillic schemes memoize word by word themselves.
            return try scheme.transliterate(text.string(run))
        }
    }
}
