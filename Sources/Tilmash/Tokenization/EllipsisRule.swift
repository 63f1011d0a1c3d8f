/// Two or more periods in a row are one token: `...` (like the single character `…`, which
/// UAX #29 already keeps whole).
struct EllipsisRule: TokenRule {
    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        pieces.rewritten { index, output in
            guard text.piece(pieces[index], is: 0x2E) else { return nil }
            var last = index
            while last + 1 < pieces.count, pieces[last].touches(pieces[last + 1]), text.piece(pieces[last + 1], is: 0x2E) {
                last += 1
            }
            guard last > index else { return nil }
            output.append(pieces[index].merged(with: pieces[last], kind: .punctuation))
            return last + 1
        }
    }
}
