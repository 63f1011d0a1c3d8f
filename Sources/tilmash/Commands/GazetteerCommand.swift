import Foundation
import Tilmash

/// `tilmash gazetteer compile [SRC...] [--add PATH] -o FILE`, `tilmash gazetteer check SRC...`
/// and `tilmash gazetteer export --format synonyms|flashtext`
enum GazetteerCommand: Command {
    static let name = "gazetteer"
    static let summary = "compile, check or export (search-engine synonyms, flashtext) the gazetteer"
    static let valueOptions = Set(["-o", "--output", "--add", "--format"]).union(GazetteerOption.valueOptions)
    static let help = """
    Usage: tilmash gazetteer compile [SRC...] [--add PATH] -o FILE
           tilmash gazetteer check SRC...
           tilmash gazetteer export --format synonyms|flashtext [--gazetteer PATH]
                                    [--gazetteer-add PATH] [-o FILE]

    SRC is a gazetteer .tsv file or a folder of them (format: Corpora/gazetteer/README.md).

    compile  expands every alias once — transliterations of Cyrillic names into the five
             Latin schemes, German umlaut spellings, the word keys the tagger matches —
             and writes one binary file that `tag --gazetteer FILE` memory-maps and uses
             in place (milliseconds to load, whatever its size). The file records the
             format version, the ICU and Unicode versions and a checksum; the same
             sources give the same bytes. Prints the counts on standard error.
             --add PATH (repeatable) puts entries on top as --gazetteer-add does; with
             no SRC they go on top of the bundled gazetteer.
    check    validates the sources and prints every problem as FILE:LINE: reason —
             malformed lines, duplicate ids (both places), a canonical name that is not
             among the aliases, ' | ' written without its spaces. Exit 1 when any.
    export   writes the gazetteer (the bundled one, or --gazetteer and --gazetteer-add)
             for other tools, to standard output or -o FILE:
             synonyms   Solr/Elasticsearch/OpenSearch synonym lines, one per entry:
                        alias, alias, ... => id — aliases in the search profile's form
                        of their language (as in the "search" field of tilmash index);
                        , = > and \\ escaped with \\. Use it after a whitespace tokenizer.
             flashtext  one alias=>id line per alias, for flashtext's
                        KeywordProcessor.add_keyword_from_file.
             Aliases that must be capitalised to match (common words: Van, Batman)
             are left out; the counts go to standard error.
    Options:
      -o, --output FILE  where compile writes the compiled gazetteer (export: the
                         export; default standard output)
      --add PATH         compile: entries on top of SRC (or of the bundled gazetteer)
      --format F         export: synonyms or flashtext
    \(GazetteerOption.help)
      -h, --help         show this help

    Examples:
      $ tilmash gazetteer compile Corpora/gazetteer/data -o names.tlmg
      compiled 21089 entries, 87866 aliases into names.tlmg (27.1 MB)
      $ echo 'Tokayev besuchte Astana.' | tilmash tag --gazetteer names.tlmg --format text
      $ tilmash gazetteer check Corpora/gazetteer/data
      Corpora/gazetteer/data: 21089 entries, no problems
      $ tilmash gazetteer export --format flashtext | grep -m3 '^Tokajew=\\|^Токаев=\\|^Kasachstan='
      exported 81020 aliases (6799 aliases left out: capital-only or folding alike)
      Kasachstan=>country:KZ
      Tokajew=>person:kassym-jomart-tokayev
      Токаев=>person:kassym-jomart-tokayev
      $ tilmash gazetteer export --format synonyms -o synonyms.txt
      exported 17897 entries to synonyms.txt (7887 aliases left out: capital-only or folding alike)
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let action = arguments.positionals.first else { throw UsageError("gazetteer needs an action: compile, check or export") }
        let sources = Array(arguments.positionals.dropFirst())
        if action == "export" { return try export(arguments, sources: sources) }
        let added = arguments.allValues("--add")
        guard !sources.isEmpty || (action == "compile" && !added.isEmpty) else {
            throw UsageError("gazetteer \(action) needs at least one SRC (.tsv file or folder)")
        }
        switch action {
        case "compile":
            guard let output = arguments.value("-o") ?? arguments.value("--output") else {
                throw UsageError("gazetteer compile needs -o FILE")
            }
            do {
                let base = sources.isEmpty ? [try Gazetteer.bundledSources()] : sources
                let (entries, aliases) = try Gazetteer.compile(paths: base, adding: added, to: output)
                let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
                OutputStream.standardError.write("compiled \(entries) entries, \(aliases) aliases into \(output)"
                    + " (\(String(format: "%.1f", Double(size) / 1e6)) MB)\n")
            } catch let error as GazetteerError {
                throw RuntimeFailure("gazetteer: \(error)")
            }
            return 0
        case "check":
            let (problems, entries) = Gazetteer.check(paths: sources)
            for problem in problems { OutputStream.standardOutput.write(problem + "\n") }
            OutputStream.standardOutput.flush()
            let summary = "\(sources.joined(separator: " ")): \(entries) entries, "
                + (problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
            OutputStream.standardError.write(summary + "\n")
            return problems.isEmpty ? 0 : 1
        default:
            throw UsageError("unknown gazetteer action '\(action)'; expected compile, check or export")
        }
    }

    /// `gazetteer export`: synonym or flashtext lines of the gazetteer.
    private static func export(_ arguments: Arguments, sources: [String]) throws -> Int32 {
        guard sources.isEmpty else { throw UsageError("gazetteer export takes no SRC; name the gazetteer with --gazetteer PATH") }
        guard let name = arguments.value("--format") else { throw UsageError("gazetteer export needs --format synonyms or flashtext") }
        guard let format = GazetteerExport.Format(rawValue: name) else {
            throw UsageError("invalid value '\(name)' for --format; expected one of: synonyms, flashtext")
        }
        let tagger = try GazetteerOption.makeTagger(arguments)
        let target = arguments.value("-o") ?? arguments.value("--output")
        var out = OutputStream.standardOutput
        if let target {
            guard let stream = OutputStream(creating: target) else {
                throw RuntimeFailure(OutputStream.cannotCreate(target))
            }
            out = stream
        }
        let summary = try GazetteerExport.write(tagger.gazetteer, format: format) { out.write($0) }
        out.flush()
        OutputStream.standardError.write("exported \(summary.lines) \(format == .synonyms ? "entries" : "aliases")"
            + "\(target.map { " to " + $0 } ?? "") (\(summary.leftOut) aliases left out: capital-only or folding alike)\n")
        return 0
    }
}
