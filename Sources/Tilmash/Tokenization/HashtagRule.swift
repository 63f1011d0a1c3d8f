/// `#` or `@` glued to the front of a word is one token: a hashtag (`#Astana2025`) or a
/// mention (`@akorda_press`).
///
/// UAX #29 separates the sign from the word (ICU 72 alone keeps `@` inside words, so
/// `@akorda_press` arrives whole and only needs its kind). The sign must not itself follow
/// a word directly (`C#`, `a@b` stay as they are); e-mail addresses are found before this
/// rule runs.
struct HashtagRule: TokenRule {
    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        pieces.rewritten { index, output in
            var piece = pieces[index]
            if piece.kind == .word, text.units[piece.start] == 0x40, piece.end > piece.start + 1,
               !(output.last.map { $0.touches(piece) && ($0.kind == .word || $0.kind == .number) } ?? false) {
                piece.kind = .mention
                output.append(piece)
                return index + 1
            }
            let sign = pieces[index]
            guard index + 1 < pieces.count, text.piece(sign, isOneOf: Piece.isTagSign) else { return nil }
            let word = pieces[index + 1]
            guard sign.touches(word), word.kind == .word || word.kind == .number else { return nil }
            if let previous = output.last, previous.touches(sign), previous.kind == .word || previous.kind == .number {
                return nil
            }
            output.append(sign.merged(with: word, kind: text.units[sign.start] == 0x23 ? .hashtag : .mention))
            return index + 2
        }
    }
}
