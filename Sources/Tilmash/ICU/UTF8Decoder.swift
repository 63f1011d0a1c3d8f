import ICUBridge

/// Decodes bytes as UTF-8, replacing every ill-formed sequence by U+FFFD and counting the
/// replacements (ICU's "maximal subpart" practice, as Unicode recommends).
///
/// ```swift
/// let d = UTF8Decoder.decode([0x41, 0xFF, 0x42])
/// d.text            // "A\u{FFFD}B"
/// d.replacements    // 1
/// ```
public enum UTF8Decoder {
    /// The decoded text and how many ill-formed sequences it replaced.
    public struct Result: Sendable, Equatable {
        /// The text, with U+FFFD where the input was not UTF-8.
        public let text: String
        /// The number of U+FFFD substitutions made.
        public let replacements: Int
    }

    /// Decodes `bytes`. Valid UTF-8 (the common case) is taken over without a copy into
    /// UTF-16; only invalid input goes through ICU's repairing converter.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> Result where Bytes.Element == UInt8 {
        if let valid = String(validating: bytes, as: UTF8.self) {
            return Result(text: valid, replacements: 0)
        }
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { chars in
                var substitutions: Int32 = 0
                var status: Int32 = 0
                let units = [UInt16](unsafeUninitializedCapacity: array.count + 1) { buffer, count in
                    count = Int(tm_utf8_to_utf16(chars.baseAddress, Int32(array.count), buffer.baseAddress,
                                                 Int32(array.count + 1), &substitutions, &status))
                    if status > 0 { count = 0 }
                }
                if status > 0 {
                    // ICU could not convert (it never should with a substitution character);
                    // fall back to the standard library's repair so no text is lost.
                    let text = String(decoding: array, as: UTF8.self)
                    let count = text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
                    return Result(text: text, replacements: count)
                }
                return Result(text: String(utf16Units: units), replacements: Int(substitutions))
            }
        }
    }
}
