/// Rule: capitalised words right after a person title are a PERSON, even when the
/// gazetteer does not know the name (`Dr. Farhad Mammadov`, `Büyükelçi Sayın Araz Azimov’un`,
/// `Präsident Tokajew`, `министр Лавров`). Titles: `Resources/tagging/person-titles.txt`.
///
/// The name is at most four words; it stops at punctuation, at a lower-case word, at
/// another title, at an organisation head noun, and at a word the gazetteer knows as a
/// place or organisation. A Turkish suffix after an apostrophe ends the name and stays
/// outside it (`Azimov’un` → `Azimov`).
struct PersonTitleRule {
    let lists: TaggerLists

    /// True when the units just before `start` form a title.
    func titleEnds(before start: Int, in units: [MatchUnit]) -> Bool {
        guard start > 0, let last = units[start - 1].key, lists.titleLastWords.contains(last) else { return false }
        for length in 1...lists.longestTitle where start - length >= 0 {
            let keys = units[(start - length)..<start].compactMap(\.key)
            if keys.count == length && lists.titles.contains(keys) { return true }
        }
        return false
    }

    func startsTitle(_ index: Int, in units: [MatchUnit]) -> Bool {
        guard let key = units[index].key else { return false }
        if lists.titles.contains([key]) { return true }
        guard index + 1 < units.count, let next = units[index + 1].key else { return false }
        return lists.titles.contains([key, next])
    }

    /// `knownTypes[i]` is the type of the gazetteer candidate covering unit `i`, if any.
    func candidates(_ units: [MatchUnit], knownTypes: [Int: EntityType]) -> [Candidate] {
        var result: [Candidate] = []
        for start in units.indices where titleEnds(before: start, in: units) {
            var end: Int?
            var index = start
            while index < units.count, index - start < 6 {
                let unit = units[index]
                guard let key = unit.key else { break }
                if unit.isHyphen {
                    index += 1
                    continue
                }
                let continuesTitle = index > 0 && units[index - 1].key.map { lists.titles.contains([$0, key]) } == true
                guard unit.startsWithCapital, !startsTitle(index, in: units), !continuesTitle, !lists.organizationHeads.contains(key),
                      knownTypes[index] == nil || knownTypes[index] == .person else { break }
                end = index
                if unit.apostropheSuffix > 0 { break }
                index += 1
            }
            guard let last = end else { continue }
            let range = units[start].range.lowerBound..<(units[last].range.upperBound - units[last].apostropheSuffix)
            result.append(Candidate(range: range, units: start...last, type: .person,
                                    canonical: "", rule: "person-title", id: "rule:person"))
        }
        return result
    }
}
