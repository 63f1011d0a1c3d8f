import Foundation
import Tilmash

/// `--jobs N`: a command run by N worker processes of this same program, its output in the
/// input's order.
///
/// Processes rather than threads: every command stays the simple single-threaded loop it
/// is, and a worker is exactly the command a user runs (same options, same messages).
///
/// - **JSON records** (`--input jsonl`): this process reads the input (decoding
///   `--encoding`), sends the lines in batches of ``batchLines`` lines (at most
///   ``batchBytes``) to the workers in turn, each batch framed by a start line (its first
///   line number and file name, so that messages name the input line as without `--jobs`)
///   and an end line the worker echoes after the batch's output. Batches are written out in
///   the order they were sent; at most ``inFlight`` per worker are outstanding, so memory
///   stays bounded whatever the input's size.
/// - **Several FILEs** in plain-text mode: the files cut into N runs of neighbours of about
///   equal bytes, one worker per run, each writing to a temporary file (or to
///   `--output-dir`); the temporary files are copied to standard output in order.
/// - One plain-text stream has nothing to split (its pieces depend on each other): it runs
///   in this process.
///
/// Before any worker starts, the command runs here once with ``InputRunner/checksOnly`` —
/// it checks its arguments and loads what it needs, reads nothing — so that a usage error
/// is reported once, not once per worker.
struct ParallelRun {
    /// The hidden option that makes a process a worker; its value is the token of the
    /// frame lines (random, so that no input line can be mistaken for one).
    static let workerOption = "--jobs-worker"
    static let batchLines = 256
    static let batchBytes = 1 << 20
    static let inFlight = 2

    let command: any Command.Type
    let arguments: Arguments
    let jobs: Int

    /// `--jobs` (1 when absent; 0 means one per core); `nil` when the command runs in one
    /// process.
    static func jobs(_ arguments: Arguments) throws -> Int? {
        guard let value = arguments.value("--jobs") else { return nil }
        guard let count = Int(value), count >= 0, count <= 256 else {
            throw UsageError("invalid value '\(value)' for --jobs; expected a number of processes from 0 (one per core) to 256")
        }
        let jobs = count == 0 ? ProcessInfo.processInfo.activeProcessorCount : count
        return jobs > 1 ? jobs : nil
    }

    /// Runs the command with `jobs` workers; returns the exit status.
    func run() throws -> Int32 {
        let mode = try InputMode(arguments)
        let paths = arguments.positionals
        let wholePage = arguments.value("--format") == "html" && arguments.value("--output-dir") == nil
        guard mode.isJSONLines || (paths.count > 1 && !wholePage) else { return try command.run(arguments) }
        InputRunner.checksOnly = true
        let checked = try command.run(arguments)
        InputRunner.checksOnly = false
        guard checked == 0 else { return checked }
        return mode.isJSONLines ? try runRecords(mode, paths: paths.isEmpty ? ["-"] : paths) : try runFiles(paths)
    }

    // MARK: Workers

