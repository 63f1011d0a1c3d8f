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
    /// Context-free foldings, read off ICU once: `latinTable[s]` is what `latin-ascii`
    /// makes of scalar `s` wherever it stands (lowercase ä ö ü ß for German too).
    private let latinTable: [Unicode.Scalar: [Unicode.Scalar]]
    private let germanTable: [Unicode.Scalar: [Unicode.Scalar]]

    /// Uses the shared `de-ascii` and `latin-ascii` transliterators.
    public init() throws {
        german = try TransliterationScheme.germanASCII.transliterator()
        latin = try TransliterationScheme.latinASCII.transliterator()
        latinTable = try Self.contextFreeTable(latin)
        var germanTable = latinTable
        // Capital umlauts depend on their neighbours in German (ÄRZTE → AERZTE, Ärzte →
        // Aerzte): those words go to ICU's de-ASCII.
        for scalar in "ÄÖÜ".unicodeScalars { germanTable[scalar] = nil }
        for scalar in "äöüß".unicodeScalars {
            germanTable[scalar] = Array(try german.transliterate(String(scalar)).unicodeScalars)
        }
        self.germanTable = germanTable
    }

    /// The Latin-1 and Latin Extended letters whose folding does not depend on their
    /// neighbours: ICU gives the same output between lower-case and between capital letters.
    private static func contextFreeTable(_ transliterator: Transliterator) throws -> [Unicode.Scalar: [Unicode.Scalar]] {
        var table: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for value in UInt32(0xA0)...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = Array(try transliterator.transliterate("x\(scalar)x").unicodeScalars)
            let upper = Array(try transliterator.transliterate("X\(scalar)X").unicodeScalars)
            guard lower.count >= 2, upper.count >= 2, lower.first == "x", lower.last == "x" else { continue }
            let middle = Array(lower[1..<(lower.count - 1)])
            guard Array(upper[1..<(upper.count - 1)]) == middle, middle.allSatisfy(\.isASCII) else { continue }
            table[scalar] = middle
        }
        return table
    }

    public let name = "ascii-fold"
    public let summary = "to ASCII by language: German ä->ae, ß->ss; others drop diacritics (ş->s, ı->i, ü->u)"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { !$0.isASCII }) else { return text }
        let runs = text.runs { !$0.isASCII && $0 != "\n" }
            .map { expandToWord($0, in: text) }
        return try text.transformingRuns(merge(runs)) { run in
            let isGerman = context.language(of: run, in: text) == .german
            if let folded = fold(text.scalars[run], table: isGerman ? germanTable : latinTable) { return folded }
            let word = text.string(run)
            if isGerman {
                return try cache.value(for: word, tag: "de") { try latin.transliterate(try german.transliterate(word)) }
            }
            return try cache.value(for: word, tag: "latin") { try latin.transliterate(word) }
        }
    }

    /// The word folded by table, or nil when a letter needs ICU (context rules, other
    /// scripts).
    private func fold(_ word: ArraySlice<Unicode.Scalar>, table: [Unicode.Scalar: [Unicode.Scalar]]) -> String? {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(word.count + 2)
        for scalar in word {
            if scalar.isASCII {
                output.append(scalar)
            } else if let replacement = table[scalar] {
                output.append(contentsOf: replacement)
            } else {
                return nil
            }
        }
        return String(scalars: output)
    }

    /// Widens a run of non-ASCII scalars to the whole word around it, since `de-ASCII`
    /// chooses `AE` or `Ae` by the neighbouring letters.
    private func expandToWord(_ run: Range<Int>, in text: MappedText) -> Range<Int> {
        var lower = run.lowerBound, upper = run.upperBound
        while lower > 0 && CharacterClass.isWordCharacter(text.scalars[lower - 1]) { lower -= 1 }
        while upper < text.count && CharacterClass.isWordCharacter(text.scalars[upper]) { upper += 1 }
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
