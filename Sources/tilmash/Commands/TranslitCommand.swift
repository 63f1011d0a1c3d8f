import Tilmash

/// `tilmash translit --scheme SCHEME [FILE...]`
enum TranslitCommand: Command {
    static let name = "translit"
    static let summary = "transliterate between scripts (Kazakh 2021 Latin, BGN/PCGN, Duden, ...)"
    static let valueOptions = Set(["--scheme", "--output-field"]).union(InputMode.valueOptions)
    static var help: String {
        let schemes = TransliterationScheme.allCases
            .map { "  " + $0.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.summary }
            .joined(separator: "\n")
        return """
        Usage: tilmash translit --scheme SCHEME
                                [--input text|jsonl [--field NAME] [--output-field NAME] [--on-error P]]
                                [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

        Transliterates text with a named scheme. Text in another script than the scheme's
        source (Latin words and URLs inside Kazakh text, digits, punctuation) passes through
        unchanged. Reads FILEs or standard input; one output line per input line, streamed.

        Schemes:
        \(schemes)

        Options:
          --scheme SCHEME  the scheme (required)
          --output-field NAME  with --input jsonl: where the result goes (default: --field)
        \(InputMode.help)

        Examples:
          $ echo 'Қасым-Жомарт Тоқаев Астанада' | tilmash translit --scheme kk-latn-2021
          Qasym-Jomart Toqaev Astanada
          $ echo 'Токаев, Шымкент' | tilmash translit --scheme ru-de
          Tokajew, Schymkent
          $ echo 'ÄRZTE, Ärzte, Müller' | tilmash translit --scheme de-ascii
          AERZTE, Aerzte, Mueller
        """
    }

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let value = arguments.value("--scheme") else {
            throw UsageError("translit needs --scheme; one of: \(TransliterationScheme.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let scheme = TransliterationScheme(rawValue: value) else {
            throw UsageError("unknown scheme '\(value)'; expected one of: \(TransliterationScheme.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let mode = try InputMode(arguments)
        _ = try scheme.transliterate("")   // a broken rule file fails here, before any output
        return try InputRunner(mode: mode, arguments: arguments).streamLines { text, _ in try scheme.transliterate(text) }
    }
}
