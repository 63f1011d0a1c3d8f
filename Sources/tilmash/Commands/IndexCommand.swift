import Tilmash

/// `tilmash index [--lang auto|LANG] [--input text|jsonl] [FILE...]` — one index record
/// per document.
enum IndexCommand: Command {
    static let name = "index"
    static let summary = "one search-index record per document: original, search text, ASCII keys, entities"
    static let valueOptions = Set(["--lang", "--offsets"]).union(InputMode.valueOptions).union(GazetteerOption.valueOptions)
    static let help = """
    Usage: tilmash index [--lang auto|LANG] [--offsets scalar|utf8|utf16] [--gazetteer PATH] [--gazetteer-add PATH]
                         [--input text|jsonl [--field NAME] [--lang-field NAME] [--on-error P]]
                         [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

    The main job in one command: for each document — each FILE (or standard input), or
    each JSON record with --input jsonl — one JSON record ready for bulk loading into
    Elasticsearch, OpenSearch, Solr, tantivy or SQLite FTS5:

      {"file": FILE,                      (text input; JSONL: the record's own fields,
       "text": the original document,      copied byte for byte, "text" among them)
       "search": the `search` profile (NFKC, quotes unified, case folded by language),
       "ascii": the `ascii` profile (search + Cyrillic -> Latin + ASCII folding: keys
                that match however a name is spelled or typed),
       "lang": the document's language (JSONL: kept when the record has a "lang"),
       "entities": [{"canonical","end","id","source","start","text","type"}, ...]
                   (offsets into "text", the ORIGINAL document, in --offsets units),
       "entity_ids": the distinct gazetteer ids of the entities, in order of first
                   mention (names found by rules, id "rule:...", are not listed)}

    A document is read in pieces (64 KB at paragraph breaks) for normalizing and tagging,
    but its record holds the whole text: memory grows with the largest document. With
    --input jsonl, a record that already has a field "search", "ascii", "entities" or
    "entity_ids" is an error (index does not overwrite fields it was not told to), handled
    by --on-error; --lang-field defaults to "lang" (a record's own language is used).

    Options:
      --lang LANG       auto (default: identified per document piece, per sentence where
                        the rules differ) or \(Language.named.map(\.code).joined(separator: ", "))
      --offsets U       scalar (default), utf8 (the input's bytes) or utf16
    \(GazetteerOption.help)
    \(InputMode.help)

    Example:
      $ echo 'Präsident Tokajew besuchte Astana.' | tilmash index --lang de
      {"file":"-","text":"Präsident Tokajew besuchte Astana.\\n","search":"präsident tokajew besuchte astana.\\n","ascii":"praesident tokajew besuchte astana.\\n","lang":"de","entities":[{"canonical":"Kassym-Jomart Tokayev","end":17,"id":"person:kassym-jomart-tokayev","source":"gazetteer","start":10,"text":"Tokajew","type":"PERSON"},{"canonical":"Astana","end":33,"id":"city:1526273","source":"gazetteer","start":27,"text":"Astana","type":"PLACE"}],"entity_ids":["person:kassym-jomart-tokayev","city:1526273"]}
    """

    /// The fields index adds to a JSON record.
    static let addedFields = ["search", "ascii", "entities", "entity_ids"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        var mode = try InputMode(arguments)
        if mode.records != nil && arguments.value("--lang-field") == nil { mode = mode.readingLanguage(from: "lang") }
        let offsets = try OffsetUnit.parse(arguments)
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let tagger = try GazetteerOption.makeTagger(arguments)
        let search = try Profile.search, ascii = try Profile.ascii
        let identifier = try LanguageIdentifier.bundled()
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)

        var document = IndexRecord()
        var scores = identifier.emptyScores()
        return runner.forEachDocument({ _, text, piece, record in
            if let record, let taken = addedFields.first(where: { record.field($0) != nil }) {
                throw RecordFailure("the record already has a field \"\(taken)\" (index writes \(addedFields.joined(separator: ", ")))")
            }
            let chosen = runner.language(of: record)
            let context = chosen.map { FilterContext(language: $0) } ?? identifier.context(for: text)
            let pieceLanguage = chosen ?? context.fallback
            document.text += text
            document.search += try search.normalize(text, context: context).text
            document.ascii += try ascii.normalize(text, context: context).text
            let convert = piece.offsets(for: text, in: offsets)
            for entity in try tagger.tag(text, language: pieceLanguage) {
                document.entities.append(entity.json(range: convert(entity.range)))
                if entity.source == .gazetteer { document.mention(entity.id) }
            }
            if record == nil { identifier.add(text, to: &scores) } else { document.language = pieceLanguage }
        }, finish: { name, record in
            defer { document = IndexRecord() }
            let fields = document.fields
            guard let record else {
                let lang = language ?? identifier.guess(scores).language
                scores = identifier.emptyScores()
                runner.write(JSONText.object([("file", JSONText.quoted(name)), ("text", JSONText.quoted(document.text))]
                    + fields.prefix(2) + [("lang", JSONText.quoted(lang.code))] + fields.dropFirst(2)) + "\n")
                return
            }
            var result = record
            for (name, json) in fields.prefix(2) { result = result.setting(name, toJSON: json) }
            if result.field("lang") == nil { result = result.setting("lang", toJSON: JSONText.quoted(document.language.code)) }
            for (name, json) in fields.dropFirst(2) { result = result.setting(name, toJSON: json) }
            runner.writeRecord(result.text)
        })
    }
}

/// The parts of one index record gathered piece by piece.
private struct IndexRecord {
    var text = "", search = "", ascii = ""
    var language = Language.undetermined
    var entities: [String] = []
    private(set) var ids: [String] = []
    private var seen: Set<String> = []

    mutating func mention(_ id: String) {
        if seen.insert(id).inserted { ids.append(id) }
    }

    /// search, ascii, entities, entity_ids as JSON.
    var fields: [(String, String)] {
        [("search", JSONText.quoted(search)), ("ascii", JSONText.quoted(ascii)),
         ("entities", JSONText.array(entities)), ("entity_ids", JSONText.array(ids.map(JSONText.quoted)))]
    }
}
