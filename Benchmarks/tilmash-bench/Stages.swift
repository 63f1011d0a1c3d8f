import Foundation
import Tilmash

/// The work of a stage on one document; returns a number derived from the result (so the
/// work cannot be optimised away).
typealias Work = @Sendable (Document) throws -> Int

/// One benchmark stage: its name, the text it reads, how many threads, and a setup step
/// (loading models, compiling rules — not timed) that yields the per-document work.
struct Stage {
    let name: String
    let corpus: Corpus
    let jobs: Int
    let setup: () throws -> Work
}

/// The stages of the issue, in report order.
struct StagePlan {
    let options: Options
    let main: Corpus
    let translitCorpora: [TransliterationScheme: Corpus]

    func stages() -> [Stage] {
        let taggers = TaggerCache(path: options.gazetteer)
        // The language a stage is told for a document: nil with `--lang auto`.
        let auto = options.language == "auto"
        @Sendable func language(_ document: Document) -> Language? { auto ? nil : document.language }
        var list: [Stage] = []

        list.append(Stage(name: "decode", corpus: main, jobs: 1) {
            { UTF8Decoder.decode($0.bytes).text.utf8.count }
        })
        for (name, profile) in [("repair", { try Profile.repair }), ("search", { try Profile.search }), ("ascii", { try Profile.ascii })]
            as [(String, () throws -> Profile)] {
            list.append(Stage(name: "normalize.\(name)", corpus: main, jobs: 1) {
                let profile = try profile()
                if auto {
                    // What `tilmash normalize` does by default: line by line, each line's
                    // language identified only when its output depends on it.
                    _ = try LanguageIdentifier.bundled()
                    _ = profile.readsLanguage(in: "")
                    // Lines are cut from the UTF-8 bytes, as the CLI's line reader does
                    // (splitting the String by Characters cost more than normalizing).
                    return { document in
                        var count = 0
                        var start = 0
                        let bytes = document.bytes
                        while start <= bytes.count {
                            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                            let line = String(decoding: bytes[start..<end], as: UTF8.self)
                            count += try profile.normalizeIdentifyingWhereNeeded(line).scalarCount
                            start = end + 1
                        }
                        return count
                    }
                }
                return { try profile.normalize($0.text, language: language($0)).scalarCount }
            })
        }
        for scheme in TransliterationScheme.allCases {
            list.append(Stage(name: "translit.\(scheme.rawValue)", corpus: translitCorpora[scheme] ?? main, jobs: 1) {
                _ = try scheme.transliterate("")   // compile the rules before timing
                return { try scheme.transliterate($0.text).utf8.count }
            })
        }
        list.append(Stage(name: "langid", corpus: main, jobs: 1) {
            let identifier = try LanguageIdentifier.bundled()
            return { identifier.identify($0.text).language.code.count }
        })
        list.append(Stage(name: "tokenize", corpus: main, jobs: 1) {
            let tokenizers = try Self.tokenizers(for: main, auto: auto)
            return { try tokenizers[language($0)]!.tokenize($0.text).count }
        })
        list.append(Stage(name: "tag", corpus: main, jobs: 1) {
            let tagger = try taggers.get()
            if auto { _ = try LanguageIdentifier.bundled() }
            return { try tagger.tag($0.text, language: language($0)).count }
        })
        for jobs in [1] + options.jobs {
            list.append(Stage(name: jobs == 1 ? "pipeline" : "pipeline.jobs\(jobs)", corpus: main, jobs: jobs) {
                try Self.pipeline(main, auto: auto, tagger: try taggers.get())
            })
        }
        return list.filter { options.wants($0.name) }
    }

    /// The whole pipeline on one document: the `search` profile's text (for an index),
    /// tokens (their norms taken from that text, not normalized again), and the entities
    /// found in those tokens.
    private static func pipeline(_ corpus: Corpus, auto: Bool, tagger: Tagger) throws -> Work {
        let search = try Profile.search
        let tokenizers = try tokenizers(for: corpus, auto: auto)
        return { document in
            let language: Language? = auto ? nil : document.language
            let normalized = try search.normalize(document.text, language: language)
            let tokens = try tokenizers[language]!.tokenize(document.text, normalized: normalized)
            let entities = tagger.tag(tokens: tokens, in: document.text, language: tokens.first?.language ?? normalized.language)
            return normalized.scalarCount + tokens.count + entities.count
        }
    }

    /// One tokenizer per language of the corpus (the `nil` one identifies per document).
    private static func tokenizers(for corpus: Corpus, auto: Bool) throws -> [Language?: Tokenizer] {
        if auto {
            _ = try LanguageIdentifier.bundled()
            return [nil: try Tokenizer(language: nil)]
        }
        var tokenizers: [Language?: Tokenizer] = [:]
        for language in Set(corpus.documents.map(\.language)) {
            tokenizers[language] = try Tokenizer(language: language)
        }
        return tokenizers
    }
}

/// The tagger of the run, built on first use: the bundled one, or one over `--gazetteer`.
final class TaggerCache {
    private let path: String?
    private var made: Result<Tagger, Error>?

    init(path: String?) { self.path = path }

    func get() throws -> Tagger {
        if made == nil {
            made = Result {
                guard let path else { return try Tagger.bundled() }
                return try Tagger(gazetteer: try Gazetteer.load(path: path))
            }
        }
        return try made!.get()
    }
}
