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

    /// A table of `rows` (key → the value per language, nil where the model does not hold
    /// the n-gram), with `unknown` the per-language score of an n-gram it does not hold.
    init(rows: [UInt32: [Double?]], unknown: [Double]) {
        precondition(unknown.count <= Self.maximumLanguages)
        var lanes = Scores(repeating: 0)
        for (language, value) in unknown.enumerated() { lanes[language] = value }
        self.unknown = lanes
        var bits: UInt32 = 4
        while (1 << bits) < rows.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        var entries = [Entry](repeating: Entry(), count: size)
        var fullRows: [Scores] = []
        shift = 32 - bits
        mask = size - 1
        // Sorted, so the table is the same from run to run.
        for (key, values) in rows.sorted(by: { $0.key < $1.key }) {
            precondition(key != 0)
            let known = values.indices.filter { values[$0] != nil }
            var entry = Entry(key: key)
            if known.count == 1 {
                entry.language = UInt32(known[0])
                entry.value = values[known[0]]!
            } else {
                var row = lanes
                for language in known { row[language] = values[language]! }
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
