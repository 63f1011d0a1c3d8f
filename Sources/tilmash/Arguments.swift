/// A small, strict command-line parser: `--name value`, `--name=value`, boolean flags,
/// positionals, `-` for standard input and `--` to end the options.
struct Arguments {
    private(set) var values: [String: String] = [:]
    /// Every value of each option given more than once, in order (`values` keeps the last).
    private(set) var repeated: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` against the options a command declares; anything else is a
    /// ``UsageError`` (exit status 2).
    init(_ arguments: ArraySlice<String>, valueOptions: Set<String>, flagOptions: Set<String>) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                positionals.append(contentsOf: rest)
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                positionals.append(argument)
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if name == "-h" { name = "--help" }
            if valueOptions.contains(name) {
                guard let value = inlineValue ?? rest.popFirst() else {
                    throw UsageError("option \(name) needs a value")
                }
                values[name] = value
                repeated[name, default: []].append(value)
            } else if flagOptions.contains(name) || name == "--help" {
                if inlineValue != nil { throw UsageError("option \(name) takes no value") }
                flags.insert(name)
            } else {
                throw UsageError("unknown option \(name)")
            }
        }
    }

    func value(_ name: String) -> String? { values[name] }
    /// Every value given for `name`, in order (for options that may repeat).
    func allValues(_ name: String) -> [String] { repeated[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The value of `name`, which must be one of `choices` (or `fallback` when absent).
    func choice(_ name: String, from choices: [String], default fallback: String) throws -> String {
        let chosen = values[name] ?? fallback
        guard choices.contains(chosen) else {
            throw UsageError("invalid value '\(chosen)' for \(name); expected one of: \(choices.joined(separator: ", "))")
        }
        return chosen
    }
}

/// A command line that does not fit the command's grammar: printed with the usage, exit 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A failure that stops the command with a message and exit status 1 (e.g. a file that
/// cannot be read).
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
