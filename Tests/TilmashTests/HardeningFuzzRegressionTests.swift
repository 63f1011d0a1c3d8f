import Foundation
import Testing
@testable import Tilmash

/// Every input under Fixtures/fuzz-regressions goes through the fuzz targets' checks
/// (Benchmarks/fuzz/Sources/Fuzz.swift): the offset map of each profile (and the fast path
/// equal to the filter chain), tokens that tile
/// the input, entities in order whose spans the decomposed text agrees with. The first byte of a file picks the
/// language (byte % 10: 0 = auto, then Language.allCases), the rest is the input.
@Suite struct HardeningFuzzRegressionTests {
    static var folder: URL { Fixture.url("fuzz-regressions") }

    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".bin") }.sorted()
            .map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    static func language(_ byte: UInt8?) -> Language? {
        guard let byte else { return nil }
        let index = Int(byte) % (Language.allCases.count + 1)
        return index == 0 ? nil : Language.allCases[index - 1]
    }

    @Test func regressionInputsPassTheFuzzChecks() throws {
        let inputs = try Self.inputs()
        #expect(inputs.count >= 6)
        let tagger = try Tagger.bundled()
        for (name, bytes) in inputs {
            let target = name.prefix { $0 != "-" }
            let language = Self.language(bytes.first)
            let text = UTF8Decoder.decode(bytes.dropFirst()).text
            if target == "normalize" || target == "all" {
                for profile in [try Profile.repair, try Profile.search, try Profile.ascii] {
                    let result = try profile.normalize(text, language: language)
                    checkOffsetMap(result, original: text, "\(name) \(profile.name)")
                    #expect(result.mapped == (try profile.withoutLinePlan.normalize(text, language: language)).mapped,
                            "\(name) \(profile.name): the fast path differs from the chain")
                }
            }
            if target == "translit" || target == "all" {
                for scheme in TransliterationScheme.allCases { _ = try scheme.transliterate(text) }
            }
            if target == "tokenize" || target == "all" {
                let tokenizer = try Tokenizer(language: language)
                let tokens = try tokenizer.tokenize(text)
                checkTiling(tokens, original: text, name)
                #expect(try tokenizer.sentences(text).flatMap(\.tokens) == tokens, "\(name): sentences differ from tokens")
                checkTiling(try tokenizer.tokenize(text, normalized: try Profile.search.normalize(text, language: language)),
                            original: text, "\(name) with normalization")
            }
            if target == "tag" || target == "all" {
                let scalars = Array(text.unicodeScalars)
                var position = 0
                for entity in try tagger.tag(text, language: language) {
                    #expect(!entity.range.isEmpty && entity.range.lowerBound >= position && entity.range.upperBound <= scalars.count,
                            "\(name): entity \(entity.text) at \(entity.range)")
                    position = entity.range.upperBound
                }
                // The fuzz target's differential: the decomposed text gives the same entities
                // where the NFC composition map puts them.
                let (decomposed, composed) = try DecomposedTagging.entities(text, language, tagger: tagger)
                #expect(decomposed == composed, "\(name): NFD")
            }
        }
    }

    func checkOffsetMap(_ result: NormalizedText, original: String, _ label: String) {
        let count = original.unicodeScalars.count
        let ranges = result.sourceRanges
        #expect(ranges.count == result.text.unicodeScalars.count, "\(label)")
        for (index, range) in ranges.enumerated() {
            let inside = !range.isEmpty && range.lowerBound >= 0 && range.upperBound <= count
            let ordered = index == 0 || (ranges[index - 1].lowerBound <= range.lowerBound && ranges[index - 1].upperBound <= range.upperBound)
            if !inside || !ordered {
                Issue.record("\(label): scalar \(index) maps to \(range)")
                return
            }
        }
    }

    func checkTiling(_ tokens: [Token], original: String, _ label: String) {
        let scalars = Array(original.unicodeScalars)
        let utf8 = Array(original.utf8), utf16 = Array(original.utf16)
        func isGap(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || (0x09...0x0D).contains(scalar.value)
        }
        var position = 0
        for token in tokens {
            guard !token.range.isEmpty, token.range.lowerBound >= position, token.range.upperBound <= scalars.count,
                  token.utf8Range.lowerBound >= 0, token.utf8Range.upperBound <= utf8.count,
                  token.utf16Range.lowerBound >= 0, token.utf16Range.upperBound <= utf16.count else {
                Issue.record("\(label): token \(token.text.debugDescription) at \(token.range) after \(position)")
                return
            }
            #expect(scalars[position..<token.range.lowerBound].allSatisfy(isGap), "\(label): text before \(token.text.debugDescription) is in no token")
            #expect(String(String.UnicodeScalarView(scalars[token.range])) == token.text, "\(label): \(token.text.debugDescription)")
            #expect(Array(utf8[token.utf8Range]) == Array(token.text.utf8), "\(label): UTF-8 range of \(token.text.debugDescription)")
            #expect(Array(utf16[token.utf16Range]) == Array(token.text.utf16), "\(label): UTF-16 range of \(token.text.debugDescription)")
            position = token.range.upperBound
        }
        #expect(scalars[position...].allSatisfy(isGap), "\(label): text after the last token is in no token")
    }
}
