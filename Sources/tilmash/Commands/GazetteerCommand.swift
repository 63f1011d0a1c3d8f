import Foundation
import Tilmash

/// `tilmash gazetteer compile SRC... -o FILE` and `tilmash gazetteer check SRC...`
enum GazetteerCommand: Command {
    static let name = "gazetteer"
    static let summary = "compile gazetteer .tsv files into one memory-mapped file, or check them"
    static let valueOptions: Set<String> = ["-o", "--output"]
    static let help = """
    Usage: tilmash gazetteer compile SRC... -o FILE
           tilmash gazetteer check SRC...

    SRC is a gazetteer .tsv file or a folder of them (format: Corpora/gazetteer/README.md).

    compile  expands every alias once — transliterations of Cyrillic names into the five
             Latin schemes, German umlaut spellings, the word keys the tagger matches —
             and writes one binary file that `tag --gazetteer FILE` memory-maps and uses
             in place (milliseconds to load, whatever its size). The file records the
             format version, the ICU and Unicode versions and a checksum; the same
             sources give the same bytes. Prints the counts on standard error.
    check    validates the sources and prints every problem as FILE:LINE: reason —
             malformed lines, duplicate ids (both places), a canonical name that is not
             among the aliases, ' | ' written without its spaces. Exit 1 when any.

    Options:
      -o, --output FILE  where compile writes the compiled gazetteer
      -h, --help         show this help

    Examples:
      $ tilmash gazetteer compile Corpora/gazetteer/data -o names.tlmg
      compiled 21084 entries, 87819 aliases into names.tlmg (27.1 MB)
      $ echo 'Tokayev besuchte Astana.' | tilmash tag --gazetteer names.tlmg --format text
      $ tilmash gazetteer check Corpora/gazetteer/data
      Corpora/gazetteer/data: 21084 entries, no problems
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let action = arguments.positionals.first else { throw UsageError("gazetteer needs an action: compile or check") }
        let sources = Array(arguments.positionals.dropFirst())
        guard !sources.isEmpty else { throw UsageError("gazetteer \(action) needs at least one SRC (.tsv file or folder)") }
        switch action {
        case "compile":
            guard let output = arguments.value("-o") ?? arguments.value("--output") else {
                throw UsageError("gazetteer compile needs -o FILE")
            }
            do {
                let (entries, aliases) = try Gazetteer.compile(paths: sources, to: output)
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
            throw UsageError("unknown gazetteer action '\(action)'; expected compile or check")
        }
    }
}
