/// The result of normalizing a text: the new text, and where each of its characters came
/// from in the original.
///
/// Offsets are Unicode scalar (code point) offsets, end exclusive — the convention of
/// Python and spaCy. Every normalized scalar maps back to a range of original scalars;
/// mapped ranges are in order and inside the original, also where lengths changed
/// (NFKC `ﬁ` → `fi`, `ä` → `ae`, a removed soft hyphen, a joined line).
///
/// ```swift
/// let n = try Profile.search.normalize("Die Zusammen-\narbeit", language: .german)
/// n.text                                   // "die zusammenarbeit"
/// n.originalRange(ofScalars: 4..<18)       // 4..<20: "Zusammen-\narbeit"
/// ```
public struct NormalizedText: Sendable, Equatable {
    /// The input text, unchanged.
    public let original: String
    /// The normalized text.
    public let text: String
    /// The language whose rules were applied (the first one when `auto` found several).
    public let language: Language
    let mapped: MappedText

    /// `text` is `mapped` as a String (the fast path writes both at once).
    init(original: String, mapped: MappedText, text: String, language: Language) {
        self.original = original
        self.mapped = mapped
        self.text = text
        self.language = language
    }

    /// The number of Unicode scalars in ``text``.
    public var scalarCount: Int { mapped.count }

    /// The original scalar range that normalized scalars `range` come from. An empty
    /// `range` gives the empty original position where it sits.
    public func originalRange(ofScalars range: Range<Int>) -> Range<Int> {
        precondition(range.lowerBound >= 0 && range.upperBound <= mapped.count, "range outside the normalized text")
        return mapped.originalRange(range)
    }

    /// The original substring behind normalized scalars `range`.
    public func originalText(ofScalars range: Range<Int>) -> String {
        let source = originalRange(ofScalars: range)
        let scalars = original.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: source.lowerBound)
        let end = scalars.index(start, offsetBy: source.count)
        return String(scalars[start..<end])
    }

    /// For each normalized scalar, its original scalar range (for tools that keep the map).
    public var sourceRanges: [Range<Int>] {
        (0..<mapped.count).map { Int(mapped.starts[$0])..<Int(mapped.ends[$0]) }
    }
}
