import Foundation
import Tilmash

/// `tilmash langid [FILE...]`
enum LangidCommand: Command {
    static let name = "langid"
    static let summary = "identify the language of each file (or JSON line)"
    static let valueOptions = InputMode.valueOptions.union(["--output-field"])
    static let help = """
    Usage: tilmash langid [--input text|jsonl [--field NAME] [--output-field NAME] [--on-error P]]
                          [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

    Identifies the language of each FILE (or standard input) as a whole: tr, az, de, en,
    kk, ru, uz, ky, or "und" when the text is too short or too mixed to tell. Prints one
    JSON object per file: {"file", "lang", "confidence"}. A long file is read and scored
    in pieces, with the same result as scoring it at once. With --input jsonl, one object
    per input line: its fields copied, "lang" and "confidence" added.

    The model is a character n-gram profile trained on Debian's translation catalogues and
    hunspell word lists (Corpora/langid/); it tells Azerbaijani (ə, q, x) from Turkish
    and works on ALL-CAPITALS text.

    Options:
      --output-field NAME  with --input jsonl: the field for the language (default "lang";
                     the confidence goes to "confidence", or NAME_confidence)
    \(InputMode.help)

    Example:
      $ tilmash langid Corpora/seeds/003_e905b970b9dda345.txt
      {"confidence":1,"file":"Corpora/seeds/003_e905b970b9dda345.txt","lang":"en"}
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        let mode = try InputMode(arguments)
        let identifier = try LanguageIdentifier.bundled()
        let runner = try InputRunner(mode: mode, arguments: arguments)
        var scores = identifier.emptyScores()
        return runner.forEachDocument({ _, text, _, _ in
            identifier.add(text, to: &scores)
        }, finish: { name, record in
            let guess = identifier.guess(scores)
            scores = identifier.emptyScores()
            let confidence = (guess.confidence * 10_000).rounded() / 10_000
            let confidenceJSON = confidence == confidence.rounded() ? String(Int(confidence)) : String(confidence)
            guard let record else {
                runner.write(JSONText.object([("confidence", confidenceJSON), ("file", JSONText.quoted(name)),
                                              ("lang", JSONText.quoted(guess.language.code))]) + "\n")
                return
            }
            let field = runner.mode.records?.outputField ?? "lang"
            runner.writeRecord(record.setting(field, toJSON: JSONText.quoted(guess.language.code))
                .setting(field == "lang" ? "confidence" : field + "_confidence", toJSON: confidenceJSON).text)
        })
    }
}
