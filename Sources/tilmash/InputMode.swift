import Foundation
import Tilmash

/// How a command reads its input: plain text, or one JSON object per line whose `field`
/// holds a whole document (`--input jsonl [--field text]`).
enum InputMode {
    case text
    case jsonl(field: String)

    static let valueOptions: Set<String> = ["--input", "--field"]

    init(_ arguments: Arguments) throws {
        let mode = try arguments.choice("--input", from: ["text", "jsonl"], default: "text")
        if mode == "text" {
            if arguments.value("--field") != nil { throw UsageError("--field needs --input jsonl") }
            self = .text
        } else {
            self = .jsonl(field: arguments.value("--field") ?? "text")
        }
    }
}

/// Runs a command over its inputs (files or standard input), line by line or JSON object
/// by JSON object, keeping count of repairs and errors for the exit status.
final class InputRunner {
    let mode: InputMode
    let paths: [String]
    private let out = OutputStream.standardOutput
    private(set) var failed = false

    init(mode: InputMode, paths: [String]) {
        self.mode = mode
        self.paths = paths.isEmpty ? ["-"] : paths
        ProgressMeter.shared.start(paths: self.paths)
    }

    /// Streams every input line through `transform` (text mode: one output line per input
    /// line, line endings — `\n` or `\r\n` — kept as they were). In JSONL mode `transform`
    /// gets the field's text and the result replaces it, with `extraFields` added.
    ///
    /// A text line longer than ``LineReader/maximumPiece`` is transformed in pieces cut at
    /// whitespace. `collapsesSpaces` says that `transform` trims spaces at the ends of its
    /// text and collapses runs of them (normalization): the whitespace at a cut is then
    /// written as one space between the pieces' results, as for the whole line; otherwise
    /// the pieces' results are written one after the other (whitespace passes through).
    func streamLines(_ transform: (String) throws -> String, collapsesSpaces: Bool = false,
                     extraFields: ((String) throws -> [String: Any])? = nil) -> Int32 {
        forEachInput { reader in
            var replacements = 0
            var lineNumber = 0
            var midLine = false
            var lineWritten = false   // some text of the current line is written (collapsesSpaces)
            var spaceBefore = false   // whitespace at a cut awaits the next piece's text
            try reader.forEachLine(splitsLongLines: { if case .text = mode { return true } else { return false } }()) { bytes, end in
                if !midLine { lineNumber += 1 }
                midLine = end == .continues
                var content = bytes
                // A CRLF line end is written back as CRLF; `\r\r\n` (a CRLF converted twice)
                // is the same one line end.
                let carriageReturn = end != .continues && content.last == 0x0D
                while end != .continues, content.last == 0x0D { content = content.dropLast() }
                let decoded = UTF8Decoder.decode(content)
                replacements += decoded.replacements
                switch mode {
                case .text:
                    var result = try transform(decoded.text)
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
                case .jsonl(let field):
                    guard let line = jsonLine(decoded.text, field: field, file: reader.name, line: lineNumber) else { return }
                    var object = line.object
                    object[field] = try transform(line.text)
                    if let extraFields { object.merge(try extraFields(line.text)) { _, new in new } }
                    out.write(try JSONLines.encode(object))
                }
                if carriageReturn { out.write("\r") }
                if end == .newline { out.write("\n") }
            }
            reportRepairs(replacements, in: reader.name)
        }
    }

    /// Calls `body` for each document — each JSON line's field in JSONL mode; in text mode
    /// each file (or standard input), handed over in pieces so that memory stays bounded
    /// on any file size: a piece ends at a paragraph break (a blank line) once it holds
    /// ``DocumentPieces/paragraphTarget`` bytes, at a line break once it holds
    /// ``DocumentPieces/lineLimit``, and inside a longer line at whitespace (where
    /// ``LineReader`` cuts long lines, never inside a character). A file below the target is one piece. `start` is
    /// where the piece begins in its document; `finish` is called after each document.
    func forEachDocument(_ body: (_ name: String, _ text: String, _ piece: DocumentPiece, _ json: [String: Any]?) throws -> Void,
                         finish: ((_ name: String, _ json: [String: Any]?) throws -> Void)? = nil) -> Int32 {
        forEachInput { reader in
            var replacements = 0
            switch mode {
            case .text:
                var pieces = DocumentPieces()
                func flush() throws {
                    let decoded = UTF8Decoder.decode(pieces.buffer)
                    replacements += decoded.replacements
                    try body(reader.name, decoded.text, DocumentPiece(start: pieces.start, replaced: decoded.replaced), nil)
                    pieces.advance(past: decoded.text)
                }
                try reader.forEachLine(splitsLongLines: true, maximumPiece: DocumentPieces.lineLimit) { bytes, end in
                    if pieces.append(bytes, end: end) { try flush() }
                }
                if !pieces.buffer.isEmpty || pieces.start.utf8 == 0 { try flush() }
                try finish?(reader.name, nil)
            case .jsonl(let field):
                var lineNumber = 0
                try reader.forEachLine(splitsLongLines: false) { bytes, _ in
                    lineNumber += 1
                    let decoded = UTF8Decoder.decode(bytes)
                    replacements += decoded.replacements
                    guard let line = jsonLine(decoded.text, field: field, file: reader.name, line: lineNumber) else { return }
                    try body(reader.name, line.text, DocumentPiece(), line.object)
                    try finish?(reader.name, line.object)
                }
            }
            reportRepairs(replacements, in: reader.name)
        }
    }

