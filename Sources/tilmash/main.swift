// tilmash — the command-line tool. Thin by design: parse arguments, stream input through
// the Tilmash library, print. The command-line contract is in shared/DESIGN.md.
import Foundation
import Tilmash

enum CLI {
    static let version = "0.1.0"

    static var commands: [any Command.Type] {
        [
            NormalizeCommand.self,
            CaseCommand.self,
            TranslitCommand.self,
            LangidCommand.self,
            TokenizeCommand.self,
            TagCommand.self,
            IndexCommand.self,
            AnalyzeCommand.self,
            EvalCommand.self,
            GazetteerCommand.self,
        ]
    }

    static func overview() -> String {
        let list = commands.map { "  " + $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.summary }
            .joined(separator: "\n")
        return """
        tilmash \(version) — clean, tokenize and tag multilingual text (Turkish, Azerbaijani,
        German, English, Kazakh, Russian) with language-correct Unicode rules from ICU.

        Usage: tilmash COMMAND [OPTIONS] [FILE...]

        Commands:
        \(list)

        Every command reads the named FILEs, or standard input when none is named, and writes
        to standard output. `tilmash COMMAND --help` describes a command.

        Options:
          -h, --help     show this help
          --version      show the version of tilmash, ICU and Unicode
          --progress     (every command) show bytes and records read, MB/s and the time
                         left on standard error; the default when standard error is a terminal
          --jobs N       (commands that read input) run N worker processes, output in the
                         input's order
        """
    }

    static func main() -> Int32 {
        let arguments = CommandLine.arguments.dropFirst()
        guard let first = arguments.first else {
            OutputStream.standardError.write(overview() + "\n")
            return 2
        }
        switch first {
        case "-h", "--help", "help":
            OutputStream.standardOutput.write(overview() + "\n")
            OutputStream.standardOutput.flush()
            return 0
        case "--version":
            OutputStream.standardOutput.write("tilmash \(version) (ICU \(ICUVersion.icu), Unicode \(ICUVersion.unicode))\n")
            OutputStream.standardOutput.flush()
            return 0
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            OutputStream.standardError.write("tilmash: unknown command '\(first)'\n\n\(overview())\n")
            return 2
        }
        do {
            let parsed = try Arguments(arguments.dropFirst(), valueOptions: command.valueOptions,
                                       flagOptions: command.flagOptions.union(["--progress"]))
            if parsed.has("--help") {
                OutputStream.standardOutput.write(command.help + "\n")
                OutputStream.standardOutput.flush()
                return 0
            }
            ProgressMeter.shared.forced = parsed.has("--progress")
            defer { ProgressMeter.shared.finish() }
            if let jobs = try ParallelRun.jobs(parsed) {
                return try ParallelRun(command: command, arguments: parsed, jobs: jobs).run()
            }
            return try command.run(parsed)
        } catch let error as UsageError {
            OutputStream.standardOutput.flush()
            OutputStream.standardError.write("tilmash \(command.name): \(error)\n\n\(command.help)\n")
            return 2
        } catch {
            OutputStream.standardOutput.flush()
            OutputStream.standardError.write("tilmash \(command.name): \(error)\n")
            return 1
        }
    }
}

exit(CLI.main())