    /// A worker's environment: this process's, marked so that it shows no progress.
    static var workerEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging([ProgressMeter.workerVariable: "1"]) { $1 }
    }

    /// This program's path (a worker is the same binary).
    static var executable: URL {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: target)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// The command line of a worker: the command and its options without `--jobs`,
    /// `--progress` and the FILEs.
    private func workerArguments(dropping dropped: Set<String>) -> [String] {
        var result = [command.name]
        for (name, values) in arguments.repeated.sorted(by: { $0.key < $1.key }) where !dropped.contains(name) {
            for value in values { result.append(name + "=" + value) }
        }
        for flag in arguments.flags.sorted() where flag != "--progress" { result.append(flag) }
        return result
    }

    /// A frame line of a batch.
    enum Frame {
        case start(line: Int, file: String)
        case end
    }

    static func startLine(_ token: String, line: Int, file: String) -> String { "\u{1}\(token) start \(line) \(file)\n" }
    static func endLine(_ token: String) -> String { "\u{1}\(token) end\n" }

    /// The frame `line` (without its line end) is, or nil when it is none.
    static func frame(_ line: ArraySlice<UInt8>, token: String) -> Frame? {
        var text = String(decoding: line, as: UTF8.self)
        while text.last == "\r" || text.last == "\n" { text.removeLast() }
        let prefix = "\u{1}\(token) "
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        if rest == "end" { return .end }
        let parts = rest.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "start", let number = Int(parts[1]) else { return nil }
        return .start(line: number, file: String(parts[2]))
    }

    // MARK: JSON records

    private func runRecords(_ mode: InputMode, paths: [String]) throws -> Int32 {
        let token = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let dropped: Set<String> = ["--jobs", "--encoding", "--output-dir", Self.workerOption]
        let workerArguments = self.workerArguments(dropping: dropped) + [Self.workerOption + "=" + token]
        let workers = try (0..<jobs).map { _ in try Worker(arguments: workerArguments, token: token) }
        let outputDirectory = arguments.value("--output-dir")
        var failed = false
        var pending: [Int] = []     // the workers of the batches sent and not yet written, in order
        var out = OutputStream.standardOutput
        var next = 0                // the worker the next batch goes to

        func writeFront() {
            guard let output = workers[pending.removeFirst()].takeBatch() else {
                failed = true
                return
            }
            output.withUnsafeBytes { out.write(bytes: $0.bindMemory(to: UInt8.self)) }
        }

        // Each file's batches are written before the next file is read, so that its output
        // (and --output-dir's file) is complete before its repairs are reported.
        for path in paths {
            let reader: LineReader
            do { reader = try LineReader(path: path, encoding: mode.encoding) { ProgressMeter.shared.advance($0) } } catch {
                OutputStream.standardError.write("tilmash: \(error)\n")
                failed = true
                continue
            }
            if let directory = outputDirectory {
                // Every input gets its output file, also one without records.
                let target = directory + "/" + (path as NSString).lastPathComponent
                guard let stream = OutputStream(creating: target) else {
                    OutputStream.standardError.write("tilmash: " + OutputStream.cannotCreate(target) + "\n")
                    failed = true
                    continue
                }
                out = stream
            }
            var batch = ""
            var lines = 0, firstLine = 1, lineNumber = 0
            func send() {
                guard lines > 0 else { return }
                workers[next].send(Self.startLine(token, line: firstLine, file: reader.name) + batch + Self.endLine(token))
                pending.append(next)
                next = (next + 1) % jobs
                batch = ""
                lines = 0
                while pending.count >= jobs * Self.inFlight { writeFront() }
            }
            do {
                try reader.forEachLine(splitsLongLines: false) { bytes, _ in
                    lineNumber += 1
                    if lines == 0 { firstLine = lineNumber }
                    var content = bytes
                    let carriageReturn = content.last == 0x0D
                    while content.last == 0x0D { content = content.dropLast() }
                    ProgressMeter.shared.record()
                    batch += reader.decode(content).text + (carriageReturn ? "\r\n" : "\n")
                    lines += 1
                    if lines >= Self.batchLines || batch.utf8.count >= Self.batchBytes { send() }
                }
                send()
            } catch {
                send()
                OutputStream.standardError.write("tilmash: \(error)\n")
                failed = true
            }
            while !pending.isEmpty { writeFront() }
            out.flush()
            InputRunner.reportRepairs(reader.replacements, in: reader.name, encoding: mode.encoding)
        }
        for worker in workers where worker.finish() != 0 { failed = true }
        return failed ? 1 : 0
    }

    // MARK: Files

    private func runFiles(_ paths: [String]) throws -> Int32 {
        let workerArguments = self.workerArguments(dropping: ["--jobs", Self.workerOption])
        let directory = arguments.value("--output-dir")
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        var workers: [(process: Process, output: URL?, bytes: Int)] = []
        for group in Self.groups(sizes, count: jobs) {
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = workerArguments + ["--"] + group.map { paths[$0] }
            process.environment = Self.workerEnvironment
            process.standardInput = FileHandle.nullDevice
            var output: URL?
            if directory == nil {
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-job-\(getpid())-\(workers.count)")
                guard FileManager.default.createFile(atPath: url.path, contents: nil),
                      let handle = FileHandle(forWritingAtPath: url.path) else {
                    throw RuntimeFailure("\(url.path): cannot create a temporary file")
                }
                process.standardOutput = handle
                output = url
            }
            try process.run()
            workers.append((process, output, group.reduce(0) { $0 + sizes[$1] }))
        }
        var failed = false
        for (process, output, bytes) in workers {
            process.waitUntilExit()
            if process.terminationReason != .exit || process.terminationStatus != 0 { failed = true }
            if let output {
                defer { try? FileManager.default.removeItem(at: output) }
                if let handle = FileHandle(forReadingAtPath: output.path) {
                    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                        chunk.withUnsafeBytes { OutputStream.standardOutput.write(bytes: $0.bindMemory(to: UInt8.self)) }
                    }
                    OutputStream.standardOutput.flush()
                }
            }
            ProgressMeter.shared.advance(bytes)
        }
        return failed ? 1 : 0
    }

    /// The files' indices cut into at most `count` runs of neighbours with about equal
    /// bytes (runs of neighbours, so that the workers' outputs, one after the other, are
    /// in the files' order).
    static func groups(_ sizes: [Int], count: Int) -> [[Int]] {
        let total = max(1, sizes.reduce(0, +))
        var groups: [[Int]] = [[]]
        var bytes = 0
        for (index, size) in sizes.enumerated() {
            let filesLeft = sizes.count - index
            let groupsLeft = count - groups.count
            if !groups[groups.count - 1].isEmpty, groupsLeft > 0,
               bytes >= total * groups.count / count || filesLeft <= groupsLeft {
                groups.append([])
            }
            groups[groups.count - 1].append(index)
            bytes += size
        }
        return groups
    }
}

