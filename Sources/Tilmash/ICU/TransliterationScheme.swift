import Foundation

/// The named transliteration schemes of `tilmash translit --scheme`.
///
/// Text in another script than the scheme's source passes through unchanged (a Latin
/// URL inside Kazakh text stays as it is).
///
/// ```swift
/// try TransliterationScheme.kazakhLatin2021.transliterate("Қазақстан")  // "Qazaqstan"
/// try TransliterationScheme.russianGerman.transliterate("Токаев")       // "Tokajew"
/// try TransliterationScheme.germanASCII.transliterate("ÄRZTE Ärzte")    // "AERZTE Aerzte"
/// ```
///
/// Each scheme's transliterator is compiled once per process, on first use, and shared
/// (``Transliterator`` is safe to use from many threads).
public enum TransliterationScheme: String, CaseIterable, Sendable {
    /// Kazakh Cyrillic → the official Kazakh Latin alphabet of 2021 (rule file
    /// `Resources/translit/kk-latn-2021.txt`).
    case kazakhLatin2021 = "kk-latn-2021"
    /// Kazakh Cyrillic → BGN/PCGN romanization (ICU `Kazakh-Latin/BGN`).
    case kazakhBGN = "kk-bgn"
    /// Russian Cyrillic → BGN/PCGN romanization (ICU `Russian-Latin/BGN`).
    case russianBGN = "ru-bgn"
    /// Russian (and Kazakh) Cyrillic → German Duden transcription: Токаев → Tokajew.
    case russianGerman = "ru-de"
    /// Russian (and Kazakh) Cyrillic → Turkish transcription: Шавкат → Şavkat.
    case russianTurkish = "ru-tr"
    /// German → ASCII: ä→ae, ö→oe, ü→ue, ß→ss, with capitals (ÄRZTE → AERZTE).
    case germanASCII = "de-ascii"
    /// Any Latin letter → ASCII without diacritics (ş→s, ı→i, ß→ss, ə→e): ICU `Latin-ASCII`
    /// plus the schwa and leftover combining marks (`Resources/translit/latin-ascii.txt`).
    case latinASCII = "latin-ascii"
    /// Any script → Latin (ICU `Any-Latin`).
    case anyLatin = "any-latin"

    /// One line describing the scheme, for `--help`.
    public var summary: String {
        switch self {
        case .kazakhLatin2021: return "Kazakh Cyrillic -> official Kazakh Latin alphabet (2021)"
        case .kazakhBGN: return "Kazakh Cyrillic -> BGN/PCGN (ICU Kazakh-Latin/BGN)"
        case .russianBGN: return "Russian Cyrillic -> BGN/PCGN (ICU Russian-Latin/BGN)"
        case .russianGerman: return "Russian Cyrillic -> German (Duden): Токаев -> Tokajew"
        case .russianTurkish: return "Russian Cyrillic -> Turkish: Шавкат -> Şavkat"
        case .germanASCII: return "German -> ASCII: ä->ae, ß->ss; ÄRZTE->AERZTE, Ärzte->Aerzte"
        case .latinASCII: return "any Latin -> ASCII without diacritics (ş->s, ı->i)"
        case .anyLatin: return "any script -> Latin (ICU Any-Latin)"
        }
    }

    /// The script this scheme reads; text in other scripts passes through.
    public var sourceScript: Script {
        switch self {
        case .kazakhLatin2021, .kazakhBGN, .russianBGN, .russianGerman, .russianTurkish: return .cyrillic
        case .germanASCII, .latinASCII: return .latin
        case .anyLatin: return .common
        }
    }

    /// Transliterates `text` with this scheme. The two ASCII schemes fold known letters by
    /// table and only the rest with ICU (``ASCIIFolder``); the result is ICU's either way.
    public func transliterate(_ text: String) throws -> String {
        switch self {
        case .germanASCII, .latinASCII:
            return try folder().fold(text)
        case .anyLatin:
            return try transliterator().transliterate(text)
        case .kazakhLatin2021, .kazakhBGN, .russianBGN, .russianGerman, .russianTurkish:
            // Word by word, each distinct word once: the Cyrillic rules look only at the
            // letters of the word, and news repeats its words.
            let transliterator = try transliterator()
            let cache = Self.wordCaches[self]!
            return try WordByWord.map(text) { word in
                let source = String(scalars: word)
                return try cache.value(for: source, tag: "") { try transliterator.transliterate(source) }
            }
        }
    }

    private static let wordCaches = Dictionary(uniqueKeysWithValues: allCases.map { ($0, WordCache<String>()) })

    private static let folders = ProcessWideTable<TransliterationScheme, ASCIIFolder>()

    /// The table-driven folder of an ASCII scheme.
    func folder() throws -> ASCIIFolder {
        try Self.folders.get(self) { try ASCIIFolder($0) }
    }

    /// The compiled transliterator (built on first use, then shared).
    public func transliterator() throws -> Transliterator {
        try Self.compiled.get(self) { try $0.make() }
    }

    private static let compiled = ProcessWideTable<TransliterationScheme, Transliterator>()

    /// How the scheme is built: an ICU id, or the resource file with its rules.
    private func make() throws -> Transliterator {
        switch self {
        case .kazakhLatin2021, .russianGerman, .russianTurkish, .latinASCII:
            let file = "translit/\(rawValue).txt"
            return try Transliterator(name: "Tilmash-\(rawValue)", rules: try TilmashResources.text(file))
        case .kazakhBGN:
            return try Transliterator(id: "[:Cyrillic:] Kazakh-Latin/BGN")
        case .russianBGN:
            return try Transliterator(id: "[:Cyrillic:] Russian-Latin/BGN")
        case .germanASCII:
            return try Transliterator(id: "de-ASCII")
        case .anyLatin:
            return try Transliterator(id: "Any-Latin")
        }
    }
}