    func write(_ text: String) { out.write(text) }

    /// Reports a problem on standard error and marks the run as failed (exit 1 at the end).
    func error(_ message: String) {
        out.flush()
        OutputStream.standardError.write("tilmash: \(message)\n")
        failed = true
    }

    private func forEachInput(_ body: (LineReader) throws -> Void) -> Int32 {
        for path in paths {
            do {
                let reader = try LineReader(path: path)
                try body(reader)
            } catch {
                self.error("\(error)")
            }
        }
        out.flush()
        return failed ? 1 : 0
    }

    private func jsonLine(_ text: String, field: String, file: String, line: Int) -> (object: [String: Any], text: String)? {
        if text.allSatisfy(\.isWhitespace) { return nil }
        guard let object = JSONLines.decodeObject(text) else {
            error("\(file):\(line): not a JSON object")
            return nil
        }
        guard let value = object[field] as? String else {
            error("\(file):\(line): no string field \"\(field)\"")
            return nil
        }
        return (object, value)
    }

    private func reportRepairs(_ count: Int, in name: String) {
        guard count > 0 else { return }
        out.flush()
        OutputStream.standardError.write("tilmash: \(name): \(count) invalid UTF-8 sequence\(count == 1 ? "" : "s") replaced by U+FFFD\n")
    }
}

/// JSON Lines encoding and decoding (Foundation's JSONSerialization; keys sorted so output
/// is stable, slashes unescaped so URLs stay readable).
enum JSONLines {
    static func decodeObject(_ line: String) -> [String: Any]? {
        guard let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        else { return nil }
        return object
    }

    static func encode(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `object` with `field` set to `json`, JSON text made by the caller (with ``quoted(_:)``)
    /// — the same bytes as ``encode(_:)`` of the object with `field` set to `value`, without
    /// JSONSerialization's cost for many small objects (a tagged document's entities). The
    /// field is encoded as a placeholder string that is then replaced; `value` is used
    /// instead when the placeholder also occurs elsewhere.
    static func encode(_ object: [String: Any], setting field: String, toJSON json: String, value: @autoclosure () -> Any) throws -> String {
        var object = object
        let placeholder = "\u{F8FF}tilmash-\(field)\u{F8FF}"
        object[field] = placeholder
        let encoded = Array(try encode(object).utf8)
        let target = Array(quoted(placeholder).utf8)
        var found: [Int] = []
        if encoded.count >= target.count {
            for start in 0...(encoded.count - target.count)
            where encoded[start] == target[0] && encoded[start..<start + target.count].elementsEqual(target) {
                found.append(start)
            }
        }
        guard found.count == 1, let start = found.first else {
            object[field] = value()
            return try encode(object)
        }
        return String(decoding: encoded[..<start] + Array(json.utf8) + encoded[(start + target.count)...], as: UTF8.self)
    }

    /// A JSON string literal escaped as JSONSerialization escapes it: `"` and `\`, `\b \f \n
    /// \r \t`, other control characters as `\u00xx`; slashes and non-ASCII as they are.
    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += scalar.value < 0x10 ? "\\u000" : "\\u00"
                result += String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// A place in a document in the three offset units (for pieces of a long document).
struct DocumentPosition {
    /// Scalars of the decoded text, bytes of the input, UTF-16 units of the decoded text.
    var scalars = 0, utf8 = 0, utf16 = 0

    /// This position in `unit`.
    func offset(in unit: OffsetUnit) -> Int {
        switch unit {
        case .scalar: return scalars
        case .utf8: return utf8
        case .utf16: return utf16
        }
    }
}

/// A piece of a document as ``InputRunner/forEachDocument(_:finish:)`` hands it over:
/// where it starts and where the decoder replaced ill-formed bytes in it.
struct DocumentPiece {
    var start = DocumentPosition()
    var replaced: [UTF8Decoder.Replacement] = []

    /// The converter of the piece's scalar offsets (text `text`) to document offsets in `unit`.
    func offsets(for text: String, in unit: OffsetUnit) -> PieceOffsets {
        PieceOffsets(text: text, replaced: replaced, start: start, unit: unit)
    }
}

/// The bytes of a document gathered line by line into pieces, and where the next piece
/// starts.
struct DocumentPieces {
    /// A piece ends at the first paragraph break after this many bytes…
    static let paragraphTarget = 64 * 1024
    /// …or, without one, at the first line break after this; a longer line is cut at
    /// whitespace into pieces of at most this size.
    static let lineLimit = 128 * 1024

    private(set) var buffer: [UInt8] = []
    private(set) var start = DocumentPosition()

    /// Adds one line (or piece of a long line); true when the piece should be handed over.
    mutating func append(_ bytes: ArraySlice<UInt8>, end: LineReader.LineEnd) -> Bool {
        buffer.append(contentsOf: bytes)
        if end == .newline { buffer.append(0x0A) }
        guard end != .endOfInput else { return false }
        if buffer.count >= Self.lineLimit { return true }
        let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        return end == .newline && blank && buffer.count >= Self.paragraphTarget
    }

    /// Moves past a handed-over piece whose decoded text is `text` (its input bytes are
    /// the buffer's).
    mutating func advance(past text: String) {
        start.scalars += text.unicodeScalars.count
        start.utf8 += buffer.count
        start.utf16 += text.utf16.count
        buffer.removeAll(keepingCapacity: true)
    }
}
