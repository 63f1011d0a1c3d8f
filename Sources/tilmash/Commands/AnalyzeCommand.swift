import Tilmash

/// `tilmash analyze [--lang auto|LANG] [--query] [FILE...]` — every token through every
/// filter.
enum AnalyzeCommand: Command {
    static let name = "analyze"
    static let summary = "show each token through each filter, its index term, key and entity (--query: search boxes)"
    static let valueOptions = Set(["--lang", "--offsets"]).union(InputMode.valueOptions).union(GazetteerOption.valueOptions)
    static let flagOptions: Set<String> = ["--query"]
    static let help = """
    Usage: tilmash analyze [--lang auto|LANG] [--query] [--offsets scalar|utf8|utf16]
                           [--gazetteer PATH] [--gazetteer-add PATH] [--input text|jsonl [--field NAME] [--lang-field NAME]
                           [--on-error P]] [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

    Shows how text is indexed, token by token, as Elasticsearch's _analyze with explain
    does: one JSON line per token —
      {"file","start","end","text","kind","lang",
       "stages": [{"filter","text"}, ...]   the token after each filter of the search
                                            profile (tilmash normalize --explain lists them),
       "term": the index term (the last stage: what `tokenize` prints as "norm"),
       "key": the token in the ascii profile (the ASCII key),
       "stem","suffix": a Turkish/Azerbaijani suffix split off after an apostrophe,
       "entity": {"id","type","canonical","start","end"} of the name the token is part of}
    start/end are offsets into the original document (--offsets unit).

    --query analyzes each input line as a search query, whose language is unknown: the
    query profile folds case the same for every language (I, İ, ı and i all give i, as
    ICU's root folding does, plus the dotless i), keys are made without language rules, and
    every gazetteer name in the query is looked up whatever its case and case ending
    (tokajew, istanbul, ISTANBUL, Токаеву): "entity" gives its id. Each line is
    {"line","start","end","text","kind","stages","term","key","entity"} with offsets into
    the query line. Query terms match the "ascii" field of `tilmash index` records (the
    search field folds by the document's language: a Turkish ISTANBUL is ıstanbul there),
    and entity ids its "entity_ids".

    Options:
      --lang LANG       auto (default) or \(Language.named.map(\.code).joined(separator: ", ")) (documents only)
      --query           each line is a search query (language-independent folding, alias
                        look-up without capitalisation)
      --offsets U       scalar (default), utf8 or utf16
    \(GazetteerOption.help)
    \(InputMode.help)

    Examples:
      $ echo 'ISTANBUL’DA' | tilmash analyze --lang tr
      {"file":"-","start":0,"end":11,"text":"ISTANBUL’DA","kind":"word","lang":"tr","stages":[{"filter":"nfc","text":"ISTANBUL’DA"},{"filter":"invisibles","text":"ISTANBUL’DA"},{"filter":"line-breaks","text":"ISTANBUL’DA"},{"filter":"spaces","text":"ISTANBUL’DA"},{"filter":"mixed-script","text":"ISTANBUL’DA"},{"filter":"nfkc","text":"ISTANBUL’DA"},{"filter":"quotes","text":"ISTANBUL'DA"},{"filter":"case-fold","text":"ıstanbul'da"}],"term":"ıstanbul'da","key":"istanbul'da","stem":"ISTANBUL","suffix":"DA","entity":{"id":"city:745044","type":"PLACE","canonical":"Istanbul","start":0,"end":8}}
      $ printf 'istanbul\\nTokajew\\n' | tilmash analyze --query
      {"line":1,"start":0,"end":8,"text":"istanbul","kind":"word","stages":[...],"term":"istanbul","key":"istanbul","entity":{"id":"city:745044","type":"PLACE","canonical":"Istanbul","start":0,"end":8}}
      {"line":2,"start":0,"end":7,"text":"Tokajew","kind":"word","stages":[...],"term":"tokajew","key":"tokajew","entity":{"id":"person:kassym-jomart-tokayev","type":"PERSON","canonical":"Kassym-Jomart Tokayev","start":0,"end":7}}
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        let mode = try InputMode(arguments)
        let isQuery = arguments.has("--query")
        if isQuery && arguments.value("--lang") != nil {
            throw UsageError("--query analyzes queries without a language; --lang is for documents")
        }
        if isQuery && mode.isJSONLines { throw UsageError("--query reads one query per line of text; --input jsonl is for documents") }
        let offsets = try OffsetUnit.parse(arguments)
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let analyzer = Analyzer(tagger: try GazetteerOption.makeTagger(arguments))
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)
        if isQuery {
            var line = 0
            return runner.streamLines { text, _ in
                line += 1
                let query = try analyzer.analyze(query: text)
                let units = PieceOffsets(text: text, replaced: [], start: DocumentPosition(), unit: offsets)
                return query.tokens.map { json($0, prefix: [("line", "\(line)")], offsets: units, language: false) }
                    .joined(separator: "\n")
            }
        }
        return runner.forEachDocument { name, text, piece, record in
            let convert = piece.offsets(for: text, in: offsets)
            let prefix: [(String, String)] = record == nil ? [("file", JSONText.quoted(name))] : record!.json("id").map { [("id", $0)] } ?? []
            for token in try analyzer.analyze(text, language: runner.language(of: record)) {
                runner.write(json(token, prefix: prefix, offsets: convert, language: true) + "\n")
            }
        }
    }

    /// One analyzed token as a JSON line (fields in the order `--help` lists them).
    static func json(_ analyzed: Analyzer.AnalyzedToken, prefix: [(String, String)], offsets: PieceOffsets, language: Bool) -> String {
        let token = analyzed.token
        let range = offsets(token.range)
        var fields = prefix + [("start", "\(range.lowerBound)"), ("end", "\(range.upperBound)"),
                               ("text", JSONText.quoted(token.text)), ("kind", JSONText.quoted(token.kind.rawValue))]
        if language { fields.append(("lang", JSONText.quoted(token.language.code))) }
        fields.append(("stages", JSONText.array(analyzed.stages.map {
            JSONText.object([("filter", JSONText.quoted($0.filter)), ("text", JSONText.quoted($0.text))])
        })))
        fields += [("term", JSONText.quoted(analyzed.term)), ("key", JSONText.quoted(analyzed.key))]
        if language, let stem = token.stem, let suffix = token.suffix {
            fields += [("stem", JSONText.quoted(stem)), ("suffix", JSONText.quoted(suffix))]
        }
        if let entity = analyzed.entity {
            let entityRange = offsets(entity.range)
            fields.append(("entity", JSONText.object([
                ("id", JSONText.quoted(entity.id)), ("type", JSONText.quoted(entity.type.rawValue)),
                ("canonical", JSONText.quoted(entity.canonical)),
                ("start", "\(entityRange.lowerBound)"), ("end", "\(entityRange.upperBound)"),
            ])))
        }
        return JSONText.object(fields)
    }
}
