import Foundation
import Testing
@testable import Tilmash

/// The library's public types used from 8 threads at once give the results one thread
/// gives. Half the threads share one instance of each type, the other half make their own
/// (so the process-wide caches behind the constructors are raced as well). Run it under
/// ThreadSanitizer with `swift test --sanitize=thread --scratch-path .build-tsan --filter Hardening`.
@Suite struct HardeningConcurrencyTests {
    static let threadCount = 8
    /// Each thread goes through every text this many times, each thread in its own order.
    static let rounds = 1

    /// Short documents in every language, with the damage the filters repair.
    static func inputs() throws -> [String] {
        var texts = [
            "DIŞİŞLERİ Bakanlığı’nın „Açıklaması“ İstanbul’da ılık.",
            "Die Zusammen-\narbeit der Kazak-\nRus Gruppe; Präsident Tokajew besuchte Astana. ÄRZTE, Straße, ﬁnden.",
            "Президент Тоқаев Астанада. Қасым-Жомарт Тоқаев, Шымкент, Жапаров.",
            "Шавкат Мирзиёев, Чолпон, Абдрахманов посетил Москву 10.09.2015.",
            "Vertrauen и Dialog — Azərbaycan Respublikasının Prezidenti İlham Əliyev Bakıda.",
            "Dr. Aliyev 12. Dezember’de Astana’da. Bkz. https://www.commvisory.de/ info@x.kz #Astana2025",
            "e\u{301}\u{308} Ａ² ŉ ǅ \u{200B}\u{AD}\u{FEFF} \t  spaces  ",
            "",
        ]
        for name in ["000_cdb847884835670f.txt", "003_e905b970b9dda345.txt", "004_ddc9d047bacb3bd0.txt"] {
            texts.append(String(try Fixture.seed(name).prefix(700)))
        }
        return texts
    }

    /// The instances the threads share.
    struct Tools: Sendable {
        let mappers: [CaseMapper]
        let normalizers: [UnicodeNormalizer]
        let transliterators: [Transliterator]
        let profiles: [Profile]
        let identifier: LanguageIdentifier
        let tokenizers: [Tokenizer]
        let tagger: Tagger

        static func make(fresh: Bool) throws -> Tools {
            Tools(
                mappers: try [Language.turkish, .english, .german, .kazakh].map { try CaseMapper(language: $0) },
                normalizers: try UnicodeNormalizer.Form.allCases.map { try UnicodeNormalizer($0) },
                transliterators: try fresh
                    ? [try Transliterator(id: "Any-Latin"), try Transliterator(id: "Latin-ASCII")]
                    : TransliterationScheme.allCases.map { try $0.transliterator() },
                profiles: [try Profile.repair, try Profile.search, try Profile.ascii],
                identifier: try LanguageIdentifier.bundled(),
                tokenizers: [try Tokenizer(language: nil), try Tokenizer(language: .turkish), try Tokenizer(language: .russian)],
                tagger: try Tagger.bundled())
        }
    }

    /// Everything the types say about `text`, as one comparable list of strings.
    static func results(_ text: String, tools: Tools) throws -> [String] {
        var out: [String] = []
        for mapper in tools.mappers {
            for operation in CaseMapper.Operation.allCases { out.append(try mapper.map(text, operation)) }
        }
        for normalizer in tools.normalizers { out.append(try normalizer.normalize(text)) }
        for transliterator in tools.transliterators { out.append(try transliterator.transliterate(text)) }
        for scheme in TransliterationScheme.allCases { out.append(try scheme.transliterate(text)) }
        for profile in tools.profiles {
            for language in [nil, Language.turkish, .german, .kazakh] {
                let normalized = try profile.normalize(text, language: language)
                out.append(normalized.text + " " + normalized.language.code + " "
                    + normalized.sourceRanges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ","))
            }
        }
        let guess = tools.identifier.identify(text)
        out.append("\(guess.language.code) \(guess.confidence) \(guess.margin)")
        for tokenizer in tools.tokenizers {
            for sentence in try tokenizer.sentences(text) {
                out.append(sentence.tokens.map { "\($0.range) \($0.text) \($0.norm) \($0.kind) \($0.language.code) \($0.stem ?? "")" }
                    .joined(separator: "|"))
            }
        }
        for language in [nil, Language.german, .russian] {
            out.append(try tools.tagger.tag(text, language: language)
                .map { "\($0.range) \($0.text) \($0.type) \($0.id) \($0.source)" }.joined(separator: "|"))
        }
        return out
    }

    @Test func eightThreadsGiveTheSingleThreadResults() throws {
        let texts = try Self.inputs()
        // One thread first: the reference results, for the shared and for fresh instances.
        let shared = try Tools.make(fresh: false)
        let expected = try texts.map { try Self.results($0, tools: shared) }
        let expectedFresh = try texts.map { try Self.results($0, tools: try Tools.make(fresh: true)) }

        let outcome = Outcome()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for thread in 0..<Self.threadCount {
            done.enter()
            let worker = Thread {
                defer { done.leave() }
                start.wait()
                do {
                    // Even threads share the instances; odd ones make their own.
                    let fresh = thread % 2 == 1
                    let tools = fresh ? try Tools.make(fresh: true) : shared
                    var compared = 0
                    for round in 0..<Self.rounds {
                        for step in texts.indices {
                            let index = (step + thread * 3 + round) % texts.count
                            let result = try Self.results(texts[index], tools: tools)
                            if result != (fresh ? expectedFresh : expected)[index] {
                                outcome.fail(thread: thread, "text \(index), round \(round): results differ from one thread's")
                            }
                            compared += 1
                        }
                    }
                    outcome.finished(thread: thread, compared: compared)
                } catch {
                    outcome.fail(thread: thread, "\(error)")
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        for _ in 0..<Self.threadCount { start.signal() }
        done.wait()

        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.compared == Self.threadCount * Self.rounds * texts.count)
    }

    /// Collects the threads' findings under a lock.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var _compared = 0
        private var _failures: [String] = []
        var compared: Int { lock.withLock { _compared } }
        var failures: [String] { lock.withLock { _failures } }
        func finished(thread: Int, compared count: Int) { lock.withLock { _compared += count } }
        func fail(thread: Int, _ message: String) { lock.withLock { _failures.append("thread \(thread): \(message)") } }
    }
}
