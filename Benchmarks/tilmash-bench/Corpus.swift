import Foundation
import Tilmash

/// One document: its bytes, its text, the language the stages are told, its token count.
struct Document: Sendable {
    let bytes: [UInt8]
    let text: String
    let language: Language
    let tokens: Int
}

/// A benchmark corpus: a few distinct documents and the order they are processed in. The
/// scaled corpus repeats the distinct documents (their storage is shared), so 10 MB of
/// work needs only the memory of the originals.
struct Corpus: Sendable {
    /// What the corpus is, for the report: "seeds (5 files)".
    let name: String
    let documents: [Document]
    /// Indices into `documents`: the scaled corpus in processing order.
    let order: [Int]

    /// UTF-8 bytes of the scaled corpus.
    var bytes: Int { order.reduce(0) { $0 + documents[$1].bytes.count } }
    /// Tokens of the scaled corpus (Tilmash tokenizer).
    var tokens: Int { order.reduce(0) { $0 + documents[$1].tokens } }
    /// UTF-8 bytes of the distinct documents.
    var distinctBytes: Int { documents.reduce(0) { $0 + $1.bytes.count } }

    /// The first documents of the scaled corpus, at least `bytes` bytes of them (all when
    /// fewer).
    func prefix(bytes limit: Int) -> Corpus {
        var total = 0
        var count = 0
        while count < order.count && total < limit {
            total += documents[order[count]].bytes.count
            count += 1
        }
        return Corpus(name: name, documents: documents, order: Array(order.prefix(max(count, 1))))
    }
}

struct CorpusError: Error, CustomStringConvertible {
    let description: String
}

/// Reads corpora and decides each document's language.
struct CorpusLoader {
    let options: Options
    /// The language identifier, when its model could be loaded.
    let identifier: LanguageIdentifier?
    /// Why it could not.
    let identifierError: String?

    init(options: Options) {
        self.options = options
        do {
            identifier = try LanguageIdentifier.bundled()
            identifierError = nil
        } catch {
            identifier = nil
            identifierError = "\(error)"
        }
    }

    /// The main corpus: `--corpus FILE`, or every `*.txt` of the seed folder (one
    /// document each).
    func main() throws -> Corpus {
        if let path = options.corpus {
            return try file(path, name: (path as NSString).lastPathComponent, language: nil)
        }
        let folder = options.seeds
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CorpusError(description: "seed corpus folder '\(folder)' not found (current directory: "
                + "\(FileManager.default.currentDirectoryPath)); run from the package root, or give --seeds DIR or --corpus FILE")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        guard !names.isEmpty else { throw CorpusError(description: "no *.txt files in '\(folder)'") }
        let documents = try names.map { name -> Document in
            let path = (folder as NSString).appendingPathComponent(name)
            return try document(read(path), language: nil)
        }
        return Corpus(name: "\(folder) (\(names.count) files)", documents: documents, order: scaled(documents))
    }

    /// A text file cut into documents of about `--doc-kb` KB and scaled like the main corpus.
    func file(_ path: String, name: String, language: Language?) throws -> Corpus {
        let bytes = try read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CorpusError(description: "\(path) is not valid UTF-8")
        }
        let pieces = Self.split(text, target: options.documentKB * 1024)
        guard !pieces.isEmpty else { throw CorpusError(description: "\(path) is empty") }
        let documents = pieces.map { document(Array($0.utf8), language: language) }
        return Corpus(name: name, documents: documents, order: scaled(documents))
    }

    private func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CorpusError(description: "cannot read '\(path)'")
        }
        return [UInt8](data)
    }

    private func document(_ bytes: [UInt8], language: Language?) -> Document {
        let text = UTF8Decoder.decode(bytes).text
        let resolved: Language
        if let fixed = Language(code: options.language) {
            resolved = fixed
        } else {
            resolved = language ?? identify(text)
        }
        return Document(bytes: bytes, text: text, language: resolved, tokens: Self.countTokens(text, language: resolved))
    }

    /// The document's language: the bundled model's answer, or when the model is missing a
    /// letter heuristic (Kazakh or Turkish letters, German umlauts, Cyrillic, else English).
    func identify(_ text: String) -> Language {
        if let identifier {
            let guess = identifier.identify(text).language
            if guess != .undetermined { return guess }
        }
        var counts: [Language: Int] = [:]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "Ә", "Ғ", "Қ", "Ң", "Ө", "Ұ", "Ү", "Һ", "І": counts[.kazakh, default: 0] += 3
            case "\u{400}"..."\u{4FF}": counts[.russian, default: 0] += 1
            case "ı", "ş", "ğ", "İ", "Ş", "Ğ": counts[.turkish, default: 0] += 3
            case "ä", "ß", "Ä": counts[.german, default: 0] += 3
            case "a"..."z", "A"..."Z": counts[.english, default: 0] += 0
            default: break
            }
        }
        if counts[.kazakh, default: 0] > 0 && counts[.kazakh, default: 0] * 10 > counts[.russian, default: 0] { return .kazakh }
        if counts[.russian, default: 0] > 0 { return .russian }
        return counts.filter { $0.value > 0 }.max { $0.value < $1.value }?.key ?? .english
    }

    /// Document indices repeated (or cut) to `--scale-mb` MB; `0` keeps every document once.
    private func scaled(_ documents: [Document]) -> [Int] {
        guard options.scaleMB > 0 else { return Array(documents.indices) }
        let target = Int(options.scaleMB * 1_000_000)
        var order: [Int] = []
        var total = 0
        while total < target {
            let index = order.count % documents.count
            order.append(index)
            total += documents[index].bytes.count
        }
        return order
    }

    /// Tokens of `text` by Tilmash's tokenizer (whitespace-separated words if it fails).
    static func countTokens(_ text: String, language: Language) -> Int {
        if let tokens = try? Tokenizer(language: language).tokenize(text) { return tokens.count }
        return text.split(whereSeparator: \.isWhitespace).count
    }

    /// `text` cut into pieces of about `target` bytes: at a blank line once a piece is
    /// `target` long, at a line end once it is twice that, inside an over-long line at a
    /// space.
    static func split(_ text: String, target: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var currentBytes = 0
        func flush() {
            if !current.isEmpty { pieces.append(current) }
            current = ""
            currentBytes = 0
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line)
            while rest.utf8.count > 4 * target {
                let window = rest.utf8.index(rest.startIndex, offsetBy: target)
                let cut = rest[..<window].lastIndex(of: " ").map { rest.index(after: $0) } ?? window
                flush()
                pieces.append(String(rest[..<cut]))
                rest = rest[cut...]
            }
            let blank = rest.allSatisfy(\.isWhitespace)
            if currentBytes >= 2 * target || (blank && currentBytes >= target) { flush() }
            current += rest
            current += "\n"
            currentBytes += rest.utf8.count + 1
        }
        flush()
        return pieces
    }
}
