/// Rule: a given name by which a letter or an e-mail addresses or signs — the first name
/// alone, as people write to each other:
///
/// - after a greeting word (`Hi Vladi,`, `Dear Ginny`, `Hallo Peter`, `Привет, Маша` — a
///   comma between is allowed);
/// - as a line of its own, perhaps with one punctuation mark (a signature: `John`, `Kelly`,
///   `Mike.`);
/// - at the start of a line, with a comma or colon right after it (`Ginny, please see …`,
///   `Jill:`).
///
/// The word must be a listed given name in that very form (``NamePart/given``), written
/// as a name (one capital, then lower case), unknown to the gazetteer, and no title, head
/// noun or place designator. It may also be an ordinary word of the text's language
/// (`John`, `Mike`) after a greeting or as a line of its own, not before the comma at a
/// line start (`Ja, noch …`, `Yalan, herhangi …`). Source `rule`, id `rule:person`.
struct AddressedNameRule {
    let lists: TaggerLists

    /// Greeting words of the toolkit's languages, as match keys.
    static let greetings: Set<String> = [
        "hi", "hello", "hey", "dear", "thanks", "hallo", "liebe", "lieber", "servus", "moin",
        "merhaba", "selam", "привет", "здравствуй", "здравствуйте", "дорогой", "дорогая",
        "уважаемый", "уважаемая", "сәлем", "salam", "құрметті",
    ]

    func candidates(_ context: RuleContext, titles: PersonTitleRule, language: Language) -> [Candidate] {
        let units = context.units
        var result: [Candidate] = []
        let others: NamePart = [.organizationHead, .organizationHeadFirst, .legalForm, .placeAfter, .placeBefore]
        func isPunctuation(_ index: Int) -> Bool { index < units.count && units[index].key == nil }
        /// Nothing but at most one punctuation mark up to the end of the line.
        func endsLine(after index: Int) -> Bool {
            var next = index + 1
            if isPunctuation(next), !context.lineBreakBefore[next] { next += 1 }
            return next >= units.count || context.lineBreakBefore[next]
        }
        for index in units.indices where context.isCapitalizedWord(index) && context.wordClasses[index].contains(.given) {
            let unit = units[index]
            guard context.knownTypes[index] == nil, let key = unit.key,
                  !unit.text.unicodeScalars.dropFirst().contains(where: CharacterClass.isUppercase),
                  context.classes[index].isDisjoint(with: others), !lists.connectors.contains(key),
                  !titles.startsTitle(index, in: units) else { continue }
            // The greeting may stand before a comma: `Привет, Маша`.
            var before = index - 1
            if before >= 0, isPunctuation(before), units[before].text == "," { before -= 1 }
            let greeted = before >= 0 && units[before].key.map(Self.greetings.contains) == true
                && (before + 1...index).allSatisfy { !context.lineBreakBefore[$0] }
            let lineStart = index == 0 || context.lineBreakBefore[index]
            var addressed = greeted
            if !addressed, lineStart {
                let next = index + 1
                let common = !context.wordClasses[index].isDisjoint(with: NamePart.common(in: language))
                addressed = endsLine(after: index)
                    || (!common && isPunctuation(next) && !context.lineBreakBefore[next] && [",", ":"].contains(units[next].text))
            }
            guard addressed else { continue }
            let range = unit.range.lowerBound..<(unit.range.upperBound - unit.apostropheSuffix)
            result.append(Candidate(range: range, units: index...index, type: .person, canonical: "", rule: "person-addressed", id: "rule:person"))
        }
        return result
    }
}
