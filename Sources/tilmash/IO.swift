#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writing to a file descriptor (standard output or standard error). The tool is
/// single-threaded; the shared instances are only touched from the main thread.
final class OutputStream: @unchecked Sendable {
    static let standardOutput = OutputStream(descriptor: 1)
    static let standardError = OutputStream(descriptor: 2, capacity: 0)

    private let descriptor: Int32
    private let capacity: Int
    private var buffer: [UInt8] = []

    init(descriptor: Int32, capacity: Int = 1 << 16) {
        self.descriptor = descriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
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

/// Reads an input (a file or standard input) in chunks, handing out one line at a time,
/// so memory stays flat however large the input is.
final class LineReader {
    /// The name used in messages: the path as given, or `-` for standard input.
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var pending: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var finished = false

    /// Opens `path` (`"-"` is standard input); an unreadable file throws with its reason.
    init(path: String) throws {
        name = path
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

    /// Calls `body` with each line's bytes (without its `\n`) and whether a `\n` ended it.
    ///
    /// A line longer than `maximumPiece` bytes is handed out in pieces (cut after a space,
    /// or else between two UTF-8 sequences), each without a newline, so one enormous line
    /// never has to fit in memory; writing the pieces' results one after the other gives
    /// the line's result. With `splitsLongLines: false` (JSON Lines) lines stay whole.
    func forEachLine(splitsLongLines: Bool = true, _ body: (ArraySlice<UInt8>, Bool) throws -> Void) throws {
        var start = 0
        var scanned = 0  // bytes after `start` already known to hold no newline
        while true {
            if let newline = pending[(start + scanned)...].firstIndex(of: 0x0A) {
                try body(pending[start..<newline], true)
                start = newline + 1
                scanned = 0
                continue
            }
            if splitsLongLines && pending.count - start > Self.maximumPiece {
                let cut = Self.cutPoint(pending, from: start, limit: start + Self.maximumPiece)
                try body(pending[start..<cut], false)
                start = cut
                scanned = 0
                continue
            }
            pending.removeFirst(start)
            start = 0
            scanned = pending.count
            if finished { break }
            let count = try readChunk()
            if count == 0 { finished = true } else { pending.append(contentsOf: chunk[0..<count]) }
        }
        if !pending.isEmpty { try body(pending[...], false) }
        pending.removeAll()
    }

    static let maximumPiece = 1 << 20

    /// Where to cut a long line: after the last space or tab before `limit`, or else at the
    /// last UTF-8 sequence boundary (never inside a character).
    private static func cutPoint(_ bytes: [UInt8], from start: Int, limit: Int) -> Int {
        var index = limit
        while index > start + (limit - start) / 2 {
            if bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { return index }
            index -= 1
        }
        index = limit
        while index > start + 1 && (bytes[index] & 0xC0) == 0x80 { index -= 1 }
        return index
    }

    /// The whole input as bytes (for commands that treat a file as one document).
    func readAll() throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let count = try readChunk()
            if count == 0 { break }
            all.append(contentsOf: chunk[0..<count])
        }
        return all
    }

    private func readChunk() throws -> Int {
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw RuntimeFailure("\(name): \(String(cString: strerror(errno)))")
        }
    }
}
