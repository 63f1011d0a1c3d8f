#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tilmash

/// Buffered writing to a file descriptor (standard output or standard error). The tool is
/// single-threaded; the shared instances are only touched from the main thread.
final class OutputStream: @unchecked Sendable {
    static let standardOutput = OutputStream(descriptor: 1)
    static let standardError = OutputStream(descriptor: 2, capacity: 0)

    private let descriptor: Int32
    private let capacity: Int
    private var buffer: [UInt8] = []

    private let ownsDescriptor: Bool

    init(descriptor: Int32, capacity: Int = 1 << 16) {
        self.descriptor = descriptor
        self.capacity = capacity
        ownsDescriptor = false
        buffer.reserveCapacity(capacity)
    }

    /// A stream to a new (or truncated) file at `path`; nil when it cannot be created
    /// (`errno` says why).
    init?(creating path: String) {
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard opened >= 0 else { return nil }
        descriptor = opened
        capacity = 1 << 16
        ownsDescriptor = true
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if ownsDescriptor {
            flush()
            close(descriptor)
        }
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    func flush() {
        if descriptor == 2 && !buffer.isEmpty { ProgressMeter.shared.clearLine() }
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The input's character encoding (`--encoding`): UTF-8, decoded by ``UTF8Decoder`` with
/// ill-formed bytes repaired, or any encoding of ICU's converters.
struct InputEncoding {
    /// The name as given (`utf-8` by default), for messages.
    let name: String
    /// Nil for UTF-8.
    let converterName: String?

    init(named name: String?) throws {
        let given = name ?? "utf-8"
        let folded = given.lowercased().filter { $0 != "-" && $0 != "_" }
        if folded == "utf8" {
            self.name = "UTF-8"
            converterName = nil
            return
        }
        guard EncodingConverter.isKnown(given) else { throw UsageError(EncodingError.unknown(given).description) }
        self.name = given
        converterName = given
    }
}

/// A line (or piece of a line) decoded: its text, where input bytes were counted as one
/// replaced scalar or differently from the text's UTF-8, and how many input bytes it took.
struct DecodedText {
    var text: String
    /// Scalars whose input bytes differ from their UTF-8 (U+FFFD for ill-formed bytes; in
    /// a legacy encoding, every scalar whose encoded length is not its UTF-8 length).
    var replaced: [UTF8Decoder.Replacement]
    /// The input bytes it came from.
    var inputBytes: Int
}

/// Reads an input (a file or standard input) in chunks, handing out one line at a time,
/// so memory stays flat however large the input is. Input in another encoding than UTF-8
/// is converted chunk by chunk (``EncodingConverter``), remembering each character's input
/// offset for ``decode(_:newline:)``.
final class LineReader {
    /// The name used in messages: the path as given, or `-` for standard input.
    let name: String
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
    private(set) var replacements = 0

    /// Opens `path` (`"-"` is standard input); an unreadable file throws with its reason.
    init(path: String, encoding: InputEncoding? = nil) throws {
        name = path
        converter = try encoding?.converterName.map { try EncodingConverter(encoding: $0) }
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else {
                throw RuntimeFailure("\(path): \(String(cString: strerror(errno)))")
            }
            var info = stat()
            if fstat(opened, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw RuntimeFailure("\(path): is a directory")
            }
            descriptor = opened
            ownsDescriptor = true
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// How a piece of input handed to `forEachLine`'s body ends.
    enum LineEnd {
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
    func forEachLine(splitsLongLines: Bool = true, maximumPiece: Int = LineReader.maximumPiece,
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
    func decode(_ bytes: ArraySlice<UInt8>, newline: Bool = false) -> DecodedText {
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

    static let maximumPiece = 1 << 20
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
                ProgressMeter.shared.advance(count)
                return count
            }
            if errno == EINTR { continue }
            throw RuntimeFailure("\(name): \(String(cString: strerror(errno)))")
        }
    }
}

/// Progress on standard error while the input is read: bytes read, of how many when the
/// inputs are regular files, and the rate —
/// `tilmash: 412.3 MB of 1.07 GB (38%), 61.2 MB/s, 6.7 s` — redrawn in place (`\r`) at
/// most every 0.5 s, with a final line and newline at the end. On by default when standard
/// error is a terminal (and standard output is not: the output would be drawn over);
/// `--progress` forces it. A message on standard error first clears the progress line.
final class ProgressMeter: @unchecked Sendable {
    static let shared = ProgressMeter()

    /// Set from `--progress` before the command runs.
    var forced = false
    private var enabled = false
    private var total: Int?
    private var done = 0
    private var started = 0.0
    private var lastDrawn = 0.0
    private var shownWidth = 0   // characters of the progress line now on the screen
    private var drawn = false

    /// Switches progress on (``forced``, or standard error a terminal) for a run that reads
    /// `paths` (`-` or none: standard input); the total is known when all are regular files.
    func start(paths: [String]) {
        let paths = paths.isEmpty ? ["-"] : paths
        let readsTerminal = paths.contains("-") && isatty(0) == 1
        enabled = forced || (isatty(2) == 1 && isatty(1) == 0 && !readsTerminal)
        guard enabled else { return }
        var sum = 0
        for path in paths {
            var info = stat()
            let found = path == "-" ? fstat(0, &info) : stat(path, &info)
            guard found == 0, (info.st_mode & S_IFMT) == S_IFREG else { sum = -1; break }
            var size = Int(info.st_size)
            if path == "-" { size -= max(0, Int(lseek(0, 0, SEEK_CUR))) }
            sum += max(0, size)
        }
        total = sum >= 0 ? sum : nil
        started = Self.now()
        lastDrawn = started
    }

    /// Counts `count` more bytes read; redraws when 0.5 s have passed since the last time.
    func advance(_ count: Int) {
        guard enabled else { return }
        done += count
        let now = Self.now()
        if now - lastDrawn >= 0.5 {
            lastDrawn = now
            draw(now)
        }
    }

    /// Ends the run: the final figures and a newline (only when progress was shown, or
    /// `--progress` asked for it).
    func finish() {
        guard enabled, forced || drawn else { return }
        draw(Self.now())
        emit("\n")
        shownWidth = 0
        enabled = false
    }

    /// Wipes the progress line so that a message can be written on a clean line; the next
    /// update draws it again.
    func clearLine() {
        guard shownWidth > 0 else { return }
        emit("\r" + String(repeating: " ", count: shownWidth) + "\r")
        shownWidth = 0
    }

    private func draw(_ now: Double) {
        let seconds = now - started
        var line = "tilmash: " + Self.size(done)
        if let total, total > 0 {
            line += " of " + Self.size(total) + " (\(min(100, done * 100 / total))%)"
        }
        let rate = seconds > 0 ? Double(done) / seconds / 1e6 : 0
        line += ", " + Self.decimal(rate) + " MB/s, " + Self.decimal(seconds) + " s"
        let padding = max(0, shownWidth - line.count)
        emit("\r" + line + String(repeating: " ", count: padding))
        shownWidth = line.count
        drawn = true
    }

    private func emit(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `812 B`, `45.3 kB`, `412.3 MB`, `1.07 GB` (decimal units, as `MB/s`).
    private static func size(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value < 1e3 { return "\(bytes) B" }
        if value < 1e6 { return decimal(value / 1e3) + " kB" }
        if value < 1e9 { return decimal(value / 1e6) + " MB" }
        return decimal(value / 1e9, places: 2) + " GB"
    }

    private static func decimal(_ value: Double, places: Int = 1) -> String {
        let scale = places == 2 ? 100.0 : 10.0
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }
}
