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
