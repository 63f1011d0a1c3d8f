/// Rule: an acronym the gazetteer does not know — two to six capitals, inside a sentence
/// of ordinary capitalisation — is an ORG more often than anything else in news text:
/// `ГУВД`, `ДПНИ`, `NBA`, `FMH`, `SSK`. Not a known name, not a Roman numeral, not one of
/// a person title in capitals (`SAYIN`), not one of the everyday abbreviations (`TV`, `CEO`, `PDF`, `USD`, `OK`: `Resources/tagging/
/// acronym-words.txt`), not single letters with periods (`P.S.`, `J.R.`: abbreviations and
/// initials), not in a headline written in capitals (a neighbour in capitals too), not a
/// model or mission code (a hyphen and a number after it: `STS-124`, `ТМА-12`). Source
/// `rule`, id `rule:org`.
struct AcronymRule {
    let lists: TaggerLists

    func candidates(_ context: RuleContext) -> [Candidate] {
        let units = context.units
        let romans: Set<Character> = ["I", "V", "X", "L", "C", "D", "M"]
        func capitals(_ index: Int) -> Bool {
            guard index >= 0, index < units.count, units[index].key != nil, !units[index].isHyphen else { return false }
            let letters = units[index].text.unicodeScalars.filter(CharacterClass.isAlphabetic)
            return letters.count >= 2 && letters.allSatisfy(CharacterClass.isUppercase)
        }
        var result: [Candidate] = []
        for index in units.indices where capitals(index) && context.knownTypes[index] == nil {
            let unit = units[index]
            let text = unit.text.unicodeScalars.dropLast(unit.apostropheSuffix)
            let letters = text.filter(CharacterClass.isAlphabetic)
            // Letters only (with their marks: a decomposed `Й` is `И` + U+0306), bar `-.&`.
            let others = text.filter { !"-.&".unicodeScalars.contains($0) && CharacterClass.kind($0) & CharacterClass.mark == 0 }
            // Single letters with periods (`P.S.`, `I.E.`, `J.R.`, `L.P`) are abbreviations
            // or initials, not an organisation's acronym.
            let dotted = text.filter { $0 == "." }.count >= letters.count - 1 && letters.count <= 4
                && !text.contains("-") && !text.contains("&") && text.count > letters.count
            guard letters.count <= 6, letters.count == others.count, !dotted,
                  !String(String.UnicodeScalarView(letters)).allSatisfy(romans.contains),
                  let key = unit.key, !lists.acronymWords.contains(key), !lists.titles.contains([key]),
                  !capitals(index - 1), !capitals(index + 1), context.classes[index].subtracting([.listedSurname, .turkishWord, .alone]).isEmpty else { continue }
            if index + 2 < units.count, units[index + 1].isHyphen, units[index + 2].text.unicodeScalars.first.map({ $0.properties.numericType != nil }) == true {
                continue
            }
            let range = unit.range.lowerBound..<(unit.range.upperBound - unit.apostropheSuffix)
            result.append(Candidate(range: range, units: index...index, type: .organization, canonical: "", rule: "org-acronym", id: "rule:org"))
        }
        return result
    }
}
