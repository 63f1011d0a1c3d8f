/// Language-correct case folding for search keys.
///
/// Turkish and Azerbaijani text folds with the Turkic rules (`I` → `ı`, `İ` → `i`:
/// `DIŞİŞLERİ` → `dışişleri`); every other language with Unicode's default folding
/// (`Straße` → `strasse`, `İ` → `i̇`). With `--lang auto` each sentence uses its own
/// language's rules.
public struct CaseFoldFilter: TextFilter {
    public init() {}
    public let name = "case-fold"
    public let summary = "case folding by language: Turkic I->ı, İ->i for tr/az; Unicode default folding otherwise (ß->ss)"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        var builder = MappedText.Builder(text)
        for segment in context.languageSegments(text) {
            let source = segment.range
            if text.scalars[source].allSatisfy(\.isASCII) {
                // ASCII folds to ASCII lower case in every language but Turkish and
                // Azerbaijani (I → ı there).
                if !segment.language.usesTurkicCasing || !text.scalars[source].contains("I") {
                    builder.emit(text.scalars[source].map { $0.value >= 0x41 && $0.value <= 0x5A ? Unicode.Scalar($0.value + 0x20)! : $0 }, from: source)
                    continue
                }
            }
            let mapper = try CaseMapper(language: segment.language)
            let folded = Array(try mapper.fold(text.string(source)).unicodeScalars)
            if folded.count == source.count {
                // Folding never shortens a character, so equal lengths mean one to one.
                builder.emit(folded, from: source)
                continue
            }
            // Some character expanded (ß → ss): fold cluster by cluster for an exact map.
            for cluster in clusters(text, source) {
                builder.emit(try mapper.fold(text.string(cluster)), from: cluster)
            }
        }
        return builder.output
    }

    /// A base character with its following combining marks (so `I` + ◌̇ folds together).
    private func clusters(_ text: MappedText, _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for index in (range.lowerBound + 1)..<max(range.upperBound, range.lowerBound + 1)
        where text.scalars[index].properties.canonicalCombiningClass == .notReordered {
            result.append(start..<index)
            start = index
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }
}
