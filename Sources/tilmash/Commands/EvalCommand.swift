import Foundation
import Tilmash

/// `tilmash eval --gold GOLD.jsonl [--gazetteer PATH] [--gazetteer-add PATH] FILE...`
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "score the tagger against a gold annotation (precision, recall, F1)"
    static let valueOptions = Set(["--gold", "--lang"]).union(GazetteerOption.valueOptions)
    static let flagOptions: Set<String> = ["--errors"]
    static let help = """
    Usage: tilmash eval --gold GOLD.jsonl [--gazetteer PATH] [--gazetteer-add PATH] [--lang auto|LANG] [--errors] FILE...

    Tags each FILE and compares with the gold mentions, one JSON object per line:
      {"file": "<name>", "start": 12, "end": 18, "text": "Astana", "type": "PLACE", ...}
    (Unicode scalar offsets, end exclusive). A gold "file" is matched against the base name
    of each FILE; a mention's text is read from the FILE. Prints precision, recall and F1
    per type and overall for three matchings — strict (same span and type), overlap
    (overlapping span, same type) and endings forgiven (strict, but a prediction that stops
    before an ending of at most 6 letters inside the gold's last word counts: gold
    Тоқаевтың, predicted Тоқаев) — then F1 per language of the documents (the --lang
    given, or the language identified for each whole FILE).

    Options:
      --gold PATH       the gold annotation (required)
    \(GazetteerOption.help)
      --lang LANG       auto (default) or a language code
      --errors          also list missed and spurious mentions
      --progress        show bytes read and MB/s on standard error (the
                        default when standard error is a terminal)
      -h, --help        show this help

    Example:
      $ tilmash eval --gold Tests/TilmashTests/Fixtures/seeds.gold.jsonl Corpora/seeds/*.txt
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let goldPath = arguments.value("--gold") else { throw UsageError("eval needs --gold GOLD.jsonl") }
        guard !arguments.positionals.isEmpty else { throw UsageError("eval needs the FILEs the gold annotates") }
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let tagger = try GazetteerOption.makeTagger(arguments)
        let gold = try readGold(goldPath)
        var predicted: [Evaluation.Mention] = []
        var relevantGold: [Evaluation.Mention] = []
        var names: Set<String> = []
        /// The language of each document, for the per-language table.
        var languages: [String: Language] = [:]
        let goldByDocument = Dictionary(grouping: gold, by: \.document)
        for path in arguments.positionals {
            let name = (path as NSString).lastPathComponent
            guard names.insert(name).inserted else { throw UsageError("two FILEs are named \(name); the gold tells documents apart by base name") }
        }
        // Files are read as `tag` reads them: in pieces, each tagged in the language
        // identified for it (or --lang); the document's language for the table is
        // identified over all its pieces.
        let identifier = try LanguageIdentifier.bundled()
        var scores = identifier.emptyScores()
        var scalars: [Unicode.Scalar] = []
        let runner = try InputRunner(mode: try InputMode(arguments), arguments: arguments, language: language)
        let status = runner.forEachDocument({ _, text, piece, _ in
            scalars += text.unicodeScalars
            identifier.add(text, to: &scores)
            let pieceLanguage = language ?? identifier.identify(text).language
            for entity in try tagger.tag(text, language: pieceLanguage) {
                let range = entity.range.lowerBound + piece.start.scalars..<entity.range.upperBound + piece.start.scalars
                predicted.append(.init(document: "", range: range, type: entity.type, text: entity.text))
            }
        }, finish: { path, _ in
            let name = (path as NSString).lastPathComponent
            defer { scalars = []; scores = identifier.emptyScores() }
            languages[name] = language ?? identifier.guess(scores).language
            for index in predicted.indices where predicted[index].document.isEmpty {
                let mention = predicted[index]
                predicted[index] = .init(document: name, range: mention.range, type: mention.type, text: mention.text)
            }
            for mention in goldByDocument[name] ?? [] {
                guard mention.range.upperBound <= scalars.count else {
                    throw RuntimeFailure("\(goldPath): \(name) \(mention.range.lowerBound)-\(mention.range.upperBound) lies beyond the document's \(scalars.count) characters")
                }
                relevantGold.append(.init(document: name, range: mention.range, type: mention.type,
                                          text: String(String.UnicodeScalarView(scalars[mention.range]))))
            }
        })
        guard status == 0 else { return status }
        let evaluation = Evaluation(gold: relevantGold, predicted: predicted)
        let out = OutputStream.standardOutput
        out.write("files: \(names.count), gold mentions: \(relevantGold.count), predicted: \(predicted.count)\n")
        for (title, table) in [("strict (span + type)", evaluation.strict), ("overlap (+ type)", evaluation.overlap),
                               ("endings forgiven (+ type)", evaluation.endings)] {
            out.write("\n\(title)\n")
            out.write("type     precision  recall      f1    tp  pred  gold\n")
            for type in EntityType.allCases.sorted() {
                out.write(row(type.rawValue, table.byType[type] ?? Evaluation.Score()))
            }
            out.write(row("overall", table.overall))
        }
        out.write("\nby language (F1)\n")
        out.write("lang   files   strict  overlap  endings  pred  gold\n")
        for code in Set(languages.values.map(\.rawValue)).sorted() {
            let documents = Set(languages.filter { $0.value.rawValue == code }.keys)
            let part = Evaluation(gold: relevantGold.filter { documents.contains($0.document) },
                                  predicted: predicted.filter { documents.contains($0.document) })
            out.write(code.padding(toLength: 4, withPad: " ", startingAt: 0) + cell("\(documents.count)", 8) + cell(f3(part.strict.overall.f1), 9)
                      + cell(f3(part.overlap.overall.f1), 9) + cell(f3(part.endings.overall.f1), 9)
                      + cell("\(part.strict.overall.predicted)", 6) + cell("\(part.strict.overall.gold)", 6) + "\n")
        }
        if arguments.has("--errors") {
            out.write("\nmissed (strict):\n")
            for m in evaluation.missed { out.write("  \(m.document) \(m.range.lowerBound)-\(m.range.upperBound) \(m.type.rawValue) \(m.text.debugDescription)\n") }
            out.write("\nspurious (strict):\n")
            for m in evaluation.spurious { out.write("  \(m.document) \(m.range.lowerBound)-\(m.range.upperBound) \(m.type.rawValue) \(m.text.debugDescription)\n") }
        }
        out.flush()
        return 0
    }

    private static func row(_ name: String, _ score: Evaluation.Score) -> String {
        name.padding(toLength: 8, withPad: " ", startingAt: 0) + cell(f3(score.precision), 10) + cell(f3(score.recall), 8)
            + cell(f3(score.f1), 8) + cell("\(score.truePositives)", 6) + cell("\(score.predicted)", 6) + cell("\(score.gold)", 6) + "\n"
    }

    /// `text` right-aligned in `width` columns.
    private static func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
    /// A score with three decimals.
    private static func f3(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func readGold(_ path: String) throws -> [Evaluation.Mention] {
        let reader: LineReader
        do { reader = try LineReader(path: path) } catch {
            throw RuntimeFailure("--gold \(error)")
        }
        var mentions: [Evaluation.Mention] = []
        var number = 0
        try reader.forEachLine(splitsLongLines: false) { bytes, _ in
            number += 1
            let line = reader.decode(bytes).text
            guard !line.allSatisfy(\.isWhitespace) else { return }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let file = object["file"] as? String, let start = object["start"] as? Int, let end = object["end"] as? Int,
                  let typeName = object["type"] as? String, let type = EntityType(rawValue: typeName), start <= end, start >= 0 else {
                throw RuntimeFailure("\(path):\(number): expected {\"file\", \"start\", \"end\", \"type\": PERSON|PLACE|ORG}")
            }
            mentions.append(.init(document: (file as NSString).lastPathComponent, range: start..<end, type: type,
                                  text: object["text"] as? String ?? ""))
        }
        return mentions
    }
}
