import Foundation
import Tilmash

/// The command line of `tilmash-bench`, parsed by hand.
struct Options {
    var seeds = "Corpora/seeds"
    var corpus: String?
    var translitCorpora: [String: String] = [:]
    var scaleMB = 10.0
    var runs = 5
    var jobs: [Int] = [2]
    var stages: [String]?
    var json: String?
    var gazetteer: String?
    var language = "auto"
    var budget = 4.0
    var documentKB = 4

    static let help = """
    Usage: tilmash-bench [options]

    Measures the throughput of every Tilmash stage on the seed corpus (Corpora/seeds/*.txt)
    repeated to --scale-mb megabytes: a warm-up, then --runs timed passes per stage. Prints
    MB/s and tokens/s (median, min, max) and the peak resident memory per stage.

    Stages: decode, normalize.repair, normalize.search, normalize.ascii,
            translit.<scheme> (\(TransliterationScheme.allCases.map(\.rawValue).joined(separator: ", "))),
            langid, tokenize, tag, tag.startup, pipeline, pipeline.jobs<N>
    (tag.startup runs the tilmash executable beside this one on one line, tag against
    normalize, and reports median seconds and peak memory of each)

    Options:
      --scale-mb X            corpus size in MB (10^6 bytes; default 10); 0 = the text as is
      --runs N                timed passes per stage (default 5)
      --jobs N[,M...]         threads for pipeline.jobs<N> (default 2); 1 = no such stage
      --stages a,b,c          run only these stages (a family name such as `translit`
                              or `normalize` selects all its stages)
      --corpus FILE           measure FILE (UTF-8) instead of the seeds; cut into documents
                              of about --doc-kb KB at blank lines (or line ends)
      --seeds DIR             the seed folder (default Corpora/seeds, relative to the
                              current directory)
      --translit-corpus S=F   text for translit.S (Cyrillic schemes default to
                              Benchmarks/corpus/kk.txt or ru.txt; the others use the corpus)
      --lang L                auto (default, what the CLI does): pass nil, so each call
                              identifies (and the time includes it; normalize goes line by
                              line and identifies only lines whose output depends on it);
                              doc: each source document's language identified once before
                              timing and passed to every stage;
                              or a code: \(Language.named.map(\.code).joined(separator: " "))
      --budget S              seconds of timed work per stage (default 4): a stage too slow
                              to do --runs passes over the whole corpus in S seconds is
                              measured on a prefix of it (at least 1 MB), and says so;
                              0 = always the whole corpus
      --gazetteer PATH        a .tsv file or folder of them for tag and pipeline instead of
                              the bundled gazetteer (Corpora/gazetteer/data)
      --doc-kb N              document size for --corpus files (default 4)
      --json FILE             also write the results as JSON (- = standard output; the
                              table then goes to standard error)
      -h, --help              this help

    Run it in release mode from the package root:
      swift run -c release tilmash-bench --scale-mb 10 --json bench.json
    """

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `arguments` (without the program name); nil means help was asked for.
    static func parse(_ arguments: [String]) throws -> Options? {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return next
        }
        func number(_ flag: String, minimum: Double) throws -> Double {
            let text = try value(flag)
            guard let parsed = Double(text), parsed >= minimum else {
                throw UsageError(description: "\(flag): expected a number >= \(minimum), got '\(text)'")
            }
            return parsed
        }
        while let argument = rest.popFirst() {
            var flag = argument
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {   // --flag=value
                flag = String(argument[..<equals])
                rest.insert(String(argument[argument.index(after: equals)...]), at: rest.startIndex)
            }
            switch flag {
            case "-h", "--help": return nil
            case "--scale-mb": options.scaleMB = try number(flag, minimum: 0)
            case "--runs": options.runs = Int(try number(flag, minimum: 1))
            case "--budget": options.budget = try number(flag, minimum: 0)
            case "--doc-kb": options.documentKB = Int(try number(flag, minimum: 1))
            case "--corpus": options.corpus = try value(flag)
            case "--seeds": options.seeds = try value(flag)
            case "--json": options.json = try value(flag)
            case "--gazetteer": options.gazetteer = try value(flag)
            case "--jobs":
                let text = try value(flag)
                let list = text.split(separator: ",").compactMap { Int($0) }
                guard !list.isEmpty, list.count == text.split(separator: ",").count, list.allSatisfy({ $0 >= 1 }) else {
                    throw UsageError(description: "--jobs: expected N or N,M,... (N >= 1), got '\(text)'")
                }
                options.jobs = list.filter { $0 > 1 }
            case "--stages":
                options.stages = try value(flag).split(separator: ",").map { String($0) }
            case "--lang":
                let code = try value(flag).lowercased()
                guard code == "doc" || code == "auto" || Language.named.contains(where: { $0.code == code }) else {
                    throw UsageError(description: "--lang: expected doc, auto or one of \(Language.named.map(\.code).joined(separator: " "))")
                }
                options.language = code
            case "--translit-corpus":
                let pair = try value(flag).split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2, TransliterationScheme(rawValue: pair[0]) != nil else {
                    throw UsageError(description: "--translit-corpus: expected SCHEME=FILE with SCHEME one of "
                        + TransliterationScheme.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.translitCorpora[pair[0]] = pair[1]
            default:
                throw UsageError(description: "unknown argument '\(argument)' (see --help)")
            }
        }
        return options
    }

    /// Whether the stage called `name` was asked for.
    func wants(_ name: String) -> Bool {
        guard let stages else { return true }
        return stages.contains { $0 == name || name.hasPrefix($0 + ".") || ($0 == "pipeline.jobs" && name.hasPrefix("pipeline.jobs")) }
    }
}
