import Foundation

/// Identifies the language of a text — Turkish, Azerbaijani, German, English, Kazakh,
/// Russian, Uzbek or Kyrgyz — from character n-grams.
///
/// The model (`Resources/langid/ngrams.tsv`) holds, per language, the log-probabilities of
/// its most frequent character 1- to 4-grams, trained on real sentences from Debian's
/// translation catalogues and hunspell word lists by `Corpora/langid/train.py`;
/// `Corpora/langid/score.py` is the reference scorer this type reproduces exactly.
/// Text is lowercased scalar by scalar with `İ` → `i`, so ALL-CAPITALS text scores like
/// lower case. Too little text (fewer letters than the model's minimum) or too low a
/// confidence (softmax of the scores, below the model's `min_confidence`) gives
/// ``Language/undetermined``.
///
/// ```swift
/// let id = try LanguageIdentifier.bundled()
/// id.identify("Dışişleri Bakanı Astana’da").language   // .turkish
/// id.identify("ok").language                           // .undetermined
/// ```
///
/// `Sendable`: the model is read-only after loading.
public final class LanguageIdentifier: Sendable {
    /// A language decision with its confidence.
    public struct Guess: Sendable, Equatable {
        /// The language, or ``Language/undetermined``.
        public let language: Language
        /// Softmax probability of the best language (0…1).
        public let confidence: Double
        /// Score lead of the best language over the second, per letter (informational).
        public let margin: Double
    }

    private let languages: [Language]
    private let alphabet: [Unicode.Scalar: UInt64]
    /// The alphabet numbers of scalars below U+3000 (0: not in the model).
    private let smallAlphabet: [UInt64]
    private let rows: IntegerTable
    private let values: [Double]
    private let unknown: [Double]
    private let orders: [Int]
    private let minimumLetters: Int
    private let minimumConfidence: Double
    private let temperature: Double

    /// Loads a model in the `ngrams.tsv` format (see its comment header).
    public init(model: String, name: String = "ngrams.tsv") throws {
        // Read over the UTF-8 bytes, line by line: the model has some 40,000 lines, and
        // splitting them into Strings cost a third of a second at every start.
        var languages: [Language] = []
        var unknown: [Double] = []
        var parameters: [String: String] = [:]
        var entries: [(language: Int, gram: [Unicode.Scalar], value: Double)] = []
        var model = model
        try model.withUTF8 { bytes in
            var lineStart = 0, number = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                number += 1
                defer { lineStart = lineEnd + 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                guard !line.isEmpty else { continue }
                if line[0] == 0x23 {  // "#"
                    if line.count > 1, line[1] == 0x21 {  // "#!name=value"
                        let text = String(decoding: line.dropFirst(2), as: UTF8.self)
                        let pair = text.split(separator: "=", maxSplits: 1)
                        if pair.count == 2 { parameters[pair[0].trimmingSpaces] = pair[1].trimmingSpaces }
                    }
                    continue
                }
                let tabs = line.indices.filter { line[$0] == 0x09 }
                let failure = ModelError(file: name, line: number, reason: "expected language<TAB>ngram<TAB>logprob")
                guard tabs.count == 2, let language = Language(code: String(decoding: line[..<tabs[0]], as: UTF8.self)),
                      let value = Double(String(decoding: line[(tabs[1] + 1)...], as: UTF8.self)) else { throw failure }
                if languages.last != language {
                    if languages.contains(language) {
                        throw ModelError(file: name, line: number, reason: "language \(language.code) is not contiguous")
                    }
                    languages.append(language)
                    unknown.append(-30)
                }
                let gram = String(decoding: line[(tabs[0] + 1)..<tabs[1]], as: UTF8.self)
                if gram == "<unk>" {
                    unknown[unknown.count - 1] = value
                } else {
                    entries.append((languages.count - 1, Array(gram.unicodeScalars), value))
                }
            }
        }
        guard languages.count >= 2 else { throw ModelError(file: name, line: 0, reason: "fewer than two languages") }
        // N-grams are looked up by integer key: each scalar of the model's alphabet gets a
        // small number, and up to four numbers are packed into one UInt64.
        var alphabet: [Unicode.Scalar: UInt64] = [:]
        var rows: [UInt64: Int] = [:]
        var values: [Double] = []
        for (index, scalars, value) in entries where scalars.count <= 4 {
            var key: UInt64 = 0
            for scalar in scalars {
                if alphabet[scalar] == nil { alphabet[scalar] = UInt64(alphabet.count + 1) }
                key = key << 16 | alphabet[scalar]!
            }
            if rows[key] == nil {
                rows[key] = values.count
                values.append(contentsOf: unknown)
            }
            values[rows[key]! + index] = value
        }
        self.languages = languages
        self.alphabet = alphabet
        var smallAlphabet = [UInt64](repeating: 0, count: 0x3000)
        for (scalar, code) in alphabet where scalar.value < 0x3000 { smallAlphabet[Int(scalar.value)] = code }
        self.smallAlphabet = smallAlphabet
        self.rows = IntegerTable(rows)
        self.values = values
        self.unknown = unknown
        orders = (parameters["orders"] ?? "1,2,3,4").split(separator: ",").compactMap { Int($0) }
        minimumLetters = Int(parameters["min_letters"] ?? "3") ?? 3
        minimumConfidence = Double(parameters["min_confidence"] ?? "0.5") ?? 0.5
        temperature = Double(parameters["temperature"] ?? "12") ?? 12
    }

