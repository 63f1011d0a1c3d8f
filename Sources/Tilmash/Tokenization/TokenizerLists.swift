import Foundation

/// The word lists the token rules consult, read from resource files a linguist can edit:
///
/// - `tokenizer/abbreviations-<lang>.txt` and `tokenizer/abbreviations-common.txt`: one
///   abbreviation per line with its period (`Dr.`, `bzw.`, `т.е.`); `#` starts a comment.
///   A listed abbreviation never ends a sentence, unless the word `final` follows it on its
///   line (`etc. final`): then ICU decides, and a capital after it starts a new sentence.
///   A language uses its own file and the common one; undetermined text uses all of them.
/// - `tokenizer/domains.txt`: top-level domains that make `word.tld` a bare web address.
/// - `normalization/suspended-hyphen-words.txt` (shared with the line-break repair): the
///   conjunctions after a suspended hyphen (`Wasser- und`).
///
/// Loaded once per language and shared; read-only afterwards, so `Sendable`.
final class TokenizerLists: Sendable {
    let language: Language
    let abbreviations: Set<String>
    /// Abbreviations marked `final`: they may end a sentence.
    let finalAbbreviations: Set<String>
    /// The longest abbreviation, in UTF-16 code units with its period: longer words need no
    /// look-up.
    let longestAbbreviation: Int
    let domains: Set<String>
    let suspendedHyphenWords: Set<String>

    private init(language: Language) throws {
        self.language = language
        var abbreviations = Set<String>(), finals = Set<String>()
        let languages = language == .undetermined ? Language.named : [language]
        let files = ["common"] + languages.map(\.code)
        for file in files {
            let path = "tokenizer/abbreviations-\(file).txt"
            guard file == "common" || (try? TilmashResources.url(path)) != nil else { continue }
            for line in try Self.lines(path) {
                let fields = line.split(whereSeparator: \.isWhitespace)
                abbreviations.insert(String(fields[0]))
                if fields.dropFirst().contains("final") { finals.insert(String(fields[0])) }
            }
        }
        self.abbreviations = abbreviations
        longestAbbreviation = abbreviations.map(\.utf16.count).max() ?? 0
        finalAbbreviations = finals
        domains = Set(try Self.lines("tokenizer/domains.txt").map { $0.lowercased() })
        suspendedHyphenWords = Set(try Self.lines("normalization/suspended-hyphen-words.txt").map { $0.lowercased() })
    }

    /// True when `candidate` (with its period) is a listed abbreviation, also capitalized at
    /// the start of a sentence (`Vb.` for `vb.`).
    func isAbbreviation(_ candidate: String) -> Bool {
        if abbreviations.contains(candidate) { return true }
        guard let first = candidate.unicodeScalars.first, first.properties.isUppercase else { return false }
        let lowered = first.properties.lowercaseMapping + String(candidate.unicodeScalars.dropFirst())
        return abbreviations.contains(lowered)
    }

    /// True when the abbreviation `text` (with its period) may end a sentence.
    func mayEndSentence(_ text: String) -> Bool {
        if finalAbbreviations.contains(text) { return true }
        guard let first = text.unicodeScalars.first, first.properties.isUppercase else { return false }
        return finalAbbreviations.contains(first.properties.lowercaseMapping + String(text.unicodeScalars.dropFirst()))
    }

    /// True when `word` follows a suspended hyphen (`und`, `oder`, `ve`, `и`…).
    func isSuspendedHyphenWord(_ word: String) -> Bool {
        suspendedHyphenWords.contains(word.lowercased())
    }

    private static let cache = ProcessWideTable<Language, TokenizerLists>()

    /// The lists for `language`, loaded on first use.
    static func shared(for language: Language) throws -> TokenizerLists {
        try cache.get(language) { try TokenizerLists(language: $0) }
    }

    /// The entries of a list file: trimmed lines, comments and blank lines dropped.
    private static func lines(_ path: String) throws -> [String] {
        try TilmashResources.text(path).split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            return entry.isEmpty ? nil : entry
        }
    }
}
