/// One token of a document: where it is in the original text, what it says, and what it is.
///
/// Offsets are end-exclusive ranges into the ORIGINAL document, in three units: Unicode
/// scalars (code points — the convention of Python and spaCy, and of `tilmash` output),
/// UTF-8 bytes and UTF-16 code units. Slicing the original with any of them gives back
/// ``text`` exactly, also for a word hyphenated across a line break, whose range spans the
/// break.
///
/// ```swift
/// let t = try Tokenizer(language: .turkish).tokenize("Astana’da")[0]
/// (t.text, t.norm, t.stem, t.suffix)   // ("Astana’da", "astana'da", "Astana", "da")
/// ```
public struct Token: Sendable, Equatable, Hashable {
    /// What a token is.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Letters (with marks, digits, inner apostrophes and hyphens): `Astana’da`, `Kazak-Rus`,
        /// and abbreviations with their period: `Dr.`, `т.е.`.
        case word
        /// Digits, with `.` `,` inside, ranges, percentages and ordinal periods: `2,5`,
        /// `10.09.2015`, `2016-2020`, `%20`, `12.`; also `25’inci`, `2018de`.
        case number
        /// Punctuation (Unicode categories P*): `.` `,` `“` `…` `...` `(`.
        case punctuation
        /// A web address, with or without a scheme: `https://www.commvisory.de/`, `rusvideos.com`.
        case url
        /// An e-mail address: `info@commvisory.de`.
        case email
        /// `#` and a word: `#Astana2025`.
        case hashtag
        /// `@` and a word: `@akorda_press`.
        case mention
        /// Anything else: symbols (Unicode categories S*) such as `+` `€` `©`, emoji (a lone
        /// `%` is punctuation, category Po).
        case symbol
    }

    /// The Unicode scalar (code point) range in the original document.
    public let range: Range<Int>
    /// The UTF-8 byte range in the original document.
    public let utf8Range: Range<Int>
    /// The UTF-16 code unit range in the original document (for NSString and ICU).
    public let utf16Range: Range<Int>
    /// The original text, exactly as it stands (a line-broken word keeps its break).
    public let text: String
    /// The `search` profile's form of the token (``Profile/search``): NFKC, unified quotes,
    /// case-folded by language, a hyphenated line break joined (`bölge-\nsel` → `bölgesel`).
    public internal(set) var norm: String
    /// What the token is.
    public let kind: Kind
    /// The language whose rules applied.
    public let language: Language
    /// For a Turkish or Azerbaijani word with a suffix after an apostrophe, the part before
    /// the apostrophe (`Astana` in `Astana’da`); otherwise `nil`.
    public let stem: String?
    /// The suffix after the apostrophe (`da` in `Astana’da`); `nil` when not split.
    public let suffix: String?

    /// Makes a token (the tokenizer does this; tests and other tools may too).
    public init(range: Range<Int>, utf8Range: Range<Int>, utf16Range: Range<Int>, text: String, norm: String,
                kind: Kind, language: Language, stem: String? = nil, suffix: String? = nil) {
        self.range = range
        self.utf8Range = utf8Range
        self.utf16Range = utf16Range
        self.text = text
        self.norm = norm
        self.kind = kind
        self.language = language
        self.stem = stem
        self.suffix = suffix
    }
}
