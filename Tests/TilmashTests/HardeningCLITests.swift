import Foundation
import Testing
@testable import Tilmash

/// Bad input through the command line: every case gives a clear message (or none when
/// nothing is wrong), never crashes, and never silently drops text — `normalize`, `case`
/// and `translit` write exactly one output line per input line.
///
/// The 200 MB line runs only with `TILMASH_LARGE_TESTS=1` (it takes minutes in a debug
/// build); the normal suite streams a 20 MB line.
@Suite struct HardeningCLITests {
    /// The line-preserving commands, with options that make their output predictable.
    static let lineCommands: [[String]] = [
        ["normalize", "--profile", "repair"], ["normalize", "--profile", "search"], ["normalize", "--profile", "ascii"],
        ["case", "upper", "--lang", "tr"], ["case", "title", "--lang", "auto"],
        ["translit", "--scheme", "kk-latn-2021"], ["translit", "--scheme", "any-latin"],
    ]
    /// The document commands.
    static let documentCommands: [[String]] = [
        ["langid"], ["tokenize"], ["tokenize", "--format", "jsonl"], ["normalize", "--document"],
    ]

    /// A fresh temporary folder for input files.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A small gazetteer: `tag --gazetteer` with it starts in a fraction of a second, where
    /// the bundled one takes seconds to build in a debug build.
    static func smallGazetteer(in folder: URL) throws -> String {
        try write(Array("""
            # five entries for the bad-input tests
            place:astana\tPLACE\tAstana\txx:Astana | ru:Астана
            place:istanbul\tPLACE\tIstanbul\ttr:İstanbul | en:Istanbul
            place:izmir\tPLACE\tİzmir\ttr:İzmir | en:Izmir
            place:baku\tPLACE\tBaku\txx:Bakü | en:Baku
            person:tokayev\tPERSON\tKassym-Jomart Tokayev\txx:Tokayev | xx:Tokajew | ru:Токаев

            """.utf8), "small.tsv", in: folder)
    }

