// tilmash-bench: throughput of every Tilmash stage on the seed corpus (see --help and
// Benchmarks/README.md).
import Foundation
import Tilmash

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tilmash-bench: \(message)\n".utf8))
    exit(2)
}

let options: Options
do {
    guard let parsed = try Options.parse(Array(CommandLine.arguments.dropFirst())) else {
        print(Options.help)
        exit(0)
    }
    options = parsed
} catch {
    fail("\(error)")
}

// Every name --stages accepts: the stages, their families, and pipeline.jobs<N>.
if let asked = options.stages {
    let names = ["decode", "normalize.repair", "normalize.search", "normalize.ascii"]
        + TransliterationScheme.allCases.map { "translit.\($0.rawValue)" }
        + ["langid", "tokenize", "tag", "tag.startup", "pipeline"] + options.jobs.map { "pipeline.jobs\($0)" }
    let families = Set(names.map { String($0.split(separator: ".")[0]) }).union(["pipeline.jobs"])
    for name in asked where !names.contains(name) && !families.contains(name) {
        fail("unknown stage '\(name)' in --stages; stages: \(names.joined(separator: ", "))")
    }
}

// Start-up of the command-line tool, one line of input: `tag` against `normalize` — measured
// first, while this process is small (a child's peak memory counts its parent's at the spawn).
var startupJSON: [String: Any] = [:]
var startupText = ""
if options.wants("tag.startup") {
    if let startup = Startup(runs: options.runs) {
        do {
            let normalize = try startup.measure(["normalize"])
            let tag = try startup.measure(["tag"] + (options.gazetteer.map { ["--gazetteer", $0] } ?? []))
            startupText = String(format: "tag.startup (one line through %@, median of %d): normalize %.3f s %d MB, tag %.3f s %d MB = %.2f× normalize\n",
                                 startup.executable, startup.runs, normalize.median, normalize.medianPeak / 1_000_000,
                                 tag.median, tag.medianPeak / 1_000_000, tag.median / normalize.median)
            startupJSON = ["normalizeSeconds": normalize.median, "normalizePeakBytes": normalize.medianPeak,
                           "tagSeconds": tag.median, "tagPeakBytes": tag.medianPeak, "ratio": tag.median / normalize.median]
        } catch {
            startupText = "tag.startup: FAILED: \(error)\n"
        }
    } else {
        startupText = "tag.startup: no tilmash executable beside tilmash-bench (build both: swift build -c release)\n"
    }
}

let began = DispatchTime.now().uptimeNanoseconds
/// The 1-minute load average: other processes on the machine skew the numbers.
func loadAverage() -> Double? {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.flatMap { Double($0) }
}
let loadBefore = loadAverage()
let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .first { $0.hasPrefix("model name") }?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "?"
let loader = CorpusLoader(options: options)
let main: Corpus
do { main = try loader.main() } catch { fail("\(error)") }

// Text of each transliteration scheme's source script.
var translitCorpora: [TransliterationScheme: Corpus] = [:]
var translitErrors: [TransliterationScheme: String] = [:]
var loadedFiles: [String: Corpus] = [:]
for scheme in TransliterationScheme.allCases where options.wants("translit.\(scheme.rawValue)") {
    var path = options.translitCorpora[scheme.rawValue]
    var language: Language?
    if path == nil && scheme.sourceScript == .cyrillic {
        let kazakh = scheme.rawValue.hasPrefix("kk-")
        path = kazakh ? "Benchmarks/corpus/kk.txt" : "Benchmarks/corpus/ru.txt"
        language = kazakh ? .kazakh : .russian
    }
    guard let path else { continue }
    if let loaded = loadedFiles[path] { translitCorpora[scheme] = loaded; continue }
    do {
        let corpus = try loader.file(path, name: path, language: language)
        loadedFiles[path] = corpus
        translitCorpora[scheme] = corpus
    } catch {
        translitErrors[scheme] = "\(error) (give --translit-corpus \(scheme.rawValue)=FILE)"
    }
}

