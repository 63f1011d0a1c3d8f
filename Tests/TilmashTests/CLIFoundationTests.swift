import Foundation
import Testing

/// `tilmash case`, `tilmash translit` and the shared command-line behaviour, run through the
/// built executable.
@Suite struct CLIFoundationTests {
    @Test func turkishCaseRoundTrip() throws {
        let upper = try CLI.run(["case", "upper", "--lang", "tr"], input: "istanbul ılık İzmir IŞIK\n")
        #expect(upper.stdout == "İSTANBUL ILIK İZMİR IŞIK\n")
        let lower = try CLI.run(["case", "lower", "--lang", "tr"], input: upper.stdout)
        #expect(lower.stdout == "istanbul ılık izmir ışık\n")
        let root = try CLI.run(["case", "upper", "--lang", "en"], input: "istanbul ılık\n")
        #expect(root.stdout == "ISTANBUL ILIK\n")
    }

    @Test func linesAndLineEndingsAreKept() throws {
        let result = try CLI.run(["case", "upper"], input: "a\r\nb\n\nc")
        #expect(result.stdout == "A\r\nB\n\nC")
        #expect(result.status == 0)
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        let result = try CLI.run(["case", "lower"], inputData: Data([0x41, 0xFF, 0xFE, 0x42, 0x0A]))
        #expect(result.stdout == "a\u{FFFD}\u{FFFD}b\n")
        #expect(result.stderr.contains("2 invalid UTF-8 sequences"))
        #expect(result.status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        let scheme = try CLI.run(["translit", "--scheme", "klingon"])
        #expect(scheme.status == 2)
        #expect(scheme.stderr.contains("unknown scheme 'klingon'"))
        #expect(scheme.stderr.contains("Usage: tilmash translit"))
        #expect(try CLI.run(["case", "upper", "--bogus"]).status == 2)
        #expect(try CLI.run(["case", "sideways"]).status == 2)
        #expect(try CLI.run(["nonsense"]).status == 2)
        #expect(try CLI.run(["case", "upper", "--lang", "xx"]).status == 2)
    }

    @Test func unreadableFileExitsOne() throws {
        let result = try CLI.run(["case", "upper", "/no/such/file.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/no/such/file.txt: No such file or directory"))
    }

    @Test func jsonlKeepsOtherFields() throws {
        let result = try CLI.run(["translit", "--scheme", "kk-latn-2021", "--input", "jsonl"],
                                 input: "{\"id\": 7, \"text\": \"Тоқаев\\nАстана\"}\nnot json\n{\"id\": 8}\n")
        // Byte for byte: the spaces after the colons stay.
        #expect(result.stdout == "{\"id\": 7, \"text\": \"Toqaev\\nAstana\"}\n")
        #expect(result.stderr.contains("-:2: not a JSON object"))
        #expect(result.stderr.contains("-:3: id 8: no string field \"text\""))
        #expect(result.status == 1)
    }

    @Test func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("translit"))
        for command in ["case", "translit"] {
            let commandHelp = try CLI.run([command, "--help"])
            #expect(commandHelp.status == 0 && commandHelp.stdout.contains("Usage: tilmash \(command)"))
        }
        #expect(try CLI.run(["--version"]).stdout.contains("ICU "))
    }

    @Test func seedsTransliterateLineByLine() throws {
        let path = "Corpora/seeds/001_cf9d392c712c68ef.txt"
        let result = try CLI.run(["translit", "--scheme", "kk-latn-2021", path])
        let original = try String(contentsOf: Fixture.packageRoot.appendingPathComponent(path), encoding: .utf8)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count
                == original.split(separator: "\n", omittingEmptySubsequences: false).count)
    }
}
