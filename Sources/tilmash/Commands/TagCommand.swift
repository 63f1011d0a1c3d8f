import Foundation
import Tilmash

/// `tilmash tag [--gazetteer PATH] [--gazetteer-add PATH] [--lang LANG] [--format jsonl|text|html|conll] [FILE...]`
enum TagCommand: Command {
    static let name = "tag"
    static let summary = "tag PERSON, PLACE and ORG names from the gazetteer, with original offsets"
    static let valueOptions = Set(["--lang", "--format", "--offsets", "--output-field"]).union(InputMode.valueOptions).union(GazetteerOption.valueOptions)
    static let help = """
    Usage: tilmash tag [--gazetteer PATH] [--gazetteer-add PATH] [--lang auto|LANG]
                       [--format jsonl|text|html|conll]
                       [--offsets scalar|utf8|utf16]
                       [--input text|jsonl [--field NAME] [--output-field NAME] [--lang-field NAME]
                       [--on-error P]] [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

    Tags person, place and organisation names. One gazetteer entry is found however a
    language spells it (Tokayev, Tokajew, Токаев, Тоқаев, Kasım Cömert Tokayev), also
    inflected (Astana’da, Kazakistanda, Kasachstans, Тоқаевтың, Москве: the span stops
    before an added ending). Rules add names the gazetteer lacks: capitalised words after
    a person title (Dr., Büyükelçi, Präsident, министр), organisation phrases
    (Center for Strategic Studies under ...), a given name with capitalised words
    (Lars Müller), a given name or surname no dictionary holds standing alone (sagte
    Sullivan), acronyms, Turkish names before an apostrophe ending (Vivaldi’nin),
    names beside a place designator (Almaty oblysy), a first name that greets or signs
    a letter (Dear Nina, a signature line) and, in Russian, place and organisation
    names of the dictionary in their case forms (Приморья, Росбалт).
    Each FILE is one document, read in pieces cut at paragraph breaks (blank lines)
    after 64 KB — at a line break after 128 KB, at a space in a longer line — so memory
    stays flat; offsets count from the file's start.
    Names found in one piece are not carried to the next.

    Output (jsonl, the default): one object per entity —
      {"file","start","end","text","type","id","canonical","source"}
    start/end are Unicode scalar offsets into the original document, end exclusive
    (Python's text[start:end]); --offsets utf8|utf16 switches the unit (utf8 counts the
    input's own bytes, also where ill-formed bytes became U+FFFD). type is PERSON,
    PLACE or ORG; source is "gazetteer" or "rule". With --input jsonl, one object per
    input line: its fields copied byte for byte, "entities": [{...}, ...] added (the
    same objects without "file"); only --format jsonl goes with it.
    --format text prints: FILE:START-END <TAB> TYPE <TAB> text <TAB> canonical <TAB> id
    --format html writes one self-contained page (no script, no external file; with
    --output-dir one page per FILE): each document's original text with its entities
    highlighted by type, canonical name, id, source and offsets on hover, a legend,
    and a count per document. Each entity is a <mark class="entity TYPE"> with
    data-type, data-id, data-canonical, data-source, data-start and data-end.
    --format conll writes one token per line, TOKEN <TAB> IOB2 tag (B-PERSON, I-PERSON,
    B-PLACE, B-ORG, ..., O), a blank line after each sentence, and -DOCSTART- <TAB> O
    and a blank line before each document, as CoNLL-2003 readers expect.

    Options:
    \(GazetteerOption.help)
      --lang LANG       auto (default) or \(Language.named.map(\.code).joined(separator: ", "))
      --format F        jsonl (default), text, html or conll
      --offsets U       scalar (default), utf8 or utf16
      --output-field NAME  with --input jsonl: the field for the entities (default "entities")
    \(InputMode.help)

    Example:
      $ echo 'Präsident Tokajew besuchte Astana.' | tilmash tag --lang de
      {"canonical":"Kassym-Jomart Tokayev","end":17,"file":"-","id":"person:kassym-jomart-tokayev","source":"gazetteer","start":10,"text":"Tokajew","type":"PERSON"}
      {"canonical":"Astana","end":33,"file":"-","id":"city:1526273","source":"gazetteer","start":27,"text":"Astana","type":"PLACE"}
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        let mode = try InputMode(arguments, outputField: "entities")
        let format = try arguments.choice("--format", from: ["jsonl", "text", "html", "conll"], default: "jsonl")
        if mode.isJSONLines && format != "jsonl" {
            throw UsageError("--format \(format) does not go with --input jsonl (each record is written back with its \"entities\")")
        }
        let offsets = try OffsetUnit.parse(arguments)
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let tagger = try GazetteerOption.makeTagger(arguments)
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)
        switch format {
        case "html": return writePage(runner, tagger: tagger, offsets: offsets)
        case "conll": return try writeCoNLL(runner, tagger: tagger, language: language)
        default: break
        }
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

    /// `--format html`: one page for all documents, or one per file with `--output-dir`.
    private static func writePage(_ runner: InputRunner, tagger: Tagger, offsets: OffsetUnit) -> Int32 {
        let perFile = runner.writesFilePerInput
        var page = EntityPage(title: "tilmash tag")
        var open = false      // a page has been started on the current output
        var inDocument = false
        let status = runner.forEachDocument({ name, text, piece, _ in
            if !open { runner.write(page.header); open = true }
            if !inDocument { runner.write(page.beginDocument(name)); inDocument = true }
            let convert = piece.offsets(for: text, in: offsets)
            runner.write(page.piece(text, entities: try tagger.tag(text, language: runner.language), offsets: { convert($0) }))
        }, finish: { _, _ in
            if inDocument { runner.write(page.endDocument()); inDocument = false }
            if perFile && open { runner.write(page.footer); open = false }
        })
        if open { runner.write(page.footer); runner.flush() }
        return status
    }

    /// `--format conll`: tokens and IOB2 tags, sentence by sentence.
    private static func writeCoNLL(_ runner: InputRunner, tagger: Tagger, language: Language?) throws -> Int32 {
        return runner.forEachDocument { _, text, piece, _ in
            if piece.start.utf8 == 0 { runner.write("-DOCSTART-\tO\n\n") }
            let chosen = try language ?? LanguageIdentifier.bundled().identify(text).language
            let sentences = try Tokenizer(language: chosen).sentences(text)
            let entities = tagger.tag(tokens: sentences.flatMap(\.tokens), in: text, language: chosen)
            runner.write(CoNLLLines.lines(sentences: sentences, entities: entities))
        }
    }
}
