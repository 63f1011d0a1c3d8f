/// A read-only hash table from UInt64 keys to Int values, open addressing with a
/// multiply-shift hash: several times faster than `Dictionary` (which hashes with SipHash)
/// for the language model's hundreds of thousands of n-gram lookups per megabyte.
struct IntegerTable: Sendable {
    private let keys: [UInt64]
    private let values: [Int]
    private let shift: UInt64
    private let mask: Int
    /// Keys are stored +1 so that 0 marks an empty slot.
    private static let empty: UInt64 = 0

    init(_ pairs: [UInt64: Int]) {
        var bits = 4
        while (1 << bits) < pairs.count * 2 { bits += 1 }
        let size = 1 << bits
        var keys = [UInt64](repeating: Self.empty, count: size)
        var values = [Int](repeating: 0, count: size)
        shift = UInt64(64 - bits)
        mask = size - 1
        for (key, value) in pairs {
            var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key &+ 1
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    @inline(__always)
    func value(for key: UInt64) -> Int? {
        var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let stored = key &+ 1
        while true {
            let found = keys[slot]
            if found == stored { return values[slot] }
            if found == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