    /// Output lines, counting a last line without `\n` (as `wc -l` would, plus one).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (bytes.isEmpty || bytes.last == 0x0A ? 0 : 1)
    }

    // MARK: Empty and invalid input

    @Test func emptyInputGivesEmptyOutputAndNoMessage() throws {
        for command in Self.lineCommands + Self.documentCommands where command != ["langid"] {
            let result = try CLI.run(command, input: "")
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.isEmpty, "\(command): \(result.stdout.debugDescription)")
            #expect(result.stderr.isEmpty, "\(command): \(result.stderr)")
        }
        let langid = try CLI.run(["langid"], input: "")
        #expect(langid.status == 0)
        #expect(langid.stdout.contains("\"lang\":\"und\""))
        for command in [["normalize", "--input", "jsonl"], ["tokenize", "--input", "jsonl"]] {
            let result = try CLI.run(command, input: "")
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(command)")
        }
    }

    @Test func fileOfOnlyInvalidUTF8() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Three lines of bytes that are never UTF-8: FF, FE, a stray continuation, a cut-off
        // three-byte sequence, an overlong slash, a code point above U+10FFFF.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x80, 0x0A, 0xE2, 0x82, 0x0A, 0xC0, 0xAF, 0xF4, 0x90, 0x80, 0x80]
        let path = try Self.write(bytes, "invalid.txt", in: folder)
        for command in Self.lineCommands {
            let result = try CLI.run(command + [path])
            #expect(result.status == 0, "\(command)")
            #expect(Self.lineCount(Array(result.stdout.utf8)) == 3, "\(command): \(result.stdout.debugDescription)")
            #expect(result.stderr.contains("\(path): ") && result.stderr.contains("invalid UTF-8 sequences replaced by U+FFFD"),
                    "\(command): \(result.stderr)")
        }
        // Text-preserving commands keep every replacement character.
        let upper = try CLI.run(["case", "upper", path])
        let replaced = upper.stdout.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        #expect(replaced == UTF8Decoder.decode(bytes).replacements)
        #expect(upper.stderr.contains(": \(replaced) invalid UTF-8 sequences"))
        for command in Self.documentCommands {
            let result = try CLI.run(command + [path])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("invalid UTF-8 sequences replaced by U+FFFD"), "\(command)")
        }
        let tokens = try CLI.run(["tokenize", "--format", "jsonl", path])
        #expect(tokens.stdout.contains("\u{FFFD}"), "replacement characters are tokens, not dropped")
    }

    @Test func nulBytesAreKeptOrReportedNeverCrash() throws {
        let input: [UInt8] = Array("a\u{0}b İstanbul\n\u{0}\u{0}\nend\u{0}\n".utf8)
        let upper = try CLI.run(["case", "upper", "--lang", "tr"], inputData: Data(input))
        #expect(Array(upper.stdout.utf8) == Array("A\u{0}B İSTANBUL\n\u{0}\u{0}\nEND\u{0}\n".utf8))
        let translit = try CLI.run(["translit", "--scheme", "latin-ascii"], inputData: Data(input))
        #expect(Array(translit.stdout.utf8) == Array("a\u{0}b Istanbul\n\u{0}\u{0}\nend\u{0}\n".utf8))
        for command in Self.lineCommands {
            let result = try CLI.run(command, inputData: Data(input))
            #expect(result.status == 0 && Self.lineCount(Array(result.stdout.utf8)) == 3, "\(command)")
        }
        // normalize removes control characters (that is its job), keeping the letters.
        let normalized = try CLI.run(["normalize", "--profile", "repair"], inputData: Data(input))
        #expect(normalized.stdout == "ab İstanbul\n\nend\n")
        let tokens = try CLI.run(["tokenize", "--format", "jsonl"], inputData: Data(input))
        #expect(tokens.status == 0 && tokens.stdout.contains("\"text\":\"\\u0000\""), "a NUL is a token of its own, escaped in JSON")
        #expect(try CLI.run(["langid"], inputData: Data(input)).status == 0)
    }

    @Test func cesuEncodedSurrogatesBecomeReplacementCharacters() throws {
        // A lone high surrogate (ED A0 80) and a CESU-8 pair for U+1F600 (ED A0 BD ED B8 80).
        let input: [UInt8] = [0x61, 0xED, 0xA0, 0x80, 0x62, 0x20, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, 0x63, 0x0A]
        let expected = UTF8Decoder.decode(input)
        #expect(expected.replacements == 9)   // maximal subparts: each byte of ED A0 xx
        for command in Self.lineCommands where command[0] != "normalize" {
            let result = try CLI.run(command, inputData: Data(input))
            #expect(result.status == 0)
            #expect(result.stdout.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 9, "\(command): \(result.stdout.debugDescription)")
            #expect(result.stderr.contains("-: 9 invalid UTF-8 sequences replaced by U+FFFD"), "\(command): \(result.stderr)")
        }
        let normalized = try CLI.run(["normalize", "--profile", "repair"], inputData: Data(input))
        #expect(normalized.stdout == "a\u{FFFD}\u{FFFD}\u{FFFD}b \(String(repeating: "\u{FFFD}", count: 6))c\n")
        let document = try CLI.run(["normalize", "--document"], inputData: Data(input))
        #expect(document.status == 0 && document.stderr.contains("9 invalid UTF-8 sequences"))
    }

    @Test func byteOrderMarkInTheMiddle() throws {
        let input = "ab\u{FEFF}cd İz\u{FEFF}mir\n\u{FEFF}x\n"
        let upper = try CLI.run(["case", "upper", "--lang", "tr"], input: input)
        #expect(Array(upper.stdout.utf8) == Array("AB\u{FEFF}CD İZ\u{FEFF}MİR\n\u{FEFF}X\n".utf8), "case keeps the BOM")
        let repaired = try CLI.run(["normalize", "--profile", "repair"], input: input)
        #expect(repaired.stdout == "abcd İzmir\nx\n", "normalize removes a zero-width no-break space")
        let tokens = try CLI.run(["tokenize", "--format", "jsonl", "--lang", "tr"], input: input)
        #expect(tokens.stdout.contains("\"text\":\"İz\u{FEFF}mir\",\"norm\":\"izmir\""), "\(tokens.stdout)")
    }

    @Test func windowsLineEndingsAreKept() throws {
        let input = "Bölge\r\nİSTANBUL\r\n\r\nson\r\nson-satır"   // the last line has no newline
        let upper = try CLI.run(["case", "upper", "--lang", "tr"], input: input)
        #expect(upper.stdout == "BÖLGE\r\nİSTANBUL\r\n\r\nSON\r\nSON-SATIR")
        let normalized = try CLI.run(["normalize", "--lang", "tr"], input: input)
        #expect(normalized.stdout == "bölge\r\nistanbul\r\n\r\nson\r\nson-satır")
        let translit = try CLI.run(["translit", "--scheme", "latin-ascii"], input: input)
        #expect(translit.stdout == "Bolge\r\nISTANBUL\r\n\r\nson\r\nson-satir")
        // A mix of endings: each line keeps its own.
        let mixed = try CLI.run(["case", "lower"], input: "A\r\nB\nC\r\n")
        #expect(mixed.stdout == "a\r\nb\nc\r\n")
        let mixedNormalized = try CLI.run(["normalize"], input: "A\r\nB\nC\r\n")
        #expect(mixedNormalized.stdout == "a\r\nb\nc\r\n")
        // JSONL with CRLF line endings is read too.
        let jsonl = try CLI.run(["normalize", "--input", "jsonl", "--lang", "tr"], input: "{\"text\":\"A\"}\r\n{\"text\":\"B\"}\r\n")
        #expect(jsonl.status == 0 && jsonl.stdout == "{\"text\":\"a\",\"lang\":\"tr\"}\r\n{\"text\":\"b\",\"lang\":\"tr\"}\r\n", "\(jsonl.stdout.debugDescription)")
    }

    // MARK: Very long lines and very long characters

    /// A 20 MB line is streamed in pieces and its output is exactly the line's transformation.
    @Test func twentyMegabyteLine() throws {
        let unit = "istanbul ılık İzmir "
        let count = 20_000_000 / unit.utf8.count
        var input = [UInt8]()
        input.reserveCapacity(count * unit.utf8.count + 1)
        for _ in 0..<count { input += unit.utf8 }
        input.append(0x0A)
        let result = try CLI.run(["case", "upper", "--lang", "tr"], inputData: Data(input))
        #expect(result.status == 0)
        let output = Array(result.stdout.utf8)
        #expect(output.count == count * "İSTANBUL ILIK İZMİR ".utf8.count + 1)
        #expect(output == Array((String(repeating: "İSTANBUL ILIK İZMİR ", count: count) + "\n").utf8), "the 20 MB line came out changed")
    }

    /// A line cut into pieces at whitespace is normalized as the whole line would be: the
    /// whitespace at each cut becomes one space (no words glued together, no double space).
    @Test func longLineNormalizedAcrossPieceCuts() throws {
        let unit = "DIŞİŞLERİ  Bakanlığı’nın\t„Açıklaması“ "
        let count = 2_200_000 / unit.utf8.count   // about 2.2 MB: three pieces
        let input = String(repeating: unit, count: count) + "\n"
        let result = try CLI.run(["normalize", "--lang", "tr"], input: input)
        #expect(result.status == 0)
        var expected = String(repeating: "dışişleri bakanlığı'nın \"açıklaması\" ", count: count)
        expected.removeLast()
        #expect(result.stdout == expected + "\n", "normalized pieces do not join up like the whole line")
        #expect(!result.stdout.contains("\"dışişleri") && !result.stdout.contains("  "))
    }

    /// A long line without any space is cut between characters; a character is never split.
    @Test func longLineWithoutSpaces() throws {
        let input = String(repeating: "ıi", count: 800_000) + "\r\n"   // 2.4 MB, no whitespace
        let upper = try CLI.run(["case", "upper", "--lang", "tr"], input: input)
        #expect(upper.stdout == String(repeating: "Iİ", count: 800_000) + "\r\n")
        let translit = try CLI.run(["translit", "--scheme", "latin-ascii"], input: input)
        #expect(translit.stdout == String(repeating: "ii", count: 800_000) + "\r\n")
    }

    /// A long line of decomposed letters without spaces is never cut between a letter and
    /// its mark, so NFC composes every one (the cut once fell before a mark whose second
    /// byte had not been read yet).
    @Test func longLineCutKeepsMarksWithTheirLetter() throws {
        let input = String(repeating: "e\u{301}", count: 700_000) + "\n"   // 2.1 MB: three pieces
        let result = try CLI.run(["normalize", "--profile", "repair", "--lang", "en"], input: input)
        #expect(result.status == 0)
        #expect(result.stdout.unicodeScalars.elementsEqual((String(repeating: "\u{E9}", count: 700_000) + "\n").unicodeScalars),
                "\(result.stdout.unicodeScalars.filter { $0 == "\u{301}" }.count) marks left uncomposed")
    }

    /// 10,000 combining marks on one letter: no crash, no quadratic step, nothing lost.
    @Test func tenThousandCombiningMarks() throws {
        let marks = String(repeating: "\u{301}", count: 10_000)
        let input = "Astana e\(marks) x\n"
        let upper = try CLI.run(["case", "upper"], input: input)
        #expect(upper.stdout.unicodeScalars.elementsEqual("ASTANA E\(marks) X\n".unicodeScalars))
        let repaired = try CLI.run(["normalize", "--profile", "repair"], input: input)
        // NFC composes e + the first mark into é; the other 9,999 marks stay.
        #expect(repaired.stdout.unicodeScalars.elementsEqual("Astana \u{E9}\(String(repeating: "\u{301}", count: 9_999)) x\n".unicodeScalars),
                "\(repaired.stdout.unicodeScalars.prefix(12).map { String($0.value, radix: 16) })")
        for command in Self.lineCommands {
            let result = try CLI.run(command, input: input)
            #expect(result.status == 0 && Self.lineCount(Array(result.stdout.utf8)) == 1, "\(command)")
        }
        let tokens = try CLI.run(["tokenize", "--format", "jsonl"], input: input)
        #expect(tokens.status == 0)
        #expect(tokens.stdout.contains("\"start\":7,\"end\":10008"), "the letter and its marks are one token")
        #expect(try CLI.run(["langid"], input: input).status == 0)
    }

    /// NFC composes a decomposed letter (`==` on Strings compares canonical equivalence, so
    /// an equality test cannot show this: the bytes are compared).
    @Test func normalizeComposesDecomposedLetters() throws {
        let result = try CLI.run(["normalize", "--profile", "repair", "--lang", "en"], input: "Cafe\u{301} A\u{30A}ngstro\u{308}m\n")
        #expect(Array(result.stdout.utf8) == Array("Caf\u{E9} \u{C5}ngstr\u{F6}m\n".utf8),
                "\(result.stdout.unicodeScalars.map { String($0.value, radix: 16) })")
        let search = try CLI.run(["normalize", "--profile", "search", "--lang", "de"], input: "A\u{308}RZTE\n")
        #expect(Array(search.stdout.utf8) == Array("\u{E4}rzte\n".utf8))
    }

    /// `tag` over one file of each kind of bad input (in one run, with a small gazetteer):
    /// entities are found next to the damage, and each entity's offsets slice the decoded
    /// file to its text.
    @Test func tagEveryBadDocumentInOneRun() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents: [(String, [UInt8])] = [
            ("empty.txt", []),
            ("invalid.txt", [0xFF, 0xFE, 0x0A, 0xC0, 0xAF, 0x41, 0x73, 0x74, 0x61, 0x6E, 0x61, 0x0A]),
            ("nul.txt", Array("a\u{0}b İstanbul’da\u{0}\n".utf8)),
            ("cesu.txt", [0xED, 0xA0, 0x80] + Array(" Astana ".utf8) + [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
            ("bom.txt", Array("ab\u{FEFF}cd İz\u{FEFF}mir\n".utf8)),
            ("marks.txt", Array("Astana e\(String(repeating: "\u{301}", count: 10_000)) Bakü\n".utf8)),
            ("crlf.txt", Array("Tokajew\r\nbesuchte\r\nAstana.\r\n".utf8)),
        ]
        var paths: [String] = []
        var texts: [String: [Unicode.Scalar]] = [:]
        for (name, bytes) in documents {
            let path = try Self.write(bytes, name, in: folder)
            paths.append(path)
            texts[path] = Array(UTF8Decoder.decode(bytes).text.unicodeScalars)
        }
        let result = try CLI.run(["tag", "--lang", "tr", "--gazetteer", try Self.smallGazetteer(in: folder)] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("invalid.txt: 4 invalid UTF-8 sequences replaced by U+FFFD"), "\(result.stderr)")
        #expect(result.stderr.contains("cesu.txt: 9 invalid UTF-8 sequences replaced by U+FFFD"), "\(result.stderr)")
        var found: [String: [String]] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let file = object["file"] as? String,
                  let start = object["start"] as? Int, let end = object["end"] as? Int, let text = object["text"] as? String,
                  let scalars = texts[file], start >= 0, start < end, end <= scalars.count else {
                Issue.record("bad entity line: \(line)")
                continue
            }
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == text, "\(file): \(start)-\(end) does not slice to \(text)")
            found[(file as NSString).lastPathComponent, default: []].append(object["canonical"] as? String ?? "")
        }
        #expect(found["empty.txt"] == nil)
        #expect(found["invalid.txt"] == ["Astana"])
        #expect(found["nul.txt"] == ["Istanbul"])
        #expect(found["cesu.txt"] == ["Astana"])
        #expect(found["bom.txt"] == ["İzmir"])
        #expect(found["marks.txt"] == ["Astana", "Baku"])
        #expect(found["crlf.txt"] == ["Kassym-Jomart Tokayev", "Astana"])
    }

    // MARK: JSON Lines

    @Test func jsonlLineThatIsNotJSON() throws {
        let input = "{\"id\":1,\"text\":\"Astana’da\"}\nnot json at all\n{\"id\":3,\"text\":\"Bakü\"}\n[1,2]\n\"text\"\n{\"id\":6,\"text\":\"Tokajew\"}\n"
        let commands: [[String]] = [
            ["normalize", "--input", "jsonl"], ["case", "upper", "--input", "jsonl"],
            ["translit", "--scheme", "ru-de", "--input", "jsonl"],
            ["tokenize", "--input", "jsonl"], ["langid", "--input", "jsonl"],
        ]
        for command in commands {
            let result = try CLI.run(command, input: input)
            #expect(result.status == 1, "\(command): exit status \(result.status)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 3, "\(command): the good lines are still processed: \(result.stdout)")
            #expect(lines.first?.contains("\"id\":1") == true && lines.last?.contains("\"id\":6") == true, "\(command)")
            for number in [2, 4, 5] {
                #expect(result.stderr.contains("-:\(number): not a JSON object"), "\(command): \(result.stderr)")
            }
        }
        // With a file, the message names it.
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // tag once, for both kinds of bad line.
        let path = try Self.write(Array((input + "{\"id\":7,\"body\":\"Astana\"}\n{\"id\":8,\"text\":\"Astana\"}\n").utf8), "docs.jsonl", in: folder)
        let result = try CLI.run(["tag", "--input", "jsonl", "--gazetteer", try Self.smallGazetteer(in: folder), path])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").map { $0.prefix(8) } == ["{\"id\":1,", "{\"id\":3,", "{\"id\":6,", "{\"id\":8,"], "\(result.stdout)")
        #expect(result.stdout.contains("\"id\":8") && result.stdout.contains("\"canonical\":\"Kassym-Jomart Tokayev\""))
        for number in [2, 4, 5] { #expect(result.stderr.contains("\(path):\(number): not a JSON object"), "\(result.stderr)") }
        #expect(result.stderr.contains("\(path):7: id 7: no string field \"text\""), "\(result.stderr)")
    }

    @Test func jsonlMissingField() throws {
        let input = "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"body\":\"b\"}\n{\"id\":3,\"text\":42}\n{\"id\":4,\"text\":null}\n{\"id\":5,\"text\":\"e\"}\n"
        for command in [["normalize", "--input", "jsonl"], ["langid", "--input", "jsonl"],
                        ["tokenize", "--input", "jsonl"], ["case", "upper", "--input", "jsonl"]] {
            let result = try CLI.run(command, input: input)
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.split(separator: "\n").count == 2, "\(command): \(result.stdout)")
            for (number, kind) in [(2, ""), (3, " (it is a number)"), (4, " (it is null)")] {
                #expect(result.stderr.contains("-:\(number): id \(number): no string field \"text\"\(kind)\n"), "\(command): \(result.stderr)")
            }
        }
        let other = try CLI.run(["normalize", "--input", "jsonl", "--field", "body"], input: input)
        #expect(other.status == 1 && other.stdout.contains("\"body\":\"b\"") && other.stderr.contains("-:1: id 1: no string field \"body\""))
    }

    // MARK: Gazetteer

    @Test func gazetteerWithABadLine() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = "# test gazetteer\nplace:astana\tPLACE\tAstana\ten:Astana | ru:Астана\n"
        let cases: [(String, String)] = [
            ("place:x\tPLACE\tX\n", ":3: expected 4 tab-separated fields"),
            ("place:x\tCITY\tX\ten:X\n", ":3: unknown type 'CITY'"),
            ("place:x\tPLACE\tX\tqq:X\n", ":3: unknown language 'qq'"),
            ("place:x\tPLACE\tX\ten X\n", ":3: alias 'en X' is not lang:text"),
            ("place:x\tPLACE\t\ten:X\n", ":3: empty canonical name"),
            ("place x\tPLACE\tX\ten:X\n", ":3: empty or spaced id"),
            ("place:astana\tPLACE\tAstana\ten:Astana\n", "duplicate id place:astana"),
        ]
        for (index, (line, reason)) in cases.enumerated() {
            let path = try Self.write(Array((good + line).utf8), "bad\(index).tsv", in: folder)
            let result = try CLI.run(["tag", "--gazetteer", path], input: "Astana\n")
            #expect(result.status == 1, "\(line.debugDescription)")
            #expect(result.stderr.contains(path) && result.stderr.contains(reason), "\(line.debugDescription): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let notUTF8 = try Self.write([0xFF, 0x0A], "binary.tsv", in: folder)
        let binary = try CLI.run(["tag", "--gazetteer", notUTF8], input: "Astana\n")
        #expect(binary.status == 1 && binary.stderr.contains("\(notUTF8): not UTF-8"))
        let missing = try CLI.run(["tag", "--gazetteer", folder.appendingPathComponent("none.tsv").path], input: "Astana\n")
        #expect(missing.status == 1 && missing.stderr.contains("none.tsv: no such file or directory"))
        let goodPath = try Self.write(Array(good.utf8), "good.tsv", in: folder)
        let ok = try CLI.run(["tag", "--gazetteer", goodPath, "--lang", "en"], input: "Astana\n")
        #expect(ok.status == 0 && ok.stdout.contains("\"id\":\"place:astana\""))
    }

    // MARK: Nothing dropped

    /// Every kind of damage in one file: one output line per input line for every
    /// line-preserving command, and a missing file does not stop the others.
    @Test func outputLineCountEqualsInputLineCount() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = []
        for line in ["", "   ", "\t", "\u{200B}\u{FEFF}\u{AD}", "plain", "İSTANBUL’da „x“", "Zusammen-", "arbeit",
                     "Тоқаев Астанада", "e\u{301}\u{301}\u{301}", "\u{0}", "ﬁ ² Ａ", "\r", "a\rb", "😀 中文 Ω", "-"] {
            bytes += Array(line.utf8) + [0x0A]
        }
        bytes += [0xFF, 0x0A, 0xED, 0xA0, 0x80, 0x0D, 0x0A, 0x61]   // invalid, CESU + CRLF, a last line without \n
        let path = try Self.write(bytes, "damaged.txt", in: folder)
        let lines = Self.lineCount(bytes)
        #expect(lines == 19)
        for command in Self.lineCommands {
            let result = try CLI.run(command + [path, folder.appendingPathComponent("missing.txt").path, path])
            #expect(result.status == 1, "\(command): a missing file fails the run")
            #expect(result.stderr.contains("missing.txt: No such file or directory"), "\(command): \(result.stderr)")
            #expect(Self.lineCount(Array(result.stdout.utf8)) == 2 * lines - 1, "\(command): \(result.stdout.debugDescription)")
        }
    }

    // MARK: Progress

    @Test func progressOnStandardError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write(Array(String(repeating: "Merhaba dünya\n", count: 100).utf8), "input.txt", in: folder)
        for command in [["case", "upper"], ["normalize", "--document"], ["tokenize"], ["langid"]] {
            let result = try CLI.run(command + ["--progress", path])
            #expect(result.stderr.hasPrefix("\rtilmash: 1.5 kB of 1.5 kB (100%), "), "\(command): \(result.stderr.debugDescription)")
            #expect(result.stderr.hasSuffix(" s\n") && result.stderr.contains(" MB/s, "), "\(command): \(result.stderr.debugDescription)")
        }
        // Standard input: no total.
        let piped = try CLI.run(["case", "upper", "--progress"], input: "abc\n")
        #expect(piped.stdout == "ABC\n")
        #expect(piped.stderr.hasPrefix("\rtilmash: 4 B, ") && piped.stderr.hasSuffix("\n"), "\(piped.stderr.debugDescription)")
        // Without --progress and with standard error not a terminal: silent.
        let quiet = try CLI.run(["normalize", path])
        #expect(quiet.stderr.isEmpty)
        // An error message starts on a line of its own.
        let failing = try CLI.run(["normalize", "--input", "jsonl", "--progress"], input: "x\n")
        #expect(failing.stderr.contains("\ntilmash: -:1: not a JSON object") || failing.stderr.hasPrefix("tilmash: -:1: not a JSON object"), "\(failing.stderr.debugDescription)")
        #expect(try CLI.run(["eval", "--help"]).stdout.contains("--progress"))
    }

    // MARK: 200 MB (TILMASH_LARGE_TESTS=1)

    /// One 200 MB line through `tilmash normalize`: exact output, peak memory (measured
    /// with /usr/bin/time) under 200 MB.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TILMASH_LARGE_TESTS"] == "1"))
    func twoHundredMegabyteLine() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = "DIŞİŞLERİ  Bakanlığı’nın „Açıklaması“ "
        let count = 200_000_000 / unit.utf8.count
        let inputURL = folder.appendingPathComponent("line.txt"), outputURL = folder.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: inputURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: inputURL)
        let block = Data(String(repeating: unit, count: 10_000).utf8)
        for _ in 0..<(count / 10_000) { handle.write(block) }
        handle.write(Data((String(repeating: unit, count: count % 10_000) + "\n").utf8))
        try handle.close()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M", CLI.executable.path, "normalize", "--lang", "tr", inputURL.path]
        process.standardOutput = try FileHandle(forWritingTo: { _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil); return outputURL }())
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        let kilobytes = Int(report.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
        print("tilmash normalize, one \(count * unit.utf8.count / 1_000_000) MB line: peak RSS \(kilobytes) KB")
        #expect(kilobytes > 0 && kilobytes < 200_000, "peak RSS \(kilobytes) KB")

        var expected = String(repeating: "dışişleri bakanlığı'nın \"açıklaması\" ", count: count)
        expected.removeLast()
        expected += "\n"
        let output = try Data(contentsOf: outputURL)
        #expect(output.count == expected.utf8.count)
        #expect(output == Data(expected.utf8), "the 200 MB line came out changed")
    }
}
