/// Turns the final pieces into ``Token`` values in one pass over the document.
///
/// Offsets: the pieces are in order, so scalar and UTF-8 offsets are counted forward from
/// the previous piece's end, never from the start of the text. Texts are copied from the
/// original's UTF-8 bytes. Norms are left equal to the texts; ``TokenNormalizer`` fills
/// them in.
struct TokenBuilder {
    let original: String
    let text: SegmentedText
    let splitsSuffixes: Bool

    func tokens(_ pieces: [Piece]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        var position = Position()
        let splits = splitsSuffixes && text.language.usesTurkicCasing
        var original = original
        original.withUTF8 { bytes in text.units.withUnsafeBufferPointer { units in
            for piece in pieces {
                position.advance(to: piece.start, in: units)
                let start = position
                position.advance(to: piece.end, in: units)
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start.utf8..<position.utf8]), as: UTF8.self)
                let parts = splits && (piece.kind == .word || piece.kind == .number)
                    && units[piece.start..<piece.end].contains(where: ApostropheSuffixRule.isApostrophe)
                    ? ApostropheSuffixRule.split(string) : nil
                tokens.append(Token(range: start.scalars..<position.scalars, utf8Range: start.utf8..<position.utf8,
                                    utf16Range: piece.start..<piece.end, text: string, norm: string, kind: piece.kind,
                                    language: text.language, stem: parts?.stem, suffix: parts?.suffix))
            }
        } }
        return tokens
    }

    /// A place in the text in all three units, moved forward by decoding UTF-16.
    private struct Position {
        var utf16 = 0
        var scalars = 0
        var utf8 = 0

        mutating func advance(to target: Int, in units: UnsafeBufferPointer<UInt16>) {
            while utf16 < target {
                let unit = units[utf16]
                if unit < 0x80 {
                    utf8 += 1
                    utf16 += 1
                } else if unit < 0x800 {
                    utf8 += 2
                    utf16 += 1
                } else if UTF16.isLeadSurrogate(unit) {
                    utf8 += 4
                    utf16 += 2
                } else {
                    utf8 += 3
                    utf16 += 1
                }
                scalars += 1
            }
        }
    }
}
