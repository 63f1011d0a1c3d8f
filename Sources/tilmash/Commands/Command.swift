import Foundation
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

/// The `--gazetteer` and `--gazetteer-add` options shared by every command that tags.
enum GazetteerOption {
    static let valueOptions: Set<String> = ["--gazetteer", "--gazetteer-add"]

    /// The options' lines for a command's `--help`.
    static let help = """
      --gazetteer PATH  a compiled gazetteer (`tilmash gazetteer compile`), a .tsv file
                        or a folder of them instead of the bundled gazetteer
                        (format: Corpora/gazetteer/README.md)
      --gazetteer-add PATH  a .tsv file or folder of entries on top of the gazetteer
                        (repeatable): a new id is added, a known id gets the line's
                        aliases and canonical name; added persons are also found by
                        surname and inflected, as bundled ones. The combination is
                        compiled once (seconds) and kept in $TILMASH_CACHE, else
                        $XDG_CACHE_HOME/tilmash or ~/.cache/tilmash (TILMASH_CACHE=
                        keeps nothing); later runs with the same files load it at once
    """

    /// The bundled tagger, or one over `--gazetteer PATH` and `--gazetteer-add PATH`s.
    /// With `--gazetteer-add`, the combined gazetteer is compiled once and kept in
    /// ``cacheDirectory``.
    static func makeTagger(_ arguments: Arguments) throws -> Tagger {
        let added = arguments.allValues("--gazetteer-add")
        let path = arguments.value("--gazetteer")
        if path == nil && added.isEmpty { return try Tagger.bundled() }
        do {
            let base = try path.map { [$0] } ?? [Gazetteer.bundledSources()]
            let gazetteer: Gazetteer
            if !added.isEmpty, let cache = cacheDirectory {
                gazetteer = try Gazetteer.load(paths: base, adding: added, cache: cache)
            } else {
                gazetteer = try Gazetteer.load(paths: base, adding: added)
                if !(path.map(Gazetteer.isCompiled(path:)) ?? false), gazetteer.aliasCount > 50_000 {
                    let sources = (path.map { [$0] } ?? []) + added.map { "--add " + $0 }
                    OutputStream.standardError.write("tilmash: note: the gazetteer was compiled in memory (\(gazetteer.aliasCount) aliases); "
                        + "`tilmash gazetteer compile \(sources.joined(separator: " ")) -o FILE` makes a file that loads in milliseconds\n")
                }
            }
            return try Tagger(gazetteer: gazetteer)
        } catch let error as GazetteerError {
            throw RuntimeFailure("gazetteer: \(error)")
        }
    }

    /// Where gazetteers combined with `--gazetteer-add` are kept compiled:
    /// `$TILMASH_CACHE`, else `$XDG_CACHE_HOME/tilmash`, else `~/.cache/tilmash`;
    /// `TILMASH_CACHE=` (empty) keeps nothing.
    static var cacheDirectory: String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["TILMASH_CACHE"] { return chosen.isEmpty ? nil : chosen }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/tilmash" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/tilmash" }
        return nil
    }
}
