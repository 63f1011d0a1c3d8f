/// The unit of printed offsets (`--offsets scalar|utf8|utf16`): Unicode scalars (the
/// default, as Python and spaCy count), UTF-8 bytes of the input, or UTF-16 units.
public enum OffsetUnit: String, Sendable, CaseIterable {
    case scalar, utf8, utf16
}

/// A place in a document in the three offset units (for pieces of a long document).
public struct DocumentPosition: Sendable, Equatable {
    /// Scalars of the decoded text, bytes of the input, UTF-16 units of the decoded text.
    public var scalars = 0, utf8 = 0, utf16 = 0

    /// The start of a document.
    public init() {}

    /// This position in `unit`.
    public func offset(in unit: OffsetUnit) -> Int {
        switch unit {
        case .scalar: return scalars
        case .utf8: return utf8
        case .utf16: return utf16
        }
    }
}

/// A piece of a document as ``DocumentPieces`` hands it over: where it starts and where
/// the decoder replaced ill-formed bytes in it.
public struct DocumentPiece: Sendable {
    /// Where the piece starts in its document.
    public var start = DocumentPosition()
    /// Scalars whose input bytes differ from their UTF-8 (``DecodedText/replaced``).
    public var replaced: [UTF8Decoder.Replacement] = []

    /// A piece at the start of a document, nothing replaced.
    public init() {}

    /// A piece at `start` with `replaced` scalars.
    public init(start: DocumentPosition, replaced: [UTF8Decoder.Replacement]) {
        self.start = start
        self.replaced = replaced
    }

    /// The converter of the piece's scalar offsets (text `text`) to document offsets in `unit`.
    public func offsets(for text: String, in unit: OffsetUnit) -> PieceOffsets {
        PieceOffsets(text: text, replaced: replaced, start: start, unit: unit)
    }
}

/// The lines of a document gathered into pieces, so that memory stays bounded on any file
/// size: a piece ends at a paragraph break (a blank line) once it holds
/// ``paragraphTarget`` bytes, at a line break once it holds ``lineLimit``, and inside a
/// longer line where ``LineReader`` cuts it (at whitespace, never inside a character).
public struct DocumentPieces: Sendable {
    /// A piece ends at the first paragraph break after this many bytes…
    public static let paragraphTarget = 64 * 1024
    /// …or, without one, at the first line break after this; a longer line is cut at
    /// whitespace into pieces of at most this size.
    public static let lineLimit = 128 * 1024

    /// The decoded text gathered so far.
    public private(set) var text = ""
    private var replaced: [UTF8Decoder.Replacement] = []
    private var inputBytes = 0
    private var scalars = 0
    /// Where the next piece handed over starts in the document.
    public private(set) var start = DocumentPosition()

    /// A document's pieces, none gathered yet.
    public init() {}

    /// True when no text is gathered.
    public var isEmpty: Bool { text.isEmpty }

    /// Adds one decoded line (or piece of a long line); true when the piece should be
    /// handed over.
    public mutating func append(_ line: DecodedText, end: LineReader.LineEnd) -> Bool {
        for replacement in line.replaced {
            replaced.append(UTF8Decoder.Replacement(scalarOffset: replacement.scalarOffset + scalars, bytes: replacement.bytes))
        }
        text += line.text
        scalars += line.text.unicodeScalars.count
        inputBytes += line.inputBytes
        guard end != .endOfInput else { return false }
        if text.utf8.count >= Self.lineLimit { return true }
        let blank = line.text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        return end == .newline && blank && text.utf8.count >= Self.paragraphTarget
    }

    /// Hands over the gathered piece: its text and where it lies in the document; the next
    /// piece starts after it.
    public mutating func take() -> (text: String, piece: DocumentPiece) {
        let taken = (text, DocumentPiece(start: start, replaced: replaced))
        start.scalars += scalars
        start.utf8 += inputBytes
        start.utf16 += text.utf16.count
        text = ""
        replaced = []
        inputBytes = 0
        scalars = 0
        return taken
    }
}

/// Where a piece of a document lies in the input, for output offsets: turns a scalar
/// offset in the piece's decoded text into an offset in the document, in the unit that
/// `--offsets` asks for. UTF-8 offsets count the input's own bytes: a U+FFFD that replaced
/// ill-formed bytes counts as those bytes (`a\xff Tokayev`: Tokayev starts at byte 3).
public struct PieceOffsets: Sendable {
    private let unit: OffsetUnit
    private let base: Int
    /// Offset in `unit` of every scalar boundary of the piece (empty for `scalar`).
    private let prefix: [Int]

    public init(text: String, replaced: [UTF8Decoder.Replacement], start: DocumentPosition, unit: OffsetUnit) {
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
    public func callAsFunction(_ offset: Int) -> Int { base + (unit == .scalar ? offset : prefix[offset]) }

    /// The document range of scalar range `range` of the piece.
    public func callAsFunction(_ range: Range<Int>) -> Range<Int> { self(range.lowerBound)..<self(range.upperBound) }
}
