import Tilmash

/// A `tilmash` subcommand: its help text, the options it accepts, and how it runs.
protocol Command {
    static var name: String { get }
    /// One line for the overview in `tilmash --help`.
    static var summary: String { get }
    /// The full text of `tilmash NAME --help`.
    static var help: String { get }
    static var valueOptions: Set<String> { get }
    static var flagOptions: Set<String> { get }
    /// Validates the arguments (throwing ``UsageError``) and runs; returns the exit status.
    static func run(_ arguments: Arguments) throws -> Int32
}

extension Command {
    static var flagOptions: Set<String> { [] }
}

/// The `--lang` option shared by several commands.
enum LanguageOption {
    static func parse(_ arguments: Arguments, allowAuto: Bool, default fallback: String) throws -> Language? {
        let value = arguments.value("--lang") ?? fallback
        if allowAuto && value == "auto" { return nil }
        guard let language = Language(code: value), language != .undetermined else {
            let choices = (allowAuto ? ["auto"] : []) + Language.named.map(\.code)
            throw UsageError("invalid value '\(value)' for --lang; expected one of: \(choices.joined(separator: ", "))")
        }
        return language
    }
}
