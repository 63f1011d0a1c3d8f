/// One line of JSON Lines input: a JSON object whose fields keep their bytes.
///
/// A record is parsed strictly (RFC 8259) but not converted: every value stays the bytes it
/// was written as, so a number such as `1e400` or `0.10`, a nested object, the escapes of a
/// string and the order of the fields pass through a command unchanged. Only the fields a
/// command reads are decoded (``string(_:)``), and only the fields it writes change
/// (``setting(_:toJSON:)``): the new value replaces the old one in place, or is appended
/// before the closing brace.
///
/// ```swift
/// var record = try JSONRecord(parsing: Array(#"{"id": 1e400, "text": "Astana’da"}"#.utf8))
/// let text = try record.string("text")          // "Astana’da"
/// record = record.setting("lang", toJSON: JSONText.quoted("tr"))
/// String(decoding: record.bytes, as: UTF8.self) // {"id": 1e400, "text": "Astana’da","lang":"tr"}
/// ```
///
/// `Sendable`: a value type.
public struct JSONRecord: Sendable, Equatable {
    /// A field: its name (escapes decoded) and where its key and value lie in ``bytes``.
    public struct Field: Sendable, Equatable {
        /// The field's name, escapes decoded (an unpaired surrogate escape becomes U+FFFD).
        public let name: String
        /// The bytes of the value (from its first to its last byte, no surrounding space).
        public let value: Range<Int>
    }

    /// The record's bytes: the input line, with the edits made by ``setting(_:toJSON:)``.
    public private(set) var bytes: [UInt8]
    /// The fields in the order they are written.
    public private(set) var fields: [Field]
    /// Where the closing brace is.
    private var closingBrace: Int

    /// Deepest nesting of arrays and objects accepted (deeper input is an error, not a
    /// stack overflow).
    public static let maximumDepth = 512

    /// Parses one JSON object. Whitespace around it is allowed; anything else — another
    /// kind of value, a second value, a syntax error — throws a ``JSONRecordError`` that
    /// says what is wrong and at which byte.
    public init(parsing input: some Collection<UInt8>) throws(JSONRecordError) {
        bytes = Array(input)
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        guard parser.position < bytes.count else { throw JSONRecordError(.empty, at: 0) }
        guard bytes[parser.position] == UInt8(ascii: "{") else {
            // Another kind of value, named when it is valid JSON.
            let start = parser.position
            var probe = parser
            let kind = parser.kindOfValue()
            let valid: Bool
            do throws(JSONRecordError) {
                try probe.value(depth: 1)
                probe.skipSpace()
                valid = probe.position == bytes.count
            } catch { valid = false }
            throw JSONRecordError(.notAnObject(kind: valid ? kind : "no valid JSON value"), at: start)
        }
        let (fields, close) = try parser.topLevelObject()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw JSONRecordError(.trailingText, at: parser.position) }
        self.fields = fields
        closingBrace = close
    }

    /// The field named `name` (the first, when a name occurs twice).
    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The raw JSON of field `name`'s value, as written.
    public func json(_ name: String) -> String? {
        field(name).map { String(decoding: bytes[$0.value], as: UTF8.self) }
    }

    /// The value of field `name` when it is a string, escapes decoded; `nil` when there is
    /// no such field. Throws when the field is no string (`.notAString`), occurs twice, or
    /// holds an escape for half a surrogate pair, which is no character (`\ud800`).
    public func string(_ name: String) throws(JSONRecordError) -> String? {
        let matching = fields.filter { $0.name == name }
        guard let field = matching.first else { return nil }
        guard matching.count == 1 else { throw JSONRecordError(.duplicateField(name), at: matching[1].value.lowerBound) }
        guard bytes[field.value.lowerBound] == UInt8(ascii: "\"") else {
            var parser = Parser(bytes: bytes)
            parser.position = field.value.lowerBound
            throw JSONRecordError(.notAString(field: name, kind: parser.kindOfValue()), at: field.value.lowerBound)
        }
        var parser = Parser(bytes: bytes)
        parser.position = field.value.lowerBound
        return try parser.string(strictSurrogates: true)
    }

    /// A copy with field `name` set to `json` (JSON text the caller made, e.g. with
    /// ``JSONText/quoted(_:)``): the value replaced in place when the field exists (every
    /// other byte of the record unchanged), else the field appended at the end.
    public func setting(_ name: String, toJSON json: String) -> JSONRecord {
        var copy = self
        let value = Array(json.utf8)
        if let index = fields.firstIndex(where: { $0.name == name }) {
            let old = fields[index].value
            copy.bytes.replaceSubrange(old, with: value)
            let shift = value.count - old.count
            copy.fields[index] = Field(name: name, value: old.lowerBound..<old.lowerBound + value.count)
            for later in fields.indices where later > index {
                let range = fields[later].value
                copy.fields[later] = Field(name: fields[later].name, value: range.lowerBound + shift..<range.upperBound + shift)
            }
            copy.closingBrace += shift
            return copy
        }
        let key = Array(JSONText.quoted(name).utf8)
        let inserted = (fields.isEmpty ? [] : [UInt8(ascii: ",")]) + key + [UInt8(ascii: ":")] + value
        copy.bytes.insert(contentsOf: inserted, at: closingBrace)
        let start = closingBrace + inserted.count - value.count
        copy.fields.append(Field(name: name, value: start..<start + value.count))
        copy.closingBrace += inserted.count
        return copy
    }

    /// The record as text (its ``bytes``).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// What is wrong with a JSON Lines record, and at which byte of the line (0-based).
