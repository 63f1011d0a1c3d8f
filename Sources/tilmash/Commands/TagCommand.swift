import Foundation
import Tilmash

/// `tilmash tag [--gazetteer PATH] [--lang LANG] [--format jsonl|text] [FILE...]`
enum TagCommand: Command {
    static let name = "tag"
    static let summary = "tag PERSON, PLACE and ORG names from the gazetteer, with original offsets"
    static let valueOptions = Set(["--gazetteer", "--lang", "--format", "--offsets", "--output-field"]).union(InputMode.valueOptions)
    static let help = """
    Usage: tilmash tag [--gazetteer PATH] [--lang auto|LANG] [--format jsonl|text]
                       [--offsets scalar|utf8|utf16]
                       [--input text|jsonl [--field NAME] [--output-field NAME] [--lang-field NAME]
                       [--on-error P]] [--encoding NAME] [--output-dir DIR] [FILE...]

    Tags person, place and organisation names. One gazetteer entry is found however a
    language spells it (Tokayev, Tokajew, Токаев, Тоқаев, Kasım Cömert Tokayev), also
    inflected (Astana’da, Kazakistanda, Kasachstans, Тоқаевтың, Москве: the span stops
    before an added ending). Rules add names the gazetteer lacks: capitalised words after
    a person title (Dr., Büyükelçi, Präsident, министр) and organisation phrases
    (Center for Strategic Studies under ...). Each FILE is one document, read in pieces cut
    at paragraph breaks (blank lines) after 64 KB — at a line break after 128 KB, at a
    space in a longer line — so memory stays flat; offsets count from the file's start.
    Names found in one piece are not carried to the next.

    Output (jsonl, the default): one object per entity —
      {"file","start","end","text","type","id","canonical","source"}
    start/end are Unicode scalar offsets into the original document, end exclusive
    (Python's text[start:end]); --offsets utf8|utf16 switches the unit (utf8 counts the
    input's own bytes, also where ill-formed bytes became U+FFFD). type is PERSON,
    PLACE or ORG; source is "gazetteer" or "rule". With --input jsonl, one object per
    input line: its fields copied byte for byte, "entities": [{...}, ...] added (the
    same objects without "file"); --format text is refused there.
    --format text prints: FILE:START-END <TAB> TYPE <TAB> text <TAB> canonical <TAB> id

    Options:
      --gazetteer PATH  a compiled gazetteer (`tilmash gazetteer compile`), a .tsv file
                        or a folder of them instead of the bundled gazetteer
                        (format: Corpora/gazetteer/README.md)
      --lang LANG       auto (default) or \(Language.named.map(\.code).joined(separator: ", "))
      --format F        jsonl (default) or text
      --offsets U       scalar (default), utf8 or utf16
      --output-field NAME  with --input jsonl: the field for the entities (default "entities")
    \(InputMode.help)
      --progress        show bytes read and MB/s on standard error (the
                        default when standard error is a terminal)
      -h, --help        show this help

    Example:
      $ echo 'Präsident Tokajew besuchte Astana.' | tilmash tag --lang de
      {"canonical":"Kassym-Jomart Tokayev","end":17,"file":"-","id":"person:kassym-jomart-tokayev","source":"gazetteer","start":10,"text":"Tokajew","type":"PERSON"}
      {"canonical":"Astana","end":33,"file":"-","id":"city:1526273","source":"gazetteer","start":27,"text":"Astana","type":"PLACE"}
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        let mode = try InputMode(arguments, outputField: "entities")
        let format = try arguments.choice("--format", from: ["jsonl", "text"], default: "jsonl")
        if mode.isJSONLines && format == "text" {
            throw UsageError("--format text does not go with --input jsonl (each record is written back with its \"entities\")")
        }
        let offsets = try OffsetUnit.parse(arguments)
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let tagger = try makeTagger(arguments)
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)
        return runner.forEachDocument { name, text, piece, record in
            let entities = try tagger.tag(text, language: runner.language(of: record))
            let convert = piece.offsets(for: text, in: offsets)
            if let record {
                let list = JSONText.array(entities.map { $0.json(range: convert($0.range)) })
                runner.writeRecord(record.setting(mode.records!.outputField!, toJSON: list).text)
                return
            }
            for entity in entities {
                let range = convert(entity.range)
                if format == "text" {
                    runner.write("\(name):\(range.lowerBound)-\(range.upperBound)\t\(entity.type.rawValue)\t\(entity.text)\t\(entity.canonical)\t\(entity.id)\n")
                } else {
                    runner.write(entity.json(range: range, file: name) + "\n")
                }
            }
        }
    }

    /// The bundled tagger, or one over `--gazetteer PATH`.
    static func makeTagger(_ arguments: Arguments) throws -> Tagger {
        guard let path = arguments.value("--gazetteer") else { return try Tagger.bundled() }
        do {
            let gazetteer = try Gazetteer.load(path: path)
            if !Gazetteer.isCompiled(path: path), gazetteer.aliasCount > 50_000 {
                OutputStream.standardError.write("tilmash: note: \(path) was compiled in memory (\(gazetteer.aliasCount) aliases); "
                    + "`tilmash gazetteer compile \(path) -o FILE` makes a file that loads in milliseconds\n")
            }
            return try Tagger(gazetteer: gazetteer)
        } catch let error as GazetteerError {
            throw RuntimeFailure("gazetteer: \(error)")
        }
    }
}
