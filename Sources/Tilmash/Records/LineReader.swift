#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding of an input: UTF-8, decoded by ``UTF8Decoder`` with ill-formed
/// bytes repaired, or any encoding of ICU's converters (``EncodingConverter``).
public struct InputEncoding: Sendable {
    /// The name as given (`UTF-8` by default), for messages.
    public let name: String
    /// The ICU converter's name; nil for UTF-8.
    public let converterName: String?

    /// UTF-8.
    public static let utf8 = InputEncoding(name: "UTF-8", converterName: nil)

    private init(name: String, converterName: String?) {
        self.name = name
        self.converterName = converterName
    }

    /// The encoding called `name` (`nil`: UTF-8); throws ``EncodingError/unknown(_:)`` for a
    /// name ICU does not know.
    public init(named name: String?) throws {
        let given = name ?? "utf-8"
        let folded = given.lowercased().filter { $0 != "-" && $0 != "_" }
        if folded == "utf8" {
            self.name = "UTF-8"
            converterName = nil
            return
        }
        guard EncodingConverter.isKnown(given) else { throw EncodingError.unknown(given) }
        self.name = given
        converterName = given
    }
}

/// A line (or piece of a line) decoded: its text, where input bytes were counted as one
/// replaced scalar or differently from the text's UTF-8, and how many input bytes it took.
public struct DecodedText: Sendable {
    /// The text.
    public var text: String
    /// Scalars whose input bytes differ from their UTF-8 (U+FFFD for ill-formed bytes; in
    /// a legacy encoding, every scalar whose encoded length is not its UTF-8 length).
    public var replaced: [UTF8Decoder.Replacement]
    /// The input bytes it came from.
    public var inputBytes: Int
}

/// Reads an input (a file or standard input) in chunks, handing out one line at a time,
/// so memory stays flat however large the input is. Input in another encoding than UTF-8
/// is converted chunk by chunk (``EncodingConverter``), remembering each character's input
/// offset for ``decode(_:newline:)``.
///
/// Not `Sendable`: a reader holds the position in one input; use it from one thread.
public final class LineReader {
    /// The name used in messages: the path as given, or `-` for standard input.
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var pending: [UInt8] = []
    /// With a converter: for each byte of `pending`, the input offset of its scalar's start.
    private var pendingStarts: [Int] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var finished = false
    private let converter: EncodingConverter?
    /// Nothing converted yet (a byte-order mark the converter consumed is put back).
    private var atStart = true
    /// Ill-formed (or unmappable) sequences replaced so far.
    public private(set) var replacements = 0
    /// Called with the number of bytes of each read (a progress meter's hook).
    private let onRead: ((Int) -> Void)?