public struct JSONRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem.
    public enum Problem: Sendable, Equatable {
        /// The line holds only whitespace.
        case empty
        /// The line holds a JSON value of another kind (`array`, `string`, `number`, …) or
        /// text that is no JSON (`kind` is then `"no JSON value"`).
        case notAnObject(kind: String)
        /// Something other than what the grammar allows here (`expected` says what).
        case unexpected(expected: String)
        /// The line ended inside a value.
        case unterminated
        /// A backslash escape JSON does not have (`\x`, `\u12`).
        case invalidEscape
        /// A control character (below U+0020) written raw inside a string.
        case controlCharacterInString
        /// `\uD800`–`\uDFFF` without its other half, in a field the command reads.
        case unpairedSurrogate(String)
        /// More than ``JSONRecord/maximumDepth`` nested arrays and objects.
        case tooDeep
        /// Text after the object.
        case trailingText
        /// The field the command reads is no string.
        case notAString(field: String, kind: String)
        /// The field the command reads occurs twice.
        case duplicateField(String)
    }

    /// What is wrong.
    public let problem: Problem
    /// The byte of the line where it was found (0-based).
    public let offset: Int

    /// A problem at byte `offset`.
    public init(_ problem: Problem, at offset: Int) {
        self.problem = problem
        self.offset = offset
    }

    /// One line for a message, e.g. `unpaired surrogate \ud800 (byte 9)`.
    public var description: String {
        let what: String
        switch problem {
        case .empty: what = "empty line"
        case .notAnObject(let kind): what = "not a JSON object (\(kind))"
        case .unexpected(let expected): what = "invalid JSON: expected \(expected)"
        case .unterminated: what = "invalid JSON: the line ends inside a value"
        case .invalidEscape: what = "invalid JSON: bad escape in a string"
        case .controlCharacterInString: what = "invalid JSON: unescaped control character in a string"
        case .unpairedSurrogate(let escape): what = "unpaired surrogate \(escape) (half of a UTF-16 pair, no character)"
        case .tooDeep: what = "invalid JSON: nested deeper than \(JSONRecord.maximumDepth) levels"
        case .trailingText: what = "invalid JSON: text after the object"
        case .notAString(let field, let kind): what = "field \"\(field)\" is \(kind), not a string"
        case .duplicateField(let field): what = "field \"\(field)\" occurs twice"
        }
        return "\(what) (byte \(offset + 1))"
    }
}

/// The recursive-descent scanner behind ``JSONRecord``: validates values without building
/// them; nesting is counted so that deep input fails instead of overflowing the stack.
private struct Parser {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The kind of the value that starts at `position`, for messages.
    func kindOfValue() -> String {
        guard position < bytes.count else { return "nothing" }
        switch bytes[position] {
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case UInt8(ascii: "{"): return "an object"
        default: return "no JSON value"
        }
    }

    private func error(_ problem: JSONRecordError.Problem) -> JSONRecordError {
        JSONRecordError(position >= bytes.count ? .unterminated : problem, at: min(position, bytes.count))
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONRecordError) {
        guard position < bytes.count, bytes[position] == byte else { throw error(.unexpected(expected: what)) }
        position += 1
    }

