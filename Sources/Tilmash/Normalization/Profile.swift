/// A named normalization chain: the filters applied, in order.
///
/// | profile | for | does |
/// |---|---|---|
/// | `repair` | display, storage | NFC; invisible and control characters; line-break repair; spaces; mixed-script repair. Keeps case, quotes, diacritics |
/// | `search` | index terms | `repair` + NFKC + quotes and apostrophes + language-correct case folding |
/// | `ascii` | loose matching, ASCII keys | `search` + Cyrillic → Latin + language-aware ASCII folding: `Unterstützung` → `unterstuetzung`, `DIŞİŞLERİ` → `disisleri`, `Тоқаев` → `toqaev` |
/// | `ascii-keep-case` | readable ASCII | `ascii` without the case folding: `Unterstuetzung`, `DISISLERI`, `Toqaev` |
///
/// ```swift
/// let n = try Profile.search.normalize("DIŞİŞLERİ Bakanlığı’nın", language: .turkish)
/// n.text   // "dışişleri bakanlığı'nın"
/// ```
///
/// `Sendable`; profiles are immutable and safe to share between threads.
public struct Profile: Sendable {
    /// The profile's name (`repair`, `search`, `ascii`).
    public let name: String
    /// The filters, applied in order.
    public let filters: [any TextFilter]
    /// The line-by-line fast path, when the chain allows it (see ``LineLocalFilter``).
    private var plan: LinePlan?
    /// `languageTable[c]`: a text holding character `c` (below ``languageTableLimit``) may
    /// come out differently by language (``readsLanguage(in:)``); built on first use.
    private let languageTable: ProcessWide<[Bool]>
    private static let languageTableLimit: UInt32 = 0x3000
    /// Each filter as a ``CharacterMappingFilter``, if it is one (cast once).
    private let mappings: [(any CharacterMappingFilter)?]

    /// Makes a custom chain. When it is some ``LineLocalFilter``s followed by some
    /// ``CharacterMappingFilter``s, lines none of them would change skip the chain.
    public init(name: String, filters: [any TextFilter]) {
        self.name = name
        self.filters = filters
        plan = LinePlan(filters: filters)
        let mappings = filters.map { $0 as? any CharacterMappingFilter }
        self.mappings = mappings
        languageTable = ProcessWide {
            (0..<Self.languageTableLimit).map { value in
                Unicode.Scalar(value).map { Self.readsLanguage($0, filters, mappings, from: 0) } ?? false
            }
        }
    }

    /// True when a text holding `scalar` may come out of `filters[start...]` differently
    /// by language: some filter reads the language there, or a character mapping
    /// (`mappings`: each filter as a ``CharacterMappingFilter``, if it is one) turns
    /// `scalar` into characters a later filter reads it at.
    private static func readsLanguage(_ scalar: Unicode.Scalar, _ filters: [any TextFilter],
                                      _ mappings: [(any CharacterMappingFilter)?], from start: Int) -> Bool {
        for index in start..<filters.count {
            if filters[index].readsLanguage(scalar) { return true }
            guard let mapping = mappings[index] else { continue }
            switch mapping.mapping(of: scalar, language: .undetermined) {
            case .same: continue
            case .needsContext: return true
            case .replaced(let output):
                return output.contains { readsLanguage($0, filters, mappings, from: index + 1) }
            }
        }
        return false
    }

    /// False when `text` comes out the same whatever language the filters are told — no
    /// character any filter treats by language (no `I` or `İ` for the case folding, no
    /// umlaut for the ASCII folding, no Cyrillic for the transliteration, no two scripts
    /// side by side for the mixed-script repair): then its language need not be
    /// identified (``normalizeIdentifyingWhereNeeded(_:)``).
    public func readsLanguage(in text: String) -> Bool {
        guard let table = try? languageTable.get() else { return true }
        return table.withUnsafeBufferPointer { readsLanguageAtCharacters(in: text, table: $0) } || readsLanguageAcrossCharacters(in: text)
    }

    /// True when `text` holds a character some filter treats by language; `table` is
    /// `languageTable`'s.
    private func readsLanguageAtCharacters(in text: String, table: UnsafeBufferPointer<Bool>) -> Bool {
        text.unicodeScalars.contains { readsLanguage($0, table: table) }
    }

    /// True when some filter reads the language of `text` for what stands side by side
    /// (the mixed-script repair's stray words), not at single characters.
    private func readsLanguageAcrossCharacters(in text: String) -> Bool {
        filters.contains { $0.readsLanguage(inText: text) }
    }

    /// True when a text holding `scalar` may come out differently by language; `table`
    /// is `languageTable`'s.
    @inline(__always)
    private func readsLanguage(_ scalar: Unicode.Scalar, table: UnsafeBufferPointer<Bool>) -> Bool {
        scalar.value < Self.languageTableLimit ? table[Int(scalar.value)] : Self.readsLanguage(scalar, filters, mappings, from: 0)
    }

    /// True when lines no filter acts on skip the chain (see ``LineLocalFilter``).
    public var hasLinePlan: Bool { plan != nil }

    /// The same chain without the line-by-line fast path (to check one against the other).
    var withoutLinePlan: Profile {
        var copy = self
        copy.plan = nil
        return copy
    }

