#if canImport(Glibc)
import Glibc
#endif
import Tilmash

/// `tilmash normalize [--profile repair|search|ascii] [--lang auto|LANG] [FILE...]`
enum NormalizeCommand: Command {
    static let name = "normalize"
    static let summary = "clean text for display or indexing (profiles repair, search, ascii)"
    static let valueOptions = Set(["--profile", "--lang", "--format", "--output-field"]).union(InputMode.valueOptions)
    static let flagOptions: Set<String> = ["--explain", "--document", "--keep-case"]
    static let help = """
    Usage: tilmash normalize [--profile repair|search|ascii [--keep-case]] [--lang auto|LANG]
                             [--document [--format text|jsonl]] [--explain]
                             [--input text|jsonl [--field NAME] [--output-field NAME] [--lang-field NAME]
                             [--on-error P]] [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

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
      document, writing the result to --output-field (default: the same field), adding
      "lang" when the record has none and copying every other field byte for byte.
      Documents stay apart: with --document each ends with a line break, --format jsonl
      writes one record {"file","text","lang"} per document, --output-dir one file each.
      Lines no filter acts on are normalized in one pass through a table that composes
      the profile's filters; only lines that need a repair run the chain (same output).

    Options:
      --profile P   repair, search (default), ascii or query (search for text of no
                    known language: I, İ, ı and i all fold to i)
      --keep-case   with --profile ascii: keep the text's case (no case folding)
      --lang L      auto (default: identified per sentence of a line or document,
                    only where the output depends on it — the sentences holding
                    I/İ, umlauts or Cyrillic for ascii, every sentence of a line
                    with a Cyrillic word between Latin ones), or one of
                    \(Language.named.map(\.code).joined(separator: ", "))
      --document    treat each FILE (or standard input) as one document (read in
                    pieces cut at blank lines after 64 KB, at a line break after 128 KB;
                    a line break at such a cut is not joined)
      --format F    with --document: text (default) or jsonl (one record per document)
      --explain     list the profile's filters in order; then, for each line of the
                    input (FILEs, or standard input unless it is a terminal), the line
                    after each filter
      --output-field NAME  with --input jsonl: where the result goes (default: --field)
    \(InputMode.help)

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
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        let mode = try InputMode(arguments)
        let document = arguments.has("--document")
        let format = try arguments.choice("--format", from: ["text", "jsonl"], default: mode.isJSONLines ? "jsonl" : "text")
        if mode.isJSONLines && format == "text" {
            throw UsageError("--format text does not go with --input jsonl (each record is written back as JSON)")
        }
        if format == "jsonl" && !mode.isJSONLines && !document {
            throw UsageError("--format jsonl writes one record per document: it needs --document (or --input jsonl)")
        }
        if arguments.has("--explain") {
            return try explain(profile, language: language, arguments: arguments, mode: mode)
        }
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)
        let reportsLanguage = format == "jsonl"
        // Without a reported language the model is loaded only when a text needs it.
        let identifier = language == nil && reportsLanguage ? try LanguageIdentifier.bundled() : nil

        // The whole text's language, from the same identification the normalization made
        // (JSONL output reports it).
        var identified = Language.undetermined
        func normalize(_ text: String, _ language: Language?) throws -> NormalizedText {
            if let language {
                identified = language
                return try profile.normalize(text, language: language)
            }
            // Text whose output no language changes needs no identification (unless the
            // language is reported).
            if !reportsLanguage { return try profile.normalizeIdentifyingWhereNeeded(text) }
            let context = identifier!.context(for: text)
            identified = context.fallback
            return try profile.normalize(text, context: context)
        }

        if mode.isJSONLines {
            return runner.streamLines({ try normalize($0, $1).text }, addedFields: { _ in
                [("lang", JSONText.quoted(identified.code))]
            })
        }
        if document {
            // Each document ends with a line break (text) or is one record (jsonl), so
            // that documents never run into each other.
            var written = "", endsWithBreak = true, scores = identifier?.emptyScores()
            return runner.forEachDocument({ _, text, _, _ in
                let normalized = try normalize(text, language).text
                if reportsLanguage {
                    written += normalized
                    if let identifier, scores != nil { identifier.add(text, to: &scores!) }
                } else if !normalized.isEmpty {
                    runner.write(normalized)
                    endsWithBreak = normalized.hasSuffix("\n")
                }
            }, finish: { name, _ in
                if reportsLanguage {
                    var lang = language ?? .undetermined
                    if let identifier, let current = scores {
                        lang = identifier.guess(current).language
                        scores = identifier.emptyScores()
                    }
                    runner.write(JSONText.object([("file", JSONText.quoted(name)), ("text", JSONText.quoted(written)),
                                                  ("lang", JSONText.quoted(lang.code))]) + "\n")
                    written = ""
                } else if !endsWithBreak {
                    runner.write("\n")
                    endsWithBreak = true
                }
            })
        }
        return runner.streamLines({ try normalize($0, $1).text }, collapsesSpaces: true)
    }

    /// `--explain`: the profile's filters in order; then, for each line of the input (the
    /// FILEs, or standard input when it is not a terminal), the line after every filter.
    static func explain(_ profile: Profile, language: Language?, arguments: Arguments, mode: InputMode) throws -> Int32 {
        let out = OutputStream.standardOutput
        out.write("profile \(profile.name):\n")
        for (index, filter) in profile.filters.enumerated() {
            out.write("  \(index + 1). \(filter.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(filter.summary)\n")
        }
        if profile.hasLinePlan {
            out.write("fast path: lines none of these filters acts on go through one composed table; the others through the chain\n")
        }
        out.flush()
        guard !arguments.positionals.isEmpty || isatty(0) == 0 else { return 0 }
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)
        var line = 0
        return runner.streamLines { text, language in
            line += 1
            let context = try language.map { FilterContext(language: $0) } ?? LanguageIdentifier.bundled().context(for: text)
            var shown = "\nline \(line) (\(language?.code ?? context.fallback.code)): " + JSONText.quoted(text) + "\n"
            for (index, step) in try profile.steps(text, context: context).enumerated() {
                shown += "  \(index + 1). \(step.filter.padding(toLength: 14, withPad: " ", startingAt: 0)) " + JSONText.quoted(step.text.string) + "\n"
            }
            return String(shown.dropLast())
        }
    }
}
