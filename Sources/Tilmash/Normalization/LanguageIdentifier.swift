import Foundation

/// Identifies the language of a text — Turkish, Azerbaijani, German, English, Kazakh,
/// Russian, Uzbek or Kyrgyz — from character n-grams.
///
/// The model (`Resources/langid/ngrams.tsv`) holds, per language, the log-probabilities of
/// its most frequent character 1- to 4-grams, trained on real sentences from Debian's
/// translation catalogues and hunspell word lists by `Corpora/langid/train.py`;
/// `Corpora/langid/score.py` is the reference scorer this type reproduces exactly.
/// Text is lowercased scalar by scalar with `İ` → `i`, so ALL-CAPITALS text scores like
/// lower case. Too little text (fewer letters than the model's minimum) or too small a lead
/// of the best language over the next gives ``Language/undetermined``.
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
        /// Score lead of the best language over the second, per letter.
        public let margin: Double
    }

    private let languages: [Language]
    private let table: [String: [Float]]
    private let unknown: [Float]
    private let orders: [Int]
    private let minimumLetters: Int
    private let minimumMargin: Double
    private let temperature: Double

    /// Loads a model in the `ngrams.tsv` format (see its comment header).
    public init(model: String, name: String = "ngrams.tsv") throws {
        var languages: [Language] = []
        var perLanguage: [[String: Float]] = []
        var unknown: [Float] = []
        var parameters: [String: String] = [:]
        for (number, line) in model.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if line.hasPrefix("#!") {
                let pair = line.dropFirst(2).split(separator: "=", maxSplits: 1)
                if pair.count == 2 { parameters[pair[0].trimmingSpaces] = pair[1].trimmingSpaces }
                continue
            }
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let language = Language(code: String(fields[0])), let value = Float(fields[2]) else {
                throw ModelError(file: name, line: number + 1, reason: "expected language<TAB>ngram<TAB>logprob")
            }
            if languages.last != language {
                if languages.contains(language) {
                    throw ModelError(file: name, line: number + 1, reason: "language \(language.code) is not contiguous")
                }
                languages.append(language)
                perLanguage.append([:])
                unknown.append(-30)
            }
            if fields[1] == "<unk>" { unknown[unknown.count - 1] = value } else { perLanguage[perLanguage.count - 1][String(fields[1])] = value }
        }
        guard languages.count >= 2 else { throw ModelError(file: name, line: 0, reason: "fewer than two languages") }
        var table: [String: [Float]] = [:]
        for (index, grams) in perLanguage.enumerated() {
            for (gram, value) in grams {
                if table[gram] == nil { table[gram] = unknown }
                table[gram]![index] = value
            }
        }
        self.languages = languages
        self.table = table
        self.unknown = unknown
        orders = (parameters["orders"] ?? "1,2,3,4").split(separator: ",").compactMap { Int($0) }
        minimumLetters = Int(parameters["min_letters"] ?? "3") ?? 3
        minimumMargin = Double(parameters["min_margin"] ?? "0") ?? 0
        temperature = Double(parameters["temperature"] ?? "4") ?? 4
    }

    /// The model bundled with Tilmash (loaded once, then shared).
    public static func bundled() throws -> LanguageIdentifier {
        try BundledModel.shared.get()
    }

    /// The languages the model knows, in its tie-break order.
    public var knownLanguages: [Language] { languages }

    /// The language of `text` as a whole.
    public func identify(_ text: String) -> Guess {
        let words = Self.words(of: text)
        let letters = words.reduce(0) { $0 + $1.filter { $0 != "'" }.count }
        guard letters > 0 else { return Guess(language: .undetermined, confidence: 0, margin: 0) }
        var totals = [Double](repeating: 0, count: languages.count)
        var missing = 0
        for word in words {
            let padded: [Unicode.Scalar] = ["_"] + word + ["_"]
            for order in orders where order <= padded.count {
                for start in 0...(padded.count - order) {
                    if order == 1 && padded[start] == "_" { continue }
                    if let values = table[String(scalars: padded[start..<start + order])] {
                        for index in totals.indices { totals[index] += Double(values[index]) }
                    } else {
                        missing += 1
                    }
                }
            }
        }
        if missing > 0 { for index in totals.indices { totals[index] += Double(missing) * Double(unknown[index]) } }
        let ranked = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        let best = ranked[0], second = ranked[1]
        let margin = (totals[best] - totals[second]) / Double(letters)
        let z = totals.reduce(0) { $0 + exp(($1 - totals[best]) / temperature) }
        let confidence = 1 / z
        if letters < minimumLetters || margin < minimumMargin {
            return Guess(language: .undetermined, confidence: confidence, margin: margin)
        }
        return Guess(language: languages[best], confidence: confidence, margin: margin)
    }

    /// The model's text normalization: NFC; apostrophes between letters kept as `'`, other
    /// apostrophes, digits, punctuation and spaces separate words; combining marks dropped;
    /// letters lowercased one by one (`İ` → `i`, `I` → `i`).
    static func words(of text: String) -> [[Unicode.Scalar]] {
        let composed = Array(((try? UnicodeNormalizer(.nfc).normalize(text)) ?? text).unicodeScalars)
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func isLetter(_ index: Int) -> Bool {
            index >= 0 && index < composed.count && !apostrophes.contains(composed[index]) && isLetterCategory(composed[index])
        }
        for (index, scalar) in composed.enumerated() {
            if apostrophes.contains(scalar) {
                if isLetter(index - 1) && isLetter(index + 1) { current.append("'"); continue }
            } else if isMark(scalar) {
                continue
            } else if isLetterCategory(scalar) {
                if scalar == "\u{130}" { current.append("i") } else { current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars) }
                continue
            }
            if !current.isEmpty { words.append(current); current.removeAll() }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "`", "\u{B4}", "\u{2BB}", "\u{2BC}", "\u{2018}", "\u{2019}"]

    private static func isLetterCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
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

/// Loads the bundled model once per process.
private final class BundledModel: @unchecked Sendable {
    static let shared = BundledModel()
    private let lock = NSLock()
    private var model: LanguageIdentifier?

    func get() throws -> LanguageIdentifier {
        lock.lock()
        defer { lock.unlock() }
        if let model { return model }
        let loaded = try LanguageIdentifier(model: try TilmashResources.text("langid/ngrams.tsv"))
        model = loaded
        return loaded
    }
}

extension LanguageIdentifier {
    /// The language context for normalizing `text`: each paragraph (line) identified on its
    /// own; lines too short to tell take the language of the whole text.
    public func context(for text: String) -> FilterContext {
        let whole = identify(text).language
        var runs: [FilterContext.LanguageRun] = []
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let count = line.unicodeScalars.count
            let guess = identify(String(line)).language
            runs.append(.init(range: offset..<offset + count + 1, language: guess == .undetermined ? whole : guess))
            offset += count + 1
        }
        return FilterContext(runs: runs, fallback: whole)
    }
}
