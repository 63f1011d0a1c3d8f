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
    /// memory), with the `.tsv` files and folders `added` on top (see
    /// ``bundled(adding:)`` for how an added entry joins or extends one).
    public static func load(paths: [String], adding added: [String] = []) throws -> Gazetteer {
        if paths.count == 1, added.isEmpty, GazetteerImage.isCompiled(path: paths[0]) {
            return Gazetteer(image: try GazetteerImage(mapping: paths[0]))
        }
        return Gazetteer(image: try GazetteerImage(bytes: try compileSources(paths, adding: added), name: (paths + added).joined(separator: " ")))
    }

    /// The compiled form of the `.tsv` files and folders `paths` with `added` on top; a
    /// compiled file among them is refused (it cannot be combined).
    private static func compileSources(_ paths: [String], adding added: [String]) throws -> [UInt8] {
        if let compiled = (paths + added).first(where: GazetteerImage.isCompiled(path:)) {
            throw GazetteerError(file: compiled, line: 0, reason: "a compiled gazetteer cannot be combined with other files; combine their .tsv sources")
        }
        let (entries, parts, digest) = try GazetteerSource.load(paths, adding: added)
        return try GazetteerCompiler.compile(entries, parts: parts, sourceDigest: digest)
    }

    /// ``load(paths:adding:)`` through a cache: the compiled form is kept in the folder
    /// `cache` (created when missing) under a name made of the sources' digest and the
    /// compiler's fingerprint, and memory-mapped by later calls with the same sources —
    /// same file names and bytes, same ICU and Unicode versions, same Tilmash compiler —
    /// in milliseconds instead of seconds. A cache that cannot be written is passed over
    /// (the gazetteer is then compiled in memory each time).
    public static func load(paths: [String], adding added: [String], cache: String) throws -> Gazetteer {
        let digest = try GazetteerSource.digest(paths, adding: added)
        // The bundled compiled gazetteer's checksum stands for the compiler: when the way
        // aliases become keys changes, that file is recompiled (a test insists), and a cache
        // file made by the earlier compiler is no longer picked up.
        let compiler = (try? bundled().image.storedChecksum) ?? 0
        let file = (cache as NSString).appendingPathComponent(String(format: "gazetteer-%016llx-%016llx.tlmg", digest, compiler))
        if let image = try? GazetteerImage(mapping: file), image.sourceDigest == digest,
           image.icuVersion == ICUVersion.icu, image.unicodeVersion == ICUVersion.unicode {
            return Gazetteer(image: image)
        }
        let bytes = try compileSources(paths, adding: added)
        if (try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)) != nil,
           (try? Data(bytes).write(to: URL(fileURLWithPath: file), options: .atomic)) != nil,
           let image = try? GazetteerImage(mapping: file) {
            return Gazetteer(image: image)
        }
        return Gazetteer(image: try GazetteerImage(bytes: bytes, name: (paths + added).joined(separator: " ")))
    }

    /// The bundled gazetteer's entries with the `.tsv` files and folders `added` on top,
    /// compiled in memory (a few seconds: ``compile(paths:adding:to:)`` makes a file
    /// that loads in milliseconds). An added entry with a new id joins the gazetteer; one
    /// with a bundled id adds its aliases to that entry and renames it to its canonical
    /// name (the types must agree). Added persons get the same generated forms as bundled
    /// ones: surname-only mentions, inflected forms, transliterations.
    ///
    /// ```swift
    /// // my-names.tsv:  person:aliya-nurgaliyeva <TAB> PERSON <TAB> Aliya Nurgaliyeva <TAB> en:Aliya Nurgaliyeva | kk:Әлия Нұрғалиева
    /// let tagger = try Tagger(gazetteer: try Gazetteer.bundled(adding: ["my-names.tsv"]))
    /// ```
    public static func bundled(adding added: [String]) throws -> Gazetteer {
        guard !added.isEmpty else { return try bundled() }
        return try load(paths: [try bundledSources()], adding: added)
    }

    /// The folder of the bundled gazetteer's `.tsv` files (inside its resource bundle).
    public static func bundledSources() throws -> String {
        sources(in: try ResourceBundles.locate(GazetteerData.bundleName))
    }

    /// The `.tsv` folder inside the gazetteer's resource bundle at `bundle`.
    fileprivate static func sources(in bundle: URL) -> String {
        bundle.appendingPathComponent(GazetteerData.directory).path
    }

    /// True when `path` is a compiled gazetteer file (by its first bytes).
    public static func isCompiled(path: String) -> Bool { GazetteerImage.isCompiled(path: path) }

    /// Compiles the `.tsv` files and folders `paths` names, with those of `added` on top
    /// (as in ``bundled(adding:)``), into one compiled gazetteer file at `output`; returns
    /// the entry and alias counts.
    @discardableResult
    public static func compile(paths: [String], adding added: [String] = [], to output: String) throws -> (entries: Int, aliases: Int) {
        let (entries, parts, digest) = try GazetteerSource.load(paths, adding: added)
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
    let sources = Gazetteer.sources(in: bundle)
    let compiled = bundle.appendingPathComponent(GazetteerData.compiled).path
    if FileManager.default.fileExists(atPath: compiled), let image = try? GazetteerImage(mapping: compiled),
       image.icuVersion == ICUVersion.icu, image.unicodeVersion == ICUVersion.unicode,
       let digest = try? GazetteerSource.digest([sources]), digest == image.sourceDigest {
        return Gazetteer(image: image)
    }
    return try Gazetteer.load(path: sources)
}
