/// Case endings by language (`Resources/tagging/suffixes.tsv`): how the tagger finds
/// `Kazakistan` in `Kazakistanda`, `Казахстан` in `Казахстана` and `Москва` in `Москве`.
struct Inflection: Sendable {
    /// One way to read a word as a name plus an ending, where the name is a word of the
    /// gazetteer.
    struct Reading: Sendable, Equatable {
        /// The gazetteer word id of the name (`kazakistan`, `москва`).
        let word: UInt32
        /// How many scalars at the end of the word are the added ending (0 when the ending
        /// replaced part of the name: then the whole word is the span).
        let trimmed: Int
    }

    private struct Ending: Sendable {
        /// The ending's UTF-8 bytes.
        let ending: [UInt8]
        /// Its length in scalars.
        let scalars: Int
        /// What replaces it to give the name (`а` for `Москве` → `Москва`), or nil.
        let replacement: [UInt8]?
    }

    /// Per language, the endings by their last UTF-8 byte, longest first.
    private let endings: [Language: [UInt8: [Ending]]]

    init() throws {
        var endings: [Language: [Ending]] = [:]
        for line in try TilmashResources.text("tagging/suffixes.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let language = Language(code: fields[0]) else { continue }
            endings[language, default: []].append(Ending(ending: Array(fields[1].utf8), scalars: fields[1].unicodeScalars.count,
                                                          replacement: fields.count > 2 ? Array(fields[2].utf8) : nil))
        }
        // Longest endings first, so `ndaki` is tried before `da`.
        self.endings = endings.mapValues { list in
            Dictionary(grouping: list.filter { !$0.ending.isEmpty }, by: { $0.ending.last! })
                .mapValues { $0.sorted { $0.scalars > $1.scalars } }
        }
    }

    /// The readings of a word with key `key` under the endings of `languages` whose name
    /// is a word of `image` — looked up from the key's bytes, no string built. (UTF-8 is
    /// self-synchronising: an ending's bytes at the end of the key end at a scalar boundary.)
    func readings(of key: String, languages: [Language], in image: GazetteerImage) -> [Reading] {
        var key = key
        return key.withUTF8 { bytes -> [Reading] in
            guard let last = bytes.last else { return [] }
            var result: [Reading] = []
            for language in languages {
                for ending in endings[language]?[last] ?? [] {
                    let stemLength = bytes.count - ending.ending.count
                    guard stemLength > 0 else { continue }
                    // at least three scalars before the ending
                    var scalars = 0
                    for byte in bytes[..<stemLength] where byte & 0xc0 != 0x80 {
                        scalars += 1
                        if scalars >= 3 { break }
                    }
                    guard scalars >= 3, bytes[stemLength...].elementsEqual(ending.ending) else { continue }
                    let stem = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<stemLength])
                    let found = ending.replacement.map { replacement in
                        replacement.withUnsafeBytes { image.word(stem: stem, ending: $0) }
                    } ?? image.word(stem: stem, ending: UnsafeRawBufferPointer(start: nil, count: 0))
                    if let found { result.append(Reading(word: found, trimmed: ending.replacement == nil ? ending.scalars : 0)) }
                }
            }
            return result
        }
    }

    /// The stems of a word with key `key` under the endings of `languages`, whatever the
    /// gazetteer holds (for names a document taught: `лофнеру` → `лофнер`), longest ending
    /// first; `trimmed` is 0 where the ending replaced letters.
    func stems(of key: String, languages: [Language]) -> [(key: String, trimmed: Int)] {
        let bytes = Array(key.utf8)
        guard let last = bytes.last else { return [] }
        var result: [(key: String, trimmed: Int)] = []
        for language in languages {
            for ending in endings[language]?[last] ?? [] {
                let stemLength = bytes.count - ending.ending.count
                guard stemLength > 0, bytes[stemLength...].elementsEqual(ending.ending),
                      bytes[..<stemLength].filter({ $0 & 0xc0 != 0x80 }).count >= 3 else { continue }
                let stem = String(decoding: bytes[..<stemLength] + (ending.replacement ?? []), as: UTF8.self)
                result.append((stem, ending.replacement == nil ? ending.scalars : 0))
            }
        }
        return result
    }

    /// Which ending lists apply to a word: its language's, and for Cyrillic words both
    /// Russian and Kazakh (the two are often mixed), for Latin words Turkish and German too
    /// when the text's language is not known.
    static func languages(for language: Language, key: String) -> [Language] {
        languages(for: language, cyrillic: key.unicodeScalars.contains { !$0.isASCII && Script.of($0) == .cyrillic })
    }

    /// The same, when the caller already knows whether the word is Cyrillic.
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
