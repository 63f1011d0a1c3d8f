import Foundation

/// The editable form of a gazetteer: tab-separated text files (`Corpora/gazetteer/data/*.tsv`).
///
/// File format: UTF-8; `#` starts a comment line; one entry per line with four
/// tab-separated fields — `id <TAB> PERSON|PLACE|ORG <TAB> canonical English name <TAB> aliases`,
/// where aliases are separated by ` | ` and each is `lang:text` (`en tr de ru kk az uz ky`,
/// or `xx` for any language); `lang:^text` marks an alias that is also a common word and
/// must be capitalised as written.
enum GazetteerSource {
    /// One problem found in a source file.
    struct Problem: Sendable, CustomStringConvertible {
        let file: String
        /// 1-based line number (0 when the problem is the whole file).
        let line: Int
        let reason: String
        var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
    }

    /// The `.tsv` files `paths` name: files as given, folders as their `*.tsv` files sorted by name.
    static func files(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw GazetteerError(file: path, line: 0, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let found = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".tsv") }.sorted()
                guard !found.isEmpty else { throw GazetteerError(file: path, line: 0, reason: "no .tsv files") }
                files += found.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// The text of a source file.
    static func read(_ file: String) throws -> (text: String, bytes: Data) {
        // Through a file handle: `Data(contentsOf:)` leaks its 4 KB buffer on an empty file
        // in this Foundation (found by the `sources` fuzz target under LeakSanitizer).
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw GazetteerError(file: file, line: 0, reason: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw GazetteerError(file: file, line: 0, reason: "not UTF-8") }
        return (text, data)
    }

    /// Every entry of `paths` in file order, and a digest of the files' names and bytes
    /// (a compiled gazetteer records it to tell whether it is current). The first problem
    /// stops loading with a ``GazetteerError`` naming the file and line.
    ///
    /// The entries of `added` come on top: an added entry with a new id is appended; one
    /// whose id `paths` already holds extends that entry — its aliases are added, its
    /// canonical name replaces the one before — and must have the same type. Duplicate ids
    /// within `paths`, or within `added`, stay errors. Added persons get their
    /// surname-only aliases (``PersonSurnames``).
    static func load(_ paths: [String], adding added: [String] = []) throws -> (entries: [GazetteerEntry], parts: [Part], digest: UInt64) {
        var entries: [GazetteerEntry] = []
        var seen: [String: (place: String, index: Int)] = [:]
        var digest = GazetteerFormat.WordHasher()
        for file in try files(paths) {
            let (text, data) = try read(file)
            feed(&digest, file: file, data: data)
            for (line, parsed) in lines(text, name: file) {
                let entry = try parsed.get()
                if let other = seen[entry.id] {
                    throw GazetteerError(file: file, line: line, reason: "duplicate id \(entry.id) (also in \(other.place))")
                }
                seen[entry.id] = ("\(file):\(line)", entries.count)
                entries.append(entry)
            }
        }
        var addedSeen: [String: String] = [:]
        let addedFiles = try files(added)
        let otherNames = addedFiles.isEmpty ? [] : PersonSurnames.otherNames(entries)
        for file in addedFiles {
            let (text, data) = try read(file)
            feed(&digest, file: file, data: data)
            for (line, parsed) in lines(text, name: file) {
                let entry = PersonSurnames.adding(to: try parsed.get(), otherNames: otherNames)
                if let other = addedSeen[entry.id] {
                    throw GazetteerError(file: file, line: line, reason: "duplicate id \(entry.id) (also in \(other))")
                }
                addedSeen[entry.id] = "\(file):\(line)"
                guard let base = seen[entry.id] else {
                    seen[entry.id] = ("\(file):\(line)", entries.count)
                    entries.append(entry)
                    continue
                }
                let old = entries[base.index]
                guard old.type == entry.type else {
                    throw GazetteerError(file: file, line: line, reason: "\(entry.id) is a \(old.type.rawValue) in \(base.place), not a \(entry.type.rawValue)")
                }
                let aliases = old.aliases + entry.aliases.filter { !old.aliases.contains($0) }
                entries[base.index] = GazetteerEntry(id: old.id, type: old.type, canonical: entry.canonical, aliases: aliases, source: old.source)
            }
        }
        for file in partFiles(paths) { feed(&digest, file: file, data: try read(file).bytes) }
        return (entries, try loadParts(paths), digest.state)
    }

    /// One word of a name-part list.
    struct Part: Sendable {
        let text: String
        let classes: NamePart
    }

