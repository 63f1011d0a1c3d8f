import Foundation
import Tilmash

/// How a command reads its input: plain text, or one JSON object per line whose `field`
/// holds a whole document (`--input jsonl [--field text]`), and what becomes of a JSON
/// record that cannot be processed (`--on-error fail|skip|pass`).
struct InputMode {
    /// What happens to a record that is no JSON object, lacks the field, or fails.
    enum ErrorPolicy: String {
        /// Report it, write nothing for it, exit 1 at the end (the default).
        case fail
        /// Report it and write nothing for it (exit 0).
        case skip
        /// Report it and write it through unchanged with an `"error"` field (a JSON object
        /// `{"error":…,"line":…}` holding the raw line when it is no JSON object), exit 0.
        case pass
    }

    /// JSON Lines input: the field read, where the result goes, where each record's
    /// language is read, and the error policy.
    struct Records {
        var field: String
        var outputField: String?
        var languageField: String?
        var onError: ErrorPolicy
    }

    /// `nil` for plain text.
    private(set) var records: Records?
    /// `--encoding`: how the input's bytes are decoded (UTF-8 unless named).
    let encoding: InputEncoding
    /// Set in a worker process of `--jobs` (``ParallelRun``): the token of its batch lines.
    let workerToken: String?

    static let valueOptions: Set<String> = ["--input", "--field", "--on-error", "--lang-field", "--encoding", "--output-dir",
                                            "--jobs", ParallelRun.workerOption]

    /// The options shared by every command that reads input, for its `--help`.
    static let help = """
      --input MODE      text (default) or jsonl: one JSON object per line, its --field
                        (default "text") is the document; every other field is copied
                        byte for byte (numbers as written, field order kept)
      --field NAME      with --input jsonl: the field that holds the text
      --lang-field NAME with --input jsonl: read each record's language from this field
                        (a code such as tr or de; auto when absent or unknown)
      --on-error P      with --input jsonl, for a record that is no JSON object, lacks the
                        field or fails: fail (default: report, drop, exit 1), skip (report,
                        drop, exit 0) or pass (report, write it through with an "error"
                        field — {"error","line"} when it is no JSON object — exit 0).
                        Messages name the input line and the record's "id"
      --encoding NAME   the input's character encoding (default utf-8; any ICU converter:
                        cp1251, cp1254, koi8-r, iso-8859-9, utf-16, utf-16le, ...);
                        --offsets utf8 then counts the input's own bytes
      --output-dir DIR  write each input FILE's output to DIR/FILE's name instead of
                        standard output (names must differ)
      --jobs N          run N processes (default 1; 0: one per core): JSON records go
                        to them in batches, several FILEs in N runs of neighbours; the
                        output is what one process writes, in the input's order, and
                        memory stays bounded. One plain-text stream (and tag --format
                        html without --output-dir) runs in one process
      --progress        show on standard error the bytes and JSON records read, MB/s and
                        the time left (the default when standard error is a terminal)
      -h, --help        show this help
    """

    init(_ arguments: Arguments, outputField: String? = nil) throws {
        let mode = try arguments.choice("--input", from: ["text", "jsonl"], default: "text")
        do { encoding = try InputEncoding(named: arguments.value("--encoding")) } catch let error as EncodingError {
            throw UsageError(error.description)
        }
        workerToken = arguments.value(ParallelRun.workerOption)
        if mode == "text" {
            for option in ["--field", "--on-error", "--lang-field", "--output-field"] where arguments.value(option) != nil {
                throw UsageError("\(option) needs --input jsonl")
            }
            records = nil
        } else {
            let policy = try arguments.choice("--on-error", from: ["fail", "skip", "pass"], default: "fail")
            let field = arguments.value("--field") ?? "text"
            for option in ["--field", "--lang-field", "--output-field"] where arguments.value(option)?.isEmpty == true {
                throw UsageError("\(option) needs a field name")
            }
            records = Records(field: field, outputField: arguments.value("--output-field") ?? outputField,
                              languageField: arguments.value("--lang-field"), onError: ErrorPolicy(rawValue: policy)!)
        }
    }

