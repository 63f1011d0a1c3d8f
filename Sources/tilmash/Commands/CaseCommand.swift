import Tilmash

/// `tilmash case upper|lower|title|fold [--lang LANG] [FILE...]`
enum CaseCommand: Command {
    static let name = "case"
    static let summary = "upper, lower, title case or case-fold text with the language's rules"
    static let valueOptions = Set(["--lang", "--output-field"]).union(InputMode.valueOptions)
    static let help = """
    Usage: tilmash case upper|lower|title|fold [--lang LANG]
                        [--input text|jsonl [--field NAME] [--output-field NAME] [--lang-field NAME]
                        [--on-error P]] [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

    Changes case with the rules of the text's language. Turkish and Azerbaijani pair
    i/İ and ı/I; every other language uses Unicode's root rules. `fold` is caseless
    matching (Turkic folding for tr and az). Reads FILEs or standard input; one output
    line per input line, streamed.

    Options:
      --lang LANG      language whose rules apply: \(Language.named.map(\.code).joined(separator: ", ")) (default en),
                       or auto: the language of each sentence is identified and its rules
                       apply (a Turkish sentence, then an English one, on one line)
      --output-field NAME  with --input jsonl: where the result goes (default: --field)
    \(InputMode.help)

    Examples:
      $ printf 'istanbul ılık İzmir IŞIK\\n' | tilmash case upper --lang tr
      İSTANBUL ILIK İZMİR IŞIK
      $ printf 'İSTANBUL ILIK İZMİR IŞIK\\n' | tilmash case lower --lang tr
      istanbul ılık izmir ışık
      $ printf 'İSTANBUL ILIK İZMİR IŞIK\\n' | tilmash case lower --lang en
      i̇stanbul ilik i̇zmi̇r işik
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let first = arguments.positionals.first else {
            throw UsageError("case needs an operation: upper, lower, title or fold")
        }
        guard let operation = CaseMapper.Operation(rawValue: first) else {
            throw UsageError("unknown case operation '\(first)'; expected upper, lower, title or fold")
        }
        let mode = try InputMode(arguments)
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "en")
        let runner = try InputRunner(mode: mode, arguments: arguments, paths: Array(arguments.positionals.dropFirst()), language: language)
        var mappers: [Language: CaseMapper] = [:]
        return runner.streamLines { text, language in
            guard let language else {
                return try SentenceCasing.map(text, operation, context: LanguageIdentifier.bundled().context(for: text))
            }
            if mappers[language] == nil { mappers[language] = try CaseMapper(language: language) }
            return try mappers[language]!.map(text, operation)
        }
    }
}
