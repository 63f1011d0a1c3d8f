import Foundation

/// Fills in ``Token/norm``: each token's form in the ``Profile/search`` normalization.
///
/// Normalizing costs more than segmenting, so it is done in the cheapest way that gives the
/// same result as normalizing the whole document and reading each token's part of it:
/// - With a normalization handed in by the caller, or in a document that mixes Latin with
///   Cyrillic or Greek letters, the document is normalized as a whole and each token takes
///   the normalized scalars that come from inside it. Mixed-script repair looks at the
///   words around a word (`Vertrauen и Dialog` → `und`), so there the context matters.
/// - Otherwise every filter of the profile acts within a token (tokens never split a
///   combining sequence, and a line break inside a token is repaired inside it), so a norm
///   depends only on the token's text and language. Norms are then kept in a process-wide
///   cache; the tokens not seen before are normalized together in one call, each on a
///   paragraph of its own. `TokenizerNormTests` checks that both ways agree.
struct TokenNormalizer {
    let language: Language

    func fill(_ tokens: inout [Token], of text: SegmentedText, original: String, given: NormalizedText?) throws {
        guard !tokens.isEmpty else { return }
        if let given {
            Self.project(given, into: &tokens)
        } else if Self.mixesScripts(text.units) {
            Self.project(try Profile.search.normalize(original, context: FilterContext(language: language)), into: &tokens)
        } else {
            try cached(&tokens)
        }
    }

    /// Each token takes the normalized scalars whose original position lies inside it.
    static func project(_ normalized: NormalizedText, into tokens: inout [Token]) {
        let mapped = normalized.mapped
        var normalizedText = normalized.text
        normalizedText.withUTF8 { bytes in
            var index = 0, utf8 = 0
            for position in tokens.indices {
                let range = tokens[position].range
                while index < mapped.count && Int(mapped.starts[index]) < range.lowerBound {
                    utf8 += UTF8.width(mapped.scalars[index])
                    index += 1
                }
                let start = utf8
                while index < mapped.count && Int(mapped.starts[index]) < range.upperBound {
                    utf8 += UTF8.width(mapped.scalars[index])
                    index += 1
                }
                tokens[position].norm = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<utf8]), as: UTF8.self)
            }
        }
    }

    /// True when Latin letters and Cyrillic or Greek ones share the text: only then can
    /// ``MixedScriptRepairFilter`` repair a word by its neighbours (a stray `и` between
    /// Latin words). Its other repairs look inside one word, which a token's own
    /// normalization sees as well.
    static func mixesScripts(_ units: [UInt16]) -> Bool {
        var latin = false, other = false
        for unit in units where unit >= 0x41 {
            switch CharacterClass.letterScript(Unicode.Scalar(unit) ?? "\u{FFFD}") {
            case .latin?: latin = true
            case .some: other = true
            case nil: continue
            }
            if latin && other { return true }
        }
        return false
    }

    private func cached(_ tokens: inout [Token]) throws {
        var norms = NormCache.shared.norms(for: tokens.lazy.map(\.text), language: language)
        var missing: [String] = []
        var seen = Set<ExactWord>()
        for (index, norm) in norms.enumerated() where norm == nil && seen.insert(ExactWord(tokens[index].text)).inserted {
            missing.append(tokens[index].text)
        }
        if !missing.isEmpty {
            let computed = try Self.normalizeSeparately(missing, language: language)
            NormCache.shared.store(zip(missing, computed), language: language)
            let table = Dictionary(uniqueKeysWithValues: zip(missing.map(ExactWord.init), computed))
            for index in norms.indices where norms[index] == nil { norms[index] = table[ExactWord(tokens[index].text)] }
        }
        for index in tokens.indices { tokens[index].norm = norms[index]! }
    }

    /// The norms of `texts`, normalized in one call with a blank line between every two, so
    /// that no filter sees one text as the context of another.
    static func normalizeSeparately(_ texts: [String], language: Language) throws -> [String] {
        let separator = "\n\n"
        let joined = texts.joined(separator: separator)
        let normalized = try Profile.search.normalize(joined, context: FilterContext(language: language))
        var ranges: [Range<Int>] = []
        var offset = 0
        for text in texts {
            let count = text.unicodeScalars.count
            ranges.append(offset..<offset + count)
            offset += count + separator.unicodeScalars.count
        }
        var pieces = ranges.map { Token(range: $0, utf8Range: 0..<0, utf16Range: 0..<0, text: "", norm: "", kind: .word, language: language) }
        project(normalized, into: &pieces)
        return pieces.map(\.norm)
    }
}

/// Norms of tokens seen before, per language, shared by every tokenizer of the process,
/// keyed by the tokens' exact bytes. Bounded: when it holds too many it starts afresh.
/// Locked once per document, not per token.
final class NormCache: @unchecked Sendable {
    static let shared = NormCache()
    private let lock = NSLock()
    private var table: [Language: [ExactWord: String]] = [:]
    private var count = 0
    private let limit = 500_000

    func norms<Texts: Collection>(for texts: Texts, language: Language) -> [String?] where Texts.Element == String {
        lock.lock()
        defer { lock.unlock() }
        guard let known = table[language] else { return Array(repeating: nil, count: texts.count) }
        return texts.map { known[ExactWord($0)] }
    }

    func store<Pairs: Sequence>(_ pairs: Pairs, language: Language) where Pairs.Element == (String, String) {
        lock.lock()
        defer { lock.unlock() }
        if count > limit {
            table.removeAll()
            count = 0
        }
        for (text, norm) in pairs where table[language, default: [:]].updateValue(norm, forKey: ExactWord(text)) == nil {
            count += 1
        }
    }
}
