import ICUBridge

/// Unicode normalization forms (UAX #15), done by ICU.
///
/// ```swift
/// try UnicodeNormalizer(.nfkc).normalize("ﬁnal")   // "final"
/// try UnicodeNormalizer(.nfc).normalize("a\u{308}") // "ä"
/// ```
///
/// `Sendable`: ICU's normalizer instances are immutable singletons, safe on any thread.
public struct UnicodeNormalizer: Sendable {
    /// A normalization form.
    public enum Form: String, CaseIterable, Sendable {
        /// Canonical composition: `a` + combining diaeresis → `ä`.
        case nfc = "NFC"
        /// Canonical decomposition: `ä` → `a` + combining diaeresis.
        case nfd = "NFD"
        /// Compatibility composition: `ﬁ` → `fi`, `²` → `2`, full-width `Ａ` → `A`.
        case nfkc = "NFKC"
        /// Compatibility decomposition.
        case nfkd = "NFKD"
        /// NFKC plus case folding and removal of default-ignorable characters.
        case nfkcCasefold = "NFKC_Casefold"

        var bridgeValue: Int32 {
            switch self {
            case .nfc: return Int32(TM_NFC)
            case .nfd: return Int32(TM_NFD)
            case .nfkc: return Int32(TM_NFKC)
            case .nfkd: return Int32(TM_NFKD)
            case .nfkcCasefold: return Int32(TM_NFKC_CASEFOLD)
            }
        }
    }

    /// The form this normalizer produces.
    public let form: Form
    nonisolated(unsafe) private let instance: UnsafeRawPointer

    /// A normalizer for `form`; throws if ICU's normalization data cannot be loaded.
    public init(_ form: Form) throws {
        var status: Int32 = 0
        let pointer = tm_normalizer(form.bridgeValue, &status)
        try ICUError.check(status, "load normalizer \(form.rawValue)")
        guard let pointer else { throw ICUError(code: 1, operation: "load normalizer \(form.rawValue)") }
        self.form = form
        self.instance = pointer
    }

    /// `text` in this normalization form. ASCII text is returned as it is for every form
    /// but NFKC_Casefold (ASCII is invariant under NFC, NFD, NFKC and NFKD).
    public func normalize(_ text: String) throws -> String {
        if form != .nfkcCasefold && text.isASCII { return text }
        let units = text.utf16Array
        return String(utf16Units: try normalize(units))
    }

    /// Normalizes UTF-16 code units.
    public func normalize(_ units: [UInt16]) throws -> [UInt16] {
        try units.withUnsafeBufferPointer { source in
            if try normalizedPrefix(source) == source.count { return units }
            return try ICUBuffers.utf16(source, estimate: source.count + source.count / 2 + 8,
                                        operation: "normalize \(form.rawValue)") {
                src, length, dest, capacity, status in
                tm_normalize(instance, src, length, dest, capacity, &status)
            }
        }
    }

    /// True if `text` is already in this form.
    public func isNormalized(_ text: String) throws -> Bool {
        let units = text.utf16Array
        return try units.withUnsafeBufferPointer { try normalizedPrefix($0) == $0.count }
    }

    /// True if `scalar` starts a new normalization segment: text may be cut before it and
    /// each part normalized on its own with the same result.
    public func hasBoundary(before scalar: Unicode.Scalar) -> Bool {
        tm_has_boundary_before(instance, Int32(scalar.value)) != 0
    }

    /// The length of the longest prefix of `source` that ICU's quick check finds already
    /// in this form (`source.count`: all of it).
    func normalizedPrefixLength(_ source: UnsafeBufferPointer<UInt16>) throws -> Int { try normalizedPrefix(source) }

    private func normalizedPrefix(_ source: UnsafeBufferPointer<UInt16>) throws -> Int {
        var status: Int32 = 0
        let length = tm_normalized_prefix(instance, source.baseAddress, Int32(source.count), &status)
        try ICUError.check(status, "check \(form.rawValue)")
        return Int(length)
    }
}