    /// The top-level object: its fields and the position of its closing brace.
    mutating func topLevelObject() throws(JSONRecordError) -> ([JSONRecord.Field], Int) {
        var fields: [JSONRecord.Field] = []
        try expect(UInt8(ascii: "{"), "{")
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return (fields, position - 1)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error(.unexpected(expected: "a field name in quotes")) }
            let name = try string(strictSurrogates: false)
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after a field name")
            skipSpace()
            let start = position
            try value(depth: 1)
            fields.append(JSONRecord.Field(name: name, value: start..<position))
            skipSpace()
            guard position < bytes.count else { throw error(.unterminated) }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            try expect(UInt8(ascii: "}"), "',' or '}' after a field")
            return (fields, position - 1)
        }
    }

    /// Skips one value, checking it.
    mutating func value(depth: Int) throws(JSONRecordError) {
        guard depth <= JSONRecord.maximumDepth else { throw error(.tooDeep) }
        guard position < bytes.count else { throw error(.unterminated) }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error(.unexpected(expected: "a field name in quotes")) }
                try skipString()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a field name")
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard position < bytes.count else { throw error(.unterminated) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}' in an object")
                return
            }
        case UInt8(ascii: "["):
            position += 1
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard position < bytes.count else { throw error(.unterminated) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "]"), "',' or ']' in an array")
                return
            }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw error(.unexpected(expected: "a value"))
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONRecordError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              word.withUTF8Buffer({ bytes[position..<position + count].elementsEqual($0) })
        else { throw error(.unexpected(expected: "\(word)")) }
        position += count
    }

    private func isDigit(_ index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` — checked, never converted.
    private mutating func number() throws(JSONRecordError) {
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else { throw error(.unexpected(expected: "a digit")) }
        if bytes[position] == UInt8(ascii: "0") { position += 1 } else { while isDigit(position) { position += 1 } }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else { throw error(.unexpected(expected: "a digit after '.'")) }
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard isDigit(position) else { throw error(.unexpected(expected: "a digit in the exponent")) }
            while isDigit(position) { position += 1 }
        }
    }

    private func hexValue(_ index: Int) -> UInt32? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(bytes[index] - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(bytes[index] - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(bytes[index] - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The four hex digits of a `\u` escape whose `u` is at `position`; moves past them.
    private mutating func unicodeEscape() throws(JSONRecordError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 1...4 {
            guard let digit = hexValue(position + offset) else {
                position += offset
                throw error(.invalidEscape)
            }
            value = value << 4 | digit
        }
        position += 5
        return value
    }

    /// Skips a string (the input is UTF-8 already; escapes are checked).
    private mutating func skipString() throws(JSONRecordError) {
        _ = try string(strictSurrogates: false, decoding: false)
    }

    /// The string at `position` (which is a quote), decoded; moves past it.
    /// `strictSurrogates`: an unpaired surrogate escape throws (else becomes U+FFFD).
    mutating func string(strictSurrogates: Bool, decoding: Bool = true) throws(JSONRecordError) -> String {
        position += 1
        var result: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw error(.unterminated) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if decoding { result.append(contentsOf: bytes[runStart..<position]) }
                position += 1
                return decoding ? String(decoding: result, as: UTF8.self) : ""
            }
            if byte < 0x20 { throw error(.controlCharacterInString) }
            guard byte == UInt8(ascii: "\\") else { position += 1; continue }
            if decoding { result.append(contentsOf: bytes[runStart..<position]) }
            let escapeStart = position
            position += 1
            guard position < bytes.count else { throw error(.unterminated) }
            var scalar: UInt32
            switch bytes[position] {
            case UInt8(ascii: "\""): scalar = 0x22; position += 1
            case UInt8(ascii: "\\"): scalar = 0x5C; position += 1
            case UInt8(ascii: "/"): scalar = 0x2F; position += 1
            case UInt8(ascii: "b"): scalar = 0x08; position += 1
            case UInt8(ascii: "f"): scalar = 0x0C; position += 1
            case UInt8(ascii: "n"): scalar = 0x0A; position += 1
            case UInt8(ascii: "r"): scalar = 0x0D; position += 1
            case UInt8(ascii: "t"): scalar = 0x09; position += 1
            case UInt8(ascii: "u"):
                scalar = try unicodeEscape()
                if (0xD800...0xDBFF).contains(scalar), position + 1 < bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    let save = position
                    position += 1
                    let low = try unicodeEscape()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        position = save   // the second escape is read on its own
                    }
                }
                if (0xD800...0xDFFF).contains(scalar) {
                    if strictSurrogates {
                        let escape = String(decoding: bytes[escapeStart..<escapeStart + 6], as: UTF8.self)
                        throw JSONRecordError(.unpairedSurrogate(escape), at: escapeStart)
                    }
                    scalar = 0xFFFD
                }
            default:
                throw error(.invalidEscape)
            }
            if decoding { result.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8) }
            runStart = position
        }
    }
}

/// JSON text written by Tilmash: string literals and the small objects it emits.
public enum JSONText {
    /// `string` as a JSON string literal: `"` and `\` escaped, `\b \f \n \r \t`, other
    /// control characters as `\u00xx`; slashes and non-ASCII written as they are (UTF-8).
    public static func quoted(_ string: String) -> String {
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

    /// A JSON object from `(name, json)` pairs in the given order (values already JSON).
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A JSON array of values that are already JSON.
    public static func array(_ values: [String]) -> String { "[" + values.joined(separator: ",") + "]" }
}
