import Foundation
import Testing
@testable import Tilmash

/// `--jobs N`: the output of N worker processes is byte for byte the output of one, in the
/// input's order, with the same messages (naming the same input lines) and exit status.
@Suite struct ParallelRunTests {
    /// 1,200 lines — several batches per worker — with records that fail in every way,
    /// CRLF line ends and blank lines among them.
    static let records: String = {
        var lines: [String] = []
        let texts = ["Tokajew besuchte Astana.", "Lavrov, Astana’da Abdrahmanov ile görüştü.", "Токаев прибыл в Москву.", "ISTANBUL’DA"]
        for number in 1...1200 {
            switch number % 97 {
            case 0: lines.append("not json \(number)")
            case 13: lines.append("{\"id\":\(number),\"body\":\"no text\"}")
            case 41: lines.append("")
            case 55: lines.append("{\"id\":\(number),\"text\":\"a\\ud800b\"}")
            default:
                let text = texts[number % texts.count]
                lines.append("{\"id\":\(number),\"n\":1.50,\"text\":\"\(text)\"}" + (number % 5 == 0 ? "\r" : ""))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test(arguments: [["index"], ["tag"], ["normalize", "--lang", "tr"], ["tokenize"], ["analyze", "--lang", "tr"]])
    func recordsComeBackAsFromOneProcess(_ command: [String]) throws {
        for policy in ["pass", "fail"] {
            let one = try CLI.run(command + ["--input", "jsonl", "--on-error", policy], input: Self.records)
            let two = try CLI.run(command + ["--input", "jsonl", "--on-error", policy, "--jobs", "2"], input: Self.records)
            #expect(one.status == (policy == "pass" ? 0 : 1))
            #expect(two.status == one.status, "\(command) \(policy)")
            #expect(two.stdout == one.stdout, "\(command) \(policy)")
            #expect(one.stdout.count > 10_000)
            // The same messages, naming the same lines (workers write them as they go).
            #expect(two.stderr.split(separator: "\n").sorted() == one.stderr.split(separator: "\n").sorted(), "\(command) \(policy)")
            #expect(one.stderr.contains("tilmash: -:97: not a JSON object"))
            #expect(one.stderr.contains("tilmash: -:1122: id 1122: unpaired surrogate"))
        }
    }

    @Test func filesComeBackInOrder() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent("Corpora/seeds").path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { "Corpora/seeds/" + $0 }
        for command in [["tag"], ["tag", "--format", "conll"], ["normalize", "--document", "--format", "jsonl"], ["index"], ["tokenize"]] {
            let one = try CLI.run(command + seeds)
            let three = try CLI.run(command + ["--jobs", "3"] + seeds)
            #expect(one.status == 0 && three.status == 0, "\(command)")
            #expect(three.stdout == one.stdout, "\(command)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-jobs-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["tag", "--format", "html", "--jobs", "2", "--output-dir", folder.path] + seeds).status == 0)
        let single = try CLI.run(["tag", "--format", "html", seeds[0]])
        #expect(try String(contentsOf: folder.appendingPathComponent((seeds[0] as NSString).lastPathComponent), encoding: .utf8) == single.stdout)
        // A missing file among them: the others are written, exit 1.
        let missing = try CLI.run(["tag", "--jobs", "2", seeds[0], "/nonexistent.txt", seeds[1]])
        #expect(missing.status == 1)
        #expect(missing.stdout == (try CLI.run(["tag", seeds[0], seeds[1]])).stdout)
    }

    /// Only the parent shows progress: a process marked as a worker shows none, even
    /// when asked (workers inherit the terminal as standard error).
    @Test func workersShowNoProgress() throws {
        let shown = try CLI.run(["tag", "--input", "jsonl", "--progress", "--jobs", "2"], input: Self.records)
        #expect(shown.stderr.contains(", 1200 records, "), "\(shown.stderr)")   // the parent counts every line
        let worker = try CLI.run(["tag", "--input", "jsonl", "--progress"], input: Self.records,
                                 environment: ["TILMASH_JOBS_WORKER": "1"])
        #expect(!worker.stderr.contains("records, ") && !worker.stderr.contains("MB/s"))
        #expect(worker.stdout == shown.stdout)
    }

    @Test func usageErrorsAreReportedOnce() throws {
        let refused = try CLI.run(["tag", "--jobs", "2", "--input", "jsonl", "--format", "text"], input: "{\"text\":\"a\"}\n")
        #expect(refused.status == 2)
        #expect(refused.stderr.components(separatedBy: "tilmash tag: --format text does not go with --input jsonl").count == 2)
        for value in ["x", "-1", "1000"] {
            let bad = try CLI.run(["normalize", "--jobs", value], input: "a\n")
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("tilmash normalize: invalid value '\(value)' for --jobs"))
        }
        // One text stream has nothing to split: the same output from one process.
        #expect(try CLI.run(["normalize", "--jobs", "2", "--lang", "tr"], input: "ISTANBUL’DA\n").stdout == "ıstanbul'da\n")
    }
}
