import Foundation
import Testing
@testable import Tilmash

/// Property: for any input and profile, every normalized character maps back to a range
/// inside the input, and the ranges are in order.
@Suite struct OffsetMapPropertyTests {
    /// Pieces the generator mixes: Latin, Turkish, German, Cyrillic (Russian and Kazakh),
    /// Greek, combining marks, ligatures, look-alikes, invisible characters, quotes, line
    /// breaks, hyphens, digits, and bytes that are not UTF-8.
    static let pieces: [[UInt8]] = [
        "a", "Z", "ı", "İ", "I", "ş", "ä", "Ä", "ß", "ẞ", "ё", "Ж", "қ", "Ү", "і", "а", "и", "Ω", "ς",
        "\u{301}", "\u{308}", "\u{307}", "\u{332}", "ﬁ", "²", "Ａ", "ŉ", "ǅ",
        "\u{A0}", "\u{200B}", "\u{AD}", "\u{FEFF}", "\u{0}", "\r", "\n", "\n\n", " ", "  ", "\t",
        "’", "`", "„", "«", "-", "-\n", "…", ".", "5", "2,5", "https://x.kz/", "😀", "中",
        "Tokajew", "Тоқаев", "Zusammen-\narbeit", "Kazak-\nRus", "Vertrauen и Dialog",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    @Test func randomMixesKeepTheMapInOrderAndInside() throws {
        var generator = SplitMix64(seed: 0x7431_6d61_7368)
        let profiles = try [Profile.repair, Profile.search, Profile.ascii]
        let languages: [Language?] = [.turkish, .german, .kazakh, .russian, .english, nil]
        var checked = 0
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                bytes += Self.pieces.randomElement(using: &generator)!
            }
            let original = UTF8Decoder.decode(bytes).text
            let originalCount = original.unicodeScalars.count
            for profile in profiles {
                let language = languages.randomElement(using: &generator)!
                let result = try profile.normalize(original, language: language)
                let ranges = result.sourceRanges
                #expect(ranges.count == result.text.unicodeScalars.count)
                for (index, range) in ranges.enumerated() {
                    let inside = range.lowerBound >= 0 && range.upperBound <= originalCount && !range.isEmpty
                    let ordered = index == 0 || (ranges[index - 1].lowerBound <= range.lowerBound && ranges[index - 1].upperBound <= range.upperBound)
                    if !inside || !ordered {
                        Issue.record("\(profile.name) \(String(describing: language)): \(original.debugDescription) → scalar \(index) maps to \(range)")
                        return
                    }
                }
                checked += 1
            }
        }
        #expect(checked == 1200)
    }
}

/// Property against an independent computation: in text whose repairs are word-local,
/// each output word's source range, normalized alone, gives that output word again. A map
/// shifted by one character, or one that gives a letter another letter's source, fails.
@Suite struct OffsetMapIndependentTests {
    /// Word pieces whose normalization depends on the word alone: letters of the five
    /// languages, combining marks, ligatures and compatibility forms, look-alikes inside a
    /// word, invisible characters, quotes, digits. (Cyrillic only inside longer words: a
    /// short Cyrillic word between Latin ones is a stray the repair reads with its
    /// neighbours.)
    static let pieces: [String] = [
        "a", "Z", "ı", "İ", "I", "ş", "ä", "Ä", "ß", "ẞ", "Ω", "ς",
        "\u{301}", "\u{308}", "\u{307}", "ﬁ", "²", "Ａ", "ŉ", "ǅ", "\u{200B}", "\u{FEFF}",
        "’", "`", "„", "«", "5", "😀", "中", "Tokajew", "Тоқаев", "Kаzakh", "Кaзах", "Ильясов", "Щучинск",
        "DIŞİŞLERİ", "Straße", "ÄRZTE", "Бакү",
    ]

    /// Letters whose normalization reads their neighbours: a capital umlaut or ß (`ÄRZTE`
    /// → `AERZTE`, `Ärzte` → `Aerzte`), sigma, a combining mark (it joins the letter before
    /// it), and a look-alike the mixed-script repair gave the script of its word (`ı` in
    /// a Cyrillic word → `і`), a letter of another script (ICU's Any-Latin spaces Han
    /// syllables by their neighbours).
    static func contextual(_ source: String, _ piece: String) -> Bool {
        let scripts = { (text: String) in Set(text.unicodeScalars.compactMap(CharacterClass.letterScript)) }
        return source.unicodeScalars.contains {
            "ÄÖÜẞΣσς".unicodeScalars.contains($0) || CharacterClass.kind($0) & CharacterClass.mark != 0
                || (CharacterClass.isAlphabetic($0) && CharacterClass.letterScript($0) == nil)
        } || scripts(source) != scripts(piece)
    }

    @Test func eachWordMapsToItsOwnSource() throws {
        var generator = SplitMix64(seed: 0x6f66_6673_6574)
        let profiles = try [Profile.repair, Profile.search, Profile.ascii, Profile.asciiKeepingCase]
        let languages: [Language] = [.turkish, .german, .kazakh, .russian, .english]
        var words = 0, groups = 0
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                var word = (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
                // A short all-Cyrillic word between Latin ones is a stray, which the
                // mixed-script repair reads with its neighbours: not word-local.
                while word.unicodeScalars.filter(CharacterClass.isAlphabetic).count <= 3,
                      word.unicodeScalars.contains(where: { CharacterClass.letterScript($0) == .cyrillic }) { word += "Tokajew" }
                return word
            }.joined(separator: " ")
            let profile = profiles.randomElement(using: &generator)!
            let language = languages.randomElement(using: &generator)!
            let result = try profile.normalize(text, language: language)
            let output = Array(result.text.unicodeScalars)
            var start = 0
            for end in output.indices.filter({ output[$0] == " " }) + [output.count] where end > start {
                let word = String(String.UnicodeScalarView(output[start..<end]))
                let source = result.originalText(ofScalars: start..<end)
                let alone = try profile.normalize(source, language: language).text
                if alone != word {
                    Issue.record("\(profile.name) \(language): \(text.debugDescription): output word \(word.debugDescription) maps to \(source.debugDescription), which gives \(alone.debugDescription)")
                    return
                }
                words += 1
                start = end + 1
            }
            // Inside words: output scalars that share one source range, normalized alone,
            // are that source again (in `Ильясов` the `ia` of `ья`; never `i` from `ь`).
            let ranges = result.sourceRanges
            var group = 0
            while group < ranges.count {
                var next = group + 1
                while next < ranges.count, ranges[next] == ranges[group] { next += 1 }
                let piece = String(String.UnicodeScalarView(output[group..<next]))
                let source = result.originalText(ofScalars: group..<next)
                let alone = try profile.normalize(source, language: language).text
                if alone != piece && !(piece == " " && alone.isEmpty) && !Self.contextual(source, piece) {
                    Issue.record("\(profile.name) \(language): \(text.debugDescription): \(piece.debugDescription) maps to \(source.debugDescription), which gives \(alone.debugDescription)")
                    return
                }
                groups += 1
                group = next
            }
        }
        #expect(words > 1000 && groups > 5000)
    }
}

/// A small, seedable random generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
