/// Rule: a capitalised name beside a place designator (``NamePart/placeAfter``,
/// ``NamePart/placeBefore``; `Corpora/gazetteer/sources/place-heads.tsv`) is a PLACE:
/// `Almaty oblysy`, `Karasay ауданы`, `Van ili`, `Kadıköy ilçesi`, `Orange County` (the
/// designator after the name is part of it), `Kreis Gütersloh`, `улица Горького` (the
/// designator before it is not). At most three capitalised words; a word the gazetteer
/// knows as a person or organisation stops the name. Source `rule`, id `rule:place`.
struct PlaceDesignatorRule {
    let lists: TaggerLists

    func candidates(_ context: RuleContext) -> [Candidate] {
        let units = context.units
        var result: [Candidate] = []
        func nameWord(_ index: Int) -> Bool {
            guard context.isCapitalizedWord(index), let key = units[index].key else { return false }
            return !lists.connectors.contains(key) && context.classes[index].isDisjoint(with: [.placeAfter, .placeBefore, .organizationHead])
                && (context.knownTypes[index] == nil || context.knownTypes[index] == .place)
        }
        for index in units.indices {
            let classes = context.classes[index]
            if classes.contains(.placeAfter), index > 0, nameWord(index - 1), units[index - 1].apostropheSuffix == 0 {
                var start = index - 1
                while start > 0, index - start < 3, nameWord(start - 1), units[start - 1].apostropheSuffix == 0, !context.sentenceStart[start] { start -= 1 }
                let range = units[start].range.lowerBound..<(units[index].range.upperBound - units[index].apostropheSuffix)
                result.append(Candidate(range: range, units: start...index, type: .place, canonical: "", rule: "place-designator", id: "rule:place"))
            }
            if classes.contains(.placeBefore), nameWord(index + 1) {
                var end = index + 1
                while end + 1 < units.count, end - index < 3, units[end].apostropheSuffix == 0, nameWord(end + 1) { end += 1 }
                let range = units[index + 1].range.lowerBound..<(units[end].range.upperBound - units[end].apostropheSuffix)
                result.append(Candidate(range: range, units: (index + 1)...end, type: .place, canonical: "", rule: "place-designator", id: "rule:place"))
            }
        }
        return result
    }
}
