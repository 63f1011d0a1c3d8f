import Testing
@testable import Tilmash

/// The plain UAX #29 layer against Unicode 15.0's WordBreakTest.txt and SentenceBreakTest.txt
/// (the version ICU 72 implements), and the tokenizer with every rule switched off against
/// the same word boundaries.
@Suite struct TokenizerUAXTests {
    /// One test line: the text and its boundaries in UTF-16 offsets (÷ positions).
    struct Case {
        let line: Int
        let text: String
        let boundaries: [Int]
    }

    static func cases(_ path: String) throws -> [Case] {
        var result: [Case] = []
        for (number, line) in try Fixture.text(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let data = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard data.contains("÷") else { continue }
            var scalars = String.UnicodeScalarView()
            var boundaries: [Int] = []
            var offset = 0
            for field in data.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                switch field {
                case "÷": boundaries.append(offset)
                case "×": break
                default:
                    let scalar = Unicode.Scalar(UInt32(field, radix: 16)!)!
                    scalars.append(scalar)
                    offset += scalar.utf16.count
                }
            }
            result.append(Case(line: number + 1, text: String(scalars), boundaries: boundaries))
        }
        return result
    }

    /// Lines where ICU 72 deliberately differs from Unicode 15.0's default rules. ICU 72
    /// (CLDR 42) no longer counts `:` (U+003A, and U+FE55, U+FF1A) as MidLetter, so it
    /// breaks around a colon between letters (`a:b`, which UAX #29 keeps whole for
    /// Swedish and Finnish). ICU 72 also counts `@` as a letter to keep e-mail addresses
    /// whole (CLDR-15767, reverted in ICU 73), but no line of the test file has `@`.
    /// A line counts as explained only when every disagreeing boundary sits right before
    /// a colon or right after it (and the marks attached to it, rule WB4).
    static func icuTailoringExplains(_ testCase: Case, _ icu: [Int]) -> Bool {
        let colons: Set<Unicode.Scalar> = [":", "\u{FE55}", "\u{FF1A}"]
        var offsets: [Int] = []
        var offset = 0
        let scalars = Array(testCase.text.unicodeScalars)
        for scalar in scalars {
            offsets.append(offset)
            offset += scalar.utf16.count
        }
        func attached(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .format || scalar == "\u{200D}"
        }
        return Set(icu).symmetricDifference(testCase.boundaries).allSatisfy { position in
            guard let index = offsets.firstIndex(of: position) ?? (position == offset ? scalars.count : nil) else { return false }
            if index < scalars.count && colons.contains(scalars[index]) { return true }
            var before = index - 1
            while before >= 0 && attached(scalars[before]) { before -= 1 }
            return before >= 0 && colons.contains(scalars[before])
        }
    }

    @Test func wordBreakTestLines() throws {
        let breaker = try WordBreaker()
        let cases = try Self.cases("unicode/WordBreakTest.txt")
        #expect(cases.count == 1823)
        var deviations: [Int] = []
        for testCase in cases {
            let icu = [0] + (try breaker.segments(testCase.text).map(\.range.upperBound))
            if icu == testCase.boundaries { continue }
            if Self.icuTailoringExplains(testCase, icu) {
                deviations.append(testCase.line)
            } else {
                Issue.record("WordBreakTest.txt:\(testCase.line) \(testCase.text.codePoints): ICU \(icu), expected \(testCase.boundaries)")
            }
        }
        // Recorded so a change of ICU version shows up here: the lines ICU 72's colon
        // tailoring explains (all of them `letter : letter`, with marks or a joiner).
        #expect(deviations == Self.expectedWordDeviations, "deviating lines: \(deviations)")
    }

    static let expectedWordDeviations = [1253, 1254, 1267, 1268] + Array(1283...1292) + [1712]

    @Test func tokenizerWithoutRulesKeepsICUSegments() throws {
        let breaker = try WordBreaker()
        let tokenizer = try Tokenizer(language: .english, rules: .none, normalizes: false)
        for testCase in try Self.cases("unicode/WordBreakTest.txt") {
            let segments = try breaker.segments(testCase.text)
            let tokens = try tokenizer.tokenize(testCase.text)
            // Every token is one ICU segment; every segment that is not a token is whitespace.
            let tokenRanges = Set(tokens.map(\.utf16Range))
            for segment in segments where !tokenRanges.contains(segment.range) {
                let units = Array(testCase.text.utf16)[segment.range]
                let text = String(decoding: units, as: UTF16.self)
                #expect(text.unicodeScalars.allSatisfy(SegmentedText.isGap), "line \(testCase.line): \(text.codePoints) dropped")
            }
            #expect(tokenRanges.isSubset(of: Set(segments.map(\.range))), "line \(testCase.line)")
        }
    }

    @Test func sentenceBreakTestLines() throws {
        let breaker = try SentenceBreaker()
        let cases = try Self.cases("unicode/SentenceBreakTest.txt")
        #expect(cases.count > 400)
        for testCase in cases {
            let icu = [0] + (try breaker.boundaries(testCase.text))
            #expect(icu == testCase.boundaries, "SentenceBreakTest.txt:\(testCase.line) \(testCase.text.codePoints)")
        }
    }
}
