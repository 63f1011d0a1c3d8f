/// The "preflight and retry" calling convention of ICU's string functions, in one place.
///
/// ICU writes into a caller's buffer and returns the length it needed; when that exceeds
/// the capacity it reports `U_BUFFER_OVERFLOW_ERROR` and the call is repeated with room.
enum ICUBuffers {
    /// Calls an ICU function on UTF-16 text, returning its UTF-16 output.
    static func utf16(
        _ input: UnsafeBufferPointer<UInt16>,
        estimate: Int,
        operation: @autoclosure () -> String,
        _ call: (UnsafePointer<UInt16>?, Int32, UnsafeMutablePointer<UInt16>?, Int32, inout Int32) -> Int32
    ) throws -> [UInt16] {
        var capacity = max(estimate, 16)
        while true {
            var status: Int32 = 0
            var needed: Int32 = 0
            let output = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                needed = call(input.baseAddress, Int32(input.count), buffer.baseAddress, Int32(capacity), &status)
                count = (status <= 0 && Int(needed) <= capacity) ? Int(needed) : 0
            }
            if status == ICUError.bufferOverflow || Int(needed) > capacity {
                capacity = Int(needed) + 1
                continue
            }
            try ICUError.check(status, operation())
            return output
        }
    }

    /// Calls an ICU function on a String's UTF-8 bytes, returning a String.
    static func utf8(
        _ input: String,
        estimate: Int,
        operation: @autoclosure () -> String,
        _ call: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32, inout Int32) -> Int32
    ) throws -> String {
        var input = input
        return try input.withUTF8 { source in
            try source.withMemoryRebound(to: CChar.self) { chars in
                var capacity = max(estimate, 16)
                while true {
                    var status: Int32 = 0
                    var needed: Int32 = 0
                    let output = String(unsafeUninitializedCapacity: capacity) { buffer in
                        buffer.withMemoryRebound(to: CChar.self) { target in
                            needed = call(chars.baseAddress, Int32(chars.count), target.baseAddress, Int32(capacity), &status)
                        }
                        return (status <= 0 && Int(needed) <= capacity) ? Int(needed) : 0
                    }
                    if status == ICUError.bufferOverflow || Int(needed) > capacity {
                        capacity = Int(needed) + 1
                        continue
                    }
                    try ICUError.check(status, operation())
                    return output
                }
            }
        }
    }
}

extension String {
    /// The string's UTF-16 code units, for ICU's UTF-16 functions (transcoded from the
    /// string's UTF-8 by hand; copying the `utf16` view is slow).
    var utf16Array: [UInt16] {
        var copy = self
        return copy.withUTF8 { bytes in
            [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var index = 0, position = 0
                while index < bytes.count {
                    var value: UInt32
                    (value, index) = UTF8Encoding.read(bytes, at: index)
                    if value >= 0x10000 {
                        value -= 0x10000
                        buffer[position] = UInt16(0xD800 + (value >> 10))
                        buffer[position + 1] = UInt16(0xDC00 + (value & 0x3FF))
                        position += 2
                    } else {
                        buffer[position] = UInt16(value)
                        position += 1
                    }
                }
                count = position
            }
        }
    }

    /// A string from UTF-16 code units, transcoded to UTF-8 by hand: the standard
    /// library's `String(decoding:as: UTF16.self)` takes a slow generic path (about 30 MB/s
    /// against over 1 GB/s here). Unpaired surrogates become U+FFFD, as there.
    init<Units: RandomAccessCollection>(utf16Units units: Units) where Units.Element == UInt16, Units.Index == Int {
        self.init(unsafeUninitializedCapacity: units.count * 3) { buffer in
            var position = 0
            var index = units.startIndex
            while index < units.endIndex {
                let value: UInt32
                (value, index) = UTF16Encoding.read(units, at: index)
                position = UTF8Encoding.write(value, into: buffer, at: position)
            }
            return position
        }
    }

    /// True when every byte is ASCII (a fast path for many filters).
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
