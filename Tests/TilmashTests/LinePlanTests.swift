import Foundation
import Testing
@testable import Tilmash

/// The line-by-line fast path (``LinePlan``) must give exactly what the filter chain gives:
/// the same characters and the same map, on the seeds and on random damaged text.
@Suite struct LinePlanTests {
    static let languages: [Language?] = [.turkish, .german, .kazakh, .russian, .english, .azerbaijani, nil]

    /// Both paths, compared scalar by scalar and offset by offset.
    static func check(_ text: String, _ profile: Profile, _ language: Language?) throws -> Bool {
        let fast = try profile.normalize(text, language: language)
        let chain = try profile.withoutLinePlan.normalize(text, language: language)
        guard fast.mapped == chain.mapped else {
            let a = fast.mapped, b = chain.mapped
            let at = (0..<min(a.count, b.count)).first { a.scalars[$0] != b.scalars[$0] || a.starts[$0] != b.starts[$0] || a.ends[$0] != b.ends[$0] } ?? min(a.count, b.count)
            func around(_ m: MappedText) -> String {
                let range = max(0, at - 15)..<min(m.count, at + 15)
                return "\(String(scalars: m.scalars[range]).debugDescription) \(range.map { "\(m.starts[$0])-\(m.ends[$0])" }.joined(separator: ","))"
            }
            Issue.record("\(profile.name) \(String(describing: language)) in \(String(text.prefix(60)).debugDescription)… first difference at \(at) of \(a.count)/\(b.count)\n fast:  \(around(a))\n chain: \(around(b))")
            return false
        }
        return true
    }

    @Test func builtInProfilesHaveTheFastPath() throws {
        for profile in try [Profile.repair, Profile.search, Profile.ascii] {
            #expect(LinePlan(filters: profile.filters) != nil, "\(profile.name)")
        }
        // A chain with a filter of neither kind runs filter by filter.
        struct Reverse: TextFilter {
            let name = "reverse", summary = "reverses"
            func apply(_ text: MappedText, context: FilterContext) throws -> MappedText { text }
        }
        #expect(LinePlan(filters: [Reverse()]) == nil)
        #expect(LinePlan(filters: [QuoteFilter(), SpaceFilter()]) == nil)   // line-local after a mapping
    }

    @Test func explainNamesTheFastPath() throws {
        let result = try CLI.run(["normalize", "--profile", "search", "--explain"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }.count == 8)
        #expect(result.stdout.contains("fast path:"))
    }

    @Test func seedsGiveTheChainsResult() throws {
        var checked = 0
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent("Corpora/seeds").path)
            .filter { $0.hasSuffix(".txt") }
        #expect(names.count == 5)
        for name in names {
            let seed = try Fixture.seed(name)
            // Also with Windows line ends: `\r\n` is one line break for the fast path too.
            for text in [seed, seed.replacingOccurrences(of: "\n", with: "\r\n")] {
                for profile in try [Profile.repair, Profile.search, Profile.ascii] {
                    for language in Self.languages where try Self.check(text, profile, language) { checked += 1 }
                }
            }
        }
        #expect(checked == names.count * 2 * 3 * Self.languages.count)
    }

    /// Lines made of pieces that trip each filter, and clean ones between them.
    static let pieces: [String] = [
        "Astana’da", "Dışişleri", "Straße", "ÄRZTE", "Ärzte", "İstanbul", "IŞIK", "Тоқаев", "Kаzakhstan",
        "Vertrauen и Dialog", "a\u{301}", "ﬁ", "²", "\u{A0}", "\u{200B}", "\u{AD}", "\r", "\r\n", "\t",
        "Zusammen-", "bölge-", "Kazak-", "und", "arbeit", "Rus", "2050", "„Ja“", "«Да»", "Ωμέγα", "中文", "😀",
        "𝐀", "Ǆ", " ", "  ", "\n", "\n", "\n", "\n\n", ".", ",", "…", "HEADLINE IN CAPITALS",
        "a long line of ordinary words that goes on past forty characters",
    ]

    /// Expansions (ß → ss, ﬁ → fi) that outgrow the output's first buffer, in clean lines
    /// and in repaired ones.
    @Test func growingOutputGivesTheChainsResult() throws {
        let clean = String(repeating: "Straße ẞ ", count: 400)
        let repaired = String(repeating: "Maße\u{A0}", count: 300) + "\n" + String(repeating: "ﬁ", count: 500)
        for text in [clean, repaired, clean + "\n" + repaired + "\n" + clean] {
            for profile in try [Profile.search, Profile.ascii] {
                #expect(try Self.check(text, profile, .german))
                #expect(try Self.check(text, profile, .turkish))
            }
        }
        #expect(try Profile.search.normalize(clean, language: .german).text == String(String(repeating: "strasse ss ", count: 400).dropLast()))   // the last space trimmed
    }

    @Test func randomLinesGiveTheChainsResult() throws {
        var generator = SplitMix64(seed: 0x6c69_6e65)
        let profiles = try [Profile.repair, Profile.search, Profile.ascii]
        var checked = 0
        for _ in 0..<600 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                text += Self.pieces.randomElement(using: &generator)!
                if Bool.random(using: &generator) { text += " " }
            }
            let profile = profiles.randomElement(using: &generator)!
            if try Self.check(text, profile, Self.languages.randomElement(using: &generator)!) { checked += 1 }
        }
        #expect(checked == 600)
    }
}
