/// Transliterates non-Latin words to Latin, choosing the scheme by language.
///
/// - Cyrillic in Kazakh text (or any Cyrillic word with a Kazakh letter ә ғ қ ң ө ұ ү һ і)
///   → the official Kazakh Latin alphabet (``TransliterationScheme/kazakhLatin2021``);
/// - other Cyrillic → BGN/PCGN Russian (``TransliterationScheme/russianBGN``);
/// - any other non-Latin script (Greek, Arabic, Han…) → ICU `Any-Latin`.
///
/// Each word is transliterated as a whole, and its output letters map to the source
/// letters whose rule produced them (``alignment(of:scheme:)``): in `Щучинск` →
/// `Shchuchinsk` the `shch` maps to `Щ`, in `Ильясов` → `İliasov` the `ia` to `ья`.
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

    /// Cyrillic letters: Kazakh or Russian rules by the language. (Other scripts go
    /// through Any-Latin whatever the language.)
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && Script.of(scalar) == .cyrillic
    }

    /// Letters of other scripts need their word; everything else stays.
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        Self.isForeignLetter(scalar) ? .needsContext : .same
    }

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { !$0.isASCII }) else { return text }
        let words = text.wordRuns.filter { run in text.scalars[run].contains(where: Self.isForeignLetter) }
        guard !words.isEmpty else { return text }
        var builder = MappedText.Builder(text)
        var position = 0
        for run in words {
            builder.copy(position..<run.lowerBound)
            let language = context.language(of: run, in: text)
            let scalars = text.scalars[run]
            let scheme: TransliterationScheme
            if scalars.contains(where: { Script.of($0) == .cyrillic }) {
                let isKazakh = language == .kazakh || scalars.contains { Self.kazakhLetters.contains($0) }
                scheme = isKazakh ? .kazakhLatin2021 : .russianBGN
            } else {
                scheme = .anyLatin
            }
            var source = run.lowerBound
            for piece in try Self.alignment(of: text.string(run), scheme: scheme) {
                builder.emit(piece.output, from: source..<source + piece.source, oneToOne: piece.source == 1)
                source += piece.source
            }
            position = run.upperBound
        }
        builder.copy(position..<text.count)
        return builder.output
    }

    /// The transliteration of `word`, cut into pieces by the source letters that produced
    /// them: the transliteration of each prefix of the word is, where the rules look no
    /// further ahead, a prefix of the whole word's, and the letters it adds come from the
    /// letter added to the prefix (`Ильясов` → `İ` `l` `ia` `s` `o` `v` from `И` `л` `ья`
    /// `с` `о` `в`: the soft sign gives nothing and goes with the letter after it). Where a
    /// rule looks ahead, letters stay together until the prefixes agree again. Memoized
    /// per word.
    static func alignment(of word: String, scheme: TransliterationScheme) throws -> [Piece] {
        try alignments.value(for: word, tag: scheme.rawValue) {
            let letters = Array(word.unicodeScalars)
            let whole = Array(try scheme.transliterate(word).unicodeScalars)
            var pieces: [Piece] = []
            var sourceStart = 0, outputStart = 0
            for end in 1...letters.count {
                let prefix = end == letters.count ? whole : Array(try scheme.transliterate(String(scalars: letters[..<end])).unicodeScalars)
                // Case aside: a capital alone reads in capitals (`Щ` → `SHCH`), before
                // small letters in title case (`Щу` → `Shchu`).
                guard prefix.count > outputStart, prefix.count <= whole.count,
                      whole[..<prefix.count].elementsEqual(prefix, by: { $0.properties.lowercaseMapping == $1.properties.lowercaseMapping }) else { continue }
                pieces.append(Piece(source: end - sourceStart, output: Array(whole[outputStart..<prefix.count])))
                sourceStart = end
                outputStart = prefix.count
            }
            if sourceStart < letters.count || outputStart < whole.count {
                // The end of the word produced nothing more (or the prefixes never agreed):
                // what is left joins the last piece.
                let last = pieces.popLast() ?? Piece(source: 0, output: [])
                pieces.append(Piece(source: last.source + letters.count - sourceStart, output: last.output + whole[outputStart...]))
            }
            return pieces
        }
    }

    /// Source letters of a word and the output letters their rule produced.
    struct Piece: Sendable {
        let source: Int
        let output: [Unicode.Scalar]
    }

    private static let alignments = WordCache<[Piece]>(limit: 100_000)
}