    /// Opens `path` (`"-"` is standard input) in `encoding`; an unreadable file throws an
    /// ``InputError`` with its reason. `onRead` is told the size of every read.
    public init(path: String, encoding: InputEncoding = .utf8, onRead: ((Int) -> Void)? = nil) throws {
        self.onRead = onRead
        name = path
        converter = try encoding.converterName.map { try EncodingConverter(encoding: $0) }
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else {
                throw InputError("\(path): \(String(cString: strerror(errno)))")
            }
            var info = stat()
            if fstat(opened, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw InputError("\(path): is a directory")
            }
            descriptor = opened
            ownsDescriptor = true
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// How a piece of input handed to `forEachLine`'s body ends.
    public enum LineEnd: Sendable {
        /// A `\n` ended the line (it is not part of the bytes).
        case newline
        /// A piece of a line longer than `maximumPiece`: the line goes on in the next call.
        case continues
        /// The input ended without a `\n`.
        case endOfInput
    }

    /// Calls `body` with each line's bytes (without its `\n`; UTF-8, converted when the
    /// input is in another encoding) and how the line ended.
    ///
    /// A line longer than `maximumPiece` bytes is handed out in pieces (cut after a space,
    /// or else between two UTF-8 sequences), each ending `.continues`, so one enormous line
    /// never has to fit in memory; writing the pieces' results one after the other gives
    /// the line's result. With `splitsLongLines: false` (JSON Lines) lines stay whole.
    public func forEachLine(splitsLongLines: Bool = true, maximumPiece: Int = LineReader.maximumPiece,
                     _ body: (ArraySlice<UInt8>, LineEnd) throws -> Void) throws {
        var start = 0
        var scanned = 0  // bytes after `start` already known to hold no newline
        while true {
            if let newline = pending[(start + scanned)...].firstIndex(of: 0x0A) {
                try body(pending[start..<newline], .newline)
                start = newline + 1
                scanned = 0
                continue
            }
            if splitsLongLines && pending.count - start > maximumPiece {
                let cut = Self.cutPoint(pending, from: start, limit: start + maximumPiece)
                try body(pending[start..<cut], .continues)
                start = cut
                scanned = 0
                continue
            }
            pending.removeFirst(start)
            if converter != nil { pendingStarts.removeFirst(start) }
            start = 0
            scanned = pending.count
            if finished { break }
            let count = try readChunk()
            if count == 0 { finished = true }
            if let converter {
                var converted = try converter.convert(chunk[0..<count], flush: count == 0)
                // A byte-order mark the converter consumed (utf-16, utf-32) stays in the text
                // as U+FEFF, as in UTF-8 input, so that offsets after it count its bytes.
                if atStart, let first = converted.scalarStarts.first, first > 0 {
                    converted.utf8.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
                    converted.scalarStarts.insert(0, at: 0)
                }
                if !converted.utf8.isEmpty { atStart = false }
                var scalar = 0
                for byte in converted.utf8 {
                    if byte & 0xC0 != 0x80 { scalar += 1 }
                    pendingStarts.append(converted.scalarStarts[scalar - 1])
                }
                pending.append(contentsOf: converted.utf8)
                replacements = converter.substitutions
            } else if count > 0 {
                pending.append(contentsOf: chunk[0..<count])
            }
        }
        if !pending.isEmpty { try body(pending[...], .endOfInput) }
        pending.removeAll()
        pendingStarts.removeAll()
    }

    /// Decodes a line handed out by ``forEachLine(splitsLongLines:maximumPiece:_:)`` (call
    /// it from the body: the slice must still be the reader's), with its `\n` appended when
    /// `newline` is true. Ill-formed UTF-8 is replaced by U+FFFD (and counted in
    /// ``replacements``); converted input is valid already and counts its own bytes.
    public func decode(_ bytes: ArraySlice<UInt8>, newline: Bool = false) -> DecodedText {
        guard converter != nil else {
            let decoded = UTF8Decoder.decode(bytes)
            replacements += decoded.replacements
            return DecodedText(text: newline ? decoded.text + "\n" : decoded.text, replaced: decoded.replaced,
                               inputBytes: bytes.count + (newline ? 1 : 0))
        }
        let end = bytes.endIndex + (newline ? 1 : 0)
        func inputStart(_ index: Int) -> Int {
            index < pendingStarts.count ? pendingStarts[index] : converter!.consumed
        }
        let first = bytes.startIndex
        let begin = inputStart(first)
        var replaced: [UTF8Decoder.Replacement] = []
        var scalar = 0
        var index = first
        while index < end {
            let lead = pending[index]
            let width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let inputWidth = inputStart(index + width) - inputStart(index)
            if inputWidth != width { replaced.append(UTF8Decoder.Replacement(scalarOffset: scalar, bytes: inputWidth)) }
            scalar += 1
            index += width
        }
        return DecodedText(text: String(decoding: pending[bytes.startIndex..<end], as: UTF8.self), replaced: replaced,
                           inputBytes: inputStart(end) - begin)
    }

    /// The longest piece of a line handed out at once (1 MiB).
    public static let maximumPiece = 1 << 20
    /// Where to cut a long line: after the last space or tab before `limit`, or else at the
    /// last UTF-8 sequence boundary (never inside a character) that is not followed by a
    /// combining mark, a joiner or a variation selector, so that a letter and its marks stay
    /// together (NFC composes them) — unless more than 1,000 such characters follow one
    /// another, where any character boundary will do.
    static func cutPoint(_ bytes: [UInt8], from start: Int, limit: Int) -> Int {
        var index = limit
        while index > start + (limit - start) / 2 {
            if bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { return index }
            index -= 1
        }
        func sequenceStart(before position: Int) -> Int {
            var position = position
            while position > start + 1 && (bytes[position] & 0xC0) == 0x80 { position -= 1 }
            return position
        }
        let boundary = sequenceStart(before: limit)
        index = boundary
        for _ in 0..<1_000 {
            guard index > start + 1, continuesCharacter(bytes, at: index) else { return index }
            index = sequenceStart(before: index - 1)
        }
        return boundary
    }

    /// True when the scalar whose UTF-8 sequence starts at `index` attaches to the one
    /// before it: a combining mark, ZWJ/ZWNJ, a variation selector or an emoji modifier.
    private static func continuesCharacter(_ bytes: [UInt8], at index: Int) -> Bool {
        let lead = bytes[index]
        guard lead >= 0xC0 else { return false }   // ASCII never attaches
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        // A sequence not read in full yet may be a mark: cut before it to be safe.
        guard index + length <= bytes.count else { return true }
        guard let text = String(validating: bytes[index..<index + length], as: UTF8.self),
              let scalar = text.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar.value == 0x200C || scalar.value == 0x200D || scalar.properties.isVariationSelector
                || (0x1F3FB...0x1F3FF).contains(scalar.value)
        }
    }

    private func readChunk() throws -> Int {
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 {
                onRead?(count)
                return count
            }
            if errno == EINTR { continue }
            throw InputError("\(name): \(String(cString: strerror(errno)))")
        }
    }
}

/// An input that cannot be opened or read: its path and the system's reason.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