/// One worker process of a JSON records run: its standard input takes batches; a thread
/// reads its standard output and cuts it into the batches' outputs at the end lines.
private final class Worker: @unchecked Sendable {
    private let process = Process()
    private let input: FileHandle
    private let condition = NSCondition()
    private var done: [Data] = []          // outputs of finished batches, in order (guarded)
    private var ended = false              // its output is closed (guarded)
    private let output: FileHandle
    private let end: [UInt8]

    init(arguments: [String], token: String) throws {
        process.executableURL = ParallelRun.executable
        process.arguments = arguments
        process.environment = ParallelRun.workerEnvironment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        end = Array(ParallelRun.endLine(token).utf8)
        try process.run()
        Thread { self.readOutput() }.start()
    }

    /// The reader thread: cuts the output at each end line (one always starts a line).
    private func readOutput() {
        var buffer: [UInt8] = []
        var searched = 0
        while true {
            let chunk = output.availableData
            if chunk.isEmpty { break }
            buffer.append(contentsOf: chunk)
            var start = 0
            var index = max(0, searched - end.count)
            while index + end.count <= buffer.count {
                if buffer[index] == 0x01, index == start || buffer[index - 1] == 0x0A,
                   buffer[index..<(index + end.count)].elementsEqual(end) {
                    let piece = Data(buffer[start..<index])
                    condition.lock()
                    done.append(piece)
                    condition.broadcast()
                    condition.unlock()
                    index += end.count
                    start = index
                } else {
                    index += 1
                }
            }
            buffer.removeFirst(start)
            searched = buffer.count
        }
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Sends a framed batch (blocks while the worker's input pipe is full).
    func send(_ batch: String) {
        try? input.write(contentsOf: Data(batch.utf8))
    }

    /// The output of the oldest batch not yet taken, waiting for it; nil when the worker
    /// stopped before it was complete (reported on standard error).
    func takeBatch() -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while done.isEmpty && !ended { condition.wait() }
        if done.isEmpty {
            OutputStream.standardError.write("tilmash: a worker process stopped before its output was complete\n")
            return nil
        }
        return done.removeFirst()
    }

    /// Closes its input and waits for it; returns its exit status.
    func finish() -> Int32 {
        try? input.close()
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 1
    }
}
