#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
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
    /// The message for a file `init?(creating:)` could not create (the reason from `errno`).
    static func cannotCreate(_ path: String) -> String {
        "\(path): cannot write (\(String(cString: strerror(errno))))"
    }

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
    private var records = 0
    private var started = 0.0
    private var lastDrawn = 0.0
    private var shownWidth = 0   // characters of the progress line now on the screen
    private var drawn = false

    /// Set in the environment of `--jobs` workers (``ParallelRun``): their parent shows
    /// the progress of the whole run, a worker shows none.
    static let workerVariable = "TILMASH_JOBS_WORKER"

    /// Switches progress on (``forced``, or standard error a terminal) for a run that reads
    /// `paths` (`-` or none: standard input); the total is known when all are regular files.
    /// Never in a `--jobs` worker.
    func start(paths: [String]) {
        if ProcessInfo.processInfo.environment[Self.workerVariable] != nil { return }
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

    /// Counts one JSON record read (shown beside the bytes).
    func record() {
        guard enabled else { return }
        records += 1
    }

    private func draw(_ now: Double) {
        let seconds = now - started
        var line = "tilmash: " + Self.size(done)
        if let total, total > 0 {
            line += " of " + Self.size(total) + " (\(min(100, done * 100 / total))%)"
        }
        if records > 0 { line += ", \(records) record" + (records == 1 ? "" : "s") }
        let rate = seconds > 0 ? Double(done) / seconds / 1e6 : 0
        line += ", " + Self.decimal(rate) + " MB/s, " + Self.decimal(seconds) + " s"
        // The time left at the rate so far, once there is a rate to go by.
        if let total, total > done, done > 0, seconds >= 1 {
            line += ", about " + Self.duration(Double(total - done) / (Double(done) / seconds)) + " left"
        }
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
    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

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
