/// Filter: in Turkish and Azerbaijani text a place name that only labels an event, a
/// competition, a treaty, a war or a building is not tagged (GUIDELINES rule 6):
/// `Türkiye Kupası'nı`, `Konya Muharebesi'ne`, `Paris Antlaşması'yla`, `Londra Kulesi'ne`,
/// `Incheon Uluslararası Havalimanı'ndan`, `İngiltere Grand Prix`.
///
/// A PLACE candidate is dropped when the next word, or the one after up to two other
/// capitalised words, is a capitalised label head (``TaggerLists/labelHeads``: `Kupası`,
/// `Savaşı`, `Havalimanı` … with a case ending or a suffix after an apostrophe). A place
/// joined to another name by a hyphen is left alone (`Kazakistan-Rusya … Anlaşması` names
/// both parties: rule 5), as is every candidate of another type and every other language
/// (`Iraq War`: the datasets of English tag the place).
struct LabelCompoundFilter {
    let lists: TaggerLists

    /// How many capitalised words may stand between the place and the head
    /// (`Almanya Lig Kupası`, `Incheon Uluslararası Havalimanı`).
    static let wordsBetween = 2

    /// `candidates` without the places that label a thing.
    func filter(_ candidates: [Candidate], units: [MatchUnit], language: Language, type: (Candidate) -> EntityType) -> [Candidate] {
        guard language == .turkish || language == .azerbaijani else { return candidates }
        return candidates.filter { candidate in
            guard type(candidate) == .place else { return true }
            return !labels(after: candidate.units.upperBound, before: candidate.units.lowerBound, units: units)
        }
    }

    /// True when a label head follows unit `last` (the place's last unit).
    func labels(after last: Int, before first: Int, units: [MatchUnit]) -> Bool {
        if first > 0, units[first - 1].isHyphen { return false }
        // A suffix after the place's apostrophe ends the phrase (`Türkiye'nin Kupası` is no
        // label), as does a lower-case designator (`Konya ovasında Konya Muharebesi'ne`:
        // the battle is named by the second Konya).
        guard units[last].apostropheSuffix == 0, units[last].startsWithCapital else { return false }
        var index = last + 1
        var between = 0
        while index < units.count, let key = units[index].key, !units[index].isHyphen, units[index].startsWithCapital {
            if isHead(key) { return true }
            // Only the last word of the phrase may carry a suffix after an apostrophe.
            guard units[index].apostropheSuffix == 0, between < Self.wordsBetween else { return false }
            between += 1
            index += 1
        }
        return false
    }

    /// The key is a label head, perhaps with a case ending (`kupasini`, `havalimanindan`).
    func isHead(_ key: String) -> Bool {
        if lists.labelHeads.contains(key) { return true }
        for ending in RuleContext.possessiveCases where !ending.isEmpty && key.hasSuffix(ending) {
            if lists.labelHeads.contains(String(key.dropLast(ending.count))) { return true }
        }
        return false
    }
}
