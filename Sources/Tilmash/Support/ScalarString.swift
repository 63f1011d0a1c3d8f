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

extension String {
    /// The Unicode scalars as an array, decoded straight from the UTF-8 storage (a String
    /// is always valid UTF-8) — several times faster than `Array(unicodeScalars)`.
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var index = 0, written = 0
                while index < bytes.count {
                    let value: UInt32
                    (value, index) = UTF8Encoding.read(bytes, at: index)
                    buffer[written] = Unicode.Scalar(value).unsafelyUnwrapped
                    written += 1
                }
                count = written
            }
        }
    }
}

/// Reading one code point from UTF-16, shared by the hand-written transcoders and the
/// scalar readers over ICU's UTF-16 buffers.
enum UTF16Encoding {
    /// The code point whose UTF-16 starts at `index` of `units` — U+FFFD for a surrogate
    /// without its pair — and the index after it.
    @inline(__always)
    static func read<Units: RandomAccessCollection>(_ units: Units, at index: Int) -> (value: UInt32, next: Int)
    where Units.Element == UInt16, Units.Index == Int {
        let unit = UInt32(units[index])
        guard unit >= 0xD800 && unit < 0xE000 else { return (unit, index + 1) }
        if unit < 0xDC00, index + 1 < units.endIndex {
            let trail = UInt32(units[index + 1])
            if trail >= 0xDC00 && trail < 0xE000 { return (0x10000 + ((unit - 0xD800) << 10) + (trail - 0xDC00), index + 2) }
        }
        return (0xFFFD, index + 1)
    }
}

/// Reading and writing one code point as UTF-8, shared by the hand-written transcoders.
enum UTF8Encoding {
    /// The code point whose UTF-8 sequence starts at `index` of `bytes` (valid UTF-8, as a
    /// String's storage always is), and the index after it.
    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, next: Int) {
        let lead = UInt32(bytes[index])
        switch lead {
        case 0..<0x80:
            return (lead, index + 1)
        case 0..<0xE0:
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), index + 2)
        case 0..<0xF0:
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), index + 3)
        default:
            return ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), index + 4)
        }
    }

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
