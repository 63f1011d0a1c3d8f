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
        /// Each substituted U+FFFD: its scalar offset in `text` and how many input bytes
        /// it stands for, in order — so that offsets can count the input's own bytes.
        public let replaced: [Replacement]

        public init(text: String, replacements: Int, replaced: [Replacement] = []) {
            self.text = text
            self.replacements = replacements
            self.replaced = replaced
        }
    }

    /// One U+FFFD the decoder put in place of an ill-formed byte sequence.
    public struct Replacement: Sendable, Equatable {
        /// Its Unicode scalar offset in the decoded text.
        public let scalarOffset: Int
        /// The number of input bytes it replaced (1 to 3: a maximal subpart).
        public let bytes: Int

        /// The scalar at `scalarOffset` stands for `bytes` input bytes.
        public init(scalarOffset: Int, bytes: Int) {
            self.scalarOffset = scalarOffset
            self.bytes = bytes
        }
    }

    /// Where the U+FFFD substitutions of decoding `bytes` fall, found with the standard
    /// library's UTF-8 parser, which takes the same maximal subparts as ICU.
    static func replacements(in bytes: [UInt8]) -> [Replacement] {
        var result: [Replacement] = []
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var scalar = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: scalar += 1
            case .error(let length):
                result.append(Replacement(scalarOffset: scalar, bytes: length))
                scalar += 1
            case .emptyInput: break loop
            }
        }
        return result
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
                let replaced = replacements(in: array)
                if status > 0 || replaced.count != Int(substitutions) {
                    // ICU could not convert (it never should with a substitution character),
                    // or cut the input into other subparts than the parser that places the
                    // replacements: take the standard library's repair, which agrees with
                    // the parser by construction, so that no text and no offset is lost.
                    return Result(text: String(decoding: array, as: UTF8.self), replacements: replaced.count, replaced: replaced)
                }
                return Result(text: String(utf16Units: units), replacements: Int(substitutions), replaced: replaced)
            }
        }
    }
}