    /// Display and storage clean-up; keeps case, quotes and diacritics.
    public static var repair: Profile { get throws { try BuiltIn.shared().repair } }
    /// Index terms: repaired, NFKC, unified quotes, case-folded by language.
    public static var search: Profile { get throws { try BuiltIn.shared().search } }
    /// ASCII keys for loose matching: case-folded, transliterated, folded to ASCII.
    public static var ascii: Profile { get throws { try BuiltIn.shared().ascii } }
    /// The readable ASCII transcription: `ascii` keeping the text's case.
    public static var asciiKeepingCase: Profile { get throws { try BuiltIn.shared().asciiKeepingCase } }
    /// `search` for text of unknown language — a search query: case folded by Unicode's
    /// root rules and then ``DottedIFoldFilter`` (`I`, `İ`, `ı`, `i` all give `i`), so the
    /// result does not depend on a language at all.
    public static var query: Profile { get throws { try BuiltIn.shared().query } }

    /// The built-in profile names (`tilmash normalize --profile`; `ascii-keep-case` is
    /// `--profile ascii --keep-case`).
    public static let names = ["repair", "search", "ascii", "query"]

    /// The built-in profile called `name`, or nil.
    public static func named(_ name: String) throws -> Profile? {
        switch name {
        case "repair": return try repair
        case "search": return try search
        case "ascii": return try ascii
        case "ascii-keep-case": return try asciiKeepingCase
        case "query": return try query
        default: return nil
        }
    }

    /// Normalizes `text` with the rules of `language`; `nil` identifies the language
    /// sentence by sentence (``LanguageIdentifier``) and applies each sentence's rules.
    public func normalize(_ text: String, language: Language?) throws -> NormalizedText {
        let context: FilterContext
        if let language {
            context = FilterContext(language: language)
        } else {
            context = try LanguageIdentifier.bundled().context(for: text)
        }
        return try normalize(text, context: context)
    }

    /// Normalizes `text` as `normalize(text, language: nil)` does — the same text and map
    /// — but identifies languages only where the output depends on them: not at all for
    /// text without a character any filter treats by language (``readsLanguage(in:)``: no
    /// `I`, umlaut or Cyrillic, no mixed scripts), and otherwise only the sentences that
    /// hold such a character (``LanguageIdentifier/context(for:readingAt:)``), unless a
    /// filter reads the language of what stands side by side (mixed scripts), which
    /// identifies every sentence. The result's `language` is that of the first sentence
    /// identified, ``Language/undetermined`` when none was.
    public func normalizeIdentifyingWhereNeeded(_ text: String) throws -> NormalizedText {
        guard let table = try? languageTable.get() else { return try normalize(text, language: nil) }
        if readsLanguageAcrossCharacters(in: text) { return try normalize(text, language: nil) }
        guard table.withUnsafeBufferPointer({ readsLanguageAtCharacters(in: text, table: $0) }) else { return try normalize(text, context: FilterContext(language: .undetermined)) }
        let context = try table.withUnsafeBufferPointer { table in
            try LanguageIdentifier.bundled().context(for: text) { readsLanguage($0, table: table) }
        }
        return try normalize(text, context: context)
    }

    /// Normalizes `text` with an explicit language context.
    public func normalize(_ text: String, context: FilterContext) throws -> NormalizedText {
        let language = context.runs.first(where: { $0.language != .undetermined })?.language ?? context.fallback
        if let plan {
            let (mapped, normalized) = try plan.normalize(text.scalarArray, context: context)
            return NormalizedText(original: text, mapped: mapped, text: normalized, language: language)
        }
        var mapped = MappedText(original: text)
        for filter in filters { mapped = try filter.apply(mapped, context: context) }
        return NormalizedText(original: text, mapped: mapped, text: mapped.string, language: language)
    }

    /// The built-in chains, built once (their filters load resources and compile ICU rules).
    private struct BuiltIn: Sendable {
        let repair: Profile
        let search: Profile
        let ascii: Profile
        let asciiKeepingCase: Profile
        let query: Profile

        private static let cached = ProcessWide { try BuiltIn() }

        static func shared() throws -> BuiltIn { try cached.get() }

        private init() throws {
            let repairFilters: [any TextFilter] = [
                try UnicodeNormalizationFilter(.nfc), InvisibleCharacterFilter(), try LineBreakRepairFilter(),
                SpaceFilter(), try MixedScriptRepairFilter(),
            ]
            let nfkc = try UnicodeNormalizationFilter(.nfkc)
            repair = Profile(name: "repair", filters: repairFilters)
            search = Profile(name: "search", filters: repairFilters + [nfkc, QuoteFilter(), try CaseFoldFilter()])
            let toASCII: [any TextFilter] = [try TransliterationFilter(), try ASCIIFoldingFilter()]
            ascii = Profile(name: "ascii", filters: repairFilters + [nfkc, QuoteFilter(), try CaseFoldFilter()] + toASCII)
            asciiKeepingCase = Profile(name: "ascii-keep-case", filters: repairFilters + [nfkc, QuoteFilter()] + toASCII)
            query = Profile(name: "query", filters: repairFilters + [nfkc, QuoteFilter(), try CaseFoldFilter(), DottedIFoldFilter()])
        }
    }
}
