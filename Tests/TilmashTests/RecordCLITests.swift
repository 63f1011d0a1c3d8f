import Foundation
import Testing
@testable import Tilmash

/// Index records and queries through the command line: records never silently lost,
/// the user's fields copied byte for byte, documents kept apart, legacy encodings with
/// offsets in the input's own bytes, `index`, `analyze` and `--format` in every
/// combination. Expected values are literal, checked by hand (offsets counted in the
/// input bytes shown beside them).
@Suite struct RecordCLITests {
    /// Five lines: a good record, text that is no JSON, a record without the field, an
    /// array, a record whose text holds half a surrogate pair.
    static let mixed = """
        {"id": 1, "text": "ISTANBUL’DA"}
        not json
        {"id":3,"body":"x"}
        [1]
        {"id":"x5","text":"a\\ud800b"}

        """

    @Test func onErrorFail() throws {
        let result = try CLI.run(["normalize", "--input", "jsonl", "--lang", "tr"], input: Self.mixed)
        #expect(result.status == 1)
        #expect(result.stdout == "{\"id\": 1, \"text\": \"ıstanbul'da\",\"lang\":\"tr\"}\n")
        #expect(result.stderr == """
            tilmash: -:2: not a JSON object (no valid JSON value) (byte 1)
            tilmash: -:3: id 3: no string field "text"
            tilmash: -:4: not a JSON object (an array) (byte 1)
            tilmash: -:5: id "x5": unpaired surrogate \\ud800 (half of a UTF-16 pair, no character) (byte 21)

            """)
    }

    @Test func onErrorSkip() throws {
        let result = try CLI.run(["normalize", "--input", "jsonl", "--lang", "tr", "--on-error", "skip"], input: Self.mixed)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"id\": 1, \"text\": \"ıstanbul'da\",\"lang\":\"tr\"}\n")
        #expect(result.stderr.split(separator: "\n").count == 4)
        #expect(result.stderr.contains("tilmash: -:3: id 3: no string field \"text\" (skipped)\n"))
    }

    @Test func onErrorPassWritesEveryRecord() throws {
        for command in [["normalize", "--lang", "tr"], ["tokenize", "--lang", "tr"], ["tag", "--lang", "tr"], ["langid"],
                        ["case", "upper"], ["translit", "--scheme", "ru-bgn"], ["index", "--lang", "tr"], ["analyze", "--lang", "tr"]] {
            let result = try CLI.run(command + ["--input", "jsonl", "--on-error", "pass"], input: Self.mixed)
            #expect(result.status == 0, "\(command)")
            let lines = result.stdout.split(separator: "\n")
            if command[0] != "analyze" { #expect(lines.count == 5, "\(command): \(result.stdout)") }
            #expect(result.stdout.contains(#"{"error":"-:2: not a JSON object (no valid JSON value) (byte 1)","line":"not json"}"#), "\(command)")
            #expect(result.stdout.contains(#"{"id":3,"body":"x","error":"-:3: no string field \"text\""}"#), "\(command)")
            #expect(result.stdout.contains(#"{"error":"-:4: not a JSON object (an array) (byte 1)","line":"[1]"}"#), "\(command)")
            #expect(result.stdout.contains(#"{"id":"x5","text":"a\ud800b","error":"-:5: unpaired surrogate \\ud800 (half of a UTF-16 pair, no character) (byte 21)"}"#), "\(command)")
        }
        // A record that has an "error" field of its own keeps it.
        let own = try CLI.run(["normalize", "--input", "jsonl", "--on-error", "pass"], input: #"{"error":"mine","body":1}"# + "\n")
        #expect(own.stdout == #"{"error":"mine","body":1,"tilmash_error":"-:1: no string field \"text\""}"# + "\n")
    }

    @Test func fieldsAreCopiedByteForByte() throws {
        let input = #"{ "id" : 1e400, "n": [1, 2.50, {"deep": null}], "text": "A\u0301 \u00e9", "z": "\ud83d\ude00" }"# + "\n"
        let result = try CLI.run(["normalize", "--input", "jsonl", "--lang", "en"], input: input)
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout == #"{ "id" : 1e400, "n": [1, 2.50, {"deep": null}], "text": "á é", "z": "\ud83d\ude00" ,"lang":"en"}"# + "\n")
    }

    @Test func outputAndLanguageFields() throws {
        let input = """
            {"text":"ISTANBUL","lang":"en"}
            {"text":"ISTANBUL","lang":"tr"}
            {"text":"ISTANBUL","lang":"xx"}

            """
        let result = try CLI.run(["normalize", "--input", "jsonl", "--output-field", "norm", "--lang-field", "lang"], input: input)
        #expect(result.stdout == """
            {"text":"ISTANBUL","lang":"en","norm":"istanbul"}
            {"text":"ISTANBUL","lang":"tr","norm":"ıstanbul"}
            {"text":"ISTANBUL","lang":"xx","norm":"istanbul"}

            """)
        // Without --lang-field the record's "lang" is neither read nor overwritten.
        let kept = try CLI.run(["normalize", "--input", "jsonl", "--lang", "tr"], input: #"{"text":"ISTANBUL","lang":"en"}"# + "\n")
        #expect(kept.stdout == #"{"text":"ıstanbul","lang":"en"}"# + "\n")
        let tag = try CLI.run(["tag", "--input", "jsonl", "--output-field", "names", "--lang", "de"], input: #"{"text":"Tokajew"}"# + "\n")
        #expect(tag.stdout == #"{"text":"Tokajew","names":[{"canonical":"Kassym-Jomart Tokayev","end":7,"id":"person:kassym-jomart-tokayev","source":"gazetteer","start":0,"text":"Tokajew","type":"PERSON"}]}"# + "\n")
    }

    @Test func formatIsHonouredOrRefused() throws {
        let refused: [[String]] = [
            ["tag", "--input", "jsonl", "--format", "text"],
            ["normalize", "--input", "jsonl", "--format", "text"],
            ["normalize", "--format", "jsonl"],
            ["normalize", "--format", "xml", "--document"],
            ["tokenize", "--format", "csv"],
            ["analyze", "--query", "--lang", "tr"],
            ["analyze", "--query", "--input", "jsonl"],
            ["normalize", "--field", "body"],
            ["normalize", "--on-error", "pass"],
            ["normalize", "--input", "jsonl", "--on-error", "ignore"],
            ["tag", "--lang-field", "lang"],
            ["normalize", "--output-field", "norm"],
            ["normalize", "--encoding", "no-such-encoding"],
            ["normalize", "--output-dir", "/tmp"],
        ]
        for command in refused {
            let result = try CLI.run(command, input: "x\n")
            #expect(result.status == 2, "\(command): exit \(result.status)")
            #expect(result.stdout.isEmpty && result.stderr.contains("Usage: tilmash"), "\(command)")
        }
        #expect(try CLI.run(["normalize", "--encoding", "no-such-encoding"]).stderr.hasPrefix("tilmash normalize: unknown encoding 'no-such-encoding'"))
        // Honoured: tokens as text from JSON records, one record per document.
        let tokens = try CLI.run(["tokenize", "--input", "jsonl", "--format", "text", "--lang", "tr"], input: #"{"text":"Astana’da oldu."}"# + "\n")
        #expect(tokens.stdout == "Astana’da\noldu\n.\n\n")
    }

    @Test func documentsStayApart() throws {
        let folder = try HardeningCLITests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try HardeningCLITests.write(Array("Zusammen-\narbeit".utf8), "a.txt", in: folder)
        let second = try HardeningCLITests.write(Array("Astana liegt\nam Fluss".utf8), "b.txt", in: folder)
        let text = try CLI.run(["normalize", "--document", "--lang", "de", first, second])
        #expect(text.stdout == "zusammenarbeit\nastana liegt am fluss\n")
        let records = try CLI.run(["normalize", "--document", "--format", "jsonl", "--lang", "de", first, second])
        #expect(records.stdout == """
            {"file":"\(first)","text":"zusammenarbeit","lang":"de"}
            {"file":"\(second)","text":"astana liegt am fluss","lang":"de"}

            """)
        let out = folder.appendingPathComponent("out").path
        let split = try CLI.run(["normalize", "--document", "--lang", "de", "--output-dir", out, first, second])
        #expect(split.status == 0 && split.stdout.isEmpty)
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "zusammenarbeit\n")
        #expect(try String(contentsOfFile: out + "/b.txt", encoding: .utf8) == "astana liegt am fluss\n")
        let twice = try CLI.run(["normalize", "--output-dir", out, first, first])
        #expect(twice.status == 2 && twice.stderr.contains("two inputs are named a.txt"))
    }

    @Test func legacyEncodingsCountTheirOwnBytes() throws {
        let folder = try HardeningCLITests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // "Президент Токаев" in Windows-1251: one byte per letter, Токаев at bytes 10-16.
        let cp1251: [UInt8] = [0xCF, 0xF0, 0xE5, 0xE7, 0xE8, 0xE4, 0xE5, 0xED, 0xF2, 0x20, 0xD2, 0xEE, 0xEA, 0xE0, 0xE5, 0xE2, 0x0A]
        let path = try HardeningCLITests.write(cp1251, "cp1251.txt", in: folder)
        let tagged = try CLI.run(["tag", "--encoding", "cp1251", "--offsets", "utf8", "--lang", "ru", path])
        #expect(tagged.stdout.contains(#""end":16,"#) && tagged.stdout.contains(#""start":10,"text":"Токаев""#), "\(tagged.stdout)")
        #expect(try CLI.run(["normalize", "--encoding", "windows-1251", path]).stdout == "президент токаев\n")
        // KOI8-R "Мир": ED C9 D2.
        let koi8 = try HardeningCLITests.write([0xED, 0xC9, 0xD2, 0x0A], "koi8.txt", in: folder)
        #expect(try CLI.run(["normalize", "--encoding", "koi8-r", koi8]).stdout == "мир\n")
        // UTF-16 with a byte-order mark (FF FE): "Toqaev Tokayev"; the mark is bytes 0-1, so
        // Toqaev is bytes 2-14 and Tokayev 16-30.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Toqaev Tokayev\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let wide = try HardeningCLITests.write(utf16, "utf16.txt", in: folder)
        let spans = try CLI.run(["tag", "--encoding", "utf-16", "--offsets", "utf8", "--format", "text", "--lang", "en", wide])
        #expect(spans.stdout == "\(wide):2-14\tPERSON\tToqaev\tKassym-Jomart Tokayev\tperson:kassym-jomart-tokayev\n"
            + "\(wide):16-30\tPERSON\tTokayev\tKassym-Jomart Tokayev\tperson:kassym-jomart-tokayev\n", "\(spans.stdout)")
        // A lone low surrogate in UTF-16LE (00 DC, bytes 0-1) becomes U+FFFD and is
        // reported; Ankara keeps its byte offsets 4-16.
        var lone: [UInt8] = [0x00, 0xDC]
        for unit in " Ankara".utf16 { lone += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let unmapped = try HardeningCLITests.write(lone, "unmapped.txt", in: folder)
        let repaired = try CLI.run(["tag", "--encoding", "utf-16le", "--offsets", "utf8", "--format", "text", "--lang", "tr", unmapped])
        #expect(repaired.stdout == "\(unmapped):4-16\tPLACE\tAnkara\tAnkara\tcity:323786\n")
        #expect(repaired.stderr == "tilmash: \(unmapped): 1 invalid utf-16le sequence replaced by U+FFFD\n", "\(repaired.stderr)")
        // JSON Lines in UTF-16 too.
        var records: [UInt8] = []
        for unit in #"{"id":1,"text":"Мир"}"#.utf16 + [0x0A] { records += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let jsonl = try HardeningCLITests.write(records, "records.jsonl", in: folder)
        #expect(try CLI.run(["normalize", "--input", "jsonl", "--encoding", "utf-16le", "--lang", "ru", jsonl]).stdout == #"{"id":1,"text":"мир","lang":"ru"}"# + "\n")
    }

    @Test func indexRecords() throws {
        let document = try CLI.run(["index", "--lang", "de"], input: "Präsident Tokajew besuchte Astana.\n")
        #expect(document.stdout == #"{"file":"-","text":"Präsident Tokajew besuchte Astana.\n","search":"präsident tokajew besuchte astana.\n","ascii":"praesident tokajew besuchte astana.\n","lang":"de","entities":[{"canonical":"Kassym-Jomart Tokayev","end":17,"id":"person:kassym-jomart-tokayev","source":"gazetteer","start":10,"text":"Tokajew","type":"PERSON"},{"canonical":"Astana","end":33,"id":"city:1526273","source":"gazetteer","start":27,"text":"Astana","type":"PLACE"}],"entity_ids":["person:kassym-jomart-tokayev","city:1526273"]}"# + "\n")
        // JSON records: fields kept, the record's own language used, no field overwritten.
        let input = #"{"id":1,"text":"ISTANBUL’DA","lang":"tr"}"# + "\n" + #"{"id":2,"text":"x","search":"y"}"# + "\n"
        let records = try CLI.run(["index", "--input", "jsonl"], input: input)
        #expect(records.status == 1)
        #expect(records.stdout == #"{"id":1,"text":"ISTANBUL’DA","lang":"tr","search":"ıstanbul'da","ascii":"istanbul'da","entities":[{"canonical":"Istanbul","end":8,"id":"city:745044","source":"gazetteer","start":0,"text":"ISTANBUL","type":"PLACE"}],"entity_ids":["city:745044"]}"# + "\n")
        #expect(records.stderr == "tilmash: -:2: id 2: the record already has a field \"search\" (index writes search, ascii, entities, entity_ids)\n")
    }

    @Test func analyzeShowsEveryFilter() throws {
        let result = try CLI.run(["analyze", "--lang", "tr"], input: "ISTANBUL’DA\n")
        #expect(result.stdout == #"{"file":"-","start":0,"end":11,"text":"ISTANBUL’DA","kind":"word","lang":"tr","stages":[{"filter":"nfc","text":"ISTANBUL’DA"},{"filter":"invisibles","text":"ISTANBUL’DA"},{"filter":"line-breaks","text":"ISTANBUL’DA"},{"filter":"spaces","text":"ISTANBUL’DA"},{"filter":"mixed-script","text":"ISTANBUL’DA"},{"filter":"nfkc","text":"ISTANBUL’DA"},{"filter":"quotes","text":"ISTANBUL'DA"},{"filter":"case-fold","text":"ıstanbul'da"}],"term":"ıstanbul'da","key":"istanbul'da","stem":"ISTANBUL","suffix":"DA","entity":{"id":"city:745044","type":"PLACE","canonical":"Istanbul","start":0,"end":8}}"# + "\n")
        // normalize --explain shows the same stages for its input.
        let explain = try CLI.run(["normalize", "--explain", "--lang", "tr"], input: "ISTANBUL’DA\n")
        #expect(explain.stdout.contains("\nline 1 (tr): \"ISTANBUL’DA\"\n  1. nfc            \"ISTANBUL’DA\"\n"))
        #expect(explain.stdout.hasSuffix("  8. case-fold      \"ıstanbul'da\"\n"), "\(explain.stdout)")
    }

    @Test func queriesFoldAlikeAndFindIds() throws {
        let queries = ["istanbul", "ISTANBUL", "İstanbul", "ıstanbul", "tokajew", "Токаеву", "Kasachstan", "kazakistan'da", "ТОКАЕВ"]
        let result = try CLI.run(["analyze", "--query"], input: queries.joined(separator: "\n") + "\n")
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == queries.count)
        let terms = lines.map { $0["term"] as! String }
        #expect(terms == ["istanbul", "istanbul", "istanbul", "istanbul", "tokajew", "токаеву", "kasachstan", "kazakistan'da", "токаев"])
        let ids = lines.map { ($0["entity"] as? [String: Any])?["id"] as? String ?? "-" }
        #expect(ids == ["city:745044", "city:745044", "city:745044", "city:745044", "person:kassym-jomart-tokayev",
                        "person:kassym-jomart-tokayev", "country:KZ", "country:KZ", "person:kassym-jomart-tokayev"])
        #expect(lines.map { $0["key"] as! String }.prefix(5) == ["istanbul", "istanbul", "istanbul", "istanbul", "tokajew"])
    }

    /// The README's "indexing with a search engine": index records in SQLite FTS5 (Python's
    /// standard library), queries analyzed by `analyze --query`, every expected document
    /// found (Benchmarks/search/fts5.py --check). Skipped where python3 has no FTS5.
    @Test func searchEngineFindsEveryDocumentOfAnEntity() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(a)')"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return }
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        script.arguments = ["python3", "Benchmarks/search/fts5.py", "--check", "--tilmash", CLI.executable.path]
        script.currentDirectoryURL = Fixture.packageRoot
        let output = Pipe()
        script.standardOutput = output
        script.standardError = output
        try script.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        #expect(script.terminationStatus == 0, "\(printed)")
        #expect(printed.components(separatedBy: " ok ").count == 7, "\(printed)")
    }

    /// `--help` of each command lists every option it accepts (and each is accepted).
    @Test func helpListsEveryOption() throws {
        let input = ["--input", "--field", "--output-field", "--lang-field", "--on-error", "--encoding", "--output-dir", "--jobs", "--progress"]
        let options: [String: [String]] = [
            "normalize": ["--profile", "--keep-case", "--lang", "--document", "--format", "--explain"] + input,
            "case": ["--lang"] + input,
            "translit": ["--scheme"] + input,
            "langid": input,
            "tokenize": ["--lang", "--format", "--offsets"] + input,
            "tag": ["--gazetteer", "--gazetteer-add", "--lang", "--format", "--offsets"] + input,
            "index": ["--lang", "--offsets", "--gazetteer", "--gazetteer-add"] + input.filter { $0 != "--output-field" },
            "analyze": ["--lang", "--query", "--offsets", "--gazetteer", "--gazetteer-add"] + input.filter { $0 != "--output-field" },
            "eval": ["--gold", "--gazetteer", "--gazetteer-add", "--lang", "--errors"],
            "gazetteer": ["-o", "--output", "--add", "--format", "--gazetteer", "--gazetteer-add"],
        ]
        for (command, names) in options {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            for name in names {
                #expect(help.stdout.contains(name + " ") || help.stdout.contains(name + "\n") || help.stdout.contains(name + "]"),
                        "\(command) --help does not list \(name)")
            }
        }
        #expect(try CLI.run(["--help"]).stdout.contains("  index     "))
        #expect(try CLI.run(["--help"]).stdout.contains("  analyze   "))
    }
}

/// Every `$ echo '…' | tilmash …` and `$ printf '…' | tilmash …` example in a command's
/// `--help` is run, and prints what the help says it prints.
@Suite struct HelpExampleTests {
    @Test(arguments: ["normalize", "case", "translit", "langid", "tokenize", "tag", "index", "analyze", "eval", "gazetteer"])
    func examplesPrintWhatTheHelpSays(_ command: String) throws {
        let help = try CLI.run([command, "--help"]).stdout
        let lines = help.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var checked = 0
        for (index, line) in lines.enumerated() {
            guard let example = Self.example(line) else { continue }
            // The output runs to the next example or the end of the help (blank lines,
            // such as those between sentences, are not compared).
            var expected: [String] = []
            for next in lines[(index + 1)...] {
                if next.hasPrefix("$ ") { break }
                if !next.isEmpty { expected.append(next) }
            }
            if expected.contains(where: { $0.contains("[...]") }) { continue }   // an abridged output
            let result = try CLI.run(example.arguments, input: example.input)
            let printed = result.stdout.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            #expect(printed == expected, "\(command) --help: \(line)")
            checked += 1
        }
        if ["normalize", "case", "tag", "index"].contains(command) { #expect(checked > 0, "\(command) --help has no example") }
    }

    /// The input and arguments of an example line, or nil when it is none this test runs
    /// (no pipe into tilmash, a pipe after it, or quoted arguments).
    static func example(_ line: String) -> (input: String, arguments: [String])? {
        for opener in ["$ echo '", "$ printf '"] where line.hasPrefix(opener) {
            let rest = line.dropFirst(opener.count)
            guard let close = rest.range(of: "' | tilmash ") else { return nil }
            let tail = rest[close.upperBound...]
            guard !tail.contains("|"), !tail.contains("'"), !tail.contains("\"") else { return nil }
            var input = String(rest[..<close.lowerBound])
            if opener == "$ printf '" {
                input = input.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
                    .replacingOccurrences(of: "%%", with: "%")
            } else {
                input += "\n"
            }
            return (input, tail.split(separator: " ").map(String.init))
        }
        return nil
    }
}
