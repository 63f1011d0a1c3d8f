import Foundation
import TilmashGazetteer

/// The list of known entities, loaded from tab-separated text files a person can edit.
///
/// File format (`Corpora/gazetteer/data/*.tsv`): UTF-8; `#` starts a comment line; one
/// entry per line with four tab-separated fields —
/// `id <TAB> PERSON|PLACE|ORG <TAB> canonical English name <TAB> aliases`, where aliases are
/// separated by ` | ` and each is `lang:text` (`en tr de ru kk az uz ky`, or `xx` for any
/// language); `lang:^text` marks an alias that is also a common word and must be
/// capitalised as written.
///
/// ```swift
/// let g = try Gazetteer.bundled()
/// g.entries.count          // > 3000
/// ```
///
/// A malformed line fails loading with ``GazetteerError`` naming the file and line.
/// `Sendable`: immutable once loaded.
public struct Gazetteer: Sendable {
    /// Every entry, in file order.
    public let entries: [GazetteerEntry]

    public init(entries: [GazetteerEntry]) {
        self.entries = entries
    }

    /// Parses one gazetteer file's text; `name` is used in error messages.
    public static func parse(_ text: String, name: String) throws -> [GazetteerEntry] {
        let source = (name as NSString).lastPathComponent.replacingOccurrences(of: ".tsv", with: "")
        var entries: [GazetteerEntry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> GazetteerError { GazetteerError(file: name, line: index + 1, reason: reason) }
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
            entries.append(GazetteerEntry(id: fields[0], type: type, canonical: fields[2], aliases: aliases, source: source))
        }
        return entries
    }

    /// Loads a file, or every `*.tsv` file of a directory (sorted by name). Duplicate ids
    /// across files are an error.
    public static func load(path: String) throws -> Gazetteer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GazetteerError(file: path, line: 0, reason: "no such file or directory")
        }
        let files: [String]
        if isDirectory.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".tsv") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else { throw GazetteerError(file: path, line: 0, reason: "no .tsv files") }
        } else {
            files = [path]
        }
        var entries: [GazetteerEntry] = []
        var seen: [String: String] = [:]
        for file in files {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw GazetteerError(file: file, line: 0, reason: "cannot read: \(error.localizedDescription)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw GazetteerError(file: file, line: 0, reason: "not UTF-8")
            }
            for entry in try parse(text, name: file) {
                if let other = seen[entry.id] {
                    throw GazetteerError(file: file, line: 0, reason: "duplicate id \(entry.id) (also in \(other))")
                }
                seen[entry.id] = file
                entries.append(entry)
            }
        }
        return Gazetteer(entries: entries)
    }

    /// The gazetteer shipped with Tilmash (`Corpora/gazetteer/data`), loaded once.
    public static func bundled() throws -> Gazetteer {
        try bundledGazetteer.get()
    }

    /// Entry counts per source file and type, e.g. `["countries": [.place: 249]]`.
    public var counts: [String: [EntityType: Int]] {
        var result: [String: [EntityType: Int]] = [:]
        for entry in entries { result[entry.source, default: [:]][entry.type, default: 0] += 1 }
        return result
    }
}

/// A gazetteer file that cannot be used, with the place and reason.
public struct GazetteerError: Error, CustomStringConvertible, Sendable {
    public let file: String
    /// 1-based line number (0 when the problem is the whole file).
    public let line: Int
    public let reason: String
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

private let bundledGazetteer = ProcessWide { try Gazetteer.load(path: GazetteerData.directory.path) }
