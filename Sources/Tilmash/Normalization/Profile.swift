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

    /// Makes a custom chain. When it is some ``LineLocalFilter``s followed by some
    /// ``CharacterMappingFilter``s, lines none of them would change skip the chain.
    public init(name: String, filters: [any TextFilter]) {
        self.name = name
        self.filters = filters
        plan = LinePlan(filters: filters)
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

    /// The built-in profile names (`tilmash normalize --profile`; `ascii-keep-case` is
    /// `--profile ascii --keep-case`).
    public static let names = ["repair", "search", "ascii"]

    /// The built-in profile called `name`, or nil.
    public static func named(_ name: String) throws -> Profile? {
        switch name {
        case "repair": return try repair
        case "search": return try search
        case "ascii": return try ascii
        case "ascii-keep-case": return try asciiKeepingCase
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
        }
    }
}
