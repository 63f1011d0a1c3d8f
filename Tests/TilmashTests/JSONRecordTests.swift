import Foundation
import Testing
@testable import Tilmash

/// JSON Lines records: parsed strictly, every byte not written by a command kept, and
/// every error said with its byte.
@Suite struct JSONRecordTests {
    static func record(_ text: String) throws -> JSONRecord { try JSONRecord(parsing: Array(text.utf8)) }

    static func problem(_ text: String) -> JSONRecordError? {
        do { _ = try record(text); return nil } catch let error as JSONRecordError { return error } catch { return nil }
    }

    @Test func fieldsKeepTheirBytes() throws {
        let line = #"  {"id": 1e400, "n" : [1, 2.50, {"x": null}], "text": "Astana\u2019da \ud83d\ude00", "ok": true}  "#
        let record = try Self.record(line)
        #expect(record.fields.map(\.name) == ["id", "n", "text", "ok"])
        #expect(record.json("id") == "1e400")
        #expect(record.json("n") == #"[1, 2.50, {"x": null}]"#)
        #expect(try record.string("text") == "Astana’da 😀")
        #expect(try record.string("missing") == nil)
        // Setting a field replaces its value in place; every other byte stays.
        let set = record.setting("text", toJSON: #""astana'da""#)
        #expect(set.text == #"  {"id": 1e400, "n" : [1, 2.50, {"x": null}], "text": "astana'da", "ok": true}  "#)
        // A new field goes before the closing brace; then a later edit still finds fields.
        let added = set.setting("lang", toJSON: #""tr""#).setting("ok", toJSON: "false").setting("text", toJSON: #""x""#)
        #expect(added.text == #"  {"id": 1e400, "n" : [1, 2.50, {"x": null}], "text": "x", "ok": false,"lang":"tr"}  "#)
        #expect(try added.string("lang") == "tr")
        #expect(try Self.record("{}").setting("a", toJSON: "1").text == #"{"a":1}"#)
        #expect(try Self.record("{ }").setting("a", toJSON: "1").text == #"{ "a":1}"#)
    }

    @Test func errorsSayWhatAndWhere() {
        let cases: [(String, String)] = [
            ("", "empty line (byte 1)"),
            ("not json", "not a JSON object (no valid JSON value) (byte 1)"),
            ("[1,2]", "not a JSON object (an array) (byte 1)"),
            (#""text""#, "not a JSON object (a string) (byte 1)"),
            ("42", "not a JSON object (a number) (byte 1)"),
            (#"{"a":1,}"#, "invalid JSON: expected a field name in quotes (byte 8)"),
            (#"{"a" 1}"#, "invalid JSON: expected ':' after a field name (byte 6)"),
            (#"{"a":01}"#, "invalid JSON: expected ',' or '}' after a field (byte 7)"),
            (#"{"a":1.}"#, "invalid JSON: expected a digit after '.' (byte 8)"),
            (#"{"a":"x"#, "invalid JSON: the line ends inside a value (byte 8)"),
            (#"{"a":"\x"}"#, "invalid JSON: bad escape in a string (byte 8)"),
            (#"{"a":"\u12"}"#, "invalid JSON: bad escape in a string (byte 11)"),
            ("{\"a\":\"\t\"}", "invalid JSON: unescaped control character in a string (byte 7)"),
            (#"{"a":tru}"#, "invalid JSON: expected true (byte 6)"),
            (#"{"a":1} x"#, "invalid JSON: text after the object (byte 9)"),
            (#"{"a":[1 2]}"#, "invalid JSON: expected ',' or ']' in an array (byte 9)"),
        ]
        for (line, message) in cases {
            #expect(Self.problem(line)?.description == message, "\(line)")
        }
        let deep = "{\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        #expect(Self.problem(deep)?.problem == .tooDeep)
        let fine = "{\"a\":" + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}"
        #expect(Self.problem(fine) == nil)
    }

    @Test func readFieldErrors() throws {
        let record = try Self.record(#"{"id":"x","text":"a\ud800b","n":5,"d":"1","d":"2","low":"\udc00","pair":"\ud83d\ude00"}"#)
        #expect(throws: JSONRecordError(.unpairedSurrogate("\\ud800"), at: 19)) { try record.string("text") }
        #expect(throws: JSONRecordError(.unpairedSurrogate("\\udc00"), at: 57)) { try record.string("low") }
        #expect(throws: JSONRecordError(.notAString(field: "n", kind: "a number"), at: 32)) { try record.string("n") }
        #expect(throws: JSONRecordError(.duplicateField("d"), at: 46)) { try record.string("d") }
        #expect(try record.string("pair") == "😀")
        // A field the command does not read may hold anything JSON allows: it is copied.
        #expect(record.setting("id", toJSON: "1").text.contains(#""text":"a\ud800b""#))
    }

    /// Differential: strings decoded as Foundation's JSONSerialization decodes them, for
    /// random strings of escapes, ASCII, multi-byte letters and emoji.
    @Test func stringsDecodeAsFoundationDoes() throws {
        var generator = SplitMix64(seed: 20261202)
        let pieces = ["a", "Z", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u0041", "\\u00e9", "\\u0130", "ı", "Ä", "Қ",
                      "😀", "\\ud83d\\ude00", "’", "\\u2019", "\\b", "\\f", "\\r", "é", "ё"]
        for _ in 0..<500 {
            let count = Int.random(in: 0...12, using: &generator)
            let body = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let line = "{\"text\":\"\(body)\",\"n\":\(Int.random(in: -5...5, using: &generator))}"
            let expected = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["text"] as! String
            #expect(try Self.record(line).string("text") == expected, "\(line)")
            #expect(try Self.record(line).setting("text", toJSON: JSONText.quoted(expected)).string("text") == expected)
        }
    }
}

