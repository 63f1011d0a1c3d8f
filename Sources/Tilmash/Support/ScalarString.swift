extension String {
    /// A string from Unicode scalars, encoded straight into UTF-8 (much faster than
    /// appending to a `UnicodeScalarView`, which is not specialized for arrays).
    init<C: RandomAccessCollection>(scalars: C) where C.Element == Unicode.Scalar, C.Index == Int {
        var capacity = 0
        for scalar in scalars { capacity += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            var position = 0
            for scalar in scalars { position = UTF8Encoding.write(scalar.value, into: buffer, at: position) }
            return position
        }
    }
}

/// Writing one code point as UTF-8, shared by the hand-written transcoders.
enum UTF8Encoding {
    /// Writes `value` at `position` and returns the position after it.
    @inline(__always)
    static func write(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        switch value {
        case 0..<0x80:
            buffer[position] = UInt8(value)
            return position + 1
        case 0x80..<0x800:
            buffer[position] = UInt8(0xC0 | (value >> 6))
            buffer[position + 1] = UInt8(0x80 | (value & 0x3F))
            return position + 2
        case 0x800..<0x10000:
            buffer[position] = UInt8(0xE0 | (value >> 12))
            buffer[position + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[position + 2] = UInt8(0x80 | (value & 0x3F))
            return position + 3
        default:
            buffer[position] = UInt8(0xF0 | (value >> 18))
            buffer[position + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            buffer[position + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            buffer[position + 3] = UInt8(0x80 | (value & 0x3F))
            return position + 4
        }
    }
}
