/// Folds Latin letters to ASCII, the way each language writes them without diacritics.
///
/// - German: `ä` → `ae`, `ö` → `oe`, `ü` → `ue`, `ß` → `ss`, capitals by context
///   (`ÄRZTE` → `AERZTE`, `Ärzte` → `Aerzte`; ICU `de-ASCII`);
/// - every other language, and what German leaves: diacritics dropped (`ş` → `s`,
///   `ı` → `i`, `ü` → `u`, `ə` → `e`; ICU `Latin-ASCII`), typographic punctuation to ASCII
///   (`–` → `-`).
///
/// Letters ICU has no ASCII form for are kept. A letter folded by the table maps back to
/// itself (`ß` → `ss`); a word ICU folds maps back as a whole.
public struct ASCIIFoldingFilter: CharacterMappingFilter {
    private let german: ASCIIFolder
    private let latin: ASCIIFolder
    private let cache = WordCache<String>()

    /// Uses the shared `de-ascii` and `latin-ascii` folders.
    public init() throws {
        german = try TransliterationScheme.germanASCII.folder()
        latin = try TransliterationScheme.latinASCII.folder()
    }

    public let name = "ascii-fold"
    public let summary = "to ASCII by language: German ä->ae, ß->ss; others drop diacritics (ş->s, ı->i, ü->u)"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { !$0.isASCII }) else { return text }
        let runs = merge(text.runs { !$0.isASCII && $0 != "\n" }.map { expandToWord($0, in: text) })
        var builder = MappedText.Builder(text)
        var position = 0
        for run in runs {
            builder.copy(position..<run.lowerBound)
            position = run.upperBound
            let isGerman = context.language(of: run, in: text) == .german
            let folder = isGerman ? german : latin
            if text.scalars[run].allSatisfy({ $0.isASCII || folder.tableFolding(of: $0) != nil }) {
                // Letter by letter: each folding maps to its own letter (ß → ss to ß).
                for index in run {
                    if let folded = folder.tableFolding(of: text.scalars[index]) {
                        builder.emit(folded, from: index..<index + 1)
                    } else {
                        builder.copy(index)
                    }
                }
                continue
            }
            // German words still go through Latin-ASCII for what de-ASCII leaves.
            let folded = try cache.value(for: text.string(run), tag: isGerman ? "de" : "latin") {
                let once = try folder.fold(word: text.scalars[run])
                return isGerman ? try latin.fold(once) : once
            }
            builder.emit(folded, from: run, oneToOne: false)  // equal length is no correspondence (Dž̈ → Dz)
        }
        builder.copy(position..<text.count)
        return builder.output
    }

    /// Characters German folds otherwise than the other languages (`ä` → `ae`, not `a`),
    /// and those either folds only by their word.
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        let inGerman = german.tableFolding(of: scalar), elsewhere = latin.tableFolding(of: scalar)
        return inGerman == nil || elsewhere == nil || inGerman! != elsewhere!
    }

    /// ASCII stays; a letter the language's table folds the same in any word becomes its
    /// folding; anything else needs its word (and ICU).
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        if scalar.isASCII { return .same }
        let folder = language == .german ? german : latin
        return folder.tableFolding(of: scalar).map { CharacterMapping.replaced($0) } ?? .needsContext
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
