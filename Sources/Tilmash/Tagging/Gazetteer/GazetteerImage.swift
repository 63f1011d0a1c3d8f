import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled gazetteer in memory (``GazetteerFormat``): the bytes of a memory-mapped file,
/// or of a compilation done in memory, read in place.
///
/// Loading checks the header, the section table and the checksum — for a file by reading
/// it, so that no page of the mapping is touched: a large gazetteer costs only the memory
/// of the pages a text makes the matcher read. Every accessor bounds-checks what it reads
/// (a string inside the string bytes, a node, word or entry that exists, a hash probe that
/// ends), so even a file with a valid checksum and inconsistent contents cannot crash or
/// hang the tagger; ``verifyReferences()`` (`tilmash gazetteer check FILE`) checks every
/// reference up front and names the first bad one.
///
/// `Sendable`: immutable after construction; the memory is released when the last user
/// is gone.
final class GazetteerImage: @unchecked Sendable {
    /// What an automaton node that ends an alias stands for.
    struct Terminal: Sendable, Hashable {
        /// Index into the gazetteer's entries.
        let entry: Int32
        /// Index into that entry's aliases.
        let alias: Int32
        /// The alias begins with a capital letter, so the text must too.
        let capitalized: Bool
        /// A short all-capitals abbreviation (`BM`, `UN`, `AEB`): the text must be in capitals.
        let abbreviation: Bool
        /// A Latin-script common word (`^`): not matched as one word at a sentence start.
        var commonWord: Bool = false
    }

    /// What checking a file found: where each section is and how many records it has.
    private struct Layout {
        var offsets: [Int] = []
        var lengths: [Int] = []
        var entryCount = 0, aliasCount = 0, wordCount = 0, nodeCount = 0, terminalCount = 0
        var wordMask = 0, edgeMask = 0
        var icuVersion = "", unicodeVersion = ""
        var sourceDigest: UInt64 = 0
        var sourceNames: [String] = []
    }

    private let base: UnsafeRawPointer
    /// Size of the image in bytes.
    let byteCount: Int
    private let release: @Sendable (UnsafeRawPointer, Int) -> Void
    private let offsets: [Int]
    private let stringsBase: UnsafeRawPointer
    private let stringBytes: Int
    let entryCount: Int
    let aliasCount: Int
    let wordCount: Int
    let nodeCount: Int
    let terminalCount: Int
    private let wordMask: Int
    private let edgeMask: Int
    /// The ICU and Unicode versions the file was compiled with (transliteration and case
    /// folding of the aliases depend on them).
    let icuVersion: String
    let unicodeVersion: String
    /// A hash of the source files, to tell a stale compiled file from a current one.
    let sourceDigest: UInt64
    /// Source names by index (`countries`, `persons` …).
    let sourceNames: [String]

