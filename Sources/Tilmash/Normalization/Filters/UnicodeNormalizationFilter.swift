/// Unicode normalization (NFC or NFKC) with an exact offset map.
///
/// Text is cut at ICU's normalization boundaries (before every character that starts a
/// new segment), so each normalized segment maps to exactly the original characters it
/// came from: NFKC `ﬁ` → `fi` both map to `ﬁ`; NFC `a`+◌̈ → `ä` maps to both.
///
/// Most text is already normalized, so the filter first asks a table, read off ICU once
/// for every character below U+3000, whether a character is *stable* — it starts a
/// segment and is normalized on its own; only segments around unstable characters go to
/// ICU.
///
/// ```swift
/// try UnicodeNormalizationFilter(.nfkc).apply(MappedText(original: "ﬁ²"), context: .init(language: .english)).string  // "fi2"
/// ```
public struct UnicodeNormalizationFilter: LineLocalFilter, CharacterMappingFilter {
    public let form: UnicodeNormalizer.Form
    private let normalizer: UnicodeNormalizer
    /// `stable[c]` / `boundary[c]` for characters below `tableLimit`.
    private let stable: [Bool]
    private let boundary: [Bool]
    private static var tableLimit: UInt32 { 0x3000 }

    /// A filter producing `form`.
    public init(_ form: UnicodeNormalizer.Form) throws {
        self.form = form
        normalizer = try UnicodeNormalizer(form)
        var stable = [Bool](repeating: false, count: Int(Self.tableLimit))
        var boundary = [Bool](repeating: false, count: Int(Self.tableLimit))
        for value in 0..<Self.tableLimit {
            guard let scalar = Unicode.Scalar(value) else { continue }
            boundary[Int(value)] = normalizer.hasBoundary(before: scalar)
            let alone = try normalizer.isNormalized(String(scalar))
            stable[Int(value)] = boundary[Int(value)] && alone
        }
        self.stable = stable
        self.boundary = boundary
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
        let scalars = text.scalars
        var segments: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if isStable(scalars[index]) {
                index += 1
                continue
            }
            // The segment around an unstable character: back to the character that starts
            // it, on to the next segment start.
            var start = index
            while start > 0 && !hasBoundary(scalars[start]) { start -= 1 }
            var end = index + 1
            while end < scalars.count && !hasBoundary(scalars[end]) { end += 1 }
            if let last = segments.last, start < last.upperBound {
                segments[segments.count - 1] = last.lowerBound..<end
            } else {
                segments.append(start..<end)
            }
            index = end
        }
        guard !segments.isEmpty else { return text }
        return try text.transformingRuns(segments) { segment in
            let source = text.string(segment)
            let normalized = try normalizer.normalize(source)
            // Compare scalars: Swift's String == treats canonically equivalent strings as
            // equal, which is exactly the difference normalization makes.
            return normalized.unicodeScalars.elementsEqual(source.unicodeScalars) ? nil : normalized
        }
    }

    /// A character that is not stable (see above) may change with its neighbours.
    public func isTrigger(_ scalar: Unicode.Scalar) -> Bool { !isStable(scalar) }

    /// The same for every language (its output holds no new letters, or is followed
    /// through ``mapping(of:language:)``).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    /// Stable characters stay; the others need their segment.
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        isStable(scalar) ? .same : .needsContext
    }

    @inline(__always)
    private func isStable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < Self.tableLimit ? stable[Int(scalar.value)]
            : normalizer.hasBoundary(before: scalar) && ((try? normalizer.isNormalized(String(scalar))) ?? false)
    }

    private func hasBoundary(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < Self.tableLimit ? boundary[Int(scalar.value)] : normalizer.hasBoundary(before: scalar)
    }
}
