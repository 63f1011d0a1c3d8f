/// Unifies apostrophes and quotation marks to ASCII.
///
/// - apostrophes and look-alikes `’ ‘ ‚ ‛ ` ´ ʼ ʹ ′ ＇` → `'` — the apostrophe that separates a
///   Turkish suffix (`Astana’da`) is kept, as `'`;
/// - double quotes and guillemets `“ ” „ ‟ « » ″ ＂` → `"`; single guillemets `‹ ›` → `'`.
///
/// ```swift
/// // "„Ja“, Astana’da «…»" → "\"Ja\", Astana'da \"…\""
/// ```
public struct QuoteFilter: CharacterMappingFilter {
    public init() {}
    /// The same for every language (its output holds no new letters, or is followed
    /// through ``mapping(of:language:)``).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    public let name = "quotes"
    public let summary = "apostrophes ’ ‘ ` ´ ʼ ′ -> ', quotes “ ” „ « » -> \""

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: { Self.replacement($0) != nil }) else { return text }
        var builder = MappedText.Builder(text)
        for index in 0..<text.count {
            if let replacement = Self.replacement(text.scalars[index]) {
                builder.emit(replacement, from: index..<index + 1)
            } else {
                builder.copy(index)
            }
        }
        return builder.output
    }

    /// Each quote or apostrophe on its own, in every language.
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        Self.replacement(scalar).map { .replaced([$0]) } ?? .same
    }

    static func replacement(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2019, 0x2018, 0x201A, 0x201B, 0x0060, 0x00B4, 0x02BC, 0x02B9, 0x2032, 0xFF07, 0x2039, 0x203A:
            return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033, 0xFF02:
            return "\""
        default:
            return nil
        }
    }
}
