/// A token while the rules run: a UTF-16 range of the document and what it is so far.
///
/// The tokenizer starts with one piece per non-space segment of ICU's word break iterator;
/// each ``TokenRule`` then merges neighbouring pieces or splits one. Pieces stay in
/// document order and never overlap; the text between two pieces is a gap of whitespace.
struct Piece: Equatable {
    /// What a rule learned about a piece that later stages need.
    struct Marks: OptionSet, Equatable {
        let rawValue: UInt8
        /// An abbreviation with its period (`Dr.`, `т.е.`, an initial `K.`): no sentence end.
        static let abbreviation = Marks(rawValue: 1)
        /// A number with an ordinal period (`12.` before `Dezember`): no sentence end.
        static let ordinal = Marks(rawValue: 2)
        /// A period split off a glued word (`Astana.Next`): a sentence ends after it.
        static let sentenceEnd = Marks(rawValue: 4)
        /// A word hyphenated across a line break (`bölge-\nsel`).
        static let lineBreak = Marks(rawValue: 8)
    }

    var start: Int
    var end: Int
    var kind: Token.Kind
    var marks: Marks = []

    var range: Range<Int> { start..<end }

    // Code unit classes for `SegmentedText.piece(_:isOneOf:)` (switches, not sets: they
    // run once per piece per rule).

    /// `-` HYPHEN-MINUS, `‐` HYPHEN, `‑` NON-BREAKING HYPHEN.
    static func isHyphen(_ unit: UInt16) -> Bool { unit == 0x2D || unit == 0x2010 || unit == 0x2011 }
    /// `-` or `–` (EN DASH) between numbers of a range.
    static func isRangeDash(_ unit: UInt16) -> Bool { unit == 0x2D || unit == 0x2013 }
    /// `%`, `‰`, Arabic `٪`.
    static func isPercent(_ unit: UInt16) -> Bool { unit == 0x25 || unit == 0x2030 || unit == 0x066A }
    /// `#` or `@`.
    static func isTagSign(_ unit: UInt16) -> Bool { unit == 0x23 || unit == 0x40 }

    /// True when `next` starts right where this piece ends (no space between).
    func touches(_ next: Piece) -> Bool { end == next.start }

    /// This piece extended to the end of `other`, keeping this piece's kind.
    func merged(with other: Piece, kind: Token.Kind? = nil, marks: Marks = []) -> Piece {
        Piece(start: start, end: other.end, kind: kind ?? self.kind, marks: self.marks.union(marks))
    }
}

/// One rule layered on top of UAX #29 (URLs, numbers, abbreviations, …): it reads the
/// pieces and returns them with some merged or split. Rules are small, pure and
/// independent; ``Tokenizer/Rules`` switches each of them on or off.
protocol TokenRule: Sendable {
    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece]
}

extension Array where Element == Piece {
    /// Rewrites the pieces left to right: at each index `match` may append replacement
    /// pieces to `output` and return the index after the pieces it consumed; `nil` keeps
    /// the piece as it is.
    func rewritten(_ match: (_ index: Int, _ output: inout [Piece]) -> Int?) -> [Piece] {
        var output: [Piece] = []
        output.reserveCapacity(count)
        var index = 0
        while index < count {
            if let next = match(index, &output), next > index {
                index = next
            } else {
                output.append(self[index])
                index += 1
            }
        }
        return output
    }

    /// The pieces with every piece overlapping one of `spans` replaced by that span; parts
    /// of a piece sticking out of a span become pieces of their own. `spans` must be in
    /// order and must not overlap.
    func replacing(_ spans: [Piece], in text: SegmentedText) -> [Piece] {
        guard !spans.isEmpty else { return self }
        var output: [Piece] = []
        output.reserveCapacity(count)
        var next = 0
        for piece in self {
            var cursor = piece.start
            while next < spans.count && spans[next].start < piece.end {
                let span = spans[next]
                if span.end <= cursor {               // a span lying in the gap before
                    output.append(span)
                    next += 1
                    continue
                }
                if cursor < span.start { output.append(text.piece(cursor..<span.start)) }
                guard span.end <= piece.end else {      // the span goes on past this piece
                    cursor = piece.end
                    break
                }
                output.append(span)
                next += 1
                cursor = span.end
            }
            if cursor == piece.start {
                output.append(piece)
            } else if cursor < piece.end {
                output.append(text.piece(cursor..<piece.end))
            }
        }
        output.append(contentsOf: spans[next...])
        return output
    }
}