    /// The model bundled with Tilmash (loaded once, then shared).
    public static func bundled() throws -> LanguageIdentifier {
        try bundledModel.get()
    }

    /// The languages the model knows, in its tie-break order.
    public var knownLanguages: [Language] { languages }

    /// The language of `text` as a whole.
    public func identify(_ text: String) -> Guess {
        var totals = [Double](repeating: 0, count: languages.count)
        var none: [Double]? = nil
        let letters = accumulate(text, into: &totals, alsoInto: &none)
        return guess(totals, letters: letters)
    }

    /// The decision for scores `totals` over `letters` letters.
    private func guess(_ totals: [Double], letters: Int) -> Guess {
        guard letters > 0 else { return Guess(language: .undetermined, confidence: 0, margin: 0) }
        let ranked = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        let best = ranked[0], second = ranked[1]
        let margin = (totals[best] - totals[second]) / Double(letters)
        let z = totals.reduce(0) { $0 + exp(($1 - totals[best]) / temperature) }
        let confidence = 1 / z
        if letters < minimumLetters || confidence < minimumConfidence {
            return Guess(language: .undetermined, confidence: confidence, margin: margin)
        }
        return Guess(language: languages[best], confidence: confidence, margin: margin)
    }

    /// Adds the scores of `text`'s n-grams to `totals` (one per language) — and to `whole`,
    /// when given, so that a document's total comes out of the same pass as its sentences'
    /// — and returns the number of letters. Features are summed one by one in the
    /// reference scorer's order, in Double, so the sums are bit for bit the same.
    private func accumulate(_ text: String, into totals: inout [Double], alsoInto whole: inout [Double]?) -> Int {
        let (codes, wordStarts, letters) = Self.words(of: text, alphabet: alphabet, small: smallAlphabet)
        guard letters > 0 else { return 0 }
        totals.withUnsafeMutableBufferPointer { totals in
            if whole == nil {
                add(codes, wordStarts, totals, nil)
            } else {
                whole!.withUnsafeMutableBufferPointer { add(codes, wordStarts, totals, $0) }
            }
        }
        return letters
    }

    /// The feature loop of ``accumulate(_:into:alsoInto:)``.
    private func add(_ codes: [UInt64], _ wordStarts: [Int], _ totals: UnsafeMutableBufferPointer<Double>,
                     _ whole: UnsafeMutableBufferPointer<Double>?) {
        let boundary = alphabet["_"] ?? 0
        let count = totals.count
        var word: [UInt64] = []
        values.withUnsafeBufferPointer { values in
            unknown.withUnsafeBufferPointer { unknown in
                for (index, start) in wordStarts.enumerated() {
                    let end = index + 1 < wordStarts.count ? wordStarts[index + 1] : codes.count
                    word.removeAll(keepingCapacity: true)
                    word.append(boundary)
                    word.append(contentsOf: codes[start..<end])
                    word.append(boundary)
                    for order in orders where order <= word.count {
                        for start in 0...(word.count - order) {
                            if order == 1 && start == 0 || order == 1 && start == word.count - 1 { continue }
                            var key: UInt64 = 0
                            var known = true
                            for offset in 0..<order {
                                let code = word[start + offset]
                                if code == 0 { known = false }
                                key = key << 16 | code
                            }
                            let source = (known ? rows.value(for: key) : nil).map { values.baseAddress! + $0 } ?? unknown.baseAddress!
                            for language in 0..<count { totals[language] += source[language] }
                            if let whole { for language in 0..<count { whole[language] += source[language] } }
                        }
                    }
                }
            }
        }
    }

    /// The words of `text` in the model's normalization — NFC; apostrophes between letters
    /// kept as `'`, other apostrophes, digits, punctuation and spaces separate words;
    /// combining marks dropped; letters lowercased one by one (`İ` → `i`, `I` → `i`) — as
    /// the model's codes (0 for a scalar the model never saw), all words in one array with
    /// the index where each starts, and the number of letters (all but the apostrophes).
    private static func words(of text: String, alphabet: [Unicode.Scalar: UInt64], small: [UInt64]) -> ([UInt64], [Int], Int) {
        var codes: [UInt64] = []
        codes.reserveCapacity(text.utf8.count)
        var starts: [Int] = []
        var letters = 0
        forEachWordScalar(of: text) { scalar, startsWord in
            if startsWord { starts.append(codes.count) }
            if scalar != "'" { letters += 1 }
            codes.append(scalar.value < 0x3000 ? small[Int(scalar.value)] : alphabet[scalar] ?? 0)
        }
        return (codes, starts, letters)
    }