    var isJSONLines: Bool { records != nil }

    /// The same mode reading each record's language from `field`.
    func readingLanguage(from field: String) -> InputMode {
        var copy = self
        copy.records?.languageField = field
        return copy
    }
}

/// Runs a command over its inputs (files or standard input), line by line or JSON object
/// by JSON object, keeping count of repairs and errors for the exit status.
final class InputRunner {
    /// When set (by ``ParallelRun`` before it starts workers), a command checks its
    /// arguments and builds what it needs, and the runner then reads nothing and returns 0.
    nonisolated(unsafe) static var checksOnly = false

    let mode: InputMode
    let paths: [String]
    /// `--lang`: the command's language (`nil`: auto).
    let language: Language?
    private var out = OutputStream.standardOutput
    private let outputDirectory: String?
    private(set) var failed = false

    /// A runner over `paths` (none: standard input). `language` is the command's `--lang`,
    /// used where a record has no language of its own.
    init(mode: InputMode, arguments: Arguments, paths: [String]? = nil, language: Language? = nil) throws {
        self.mode = mode
        self.language = language
        let paths = paths ?? arguments.positionals
        self.paths = paths.isEmpty ? ["-"] : paths
        outputDirectory = arguments.value("--output-dir")
        if let directory = outputDirectory {
            guard !self.paths.contains("-") else { throw UsageError("--output-dir needs FILE arguments (standard input has no name)") }
            let names = self.paths.map { Self.fileName($0) }
            if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
                throw UsageError("--output-dir: two inputs are named \(twice)")
            }
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
                do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                    throw RuntimeFailure("--output-dir \(directory): cannot create it")
                }
            } else if !isDirectory.boolValue {
                throw UsageError("--output-dir \(directory) is a file, not a folder")
            }
        }
        ProgressMeter.shared.start(paths: self.paths)
    }

    private static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// The language for a record: its `--lang-field` when that holds a language code,
    /// else the command's.
    func language(of record: JSONRecord?) -> Language? {
        guard let record, let field = mode.records?.languageField,
              let code = try? record.string(field), let language = Language(code: code), language != .undetermined
        else { return language }
        return language
    }

    /// Streams every input line through `transform` (text mode: one output line per input
    /// line, line endings — `\n` or `\r\n` — kept as they were). In JSONL mode `transform`
    /// gets the field's text and the record's language; the result goes to the output field
    /// (default: the field read), and `addedFields` are added where the record has no field
    /// of that name (JSON text as values).
    ///
    /// A text line longer than ``LineReader/maximumPiece`` is transformed in pieces cut at
    /// whitespace. `collapsesSpaces` says that `transform` trims spaces at the ends of its
    /// text and collapses runs of them (normalization): the whitespace at a cut is then
    /// written as one space between the pieces' results, as for the whole line; otherwise
    /// the pieces' results are written one after the other (whitespace passes through).
    func streamLines(_ transform: (String, Language?) throws -> String, collapsesSpaces: Bool = false,
                     addedFields: ((String) throws -> [(String, String)])? = nil) -> Int32 {
        if let records = mode.records {
            return forEachInput { reader in
                try forEachRecord(reader, records) { record, text in
                    var result = record.setting(records.outputField ?? records.field,
                                                toJSON: JSONText.quoted(try transform(text, language(of: record))))
                    for (name, json) in try addedFields?(text) ?? [] where result.field(name) == nil {
                        result = result.setting(name, toJSON: json)
                    }
                    writeRecord(result.text)
                }
            }
        }
        return forEachInput { reader in
            var midLine = false
            var lineWritten = false   // some text of the current line is written (collapsesSpaces)
            var spaceBefore = false   // whitespace at a cut awaits the next piece's text
            try reader.forEachLine(splitsLongLines: true) { bytes, end in
                midLine = end == .continues
                var content = bytes
                // A CRLF line end is written back as CRLF; `\r\r\n` (a CRLF converted twice)
                // is the same one line end.
                let carriageReturn = end != .continues && content.last == 0x0D
                while end != .continues, content.last == 0x0D { content = content.dropLast() }
                let decoded = reader.decode(content)
                var result = try transform(decoded.text, language)
                if collapsesSpaces && (midLine || lineWritten) {
                    if decoded.text.unicodeScalars.first?.properties.isWhitespace == true { spaceBefore = true }
                    if !result.isEmpty {
                        if spaceBefore && lineWritten { result = " " + result }
                        lineWritten = true
                        spaceBefore = false
                    }
                    if decoded.text.unicodeScalars.last?.properties.isWhitespace == true { spaceBefore = true }
                    if !midLine { lineWritten = false; spaceBefore = false }
                }
                out.write(result)
                if carriageReturn { out.write("\r") }
                if end == .newline { out.write("\n") }
            }
        }
    }

    /// Calls `body` for each document — each JSON record's field in JSONL mode; in text mode
    /// each file (or standard input), handed over in pieces so that memory stays bounded
    /// on any file size: a piece ends at a paragraph break (a blank line) once it holds
    /// ``DocumentPieces/paragraphTarget`` bytes, at a line break once it holds
    /// ``DocumentPieces/lineLimit``, and inside a longer line at whitespace (where
    /// ``LineReader`` cuts long lines, never inside a character). A file below the target is
    /// one piece. `piece` tells where the piece begins in its document; `finish` is called
    /// after each document (in JSONL mode after each record's `body`). A JSONL record whose
    /// `body` or `finish` throws is handled by `--on-error`.
    func forEachDocument(_ body: (_ name: String, _ text: String, _ piece: DocumentPiece, _ record: JSONRecord?) throws -> Void,
                         finish: ((_ name: String, _ record: JSONRecord?) throws -> Void)? = nil) -> Int32 {
        forEachInput { reader in
            if let records = mode.records {
                try forEachRecord(reader, records) { record, text in
                    try body(reader.name, text, DocumentPiece(), record)
                    try finish?(reader.name, record)
                }
                return
            }
            var pieces = DocumentPieces()
            func flush() throws {
                let (text, piece) = pieces.take()
                try body(reader.name, text, piece, nil)
            }
            try reader.forEachLine(splitsLongLines: true, maximumPiece: DocumentPieces.lineLimit) { bytes, end in
                if pieces.append(reader.decode(bytes, newline: end == .newline), end: end) { try flush() }
            }
            if !pieces.isEmpty || pieces.start.utf8 == 0 { try flush() }
            try finish?(reader.name, nil)
        }
    }

    func write(_ text: String) { out.write(text) }

    /// Writes out what is buffered for the current output.
    func flush() { out.flush() }

    /// True when every input FILE gets its own output file (`--output-dir`).
    var writesFilePerInput: Bool { outputDirectory != nil }

    /// The line end of the JSON record being processed (`\r\n` when its line had one).
    private var recordLineEnd = "\n"

    /// Writes one output record (JSON text) with the line end its input record had.
    func writeRecord(_ json: String) {
        out.write(json)
        out.write(recordLineEnd)
    }

    /// Reports a problem on standard error and marks the run as failed (exit 1 at the end).
    func error(_ message: String) {
        out.flush()
        OutputStream.standardError.write("tilmash: \(message)\n")
        failed = true
    }

    private func forEachInput(_ body: (LineReader) throws -> Void) -> Int32 {
        if Self.checksOnly { return 0 }
        for path in paths {
            do {
                let reader = try LineReader(path: path, encoding: mode.encoding) { ProgressMeter.shared.advance($0) }
                if let directory = outputDirectory {
                    let target = directory + "/" + Self.fileName(path)
                    guard let stream = OutputStream(creating: target) else {
                        self.error(OutputStream.cannotCreate(target))
                        continue
                    }
                    out = stream
                }
                defer {
                    out.flush()
                    out = OutputStream.standardOutput
                }
                try body(reader)
                reportRepairs(reader.replacements, in: reader.name)
            } catch {
                self.error("\(error)")
            }
        }
        out.flush()
        return failed ? 1 : 0
    }

    /// Reads `reader`'s JSON Lines and calls `body` with each record and its field's text;
    /// a record that cannot be read or processed is handled by the error policy. Blank
    /// lines are no records and are passed over.
    private func forEachRecord(_ reader: LineReader, _ records: InputMode.Records,
                               _ body: (JSONRecord, String) throws -> Void) throws {
        var lineNumber = 0
        var name = reader.name
        try reader.forEachLine(splitsLongLines: false) { bytes, _ in
            // In a --jobs worker, lines starting with U+0001 and the token frame a batch:
            // "start LINE NAME" sets where it comes from, "end" is echoed after its output.
            if let token = mode.workerToken, bytes.first == 0x01,
               let frame = ParallelRun.frame(bytes, token: token) {
                switch frame {
                case .start(let line, let file):
                    lineNumber = line - 1
                    name = file
                case .end:
                    out.write(ParallelRun.endLine(token))
                    out.flush()
                }
                return
            }
            lineNumber += 1
            ProgressMeter.shared.record()
            var content = bytes
            // A record's line end is written back as it was: CRLF or LF.
            recordLineEnd = content.last == 0x0D ? "\r\n" : "\n"
            while content.last == 0x0D { content = content.dropLast() }
            let decoded = reader.decode(content)
            let line = Array(decoded.text.utf8)
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            var record: JSONRecord?
            do {
                let parsed = try JSONRecord(parsing: line)
                record = parsed
                guard let text = try parsed.string(records.field) else {
                    throw RecordFailure("no string field \"\(records.field)\"")
                }
                try body(parsed, text)
            } catch let failure as JSONRecordError {
                if case .notAString(_, let kind) = failure.problem {
                    recordFailed("no string field \"\(records.field)\" (it is \(kind))", name, lineNumber, record, decoded.text, records.onError)
                } else {
                    recordFailed("\(failure)", name, lineNumber, record, decoded.text, records.onError)
                }
            } catch {
                recordFailed("\(error)", name, lineNumber, record, decoded.text, records.onError)
            }
        }
    }

    /// Reports a record that failed — `FILE:LINE: id ID: message` — and writes what the
    /// policy asks for.
    private func recordFailed(_ message: String, _ file: String, _ line: Int, _ record: JSONRecord?, _ raw: String,
                              _ policy: InputMode.ErrorPolicy) {
        let id = record?.json("id").map { " id \($0):" } ?? ""
        let report = "\(file):\(line):\(id) \(message)"
        switch policy {
        case .fail:
            error(report)
        case .skip:
            out.flush()
            OutputStream.standardError.write("tilmash: \(report) (skipped)\n")
        case .pass:
            out.flush()
            OutputStream.standardError.write("tilmash: \(report) (passed through)\n")
            let located = "\(file):\(line): \(message)"
            if let record {
                let name = record.field("error") == nil ? "error" : "tilmash_error"
                writeRecord(record.setting(name, toJSON: JSONText.quoted(located)).text)
            } else {
                writeRecord(JSONText.object([("error", JSONText.quoted(located)), ("line", JSONText.quoted(raw))]))
            }
        }
    }

    private func reportRepairs(_ count: Int, in name: String) {
        guard count > 0 else { return }
        out.flush()
        Self.reportRepairs(count, in: name, encoding: mode.encoding)
    }

    /// Says on standard error how many ill-formed sequences of `encoding` became U+FFFD.
    static func reportRepairs(_ count: Int, in name: String, encoding: InputEncoding) {
        guard count > 0 else { return }
        OutputStream.standardError.write("tilmash: \(name): \(count) invalid \(encoding.name) sequence\(count == 1 ? "" : "s") replaced by U+FFFD\n")
    }
}

/// A record that cannot be processed (its message goes to `--on-error`).
struct RecordFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

