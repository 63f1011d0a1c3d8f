import Foundation
import TilmashGazetteer

/// The list of known entities and the automaton the tagger matches them with.
///
/// A gazetteer comes from tab-separated text files a person can edit (the format is in
/// `Corpora/gazetteer/README.md`: `id <TAB> PERSON|PLACE|ORG <TAB> canonical <TAB> lang:alias | …`)
/// or from a compiled file (`tilmash gazetteer compile`), which is memory-mapped and used
/// in place: loading it takes milliseconds whatever its size. Text files are compiled in
/// memory when loaded (about a second per 40,000 aliases).
///
/// ```swift
/// let g = try Gazetteer.bundled()
/// g.entries.count                  // > 3000
/// g.entries[0].canonical           // "Afghanistan"
/// try Gazetteer.compile(paths: ["my-names.tsv"], to: "my-names.tlmg")
/// let mine = try Gazetteer.load(path: "my-names.tlmg")
/// ```
///
/// A malformed line fails loading with ``GazetteerError`` naming the file and line; a
/// damaged compiled file fails with one naming the file and what is wrong.
/// `Sendable`: immutable once loaded.
public struct Gazetteer: Sendable {
    /// The compiled form every gazetteer is read through.
    let image: GazetteerImage

    init(image: GazetteerImage) { self.image = image }

    /// A gazetteer of `entries`, compiled in memory.
    public init(entries: [GazetteerEntry]) throws {
        image = try GazetteerImage(bytes: try GazetteerCompiler.compile(entries, parts: [], sourceDigest: 0), name: "(entries)")
    }

    /// Every entry, in file order, decoded from the compiled form when read.
    public var entries: Entries { Entries(image: image) }

    /// The number of written aliases (before expansion into spellings).
    public var aliasCount: Int { image.aliasCount }

    /// The entries of a gazetteer, a random-access collection decoded on access.
    public struct Entries: RandomAccessCollection, Sendable {
        let image: GazetteerImage
        public var startIndex: Int { 0 }
        public var endIndex: Int { image.entryCount }
        public subscript(position: Int) -> GazetteerEntry {
            precondition(position >= 0 && position < image.entryCount, "entry index out of range")
            return GazetteerEntry(id: image.entryID(position), type: image.entryType(position), canonical: image.entryCanonical(position),
                                  aliases: image.entryAliases(position).map {
                                      GazetteerEntry.Alias(text: image.aliasText($0), language: image.aliasLanguage($0),
                                                           requiresCapital: image.aliasRequiresCapital($0))
                                  },
                                  source: image.sourceNames[image.entrySource(position)])
        }
    }

    /// Parses one gazetteer file's text; `name` is used in error messages.
    public static func parse(_ text: String, name: String) throws -> [GazetteerEntry] {
        try GazetteerSource.parse(text, name: name)
    }

    /// Loads a compiled gazetteer file, a `.tsv` file, or every `*.tsv` file of a folder
    /// (sorted by name). Duplicate ids across files are an error.
    public static func load(path: String) throws -> Gazetteer {
        try load(paths: [path])
    }

    /// Loads one compiled file, or the `.tsv` files and folders `paths` names (compiled in
    /// memory).
    public static func load(paths: [String]) throws -> Gazetteer {
        if paths.count == 1, GazetteerImage.isCompiled(path: paths[0]) {
            return Gazetteer(image: try GazetteerImage(mapping: paths[0]))
        }
        if let compiled = paths.first(where: GazetteerImage.isCompiled(path:)) {
            throw GazetteerError(file: compiled, line: 0, reason: "a compiled gazetteer cannot be combined with other files")
        }
        let (entries, parts, digest) = try GazetteerSource.load(paths)
        return Gazetteer(image: try GazetteerImage(bytes: try GazetteerCompiler.compile(entries, parts: parts, sourceDigest: digest),
                                                   name: paths.joined(separator: " ")))
    }

    /// True when `path` is a compiled gazetteer file (by its first bytes).
    public static func isCompiled(path: String) -> Bool { GazetteerImage.isCompiled(path: path) }

    /// Compiles the `.tsv` files and folders `paths` names into one compiled gazetteer file
    /// at `output`; returns the entry and alias counts.
    @discardableResult
    public static func compile(paths: [String], to output: String) throws -> (entries: Int, aliases: Int) {
        let (entries, parts, digest) = try GazetteerSource.load(paths)
        let bytes = try GazetteerCompiler.compile(entries, parts: parts, sourceDigest: digest)
        do { try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
            throw GazetteerError(file: output, line: 0, reason: "cannot write: \(error.localizedDescription)")
        }
        return (entries.count, entries.reduce(0) { $0 + $1.aliases.count })
    }

    /// Every problem in the gazetteer source files `paths` names, one per line as
    /// `FILE:LINE: reason` (both places for a duplicate id), and the number of entries read.
    /// A compiled file is checked reference by reference instead.
    public static func check(paths: [String]) -> (problems: [String], entries: Int) {
        if paths.count == 1, GazetteerImage.isCompiled(path: paths[0]) {
            do {
                let image = try GazetteerImage(mapping: paths[0])
                try image.verifyReferences(name: paths[0])
                return ([], image.entryCount)
            } catch { return (["\(error)"], 0) }
        }
        let (problems, entries) = GazetteerSource.check(paths)
        return (problems.map(\.description), entries)
    }

    /// The gazetteer shipped with Tilmash, loaded once: the compiled file built from
    /// `Corpora/gazetteer/data` when it is current (same sources, same ICU and Unicode
    /// versions), otherwise those `.tsv` files compiled in memory.
    public static func bundled() throws -> Gazetteer {
        try bundledGazetteer.get()
    }

    /// Entry counts per source file and type, e.g. `["countries": [.place: 249]]`.
    public var counts: [String: [EntityType: Int]] {
        var result: [String: [EntityType: Int]] = [:]
        for entry in 0..<image.entryCount {
            result[image.sourceNames[image.entrySource(entry)], default: [:]][image.entryType(entry), default: 0] += 1
        }
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

private let bundledGazetteer = ProcessWide { () throws -> Gazetteer in
    let bundle = try ResourceBundles.locate(GazetteerData.bundleName)
    let sources = bundle.appendingPathComponent(GazetteerData.directory).path
    let compiled = bundle.appendingPathComponent(GazetteerData.compiled).path
    if FileManager.default.fileExists(atPath: compiled), let image = try? GazetteerImage(mapping: compiled),
       image.icuVersion == ICUVersion.icu, image.unicodeVersion == ICUVersion.unicode,
       let digest = try? GazetteerSource.digest([sources]), digest == image.sourceDigest {
        return Gazetteer(image: image)
    }
    return try Gazetteer.load(path: sources)
}
