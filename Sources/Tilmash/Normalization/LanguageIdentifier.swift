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
    private let alphabet: [Unicode.Scalar: UInt32]
    /// The alphabet numbers of scalars below U+3000 (0: not in the model).
    private let smallAlphabet: [UInt32]
    /// The code of `_`, the word boundary of the model's n-grams (0 if it has none).
    private let boundary: UInt32
    /// N-gram key (up to four 8-bit letter codes) → its score in every language.
    private let table: NGramTable
    private let composer: UnicodeNormalizer
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
        guard languages.count <= NGramTable.maximumLanguages else {
            throw ModelError(file: name, line: 0, reason: "more than \(NGramTable.maximumLanguages) languages")
        }
        // N-grams are looked up by integer key: each scalar of the model's alphabet gets a
        // small number, and up to four numbers are packed into one UInt32.
        var alphabet: [Unicode.Scalar: UInt32] = [:]
        var rows: [UInt32: Int] = [:]
        var keys: [UInt32] = [], values: [Double] = [], known: [UInt8] = []
        for (index, scalars, value) in entries where scalars.count <= 4 {
            var key: UInt32 = 0
            for scalar in scalars {
                if alphabet[scalar] == nil { alphabet[scalar] = UInt32(alphabet.count + 1) }
                key = key << 8 | alphabet[scalar]!
            }
            guard alphabet.count < 256 else { throw ModelError(file: name, line: 0, reason: "more than 255 letters") }
            let row: Int
            if let known = rows[key] { row = known } else {
                row = keys.count
                rows[key] = row
                keys.append(key)
                known.append(0)
                values.append(contentsOf: repeatElement(0, count: languages.count))
            }
            values[row * languages.count + index] = value
            known[row] |= 1 << UInt8(index)
        }
        self.languages = languages
        self.alphabet = alphabet
        var smallAlphabet = [UInt32](repeating: 0, count: 0x3000)
        for (scalar, code) in alphabet where scalar.value < 0x3000 { smallAlphabet[Int(scalar.value)] = code }
        self.smallAlphabet = smallAlphabet
        boundary = alphabet["_"] ?? 0
        self.table = NGramTable(keys: keys, values: values, known: known, unknown: unknown)
        self.composer = try UnicodeNormalizer(.nfc)
        orders = (parameters["orders"] ?? "1,2,3,4").split(separator: ",").compactMap { Int($0) }
        guard orders.allSatisfy({ (1...4).contains($0) }) else { throw ModelError(file: name, line: 0, reason: "n-gram orders must be 1 to 4") }
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
        var scores = emptyScores()
        add(text, to: &scores)
        return guess(scores)
    }

    /// The decision for scores `totals` over `letters` letters.
    private func guess(_ lanes: NGramTable.Scores, letters: Int) -> Guess {
        let totals = (0..<languages.count).map { lanes[$0] }
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

    /// Buffers one scoring pass reuses from sentence to sentence.
    private struct Scratch {
        var scalars: [Unicode.Scalar] = []
        var word: [UInt32] = []
    }

    /// Adds the scores of the n-grams of `units` (UTF-16 of a sentence or a whole text) to
    /// `totals` — and to `whole`, when given, so that a document's total comes out of the
    /// same pass as its sentences' — and returns the number of letters. Features are
    /// summed one by one in the reference scorer's order, each language in its own lane,
    /// so the sums are bit for bit the reference's.
    private func accumulate(_ units: UnsafeBufferPointer<UInt16>, into totals: inout NGramTable.Scores,
                            alsoInto whole: UnsafeMutablePointer<NGramTable.Scores>?, scratch: inout Scratch) -> Int {
        // The model reads NFC: most text already is (ICU's quick check), the rest is
        // composed first.
        scratch.scalars.removeAll(keepingCapacity: true)
        if ((try? composer.normalizedPrefixLength(units)) ?? 0) == units.count {
            Self.forEachScalar(in: units) { scratch.scalars.append($0) }
        } else {
            let composed = (try? composer.normalize(Array(units))) ?? Array(units)
            composed.withUnsafeBufferPointer { Self.forEachScalar(in: $0) { scratch.scalars.append($0) } }
        }
        var letters = 0
        let boundary = boundary
        scratch.word.removeAll(keepingCapacity: true)
        scratch.word.append(boundary)
        let small = smallAlphabet
        func code(_ scalar: Unicode.Scalar) -> UInt32 {
            scalar.value < 0x3000 ? small[Int(scalar.value)] : alphabet[scalar] ?? 0
        }
        var sums = totals
        func endWord(_ word: inout [UInt32]) {
            guard word.count > 1 else { return }
            word.append(boundary)
            word.withUnsafeBufferPointer { addFeatures($0, &sums, whole) }
            word.removeAll(keepingCapacity: true)
            word.append(boundary)
        }
        Self.forEachWordScalar(of: scratch.scalars) { scalar, startsWord in
            if startsWord { endWord(&scratch.word) }
            if scalar != "'" { letters += 1 }
            scratch.word.append(code(scalar))
        }
        endWord(&scratch.word)
        totals = sums
        return letters
    }

    /// Adds the n-gram features of one word (its codes between two boundary codes), one
    /// vector addition each: every language's lane sums its scores in the reference
    /// scorer's order, so each is bit for bit the reference's.
    @inline(__always)
    private func addFeatures(_ word: UnsafeBufferPointer<UInt32>, _ totals: inout NGramTable.Scores,
                             _ whole: UnsafeMutablePointer<NGramTable.Scores>?) {
        for order in orders where order <= word.count {
            for start in 0...(word.count - order) {
                if order == 1 && (start == 0 || start == word.count - 1) { continue }
                var key: UInt32 = 0
                var known = true
                for offset in 0..<order {
                    let code = word[start + offset]
                    if code == 0 { known = false }
                    key = key << 8 | code
                }
                let scores = known ? table.scores(for: key) : table.unknown
                totals += scores
                whole?.pointee += scores
            }
        }
    }

    /// Calls `body` with each scalar of UTF-16 `units` (U+FFFD for a lone surrogate).
    private static func forEachScalar(in units: UnsafeBufferPointer<UInt16>, _ body: (Unicode.Scalar) -> Void) {
        var index = 0
        while index < units.count {
            let value: UInt32
            (value, index) = UTF16Encoding.read(units, at: index)
            body(Unicode.Scalar(value).unsafelyUnwrapped)
        }
    }

    /// Calls `body` with each scalar of each word of `composed` (NFC) in the model's
    /// normalization — apostrophes between letters kept as `'`, other apostrophes, digits,
    /// punctuation and spaces separate words; combining marks dropped; letters lowercased
    /// one by one (`İ` → `i`, `I` → `i`) — in order, saying which scalars start a word.
    private static func forEachWordScalar(of composed: [Unicode.Scalar], _ body: (Unicode.Scalar, Bool) -> Void) {
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
        fileprivate var totals: NGramTable.Scores
        fileprivate var letters = 0
    }

    /// Scores of no text yet.
    public func emptyScores() -> Scores { Scores(totals: .zero) }

    /// Adds `piece`'s n-grams (in the order ``identify(_:)`` sums them).
    public func add(_ piece: String, to scores: inout Scores) {
        var scratch = Scratch()
        let units = piece.utf16Array
        scores.letters += units.withUnsafeBufferPointer { accumulate($0, into: &scores.totals, alsoInto: nil, scratch: &scratch) }
    }

    /// The decision on everything added.
    public func guess(_ scores: Scores) -> Guess { guess(scores.totals, letters: scores.letters) }

    /// The language context for normalizing `text`: each sentence (ICU's sentence
    /// boundaries) identified on its own, so a Turkish sentence followed by an English one
    /// gets Turkish casing only in the first. A sentence too short to tell takes the
    /// language of the sentence before it, or of the whole text.
    public func context(for text: String) -> FilterContext {
        text.utf16Array.withUnsafeBufferPointer { units in
            context(units: units, sentenceEnds: try? SentenceBreaker().boundaries(in: units))
        }
    }

    /// ``context(for:)`` of the UTF-16 `units` with the sentence ends ICU found in them.
    private func context(units: UnsafeBufferPointer<UInt16>, sentenceEnds: [Int]?) -> FilterContext {
        guard let ends = sentenceEnds, ends.count > 1, ends.last == units.count else {
            var scratch = Scratch()
            var totals = NGramTable.Scores.zero
            let letters = accumulate(units, into: &totals, alsoInto: nil, scratch: &scratch)
            return FilterContext(runs: [], fallback: guess(totals, letters: letters).language)
        }
        // One pass: each sentence's scores, and the whole text's summed alongside in
        // the same order (so `whole` is exactly `identify(text)`).
        var scratch = Scratch()
        var whole = NGramTable.Scores.zero
        var wholeLetters = 0
        var sentences: [(range: Range<Int>, guess: Language)] = []
        var unitStart = 0
        var scalarStart = 0
        withUnsafeMutablePointer(to: &whole) { whole in
            for end in ends where end > unitStart {
                let sentence = UnsafeBufferPointer(rebasing: units[unitStart..<end])
                var count = 0
                for unit in sentence where unit & 0xFC00 != 0xDC00 { count += 1 }
                var totals = NGramTable.Scores.zero
                let letters = accumulate(sentence, into: &totals, alsoInto: whole, scratch: &scratch)
                wholeLetters += letters
                sentences.append((scalarStart..<scalarStart + count, guess(totals, letters: letters).language))
                unitStart = end
                scalarStart += count
            }
        }
        let wholeLanguage = guess(whole, letters: wholeLetters).language
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

extension LanguageIdentifier {
    /// ``context(for:)`` for a text whose output reads the language only at the scalars
    /// `reads` accepts: only the sentences holding one are identified — and, for one too
    /// short to tell, the sentences before it back to one that tells; when none does, the
    /// whole text is needed and the result is ``context(for:)``'s. The runs of the other
    /// sentences, and the fallback, are ``Language/undetermined``: wherever a scalar
    /// `reads` accepts stands, the language is ``context(for:)``'s.
    public func context(for text: String, readingAt reads: (Unicode.Scalar) -> Bool) -> FilterContext {
        let units = text.utf16Array
        return units.withUnsafeBufferPointer { units in
            let sentenceEnds = try? SentenceBreaker().boundaries(in: units)
            guard let ends = sentenceEnds, ends.count > 1, ends.last == units.count else {
                return context(units: units, sentenceEnds: sentenceEnds)
            }
            var sentences: [(units: Range<Int>, scalars: Range<Int>, read: Bool)] = []
            var unitStart = 0, scalarStart = 0
            for end in ends where end > unitStart {
                var count = 0, read = false
                Self.forEachScalar(in: UnsafeBufferPointer(rebasing: units[unitStart..<end])) { scalar in
                    count += 1
                    if !read && reads(scalar) { read = true }
                }
                sentences.append((unitStart..<end, scalarStart..<scalarStart + count, read))
                unitStart = end
                scalarStart += count
            }
            var guesses = [Language?](repeating: nil, count: sentences.count)
            var scratch = Scratch()
            func guess(of index: Int) -> Language {
                if let known = guesses[index] { return known }
                var totals = NGramTable.Scores.zero
                let sentence = UnsafeBufferPointer(rebasing: units[sentences[index].units])
                let letters = accumulate(sentence, into: &totals, alsoInto: nil, scratch: &scratch)
                let language = self.guess(totals, letters: letters).language
                guesses[index] = language
                return language
            }
            var runs: [FilterContext.LanguageRun] = []
            for (index, sentence) in sentences.enumerated() {
                guard sentence.read else {
                    runs.append(.init(range: sentence.scalars, language: .undetermined))
                    continue
                }
                // A sentence too short to tell takes the language of the one before it.
                var teller = index
                var language = guess(of: teller)
                while language == .undetermined {
                    if teller == 0 { return context(units: units, sentenceEnds: ends) }
                    teller -= 1
                    language = guess(of: teller)
                }
                runs.append(.init(range: sentence.scalars, language: language))
            }
            return FilterContext(runs: runs, fallback: .undetermined)
        }
    }
}
