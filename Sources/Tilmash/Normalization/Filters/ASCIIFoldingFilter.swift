/// Folds Latin letters to ASCII, the way each language writes them without diacritics.
///
/// - German: `ä` → `ae`, `ö` → `oe`, `ü` → `ue`, `ß` → `ss`, capitals by context
///   (`ÄRZTE` → `AERZTE`, `Ärzte` → `Aerzte`; ICU `de-ASCII`);
/// - every other language, and what German leaves: diacritics dropped (`ş` → `s`,
///   `ı` → `i`, `ü` → `u`, `ə` → `e`; ICU `Latin-ASCII`), typographic punctuation to ASCII
///   (`–` → `-`).
///
/// Letters ICU has no ASCII form for are kept.
public struct ASCIIFoldingFilter: TextFilter {
    private let german: Transliterator
    private let latin: Transliterator
    private let cache = WordCache()

    /// Uses the shared `de-ascii` and `latin-ascii` transliterators.
    public init() throws {
        german = try TransliterationScheme.germanASCII.transliterator()
        latin = try TransliterationScheme.latinASCII.transliterator()
    }

    public let name = "ascii-fold"
    public let summary = "to ASCII by language: German ä->ae, ß->ss; others drop diacritics (ş->s, ı->i, ü->u)"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { !$0.isASCII }) else { return text }
        let runs = text.runs { !$0.isASCII && $0 != "\n" }
            .map { expandToWord($0, in: text) }
        return try text.transformingRuns(merge(runs)) { run in
            let word = text.string(run)
            if context.language(of: run, in: text) == .german {
                return try cache.value(for: word, tag: "de") { try latin.transliterate(try german.transliterate(word)) }
            }
            return try cache.value(for: word, tag: "latin") { try latin.transliterate(word) }
        }
    }

    /// Widens a run of non-ASCII scalars to the whole word around it, since `de-ASCII`
    /// chooses `AE` or `Ae` by the neighbouring letters.
    private func expandToWord(_ run: Range<Int>, in text: MappedText) -> Range<Int> {
        var lower = run.lowerBound, upper = run.upperBound
        while lower > 0 && text.scalars[lower - 1].properties.isAlphabetic { lower -= 1 }
        while upper < text.count && text.scalars[upper].properties.isAlphabetic { upper += 1 }
        return lower..<upper
    }

    private func merge(_ runs: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for run in runs {
            if let last = merged.last, run.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, run.upperBound)
            } else {
                merged.append(run)
            }
        }
        return merged
    }
}
