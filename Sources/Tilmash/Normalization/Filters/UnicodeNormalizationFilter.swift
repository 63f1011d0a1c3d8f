/// Unicode normalization (NFC or NFKC) with an exact offset map.
///
/// Text is cut at ICU's normalization boundaries (before every character that starts a
/// new segment), so each normalized segment maps to exactly the original characters it
/// came from: NFKC `ﬁ` → `fi` both map to `ﬁ`; NFC `a`+◌̈ → `ä` maps to both.
///
/// ```swift
/// try UnicodeNormalizationFilter(.nfkc).apply(MappedText(original: "ﬁ²"), context: .init(language: .english)).string  // "fi2"
/// ```
public struct UnicodeNormalizationFilter: TextFilter {
    public let form: UnicodeNormalizer.Form
    private let normalizer: UnicodeNormalizer

    /// A filter producing `form`.
    public init(_ form: UnicodeNormalizer.Form) throws {
        self.form = form
        normalizer = try UnicodeNormalizer(form)
    }

    public var name: String { form.rawValue.lowercased() }
    public var summary: String {
        switch form {
        case .nfc: return "Unicode NFC: compose letters and accents (a + ◌̈ → ä)"
        case .nfkc: return "Unicode NFKC: also fold compatibility forms (ﬁ → fi, ² → 2, full-width Ａ → A)"
        default: return "Unicode \(form.rawValue)"
        }
    }

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        // Fast path: ASCII is invariant, and text ICU confirms normalized is kept as is.
        // Below U+0300 every character is already NFC; below U+00A0 also NFKC.
        let safeBelow: UInt32 = form == .nfc ? 0x300 : 0xA0
        if text.scalars.allSatisfy({ $0.value < safeBelow }) { return text }
        let whole = text.string
        if try normalizer.isNormalized(whole) { return text }
        var segments: [Range<Int>] = []
        var start = 0
        for index in 1..<max(text.count, 1) where normalizer.hasBoundary(before: text.scalars[index]) {
            segments.append(start..<index)
            start = index
        }
        if start < text.count { segments.append(start..<text.count) }
        return try text.transformingRuns(segments.filter { !isASCIIRun(text, $0) }) { segment in
            let source = text.string(segment)
            let normalized = try normalizer.normalize(source)
            return normalized == source ? nil : normalized
        }
    }

    private func isASCIIRun(_ text: MappedText, _ range: Range<Int>) -> Bool {
        text.scalars[range].allSatisfy(\.isASCII)
    }
}
