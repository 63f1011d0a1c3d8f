/// The word lists of the tagger's rule layer (`Resources/tagging/*.txt`), as sets of keys.
struct TaggerLists: Sendable {
    /// Person titles, each as its sequence of keys (`["secretary", "general"]`).
    let titles: Set<[String]>
    let longestTitle: Int
    /// The last word of every title, to rule out most positions at once.
    let titleLastWords: Set<String>
    /// Organisation head nouns (`institute`, `bakanligi`).
    let organizationHeads: Set<String>
    /// Words allowed inside multi-word names (`of`, `for`, `the`).
    let connectors: Set<String>
    /// Everyday abbreviations that are no organisation (`acronym-words.txt`).
    let acronymWords: Set<String>
    /// Surnames too common to name a person alone (`common-surnames.txt`).
    let commonSurnames: Set<String>
    /// Turkish and Azerbaijani heads of names a place only labels (`label-heads.txt`:
    /// `kupasi`, `savasi`, `havalimani`).
    let labelHeads: Set<String>
    /// The connectors that join two names ("and", "und", "ve", "и").
    let conjunctions: Set<String> = ["and", "und", "ve", "и"]

    /// Surname and patronymic endings as keys (`ov`, `ова`, `oglu`), by last scalar, longest
    /// first, each with the letters the stem must keep.
    private let surnameEndings: [Unicode.Scalar: [(ending: [Unicode.Scalar], minimumStem: Int)]]

    /// Latin endings too common in ordinary capitalised words (German nouns in -in, -ich;
    /// English -ian, -ic, -ia) to mark a surname by themselves.
    private static let weakLatinEndings: Set<String> = ["in", "ina", "ia", "ian", "ic", "ich", "itsch", "uk", "yn", "yna", "ska", "cka", "cki", "jan"]

    /// The surname ending `key` has, if any (the key of a capitalised word).
    func surnameEnding(of key: String) -> [Unicode.Scalar]? {
        let scalars = Array(key.unicodeScalars)
        guard let last = scalars.last else { return nil }
        for (ending, minimumStem) in surnameEndings[last] ?? [] where scalars.count >= ending.count + minimumStem {
            if scalars.suffix(ending.count).elementsEqual(ending) { return ending }
        }
        return nil
    }

    init() throws {
        func lines(_ file: String) throws -> [String] {
            try TilmashResources.text("tagging/\(file)").split(separator: "\n")
                .map { $0.trimmingSpaces }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        let titles = try lines("person-titles.txt").map { $0.split(separator: " ").map(String.init) }
        self.titles = Set(titles)
        longestTitle = titles.map(\.count).max() ?? 1
        titleLastWords = Set(titles.compactMap(\.last))
        organizationHeads = Set(try lines("org-heads.txt"))
        connectors = Set(try lines("name-connectors.txt"))
        commonSurnames = Set(try lines("common-surnames.txt"))
        acronymWords = Set(try lines("acronym-words.txt"))
        labelHeads = Set(try lines("label-heads.txt"))
        var endings: [Unicode.Scalar: [(ending: [Unicode.Scalar], minimumStem: Int)]] = [:]
        for line in try lines("name-morphology.tsv") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, let minimum = Int(fields[4]) else { continue }
            let folded = MatchKey.of(norm: fields[0].lowercased())
            if fields[1] == "Latn" && Self.weakLatinEndings.contains(folded) { continue }
            let key = Array(folded.unicodeScalars)
            guard let last = key.last else { continue }
            endings[last, default: []].append((key, max(minimum, 3)))
        }
        surnameEndings = endings.mapValues { $0.sorted { $0.ending.count > $1.ending.count } }
    }
}
