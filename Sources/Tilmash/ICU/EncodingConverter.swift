import ICUBridge

/// Decodes text in a legacy or non-UTF-8 encoding (Windows-1251, KOI8-R, ISO-8859-9,
/// UTF-16, …) into UTF-8 with ICU's converters, in chunks, and says for every character
/// which input bytes it came from — so that offsets can count the input's own bytes.
///
/// Any name ICU knows works (`cp1251`, `windows-1254`, `koi8-r`, `iso-8859-9`, `utf-16`,
/// `utf-16le`, `gb18030`, `shift_jis`, …). A byte sequence the encoding cannot map
/// becomes U+FFFD and is counted in ``substitutions``. A byte-order mark that `utf-16` or
/// `utf-32` reads to choose the byte order is consumed (no character).
///
/// ```swift
/// let converter = try EncodingConverter(encoding: "cp1251")
/// let chunk = try converter.convert([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], flush: true)
/// String(decoding: chunk.utf8, as: UTF8.self)   // "Привет"
/// chunk.scalarStarts                            // [0, 1, 2, 3, 4, 5]
/// ```
///
/// Not `Sendable`: a converter carries the state of the input it is reading (bytes of a
/// character cut at a chunk's end); use one per input.
public final class EncodingConverter {
    private let converter: OpaquePointer
    /// ICU's canonical name of the encoding (`ibm-5347_P100-1998` for `cp1251`).
    public let canonicalName: String
    /// Input bytes read so far.
    public private(set) var consumed = 0

    /// One converted chunk: its UTF-8 bytes and, for each Unicode scalar in them, the
    /// offset in the whole input of the first byte it came from.
    public struct Chunk: Sendable, Equatable {
        /// The chunk as UTF-8.
        public var utf8: [UInt8]
        /// For each scalar of ``utf8``, in order, the input offset where it starts.
        public var scalarStarts: [Int]
    }

    /// The converter for `encoding`; throws ``EncodingError/unknown(_:)`` for a name ICU
    /// does not know.
    public init(encoding: String) throws {
        var status: Int32 = 0
        guard let opened = tm_converter_open(encoding, &status), status <= 0 else {
            throw EncodingError.unknown(encoding)
        }
        converter = OpaquePointer(opened)
        var nameStatus: Int32 = 0
        canonicalName = tm_converter_name(UnsafeRawPointer(converter), &nameStatus).map { String(cString: $0) } ?? encoding
    }

    deinit { tm_converter_close(UnsafeMutableRawPointer(converter)) }

    /// True when ICU knows an encoding of this name.
    public static func isKnown(_ encoding: String) -> Bool { (try? EncodingConverter(encoding: encoding)) != nil }

    /// How many byte sequences became U+FFFD so far.
    public var substitutions: Int { Int(tm_converter_substitutions(UnsafeRawPointer(converter))) }

    /// Converts the next `bytes` of the input. Bytes of a character that the chunk cuts
    /// stay in the converter for the next call; `flush: true` (at the end of the input)
    /// converts them too (an incomplete character becomes U+FFFD).
    public func convert(_ bytes: some Collection<UInt8>, flush: Bool) throws -> Chunk {
        let source = Array(bytes)
        var units: [UInt16] = []
        var unitStarts: [Int] = []
        var read = 0
        var capacity = max(64, source.count + 16)
        var buffer = [UInt16](repeating: 0, count: capacity)
        var offsets = [Int32](repeating: 0, count: capacity)
        repeat {
            var consumedNow: Int32 = 0, pending: Int32 = 0, status: Int32 = 0
            let written = source.withUnsafeBufferPointer { input in
                input.withMemoryRebound(to: CChar.self) { chars in
                    tm_converter_to_utf16(UnsafeMutableRawPointer(converter), chars.baseAddress.map { $0 + read },
                                          Int32(source.count - read), &buffer, Int32(capacity), &offsets,
                                          flush ? 1 : 0, &consumedNow, &pending, &status)
                }
            }
            let overflow = status == tm_buffer_overflow_status()
            guard status <= 0 || overflow else { throw EncodingError.failed(canonicalName, status) }
            let base = consumed + read
            for index in 0..<Int(written) {
                units.append(buffer[index])
                let offset = Int(offsets[index])
                unitStarts.append(offset < 0 ? base - Int(pending) : base + offset)
            }
            read += Int(consumedNow)
            if !overflow { break }
            capacity *= 2
            buffer = [UInt16](repeating: 0, count: capacity)
            offsets = [Int32](repeating: 0, count: capacity)
        } while true
        consumed += read
        var chunk = Chunk(utf8: [], scalarStarts: [])
        chunk.utf8.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            var scalar = UInt32(units[index])
            let start = unitStarts[index]
            if (0xD800...0xDBFF).contains(scalar), index + 1 < units.count, (0xDC00...0xDFFF).contains(units[index + 1]) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[index + 1]) - 0xDC00)
                index += 1
            }
            index += 1
            let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            chunk.utf8.append(contentsOf: UTF8.encode(value)!)
            chunk.scalarStarts.append(start)
        }
        return chunk
    }
}

/// A problem with an input encoding.
public enum EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ICU has no converter of this name.
    case unknown(String)
    /// The converter failed with an ICU error code.
    case failed(String, Int32)

    public var description: String {
        switch self {
        case .unknown(let name): return "unknown encoding '\(name)' (ICU converter names: cp1251, cp1254, koi8-r, iso-8859-9, utf-16, ...)"
        case .failed(let name, let status): return "\(name): conversion failed (ICU \(String(cString: tm_error_name(status))))"
        }
    }
}
