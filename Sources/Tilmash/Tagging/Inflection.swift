/// Case endings by language (`Resources/tagging/suffixes.tsv`): how the tagger finds
/// `Kazakistan` in `Kazakistanda`, `Казахстан` in `Казахстана` and `Москва` in `Москве`.
struct Inflection: Sendable {
    /// One way to read a word as a name plus an ending.
    struct Reading: Sendable, Equatable {
        /// The key of the name (`kazakistan`, `москва`).
        let key: String
        /// How many scalars at the end of the word are the added ending (0 when the ending
        /// replaced part of the name: then the whole word is the span).
        let trimmed: Int
    }

    private struct Ending: Sendable {
        let ending: [Unicode.Scalar]
        let replacement: String?
    }

    /// Per language, the endings by their last letter, longest first.
    private let endings: [Language: [Unicode.Scalar: [Ending]]]

    init() throws {
        var endings: [Language: [Ending]] = [:]
        for line in try TilmashResources.text("tagging/suffixes.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let language = Language(code: fields[0]) else { continue }
            endings[language, default: []].append(Ending(ending: Array(fields[1].unicodeScalars),
                                                          replacement: fields.count > 2 ? fields[2] : nil))
        }
        // Longest endings first, so `ndaki` is tried before `da`.
        self.endings = endings.mapValues { list in
            Dictionary(grouping: list.filter { !$0.ending.isEmpty }, by: { $0.ending.last! })
                .mapValues { $0.sorted { $0.ending.count > $1.ending.count } }
        }
    }

    /// The readings of a word with key `key` under the endings of `languages`.
    func readings(of key: String, languages: [Language]) -> [Reading] {
        let scalars = key.scalarArray
        guard let last = scalars.last else { return [] }
        var result: [Reading] = []
        for language in languages {
            for ending in endings[language]?[last] ?? [] {
                let tail = ending.ending
                guard scalars.count - tail.count >= 3, scalars.suffix(tail.count).elementsEqual(tail) else { continue }
                let stem = String(scalars: scalars[0..<(scalars.count - tail.count)])
                if let replacement = ending.replacement {
                    result.append(Reading(key: stem + replacement, trimmed: 0))
                } else {
                    result.append(Reading(key: stem, trimmed: tail.count))
                }
            }
        }
        return result
    }

    /// Which ending lists apply to a word: its language's, and for Cyrillic words both
    /// Russian and Kazakh (the two are often mixed), for Latin words Turkish and German too
    /// when the text's language is not known.
    static func languages(for language: Language, cyrillic: Bool) -> [Language] {
        if cyrillic { return language == .kazakh ? [.kazakh, .russian] : [.russian, .kazakh] }
        switch language {
        case .turkish, .azerbaijani: return [language]
        case .german: return [.german]
        case .english: return [.english]
        default: return [.turkish, .german, .english]
        }
    }
}
