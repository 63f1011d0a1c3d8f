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
    /// The connectors that join two names ("and", "und", "ve", "и").
    let conjunctions: Set<String> = ["and", "und", "ve", "и"]

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
    }
}
