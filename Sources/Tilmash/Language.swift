/// A language Tilmash knows rules for, by its ISO 639-1 code.
///
/// Casing follows the language: Turkish and Azerbaijani pair `i↔İ` and `ı↔I`; every other
/// language uses Unicode's root rules.
///
/// ```swift
/// Language(code: "TR")?.usesTurkicCasing   // true
/// ```
public enum Language: String, CaseIterable, Sendable, Codable {
    case turkish = "tr"
    case azerbaijani = "az"
    case german = "de"
    case english = "en"
    case kazakh = "kk"
    case russian = "ru"
    case uzbek = "uz"
    case kyrgyz = "ky"
    /// Undetermined: too short or too mixed to tell.
    case undetermined = "und"

    /// Parses an ISO 639-1 code (case-insensitive), or `nil` for an unknown code.
    public init?(code: String) {
        self.init(rawValue: code.lowercased())
    }

    /// The ISO 639-1 code (`"und"` for undetermined).
    public var code: String { rawValue }

    /// True for Russian, Kazakh and Kyrgyz, written in Cyrillic letters: in their text a
    /// short Cyrillic word between Latin names is a word of the text (`Samsung с Apple`).
    public var writesCyrillic: Bool { self == .russian || self == .kazakh || self == .kyrgyz }

    /// True for Turkish and Azerbaijani, whose dotted and dotless i change case differently.
    public var usesTurkicCasing: Bool { self == .turkish || self == .azerbaijani }

    /// The ICU locale whose case rules apply: `"tr"`, `"az"` or the root locale `""`.
    var caseLocale: String { usesTurkicCasing ? rawValue : "" }

    /// The languages a user can name on the command line (all but `und`).
    public static var named: [Language] { allCases.filter { $0 != .undetermined } }
}
