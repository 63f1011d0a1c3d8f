/// The language model's n-gram scores: for each n-gram, a log-probability per language.
///
/// One open-addressing hash table (multiply-shift hash, linear probing) of 16-byte
/// entries — the n-gram's key and, for an n-gram the model knows in one language only (most
/// of them), that language and its value — so that a look-up touches one cache line; an
/// n-gram known in several languages points to its full row of scores. A look-up gives
/// all eight languages' scores as one vector: the model's value where it knows the n-gram,
/// the language's "unknown" score elsewhere, exactly the numbers a dense table holds. (A
/// dense row of eight Doubles per n-gram behind separate key and row arrays made three
/// cache misses per n-gram; identification was bound by them.)
///
/// Limits: at most ``maximumLanguages`` languages; keys of up to four 8-bit letter codes.
///
/// `Sendable`: read-only after building.
struct NGramTable: Sendable {
    /// The languages one vector holds.
    static let maximumLanguages = 8
    typealias Scores = SIMD8<Double>

    private struct Entry {
        /// The n-gram's key, 0 for an empty slot (keys are never 0: letter codes start at 1).
        var key: UInt32 = 0
        /// The one language the model knows the n-gram in; with ``several`` set, the
        /// index of its row in `rows` instead.
        var language: UInt32 = 0
        /// The value in that one language.
        var value: Double = 0
    }
    private static let several: UInt32 = 1 << 31

    private let entries: [Entry]
    /// Full rows of the n-grams known in several languages.
    private let rows: [Scores]
    private let shift: UInt32
    private let mask: Int
    /// The scores of an n-gram the model does not hold.
    let unknown: Scores
    private static let lanes = SIMD8<Int64>(0, 1, 2, 3, 4, 5, 6, 7)

    /// A table of the n-grams `keys` (none 0, none twice): n-gram `i`'s value in language
    /// `l` is `values[i * unknown.count + l]` where bit `l` of `known[i]` is set; `unknown`
    /// is the per-language score of an n-gram the model does not hold.
    init(keys: [UInt32], values: [Double], known: [UInt8], unknown: [Double]) {
        let languages = unknown.count
        precondition(languages <= Self.maximumLanguages && values.count == keys.count * languages && known.count == keys.count)
        var lanes = Scores(repeating: 0)
        for (language, value) in unknown.enumerated() { lanes[language] = value }
        self.unknown = lanes
        var bits: UInt32 = 4
        while (1 << bits) < keys.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        var entries = [Entry](repeating: Entry(), count: size)
        var fullRows: [Scores] = []
        shift = 32 - bits
        mask = size - 1
        // In key order, so the table is the same from run to run.
        for index in keys.indices.sorted(by: { keys[$0] < keys[$1] }) {
            let key = keys[index]
            precondition(key != 0)
            var entry = Entry(key: key)
            let languagesKnown = known[index]
            if languagesKnown.nonzeroBitCount == 1 {
                let language = languagesKnown.trailingZeroBitCount
                entry.language = UInt32(language)
                entry.value = values[index * languages + language]
            } else {
                var row = lanes
                for language in 0..<languages where languagesKnown & (1 << UInt8(language)) != 0 {
                    row[language] = values[index * languages + language]
                }
                entry.language = Self.several | UInt32(fullRows.count)
                fullRows.append(row)
            }
            var slot = Int((key &* 0x9E37_79B1) >> shift)
            while entries[slot].key != 0 { slot = (slot + 1) & mask }
            entries[slot] = entry
        }
        self.entries = entries
        self.rows = fullRows
    }

    /// The scores of the n-gram `key` in every language.
    @inline(__always)
    func scores(for key: UInt32) -> Scores {
        entries.withUnsafeBufferPointer { entries in
            var slot = Int((key &* 0x9E37_79B1) >> shift)
            while true {
                let entry = entries[slot]
                if entry.key == key {
                    if entry.language & Self.several != 0 { return rows[Int(entry.language & ~Self.several)] }
                    return unknown.replacing(with: entry.value, where: Self.lanes .== Int64(entry.language))
                }
                if entry.key == 0 { return unknown }
                slot = (slot + 1) & mask
            }
        }
    }
}
