/// Folds the four Turkish i's alike — `I`, `İ`, `ı`, `i` all become `i` — for text whose
/// language is unknown, such as a search query: after root case folding (`I` → `i`,
/// `İ` → `i` + U+0307 COMBINING DOT ABOVE) it maps `ı` to `i` and drops a U+0307 that
/// follows an `i`. A query `ISTANBUL`, `İstanbul` or `ıstanbul` then gives `istanbul`.
///
/// Used by the `query` profile (``Profile/query``), after ``CaseFoldFilter``.
public struct DottedIFoldFilter: CharacterMappingFilter {
    public var name: String { "dotted-i-fold" }
    public var summary: String { "ı -> i, i + U+0307 -> i: I, İ, ı and i fold alike (queries of unknown language)" }

    public init() {}

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { $0 == "ı" || $0 == "\u{307}" }) else { return text }
        var builder = MappedText.Builder(text)
        var index = 0
        while index < text.count {
            let scalar = text.scalars[index]
            let isI = scalar == "i" || scalar == "ı"
            if isI, index + 1 < text.count, text.scalars[index + 1] == "\u{307}" {
                builder.emit("i", from: index..<index + 2)   // the dot belongs to the letter
                index += 2
                continue
            }
            if scalar == "ı" { builder.emit("i", from: index..<index + 1) } else { builder.copy(index) }
            index += 1
        }
        return builder.output
    }

    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    /// `ı` becomes `i`; a U+0307 depends on the letter before it; everything else stays.
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        switch scalar {
        case "ı": return .replaced(["i"])
        case "\u{307}": return .needsContext
        default: return .same
        }
    }
}
