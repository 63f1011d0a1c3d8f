import Tilmash

/// The `--offsets scalar|utf8|utf16` option: converts Unicode scalar offsets (the
/// default, as Python and spaCy count) into UTF-8 or UTF-16 offsets of the same document.
enum OffsetUnit: String {
    case scalar, utf8, utf16

    static func parse(_ arguments: Arguments) throws -> OffsetUnit {
        OffsetUnit(rawValue: try arguments.choice("--offsets", from: ["scalar", "utf8", "utf16"], default: "scalar"))!
    }

}

/// Where a piece of a document lies in the input, for output offsets: turns a scalar
/// offset in the piece's decoded text into an offset in the document, in the unit that
/// `--offsets` asks for. UTF-8 offsets count the input's own bytes: a U+FFFD that replaced
/// ill-formed bytes counts as those bytes (`a\xff Tokayev`: Tokayev starts at byte 3).
struct PieceOffsets {
    private let unit: OffsetUnit
    private let base: Int
    /// Offset in `unit` of every scalar boundary of the piece (empty for `scalar`).
    private let prefix: [Int]

    init(text: String, replaced: [UTF8Decoder.Replacement], start: DocumentPosition, unit: OffsetUnit) {
        self.unit = unit
        base = start.offset(in: unit)
        guard unit != .scalar else { prefix = []; return }
        var prefix: [Int] = [0]
        prefix.reserveCapacity(text.unicodeScalars.count + 1)
        var total = 0, next = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if unit == .utf8, next < replaced.count, replaced[next].scalarOffset == index {
                total += replaced[next].bytes
                next += 1
            } else {
                total += unit == .utf8 ? UTF8.width(scalar) : UTF16.width(scalar)
            }
            prefix.append(total)
        }
        self.prefix = prefix
    }

    /// The document offset of scalar offset `offset` of the piece.
    func callAsFunction(_ offset: Int) -> Int { base + (unit == .scalar ? offset : prefix[offset]) }

    /// The document range of scalar range `range` of the piece.
    func callAsFunction(_ range: Range<Int>) -> Range<Int> { self(range.lowerBound)..<self(range.upperBound) }
}
