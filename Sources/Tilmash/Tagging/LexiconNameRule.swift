/// Rule: in Russian text, a capitalised word that is a case form of a geographical or
/// organisation name of the Russian dictionary (OpenCorpora's `Geox` and `Orgn` nouns:
/// ``NamePart/lexiconPlace``, ``NamePart/lexiconOrganization``) and unknown to the
/// gazetteer names a PLACE (`Приморья`, `Балтии`, `Курилы`, `Невы`) or an ORGANIZATION
/// (`Билайн`, `Росбалта`, `Мосгордумы`).
///
/// The word must be listed in that very form (no reading through an ending). A form that is
/// also an ordinary word (``NamePart/lexiconCommon``: `Орле` is орёл, `Восток`) counts only
/// inside a sentence, where a capital means a name. Left alone: a word that is also a given
/// name, surname or patronymic (person rules decide), a head noun, legal form or place
/// designator (the phrase rules build the longer name), and a word before a place designator
/// (`Приморья край` is ``PlaceDesignatorRule``'s). Source `rule`, id `rule:place` or
/// `rule:org`.
struct LexiconNameRule {
    func candidates(_ context: RuleContext, language: Language) -> [Candidate] {
        guard language == .russian else { return [] }
        let units = context.units
        var result: [Candidate] = []
        let others: NamePart = [.given, .surname, .patronymic, .organizationHead, .organizationHeadFirst, .legalForm, .placeAfter, .placeBefore]
        for index in units.indices where context.isCapitalizedWord(index) && context.knownTypes[index] == nil {
            let own = context.wordClasses[index]
            let isPlace = own.contains(.lexiconPlace), isOrganization = own.contains(.lexiconOrganization)
            guard isPlace != isOrganization, context.classes[index].isDisjoint(with: others) else { continue }
            if own.contains(.lexiconCommon), context.sentenceStart[index] || context.lineBreakBefore[index] { continue }
            if index + 1 < units.count, context.classes[index + 1].contains(.placeAfter) { continue }
            let unit = units[index]
            let range = unit.range.lowerBound..<(unit.range.upperBound - unit.apostropheSuffix)
            result.append(isPlace
                ? Candidate(range: range, units: index...index, type: .place, canonical: "", rule: "place-lexicon", id: "rule:place")
                : Candidate(range: range, units: index...index, type: .organization, canonical: "", rule: "org-lexicon", id: "rule:org"))
        }
        return result
    }
}
