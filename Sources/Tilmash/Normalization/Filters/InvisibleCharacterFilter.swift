/// Removes characters a reader cannot see and maps exotic spaces to a plain space.
///
/// - zero-width space, word joiner, BOM (U+FEFF anywhere, also mid-text), Mongolian vowel
///   separator, bidi marks and embeddings: removed;
/// - the other line breaks of UAX #14 — vertical tab, form feed, NEL, LINE SEPARATOR,
///   PARAGRAPH SEPARATOR — become a newline (`x\fy` → `x\ny`, not `xy`); a carriage
///   return becomes a newline unless a newline follows (`\r\n` → `\n`), and `\r\r\n` (a
///   CRLF converted twice) is one newline;
/// - other control characters (C0/C1, NUL included) except tab: removed;
/// - no-break space, narrow no-break space, the typographic spaces U+2000–U+200A, ideographic
///   space and tab: a plain space;
/// - the soft hyphen is kept here — ``LineBreakRepairFilter`` reads it at line ends — and
///   removed by ``SpaceFilter``.
///
/// Zero-width (non-)joiners are kept: they carry meaning in Persian and Indic scripts.
public struct InvisibleCharacterFilter: LineLocalFilter {
    public init() {}
    public let name = "invisibles"
    public let summary = "remove zero-width characters, BOMs, bidi and control characters; NBSP and other spaces -> ' '; CRLF, CR CR LF, VT, FF, NEL, LS, PS -> LF"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains(where: Self.needsWork) else { return text }
        var builder = MappedText.Builder(text)
        for index in 0..<text.count {
            let scalar = text.scalars[index]
            switch scalar.value {
            case 0x0D:
                if index + 1 < text.count && text.scalars[index + 1] == "\n" { continue }
                if index + 2 < text.count && text.scalars[index + 1] == "\r" && text.scalars[index + 2] == "\n" { continue }
                builder.emit("\n", from: index..<index + 1)
            case 0x0A:
                builder.copy(index)
            case _ where CharacterClass.isLineBreak(scalar):  // VT, FF, NEL, LS, PS
                builder.emit("\n", from: index..<index + 1)
            case 0x09, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                builder.emit(" ", from: index..<index + 1)
            case 0x00...0x1F, 0x7F...0x9F, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                continue
            default:
                builder.copy(index)
            }
        }
        return builder.output
    }

    /// The same for every language (its output holds no new letters, or is followed
    /// through ``mapping(of:language:)``).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    /// Every character this filter removes or replaces.
    public func isTrigger(_ scalar: Unicode.Scalar) -> Bool { Self.needsWork(scalar) }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return false }
        switch scalar.value {
        case 0x0A, 0x20: return false
        case 0x00...0x1F, 0x7F...0xA0, 0x2000...0x200F, 0x202A...0x202F, 0x205F...0x2069, 0x3000, 0xFEFF, 0x180E: return true
        default: return CharacterClass.isLineBreak(scalar)  // LS, PS
        }
    }
}
