/// Rule: a capitalised word that is a name part no dictionary holds (``NamePart/alone``:
/// `Michael`, `Sullivan`, `Kolb`, `Путин`), standing alone — no capitalised word right
/// before it inside the sentence or right after it — and unknown to the gazetteer, is a
/// PERSON: `sagte Kolb`, `Benjamin ise kendine…`, `Beyoncé'nin` (a suffix after an
/// apostrophe stays outside the span).
///
/// Left alone: a word with a capital after its first letter (`MoU`, `SAMs`, an acronym), a word the gazetteer knows (a place or
/// organisation that is also a name: `Paris`, `Jackson`), a listed organisation head,
/// legal form or place designator, a person title, and in Turkish a dictionary word with
/// a possessive ending. Longer names (a given name and a surname) are the business of
/// ``PersonNameRule``. Source `rule`, id `rule:person`.
struct LoneNameRule {
    let lists: TaggerLists

    func candidates(_ context: RuleContext, titles: PersonTitleRule) -> [Candidate] {
        let units = context.units
        var result: [Candidate] = []
        for index in units.indices where context.isCapitalizedWord(index) && context.classes[index].contains(.alone) {
            let unit = units[index]
            // Through a case ending only in Cyrillic, where a surname declines (`Путина`);
            // elsewhere the word itself (a German `Schüler` is no `Schül` + `-er`).
            // A word the lists hold decides for itself (`Терезе`, Kazakh for window, is no
            // name alone although `Тереза` is); through a reading only inside a sentence.
            let own = context.wordClasses[index]
            guard own.contains(.alone) || (own.isEmpty && !context.sentenceStart[index] && !context.lineBreakBefore[index]
                && unit.text.unicodeScalars.first.map { Script.of($0) == .cyrillic } == true) else { continue }
            // Written as a name: one capital, then lower case (not `MoU`, `SAMs`, `iTunes`).
            guard context.knownTypes[index] == nil, !unit.text.unicodeScalars.dropFirst().contains(where: CharacterClass.isUppercase), let key = unit.key,
                  !lists.organizationHeads.contains(key), !lists.connectors.contains(key), !titles.startsTitle(index, in: units),
                  context.classes[index].isDisjoint(with: [.organizationHead, .organizationHeadFirst, .legalForm, .placeAfter, .placeBefore]),
                  !context.turkishPossessiveCompound[index] else { continue }
            // Alone: the word before is no capitalised word of the same sentence, the word
            // after no capitalised word (or the name ends at an apostrophe suffix).
            let before = index - 1
            if context.isCapitalizedWord(before), !context.sentenceStart[before] || context.classes[before].contains(.alone),
               !context.lineBreakBefore[index], units[before].apostropheSuffix == 0 { continue }
            if unit.apostropheSuffix == 0, context.isCapitalizedWord(index + 1), !context.lineBreakBefore[index + 1],
               !context.sentenceStart[index + 1] { continue }
            if index > 0, units[before].token == unit.token { continue }
            // Before a place designator it names the place (`Эллис аралдары`, `Van ili`).
            if index + 1 < units.count, context.classes[index + 1].contains(.placeAfter) { continue }
            if index + 1 < units.count, units[index + 1].token == unit.token, units[index + 1].isHyphen { continue }
            let range = unit.range.lowerBound..<(unit.range.upperBound - unit.apostropheSuffix)
            result.append(Candidate(range: range, units: index...index, type: .person, canonical: "", rule: "person-alone", id: "rule:person"))
        }
        return result
    }
}
