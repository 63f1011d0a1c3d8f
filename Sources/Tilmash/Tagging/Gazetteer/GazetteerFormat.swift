/// The layout of a compiled gazetteer file (`tilmash gazetteer compile`), format version 1.
///
/// A compiled file is used in place after a memory map: a fixed header, a section table,
/// then flat arrays of little-endian integers, each section 8-byte aligned. Nothing is
/// parsed at start-up; loading checks the header, the checksum and that every reference
/// stays inside its array (``GazetteerImage``). The sections, in file order:
///
/// | section | record | what |
/// |---|---|---|
/// | strings | bytes | every UTF-8 text: ids, canonical names, alias texts, word keys, source names |
/// | sources | 8 B: offset u32, length u32 | source names (`countries`, `persons` …) |
/// | entries | 24 B: id (off, len), canonical (off, len), first alias u32, alias count u16, type u8, source u8 | one per entry, in source order |
/// | aliases | 12 B: text off u32, len u32, language u8 (255 = any), flags u8, 2 B padding | the written aliases |
/// | words | 8 B: key off u32, len u32 | every distinct word key of every expanded alias, by word id |
/// | wordSlots | u32 | open-addressing hash table (power of two) of word id + 1 (0 = empty), by ``GazetteerFormat/wordHash(_:)`` |
/// | nodes | 8 B: first terminal u32, flags u32 | per automaton node (node count + 1 records, the last ends the terminals); flags say whether some terminal needs no capital (1) or is no abbreviation (2), so a node none of whose terminals can match is skipped without reading them |
/// | terminals | 12 B: entry u32, alias u32, flags u32 | what a node that ends an alias stands for |
/// | transitions | 12 B: node u32, word u32, child u32 (0 = empty) | open-addressing hash table (power of two) of the automaton's edges, by ``GazetteerFormat/edgeSlot(node:word:mask:)`` |
/// | wordClasses | u32 | per word id its ``NamePart`` bits (words of the name-part lists that no alias holds come after the alias words) |
///
/// The full description, with the automaton it stores, is `Sources/Tilmash/Tagging/DESIGN.md`
/// and `Corpora/gazetteer/README.md`.
enum GazetteerFormat {
    /// The first eight bytes of every compiled gazetteer.
    static let magic: [UInt8] = Array("TLMSHGAZ".utf8)
    /// Bumped whenever the layout or the meaning of a field changes.
    static let version: UInt32 = 1
    /// Fixed part of the header: magic 8, version 4, section count 4, ICU version 16,
    /// Unicode version 16, source digest 8, checksum 8.
    static let fixedHeaderSize = 64
    /// Offset of the checksum; it covers every byte after it.
    static let checksumOffset = 56
    /// Offset of the source digest (a hash of the source files the file was compiled from).
    static let digestOffset = 48

    /// The sections, in file order.
    enum Section: Int, CaseIterable {
        case strings, sources, entries, aliases, words, wordSlots, nodes, terminals, transitions, wordClasses

        /// Bytes per record (1 for the string bytes).
        var recordSize: Int {
            switch self {
            case .strings: return 1
            case .sources, .words, .nodes: return 8
            case .entries: return 24
            case .aliases, .terminals, .transitions: return 12
            case .wordSlots, .wordClasses: return 4
            }
        }
    }

    /// Header size including the section table (offset u64 and byte length u64 per section).
    static var headerSize: Int { fixedHeaderSize + Section.allCases.count * 16 }

    /// Language codes in alias records: the index in `Language.allCases`, 255 for `xx`.
    static let anyLanguage: UInt8 = 255

    /// Alias flag: also a common word, so it matches only when capitalised as written (`^`).
    static let aliasRequiresCapital: UInt8 = 1
    /// Terminal flag: the alias begins with a capital letter, so the text must too.
    static let terminalCapitalized: UInt32 = 1
    /// Terminal flag: a short all-capitals abbreviation, so the text must be in capitals.
    static let terminalAbbreviation: UInt32 = 2
    /// Terminal flag: the alias is a Latin-script common word (`^` in the sources, not an
    /// abbreviation): as one word at the start of a sentence, where every word has a
    /// capital, it is not taken for the name (`Der`, `But`, `One`).
    static let terminalCommonWord: UInt32 = 4
    /// Node flag: some terminal of the node does not need a capital.
    static let nodeAnyUncapitalized: UInt32 = 1
    /// Node flag: some terminal of the node is not an abbreviation.
    static let nodeAnyNonAbbreviation: UInt32 = 2

    /// The hash of a word key's UTF-8 bytes (FNV-1a, 64 bit), fed piece by piece so that a
    /// stem plus a replaced ending is hashed without building the string.
    struct WordHasher {
        private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            var h = state
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            state = h
        }

        /// The slot of the hash in a table of `mask + 1` slots.
        func slot(mask: Int) -> Int { Int(truncatingIfNeeded: (state ^ (state >> 29)) & UInt64(mask)) }
    }

    /// The first slot of `bytes` in a word table of `mask + 1` slots.
    static func wordHash(_ bytes: UnsafeRawBufferPointer, mask: Int) -> Int {
        var hasher = WordHasher()
        hasher.feed(bytes)
        return hasher.slot(mask: mask)
    }

    /// The first slot of the edge (`node`, `word`) in a transition table of `mask + 1` slots.
    @inline(__always)
    static func edgeSlot(node: UInt32, word: UInt32, mask: Int) -> Int {
        let key = (UInt64(node) << 32 | UInt64(word)) &* 0x9e37_79b9_7f4a_7c15
        return Int(truncatingIfNeeded: (key >> 24) & UInt64(mask))
    }

    /// The checksum of the bytes after the checksum field: a 64-bit multiply-rotate hash
    /// over 8-byte words, then the tail bytes. Fed in pieces (each a multiple of 8 bytes but
    /// the last), so a file can be checked by reading it, without mapping every page.
    struct Checksum {
        private var h: UInt64

        /// A checksum of `count` bytes in all.
        init(count: Int) { h = 0x2545_f491_4f6c_dd1d ^ UInt64(count) }

        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            let words = bytes.count / 8
            var h = self.h
            var index = 0
            while index < words {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                h = ((h ^ word) &* 0x9e37_79b9_7f4a_7c15)
                h = (h << 27) | (h >> 37)
                index += 1
            }
            for offset in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01b3 }
            self.h = h
        }

        var value: UInt64 { h ^ (h >> 31) }
    }

    /// The checksum of `bytes` in one piece.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum(count: bytes.count)
        sum.feed(bytes)
        return sum.value
    }

    /// The smallest power of two that holds `count` records at most half full.
    static func tableSize(for count: Int) -> Int {
        var size = 8
        while size < count * 2 { size <<= 1 }
        return size
    }
}