    /// The name-part list files of `paths`: `parts/*.tsv` inside each folder, sorted.
    static func partFiles(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let folder = (path as NSString).appendingPathComponent("parts")
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            files += names.filter { $0.hasSuffix(".tsv") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// The words of the name-part lists of `paths` (format: `word <TAB> class,class`;
    /// classes as in ``NamePart/names``). A malformed line stops loading with its file and line.
    static func loadParts(_ paths: [String]) throws -> [Part] {
        var parts: [Part] = []
        let known = Dictionary(uniqueKeysWithValues: NamePart.names)
        for file in partFiles(paths) {
            let (text, _) = try read(file)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.isEmpty || line.hasPrefix("#") { continue }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 2, !fields[0].isEmpty else {
                    throw GazetteerError(file: file, line: index + 1, reason: "expected word <TAB> classes")
                }
                var classes: NamePart = []
                for name in fields[1].split(separator: ",") {
                    guard let part = known[String(name)] else {
                        throw GazetteerError(file: file, line: index + 1, reason: "unknown class '\(name)' (\(NamePart.names.map(\.0).joined(separator: ", ")))")
                    }
                    classes.insert(part)
                }
                parts.append(Part(text: String(fields[0]), classes: classes))
            }
        }
        return parts
    }

    /// The digest ``load(_:)`` computes, without parsing the files.
    static func digest(_ paths: [String], adding added: [String] = []) throws -> UInt64 {
        var digest = GazetteerFormat.WordHasher()
        for file in try files(paths) + files(added) + partFiles(paths) { feed(&digest, file: file, data: try read(file).bytes) }
        return digest.state
    }

    private static func feed(_ digest: inout GazetteerFormat.WordHasher, file: String, data: Data) {
        Array((file as NSString).lastPathComponent.utf8).withUnsafeBytes { digest.feed($0) }
        data.withUnsafeBytes { digest.feed($0) }
    }

    /// Every problem in the files `paths` names: malformed lines, duplicate ids (with both
    /// places), canonical names missing from the aliases, ` | ` written without spaces.
    static func check(_ paths: [String]) -> (problems: [Problem], entries: Int) {
        var problems: [Problem] = []
        var seen: [String: String] = [:]
        var count = 0
        let files: [String]
        do { files = try Self.files(paths) } catch let error as GazetteerError {
            return ([Problem(file: error.file, line: error.line, reason: error.reason)], 0)
        } catch { return ([Problem(file: paths.joined(separator: " "), line: 0, reason: "\(error)")], 0) }
        for file in files {
            let text: String
            do { text = try read(file).text } catch let error as GazetteerError {
                problems.append(Problem(file: error.file, line: 0, reason: error.reason))
                continue
            } catch { continue }
            for (line, parsed) in lines(text, name: file) {
                let entry: GazetteerEntry
                switch parsed {
                case .success(let parsed): entry = parsed
                case .failure(let error):
                    problems.append(Problem(file: file, line: line, reason: error.reason))
                    continue
                }
                count += 1
                if let other = seen[entry.id] {
                    problems.append(Problem(file: file, line: line, reason: "duplicate id \(entry.id) (first at \(other))"))
                } else {
                    seen[entry.id] = "\(file):\(line)"
                }
                if !entry.aliases.contains(where: { $0.text == entry.canonical }) {
                    problems.append(Problem(file: file, line: line, reason: "canonical name '\(entry.canonical)' is not among the aliases"))
                }
                for alias in entry.aliases where alias.text.contains("|") {
                    problems.append(Problem(file: file, line: line, reason: "alias '\(alias.text)' holds '|': write the separator as ' | ' (space, pipe, space)"))
                }
            }
        }
        return (problems, count)
    }

    /// Parses one gazetteer file's text; `name` is used in error messages. Throws at the
    /// first malformed line.
    static func parse(_ text: String, name: String) throws -> [GazetteerEntry] {
        try lines(text, name: name).map { try $0.entry.get() }
    }

    /// The entry lines of `text` with their 1-based numbers, each parsed or failed.
    private static func lines(_ text: String, name: String) -> [(line: Int, entry: Result<GazetteerEntry, GazetteerError>)] {
        let source = (name as NSString).lastPathComponent.replacingOccurrences(of: ".tsv", with: "")
        var result: [(line: Int, entry: Result<GazetteerEntry, GazetteerError>)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            result.append((index + 1, Result { try entry(String(line), source: source) }
                .mapError { ($0 as? GazetteerError).map { GazetteerError(file: name, line: index + 1, reason: $0.reason) }
                    ?? GazetteerError(file: name, line: index + 1, reason: "\($0)") }))
        }
        return result
    }

    /// One entry line.
    private static func entry(_ line: String, source: String) throws -> GazetteerEntry {
        func fail(_ reason: String) -> GazetteerError { GazetteerError(file: source, line: 0, reason: reason) }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 else { throw fail("expected 4 tab-separated fields (id, type, canonical, aliases), found \(fields.count)") }
        guard !fields[0].isEmpty, !fields[0].contains(" ") else { throw fail("empty or spaced id '\(fields[0])'") }
        guard let type = EntityType(rawValue: fields[1]) else { throw fail("unknown type '\(fields[1])' (PERSON, PLACE or ORG)") }
        guard !fields[2].isEmpty else { throw fail("empty canonical name") }
        var aliases: [GazetteerEntry.Alias] = []
        for item in fields[3].components(separatedBy: " | ") {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw fail("alias '\(item)' is not lang:text") }
            let language: Language?
            if parts[0] == "xx" { language = nil } else {
                guard let known = Language(code: parts[0]), known != .undetermined else { throw fail("unknown language '\(parts[0])' in alias '\(item)'") }
                language = known
            }
            var aliasText = parts[1].trimmingCharacters(in: .whitespaces)
            let capital = aliasText.hasPrefix("^")
            if capital { aliasText.removeFirst() }
            guard !aliasText.isEmpty else { throw fail("empty alias in '\(item)'") }
            aliases.append(.init(text: aliasText, language: language, requiresCapital: capital))
        }
        return GazetteerEntry(id: fields[0], type: type, canonical: fields[2], aliases: aliases, source: source)
    }
}