// The table goes to standard error when the JSON goes to standard output.
let out: (String) -> Void = options.json == "-"
    ? { FileHandle.standardError.write(Data($0.utf8)) }
    : { FileHandle.standardOutput.write(Data($0.utf8)) }

let languages = main.documents.prefix(12).map(\.language.code).joined(separator: " ") + (main.documents.count > 12 ? " ..." : "")
let languageNote: String
switch options.language {
case "auto": languageNote = "nil (each call identifies the language; the time includes it)"
case "doc": languageNote = "per document, identified once before timing: \(languages)"
    + (loader.identifier == nil ? " (letter heuristic: language model unavailable: \(loader.identifierError ?? "?"))" : "")
default: languageNote = options.language
}
out("""
tilmash-bench: \(main.name), \(mb(main.distinctBytes, decimals: 3)) MB distinct, scaled to \(mb(main.bytes)) MB \
in \(main.order.count) documents, \(main.tokens) tokens
language passed to the stages: \(languageNote)

""")
for (path, corpus) in loadedFiles.sorted(by: { $0.key < $1.key }) {
    out("translit text: \(path): \(corpus.documents.count) documents, \(mb(corpus.distinctBytes, decimals: 3)) MB distinct, scaled to \(mb(corpus.bytes)) MB\n")
}
out("\(options.runs) timed runs per stage after a warm-up; time budget \(options.budget) s per stage; "
    + "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), load average \(loadBefore.map { String(format: "%.2f", $0) } ?? "?")\n\n")

var outcomes: [Outcome] = []
let runner = Runner(runs: options.runs, budget: options.budget)
let plan = StagePlan(options: options, main: main, translitCorpora: translitCorpora)
var pipelineSample: Int?
for stage in plan.stages() {
    if let scheme = TransliterationScheme.allCases.first(where: { "translit.\($0.rawValue)" == stage.name }),
       let error = translitErrors[scheme] {
        outcomes.append(.failed(name: stage.name, reason: error))
        FileHandle.standardError.write(Data("  \(stage.name): FAILED: \(error)\n".utf8))
        continue
    }
    let outcome = runner.measure(stage, sampleBytes: stage.jobs > 1 ? pipelineSample : nil)
    switch outcome {
    case .measured(let m):
        if m.name == "pipeline" { pipelineSample = m.inputBytes }
        FileHandle.standardError.write(Data("  \(pad(m.name, 22, left: true)) \(pad(fixed(m.mbps.median), 8)) MB/s\(m.capped ? " (first \(mb(m.inputBytes)) MB)" : "")\n".utf8))
    case .failed(let name, let reason):
        FileHandle.standardError.write(Data("  \(name): FAILED: \(reason)\n".utf8))
    }
    outcomes.append(outcome)
}

let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
let report = Report(corpusBytes: main.bytes, outcomes: outcomes, runs: options.runs, elapsed: elapsed)
out("\n" + report.table())
out(startupText)
let loadAfter = loadAverage()
if let loadAfter { out(String(format: "load average at the end: %.2f (the benchmark itself adds about 1; more means other processes shared the cores)\n", loadAfter)) }

if let destination = options.json {
    var extra: [String: Any] = [
        "corpus": main.name, "corpusTokens": main.tokens, "documents": main.order.count, "scaleMB": options.scaleMB,
        "language": options.language, "gazetteer": options.gazetteer ?? "bundled", "cores": ProcessInfo.processInfo.activeProcessorCount, "elapsedSeconds": elapsed,
        "cpu": cpu, "loadAverage": ["start": loadBefore ?? -1, "end": loadAfter ?? -1],
    ]
    var translit: [String: Any] = [:]
    for (scheme, corpus) in translitCorpora { translit[scheme.rawValue] = ["file": corpus.name, "corpusBytes": corpus.bytes] }
    if !translit.isEmpty { extra["translitCorpora"] = translit }
    if !startupJSON.isEmpty { extra["startup"] = startupJSON }
    do {
        let data = try report.json(extra: extra)
        if destination == "-" {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: destination))
        }
    } catch {
        fail("cannot write JSON to \(destination): \(error)")
    }
}
