import Tilmash

/// `tilmash normalize [--profile repair|search|ascii] [--lang auto|LANG] [FILE...]`
enum NormalizeCommand: Command {
    static let name = "normalize"
    static let summary = "clean text for display or indexing (profiles repair, search, ascii)"
    static let valueOptions = Set(["--profile", "--lang"]).union(InputMode.valueOptions)
    static let flagOptions: Set<String> = ["--explain", "--document", "--keep-case"]
    static let help = """
    Usage: tilmash normalize [--profile repair|search|ascii [--keep-case]] [--lang auto|LANG]
                             [--document] [--input text|jsonl [--field NAME]] [--explain] [FILE...]

    Cleans damaged multilingual text before it is stored or indexed.

    Profiles:
      repair   NFC; zero-width, BOM, bidi and control characters removed; NBSP and other
               spaces -> ' '; runs of spaces collapsed; words hyphenated across a line
               break joined (Zusammen-/arbeit -> Zusammenarbeit) but compounds kept
               (Kazak-/Rus -> Kazak-Rus); wrapped lines joined; Cyrillic look-alikes inside
               Latin words repaired (and the reverse). Keeps case, quotes, diacritics.
      search   repair + NFKC + apostrophes and quotes unified (’ ` -> ', „ “ « » -> ") +
               case folding by language (Turkish DIŞİŞLERİ -> dışişleri). The default.
      ascii    search + Cyrillic -> Latin (Kazakh: kk-latn-2021, Russian: ru-bgn) + ASCII
               by language (German ü -> ue, Turkish ü -> u, ı -> i): ASCII keys,
               Unterstützung -> unterstuetzung, DIŞİŞLERİ -> disisleri. With --keep-case
               the readable form: Unterstuetzung, DISISLERI.

    Input:
      Plain text is normalized line by line (one output line per input line, streamed);
      line-break repair needs whole documents: --document treats each FILE as one
      document, and --input jsonl normalizes each object's --field (default "text") as one
      document, adding "lang" and copying every other field.
      Lines no filter acts on are normalized in one pass through a table that composes
      the profile's filters; only lines that need a repair run the chain (same output).

    Options:
      --profile P   repair, search (default) or ascii
      --keep-case   with --profile ascii: keep the text's case (no case folding)
      --lang L      auto (default: identified per sentence of a line or document,
                    only where the output depends on it: I/İ, umlauts, Cyrillic for
                    ascii, a Cyrillic word between Latin ones), or one of
                    \(Language.named.map(\.code).joined(separator: ", "))
      --document    treat each FILE (or standard input) as one document (read in
                    pieces cut at blank lines after 64 KB, at a line break after 128 KB;
                    a line break at such a cut is not joined)
      --explain     list the profile's filters in order and exit
      --progress    show bytes read and MB/s on standard error (the
                    default when standard error is a terminal)
      -h, --help    show this help

    Examples:
      $ echo 'DIŞİŞLERİ Bakanlığı’nın „Açıklaması“' | tilmash normalize --lang tr
      dışişleri bakanlığı'nın "açıklaması"
      $ printf 'die Zusammen-\\narbeit der Kazak-\\nRus Gruppe\\n' | tilmash normalize --profile repair --document
      die Zusammenarbeit der Kazak-Rus Gruppe
      $ echo 'Unterstützung für Kasachstan' | tilmash normalize --profile ascii --lang de
      unterstuetzung fuer kasachstan
      $ echo 'Unterstützung für Kasachstan' | tilmash normalize --profile ascii --keep-case --lang de
      Unterstuetzung fuer Kasachstan
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        var profileName = try arguments.choice("--profile", from: Profile.names, default: "search")
        if arguments.has("--keep-case") {
            guard profileName == "ascii" else { throw UsageError("--keep-case goes with --profile ascii (the other profiles: repair keeps case, search folds it)") }
            profileName = "ascii-keep-case"
        }
        guard let profile = try Profile.named(profileName) else { throw UsageError("unknown profile \(profileName)") }
        if arguments.has("--explain") {
            let out = OutputStream.standardOutput
            out.write("profile \(profile.name):\n")
            for (index, filter) in profile.filters.enumerated() {
                out.write("  \(index + 1). \(filter.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(filter.summary)\n")
            }
            if profile.hasLinePlan {
                out.write("fast path: lines none of these filters acts on go through one composed table; the others through the chain\n")
            }
            out.flush()
            return 0
        }
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let mode = try InputMode(arguments)
        let runner = InputRunner(mode: mode, paths: arguments.positionals)
        let reportsLanguage: Bool
        if case .jsonl = mode { reportsLanguage = true } else { reportsLanguage = false }
        // Without a reported language the model is loaded only when a text needs it.
        let identifier = language == nil && reportsLanguage ? try LanguageIdentifier.bundled() : nil

        // The whole text's language, from the same identification the normalization made
        // (JSONL mode reports it after normalizing each object).
        var identified = Language.undetermined
        func normalize(_ text: String) throws -> NormalizedText {
            if let language { return try profile.normalize(text, language: language) }
            // Text whose output no language changes needs no identification (unless the
            // language is reported: JSONL's "lang").
            if !reportsLanguage { return try profile.normalizeIdentifyingWhereNeeded(text) }
            let context = identifier!.context(for: text)
            identified = context.fallback
            return try profile.normalize(text, context: context)
        }

        if case .jsonl = mode {
            return runner.streamLines({ try normalize($0).text }, extraFields: { _ in
                ["lang": (language ?? identified).code]
            })
        }
        if arguments.has("--document") {
            return runner.forEachDocument { _, text, _, _ in
                runner.write(try normalize(text).text)
            }
        }
        return runner.streamLines({ try normalize($0).text }, collapsesSpaces: true)
    }
}
