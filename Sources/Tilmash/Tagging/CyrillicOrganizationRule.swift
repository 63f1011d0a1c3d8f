/// Rule: organisation names of Russian and Kazakh, whose inner words are written in lower
/// case, found by their head noun (``NamePart/organizationHead``, with its case forms):
///
/// - a capitalised word, up to three lower-case words and a head: `Орталық сайлау
///   комиссиясының`, `Қорғаныс министрлігінің`, `Бас прокуратураға`;
/// - a capitalised head and up to three lower-case words after it, to the next
///   punctuation, preposition or capitalised word: `Министерство иностранных дел`,
///   `Союз координационных советов`;
/// - a name in quotes after a head or a legal form, whatever its case: `движения
///   «Солидарность»`, `партия «Яблоко»`, `ТОО «Казахмыс»` — the name without the quotes.
///
/// At a sentence start, where every word has a capital, no name starts: a capital there
/// says nothing (`Рабочая группа включает…`, `Японская полиция отметила…`, `Правительство
/// уволило часть врачей`). In Russian text the words before the head must be adjectives
/// (by their endings: `Конституционного суда`, `Социалистической рабочей партии`) and the
/// first no name the gazetteer knows: a Russian name puts a place after its head
/// (`Верховный суд Бангладеша`), so `в Москве состоялось заседание правительства` or
/// `в России завод` is no organisation.
///
/// Source `rule`, id `rule:org`.
struct CyrillicOrganizationRule {
    let lists: TaggerLists

    func candidates(_ context: RuleContext, language: Language) -> [Candidate] {
        let units = context.units
        var result: [Candidate] = []
        func add(_ start: Int, _ end: Int) {
            let range = units[start].range.lowerBound..<(units[end].range.upperBound - units[end].apostropheSuffix)
            result.append(Candidate(range: range, units: start...end, type: .organization, canonical: "", rule: "org-cyrillic", id: "rule:org"))
        }
        func cyrillic(_ index: Int) -> Bool {
            guard index >= 0, index < units.count, let key = units[index].key else { return false }
            return key.unicodeScalars.contains { Script.of($0) == .cyrillic }
        }
        func lowerWord(_ index: Int) -> Bool {
            guard cyrillic(index), !units[index].isHyphen, let key = units[index].key else { return false }
            return !units[index].startsWithCapital && !lists.connectors.contains(key) && !Self.stopWords.contains(key)
        }
        let quotesOpen: Set<String> = ["«", "\"", "„", "“"]
        let quotesClose: Set<String> = ["»", "\"", "“", "”"]
        for index in units.indices {
            let classes = context.classes[index]
            // A name in quotes after a head or a legal form.
            if !classes.isDisjoint(with: [.organizationHead, .organizationHeadFirst, .legalForm]), index + 2 < units.count,
               quotesOpen.contains(units[index + 1].text), units[index + 2].startsWithCapital {
                var end = index + 2
                while end + 1 < units.count, end - index < 6, units[end + 1].key != nil { end += 1 }
                if end + 1 < units.count, quotesClose.contains(units[end + 1].text) { add(index + 2, end) }
                continue
            }
            guard cyrillic(index), classes.contains(.organizationHead) || classes.contains(.organizationHeadFirst) else { continue }
            // Capitalised word … head.
            if classes.contains(.organizationHead) {
                var start = index - 1
                while start >= 0, index - start <= 3, lowerWord(start) { start -= 1 }
                if start >= 0, start < index, cyrillic(start), units[start].startsWithCapital, context.isCapitalizedWord(start),
                   !context.sentenceStart[start], let first = units[start].key, !Self.stopWords.contains(first),
                   context.knownTypes[start] == nil || (context.knownTypes[start] == .place && language != .russian),
                   !units[start].isAllCapitals || start == index - 1,
                   language != .russian || (start..<index).allSatisfy({ units[$0].key.map(Self.isRussianAdjective) ?? false }) {
                    add(start, index)
                    continue
                }
            }
            // Head … lower-case words.
            if classes.contains(.organizationHeadFirst), units[index].startsWithCapital, !context.sentenceStart[index] {
                var end = index
                while end + 1 < units.count, end - index < 3, lowerWord(end + 1) { end += 1 }
                if end > index { add(index, end) }
            }
        }
        return result
    }

    /// Endings of Russian adjectives in every case and gender (keys: lower case).
    static let russianAdjectiveEndings = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                                          "ую", "юю", "ых", "их", "ыми", "ими", "ей", "ом", "ем"]

    /// The key looks like a Russian adjective: four letters or more, an adjective ending.
    static func isRussianAdjective(_ key: String) -> Bool {
        key.unicodeScalars.count >= 4 && russianAdjectiveEndings.contains { key.hasSuffix($0) }
    }

    /// Words that end an organisation's lower-case tail: prepositions, conjunctions,
    /// pronouns and frequent verbs (keys).
    static let stopWords: Set<String> = ["в", "во", "на", "с", "со", "по", "к", "ко", "от", "до", "за", "из", "у", "о", "об", "при",
                                         "и", "а", "но", "что", "как", "не", "это", "был", "была", "было", "были", "будет", "его",
                                         "ее", "их", "он", "она", "они", "мен", "және", "бен", "пен", "деп", "бұл", "осы", "сол"]
}