    /// The checksum stored in the header (of everything after it).
    var storedChecksum: UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: GazetteerFormat.checksumOffset, as: UInt64.self))
    }

    /// An image of `bytes` (copied); `name` is used in error messages.
    convenience init(bytes: [UInt8], name: String) throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { if let source = $0.baseAddress { memory.copyMemory(from: source, byteCount: bytes.count) } }
        let buffer = UnsafeRawBufferPointer(start: memory, count: bytes.count)
        let layout: Layout
        do {
            layout = try Self.check(buffer, name: name) {
                GazetteerFormat.checksum(UnsafeRawBufferPointer(rebasing: buffer[(GazetteerFormat.checksumOffset + 8)...]))
            }
        } catch {
            memory.deallocate()
            throw error
        }
        self.init(base: UnsafeRawPointer(memory), count: bytes.count, layout: layout) { pointer, _ in
            UnsafeMutableRawPointer(mutating: pointer).deallocate()
        }
    }

    /// The image of the file at `path`, memory-mapped read-only.
    convenience init(mapping path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw GazetteerError(file: path, line: 0, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw GazetteerError(file: path, line: 0, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        guard size >= GazetteerFormat.headerSize else {
            var head = [UInt8](repeating: 0, count: GazetteerFormat.magic.count)
            let got = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            throw GazetteerError(file: path, line: 0, reason: got == head.count && head == GazetteerFormat.magic
                ? "truncated: \(size) bytes, shorter than the \(GazetteerFormat.headerSize)-byte header"
                : "not a compiled gazetteer (its first bytes are not \"TLMSHGAZ\")")
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw GazetteerError(file: path, line: 0, reason: "cannot map: \(String(cString: strerror(errno)))")
        }
        let layout: Layout
        do {
            layout = try Self.check(UnsafeRawBufferPointer(start: mapped, count: size), name: path) {
                // Read, not through the mapping: checking must not make every page resident.
                var sum = GazetteerFormat.Checksum(count: size - GazetteerFormat.checksumOffset - 8)
                var chunk = [UInt8](repeating: 0, count: 1 << 20)
                var offset = GazetteerFormat.checksumOffset + 8
                while offset < size {
                    let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, min($0.count, size - offset), off_t(offset)) }
                    guard got > 0 else { return ~0 }
                    chunk.withUnsafeBytes { sum.feed(UnsafeRawBufferPointer(rebasing: $0[..<got])) }
                    offset += got
                }
                return sum.value
            }
        } catch {
            munmap(mapped, size)
            throw error
        }
        self.init(base: UnsafeRawPointer(mapped), count: size, layout: layout) { pointer, count in
            munmap(UnsafeMutableRawPointer(mutating: pointer), count)
        }
    }

    private init(base: UnsafeRawPointer, count: Int, layout: Layout,
                 release: @escaping @Sendable (UnsafeRawPointer, Int) -> Void) {
        self.base = base
        byteCount = count
        self.release = release
        offsets = layout.offsets
        stringsBase = base + layout.offsets[GazetteerFormat.Section.strings.rawValue]
        stringBytes = layout.lengths[GazetteerFormat.Section.strings.rawValue]
        entryCount = layout.entryCount
        aliasCount = layout.aliasCount
        wordCount = layout.wordCount
        nodeCount = layout.nodeCount
        terminalCount = layout.terminalCount
        wordMask = layout.wordMask
        edgeMask = layout.edgeMask
        icuVersion = layout.icuVersion
        unicodeVersion = layout.unicodeVersion
        sourceDigest = layout.sourceDigest
        sourceNames = layout.sourceNames
    }

    /// True when the file at `path` starts with the compiled gazetteer's magic bytes.
    static func isCompiled(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: GazetteerFormat.magic.count)) ?? Data()
        return Array(head) == GazetteerFormat.magic
    }

    /// Checks the header, the section table and (through `checksum`) the checksum.
    private static func check(_ bytes: UnsafeRawBufferPointer, name: String, checksum: () -> UInt64) throws -> Layout {
        func fail(_ reason: String) -> GazetteerError { GazetteerError(file: name, line: 0, reason: reason) }
        let count = bytes.count
        guard count >= GazetteerFormat.magic.count, Array(bytes.prefix(GazetteerFormat.magic.count)) == GazetteerFormat.magic else {
            throw fail("not a compiled gazetteer (its first bytes are not \"TLMSHGAZ\")")
        }
        guard count >= GazetteerFormat.headerSize else {
            throw fail("truncated: \(count) bytes, shorter than the \(GazetteerFormat.headerSize)-byte header")
        }
        func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        let version = u32(8)
        guard version == GazetteerFormat.version else {
            throw fail("compiled gazetteer format version \(version); this tilmash reads version \(GazetteerFormat.version) — recompile it with `tilmash gazetteer compile`")
        }
        guard Int(u32(12)) == GazetteerFormat.Section.allCases.count else {
            throw fail("corrupted: \(u32(12)) sections, expected \(GazetteerFormat.Section.allCases.count)")
        }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range].prefix { $0 != 0 }, as: UTF8.self) }
        var layout = Layout()
        layout.icuVersion = text(16..<32)
        layout.unicodeVersion = text(32..<48)
        layout.sourceDigest = u64(GazetteerFormat.digestOffset)
        for section in GazetteerFormat.Section.allCases {
            let entry = GazetteerFormat.fixedHeaderSize + section.rawValue * 16
            let offset = u64(entry), length = u64(entry + 8)
            guard offset <= UInt64(count), length <= UInt64(count) - offset else {
                throw fail("truncated: section \(section) ends at byte \(offset &+ length), the file has \(count)")
            }
            guard offset >= UInt64(GazetteerFormat.headerSize), offset % 8 == 0, Int(length) % section.recordSize == 0 else {
                throw fail("corrupted: section \(section) at \(offset) with \(length) bytes")
            }
            layout.offsets.append(Int(offset))
            layout.lengths.append(Int(length))
        }
        guard u64(GazetteerFormat.checksumOffset) == checksum() else {
            throw fail("corrupted: checksum mismatch (the file was damaged or truncated)")
        }
        func records(_ section: GazetteerFormat.Section) -> Int { layout.lengths[section.rawValue] / section.recordSize }
        let stringBytes = layout.lengths[GazetteerFormat.Section.strings.rawValue]
        layout.entryCount = records(.entries)
        layout.aliasCount = records(.aliases)
        layout.wordCount = records(.words)
        layout.nodeCount = records(.nodes) - 1
        layout.terminalCount = records(.terminals)
        let wordSlots = records(.wordSlots), edges = records(.transitions)
        layout.wordMask = wordSlots - 1
        layout.edgeMask = edges - 1
        guard layout.nodeCount >= 1 else { throw fail("corrupted: no automaton root") }
        guard records(.wordClasses) == layout.wordCount else { throw fail("corrupted: \(records(.wordClasses)) word classes for \(layout.wordCount) words") }
        guard wordSlots > layout.wordCount, wordSlots & (wordSlots - 1) == 0, edges >= 1, edges & (edges - 1) == 0 else {
            throw fail("corrupted: hash table sizes \(wordSlots) and \(edges) are not powers of two with a free slot")
        }
        let sources = layout.offsets[GazetteerFormat.Section.sources.rawValue]
        for index in 0..<records(.sources) {
            let offset = Int(u32(sources + index * 8)), length = Int(u32(sources + index * 8 + 4))
            guard offset + length <= stringBytes else { throw fail("corrupted: source name \(index) outside the strings") }
            let start = layout.offsets[GazetteerFormat.Section.strings.rawValue] + offset
            layout.sourceNames.append(String(decoding: bytes[start..<(start + length)], as: UTF8.self))
        }
        guard layout.entryCount == 0 || !layout.sourceNames.isEmpty else { throw fail("corrupted: entries without a source") }
        return layout
    }

    /// Checks every reference between sections (each string inside the string bytes, each
    /// entry's aliases, type and source, each word slot, each node's terminals, each edge
    /// between existing nodes, a free slot in each hash table) and throws at the first bad
    /// one. Reads every page of the image.
    func verifyReferences(name: String) throws {
        func fail(_ reason: String) -> GazetteerError { GazetteerError(file: name, line: 0, reason: "corrupted: " + reason) }
        func validString(_ section: GazetteerFormat.Section, _ record: Int, _ field: Int) -> Bool {
            UInt64(u32(section, record, field)) + UInt64(u32(section, record, field + 4)) <= UInt64(stringBytes)
        }
        for index in 0..<entryCount {
            guard validString(.entries, index, 0), validString(.entries, index, 8) else { throw fail("entry \(index) has a text outside the strings") }
            let first = UInt64(u32(.entries, index, 16)), packed = u32(.entries, index, 20)
            guard first + UInt64(packed & 0xffff) <= UInt64(aliasCount), (packed >> 16) & 0xff < 3, Int(packed >> 24) < sourceNames.count else {
                throw fail("entry \(index) refers to aliases, a type or a source that do not exist")
            }
        }
        for index in 0..<aliasCount {
            let language = u32(.aliases, index, 8) & 0xff
            guard validString(.aliases, index, 0), language == UInt32(GazetteerFormat.anyLanguage) || Int(language) < Language.allCases.count else {
                throw fail("alias \(index) has a text or language that does not exist")
            }
        }
        for index in 0..<wordCount where !validString(.words, index, 0) { throw fail("word \(index) outside the strings") }
        var freeWordSlot = false
        for slot in 0...wordMask {
            let value = u32(.wordSlots, slot, 0)
            if value == 0 { freeWordSlot = true } else if Int(value) > wordCount { throw fail("word slot \(slot)") }
        }
        var previous: UInt32 = 0
        for node in 0...nodeCount {
            let first = u32(.nodes, node, 0)
            guard first >= previous, Int(first) <= terminalCount, node > 0 || first == 0 else { throw fail("terminals of node \(node)") }
            previous = first
        }
        guard Int(previous) == terminalCount else { throw fail("the last node does not end the terminals") }
        for index in 0..<terminalCount {
            let entry = u32(.terminals, index, 0), alias = u32(.terminals, index, 4)
            guard Int(entry) < entryCount, alias < (u32(.entries, Int(entry), 20) & 0xffff) else {
                throw fail("terminal \(index) refers to an alias that does not exist")
            }
        }
        var freeEdge = false
        for slot in 0...edgeMask {
            let child = u32(.transitions, slot, 8)
            if child == 0 { freeEdge = true; continue }
            guard Int(child) < nodeCount, Int(u32(.transitions, slot, 0)) < nodeCount, Int(u32(.transitions, slot, 4)) < wordCount else {
                throw fail("automaton edge \(slot)")
            }
        }
        guard freeWordSlot, freeEdge else { throw fail("a hash table without a free slot") }
    }

    deinit { release(base, byteCount) }

    // MARK: Reading

    @inline(__always)
    private func u32(_ section: GazetteerFormat.Section, _ record: Int, _ field: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offsets[section.rawValue] + record * section.recordSize + field,
                                                as: UInt32.self))
    }

    private func string(_ section: GazetteerFormat.Section, _ record: Int, _ field: Int) -> String {
        String(decoding: bytes(section, record, field), as: UTF8.self)
    }

    /// The string a (offset, length) field points to; empty when it points outside.
    private func bytes(_ section: GazetteerFormat.Section, _ record: Int, _ field: Int) -> UnsafeRawBufferPointer {
        let offset = Int(u32(section, record, field)), length = Int(u32(section, record, field + 4))
        guard offset + length <= stringBytes else { return UnsafeRawBufferPointer(start: stringsBase, count: 0) }
        return UnsafeRawBufferPointer(start: stringsBase + offset, count: length)
    }

    func entryID(_ entry: Int) -> String { string(.entries, entry, 0) }
    func entryCanonical(_ entry: Int) -> String { string(.entries, entry, 8) }
    func entryType(_ entry: Int) -> EntityType {
        [EntityType.person, .place, .organization][min(2, Int((u32(.entries, entry, 20) >> 16) & 0xff))]
    }
    func entrySource(_ entry: Int) -> Int { min(sourceNames.count - 1, Int(u32(.entries, entry, 20) >> 24)) }
    /// Indices into the alias array (not per entry).
    func entryAliases(_ entry: Int) -> Range<Int> {
        let first = min(aliasCount, Int(u32(.entries, entry, 16)))
        return first..<min(aliasCount, first + Int(u32(.entries, entry, 20) & 0xffff))
    }
    func aliasText(_ alias: Int) -> String { string(.aliases, alias, 0) }
    func aliasLanguage(_ alias: Int) -> Language? {
        let code = Int(u32(.aliases, alias, 8) & 0xff)
        return code < Language.allCases.count ? Language.allCases[code] : nil
    }
    func aliasRequiresCapital(_ alias: Int) -> Bool { (u32(.aliases, alias, 8) >> 8) & UInt32(GazetteerFormat.aliasRequiresCapital) != 0 }

    /// The name-part classes of word `id` (empty for a word no name-part list holds).
    func wordClasses(_ id: UInt32) -> NamePart {
        Int(id) < wordCount ? NamePart(rawValue: u32(.wordClasses, Int(id), 0)) : []
    }

    /// The key of word `id`.
    func wordKey(_ id: UInt32) -> String { string(.words, Int(id), 0) }

    /// The id of the word key `key`, or nil when no alias holds it.
    func word(_ key: UnsafeRawBufferPointer) -> UInt32? {
        word(stem: key, ending: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// The id of the word key `stem` + `ending` (two pieces, so that a name read from an
    /// inflected word is looked up without building its string).
    func word(stem: UnsafeRawBufferPointer, ending: UnsafeRawBufferPointer) -> UInt32? {
        var hasher = GazetteerFormat.WordHasher()
        hasher.feed(stem)
        hasher.feed(ending)
        var slot = hasher.slot(mask: wordMask)
        let length = stem.count + ending.count
        for _ in 0...wordMask {
            let value = u32(.wordSlots, slot, 0)
            if value == 0 { return nil }
            if Int(value) <= wordCount {
                let candidate = bytes(.words, Int(value - 1), 0)
                if candidate.count == length,
                   stem.isEmpty || memcmp(candidate.baseAddress!, stem.baseAddress!, stem.count) == 0,
                   ending.isEmpty || memcmp(candidate.baseAddress! + stem.count, ending.baseAddress!, ending.count) == 0 {
                    return value - 1
                }
            }
            slot = (slot + 1) & wordMask
        }
        return nil
    }

    /// The root node of the automaton.
    static let root: UInt32 = 0

    /// The node reached from `node` over word `word`, or nil.
    @inline(__always)
    func child(_ node: UInt32, _ word: UInt32) -> UInt32? {
        var slot = GazetteerFormat.edgeSlot(node: node, word: word, mask: edgeMask)
        for _ in 0...edgeMask {
            let child = u32(.transitions, slot, 8)
            if child == 0 { return nil }
            if u32(.transitions, slot, 0) == node && u32(.transitions, slot, 4) == word { return Int(child) < nodeCount ? child : nil }
            slot = (slot + 1) & edgeMask
        }
        return nil
    }

    /// The terminals of `node` (empty for a node inside an alias only), in preference order.
    func terminals(_ node: UInt32) -> [Terminal] { terminals(node, limit: .max) { _ in true } }

    /// Whether some terminal of `node` may match a text that does not start with a capital
    /// (`capitalizedText` false) or is not all capitals (`allCapitals` false).
    func mayMatch(_ node: UInt32, capitalizedText: Bool, allCapitals: Bool) -> Bool {
        guard Int(node) < nodeCount else { return false }
        let flags = u32(.nodes, Int(node), 4)
        return (capitalizedText || flags & GazetteerFormat.nodeAnyUncapitalized != 0)
            && (allCapitals || flags & GazetteerFormat.nodeAnyNonAbbreviation != 0)
    }

    /// The first `limit` terminals of `node` that `accept` takes, in preference order —
    /// no array of all of them, however many entries share the alias.
    func terminals(_ node: UInt32, limit: Int, where accept: (Terminal) -> Bool) -> [Terminal] {
        guard Int(node) < nodeCount else { return [] }
        let first = Int(u32(.nodes, Int(node), 0)), end = min(terminalCount, Int(u32(.nodes, Int(node) + 1, 0)))
        guard first < end else { return [] }
        var result: [Terminal] = []
        for index in first..<end {
            let entry = Int(u32(.terminals, index, 0)), alias = Int(u32(.terminals, index, 4))
            guard entry < entryCount, alias < entryAliases(entry).count else { continue }
            let flags = u32(.terminals, index, 8)
            let terminal = Terminal(entry: Int32(entry), alias: Int32(alias),
                                    capitalized: flags & GazetteerFormat.terminalCapitalized != 0,
                                    abbreviation: flags & GazetteerFormat.terminalAbbreviation != 0,
                                    commonWord: flags & GazetteerFormat.terminalCommonWord != 0)
            guard accept(terminal) else { continue }
            result.append(terminal)
            if result.count == limit { break }
        }
        return result
    }
}