    /// Calls `body` with each scalar of each word (see above), in order, saying which
    /// scalars start a word.
    private static func forEachWordScalar(of text: String, _ body: (Unicode.Scalar, Bool) -> Void) {
        let composed = ((try? UnicodeNormalizer(.nfc).normalize(text)) ?? text).scalarArray
        let kinds = CharacterClass.table
        func category(_ scalar: Unicode.Scalar) -> UInt8 { CharacterClass.kind(scalar, in: kinds) & CharacterClass.wordCategories }
        func isLetter(_ index: Int) -> Bool {
            index >= 0 && index < composed.count && !isApostrophe(composed[index]) && category(composed[index]) == CharacterClass.letter
        }
        var inWord = false
        for (index, scalar) in composed.enumerated() {
            if isApostrophe(scalar) {
                if isLetter(index - 1) && isLetter(index + 1) {
                    body("'", !inWord)
                    inWord = true
                    continue
                }
            } else if category(scalar) == CharacterClass.mark {
                continue
            } else if category(scalar) == CharacterClass.letter {
                if scalar == "\u{130}" {
                    body("i", !inWord)
                } else if let lower = lowercase(scalar) {
                    body(lower, !inWord)
                } else {
                    var first = !inWord
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                        body(lower, first)
                        first = false
                    }
                }
                inWord = true
                continue
            }
            inWord = false
        }
    }

    /// The lowercase of a letter below U+3000 whose lowercase is one scalar, from a table.
    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard scalar.value < 0x3000 else { return nil }
        let value = lowercaseTable[Int(scalar.value)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    private static let lowercaseTable: [UInt32] = (0..<0x3000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
        let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
        return lower.count == 1 ? lower[0].value : 0
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x60, 0xB4, 0x2BB, 0x2BC, 0x2018, 0x2019: return true
        default: return false
        }
    }

}

/// A language model file that cannot be read.
public struct ModelError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}

private let bundledModel = ProcessWide {
    try LanguageIdentifier(model: try TilmashResources.text("langid/ngrams.tsv"))
}

extension LanguageIdentifier {
    /// Running scores of a text read in pieces, so a long document need not be held
    /// whole: ``add(_:to:)`` each piece (cut at whitespace or a line break, never inside a
    /// word), then ``guess(_:)`` gives exactly what ``identify(_:)`` gives for the whole.
    ///
    /// ```swift
    /// var scores = id.emptyScores()
    /// for piece in pieces { id.add(piece, to: &scores) }
    /// id.guess(scores).language
    /// ```
    public struct Scores: Sendable {
        fileprivate var totals: [Double]
        fileprivate var letters = 0
    }

    /// Scores of no text yet.
    public func emptyScores() -> Scores { Scores(totals: [Double](repeating: 0, count: languages.count)) }

    /// Adds `piece`'s n-grams (in the order ``identify(_:)`` sums them).
    public func add(_ piece: String, to scores: inout Scores) {
        var none: [Double]? = nil
        scores.letters += accumulate(piece, into: &scores.totals, alsoInto: &none)
    }

    /// The decision on everything added.
    public func guess(_ scores: Scores) -> Guess { guess(scores.totals, letters: scores.letters) }

    /// The language context for normalizing `text`: each sentence (ICU's sentence
    /// boundaries) identified on its own, so a Turkish sentence followed by an English one
    /// gets Turkish casing only in the first. A sentence too short to tell takes the
    /// language of the sentence before it, or of the whole text.
    public func context(for text: String) -> FilterContext {
        let units = Array(text.utf16)
        guard let ends = try? units.withUnsafeBufferPointer({ try SentenceBreaker().boundaries(in: $0) }), ends.count > 1 else {
            return FilterContext(runs: [], fallback: identify(text).language)
        }
        // One pass: each sentence's scores, and the whole text's summed alongside in the
        // same order (so `whole` is exactly `identify(text)`).
        var whole: [Double]? = [Double](repeating: 0, count: languages.count)
        var wholeLetters = 0
        var sentences: [(range: Range<Int>, guess: Language)] = []
        var unitStart = 0
        var scalarStart = 0
        for end in ends where end > unitStart {
            let sentence = String(utf16Units: units[unitStart..<end])
            let count = sentence.unicodeScalars.count
            var totals = [Double](repeating: 0, count: languages.count)
            let letters = accumulate(sentence, into: &totals, alsoInto: &whole)
            wholeLetters += letters
            sentences.append((scalarStart..<scalarStart + count, guess(totals, letters: letters).language))
            unitStart = end
            scalarStart += count
        }
        // Sentences that do not cover the text (never seen) fall back to scoring it whole.
        let wholeLanguage = unitStart == units.count ? guess(whole!, letters: wholeLetters).language : identify(text).language
        var runs: [FilterContext.LanguageRun] = []
        var previous = wholeLanguage
        for sentence in sentences {
            let language = sentence.guess == .undetermined ? previous : sentence.guess
            runs.append(.init(range: sentence.range, language: language))
            previous = language
        }
        return FilterContext(runs: runs, fallback: wholeLanguage)
    }
}
