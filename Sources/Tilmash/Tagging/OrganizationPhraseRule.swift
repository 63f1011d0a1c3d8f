/// Rule: a capitalised phrase built around an organisation head noun is an ORG
/// (`Center for Strategic Studies under the President of the Republic of Azerbaijan`,
/// `Foreign Relations Department`, `Azerbaycan Diplomatik Akademisi`). Head nouns:
/// `Resources/tagging/org-heads.txt`; small inner words: `name-connectors.txt`.
///
/// From a head noun the phrase grows left over capitalised words, and right only through
/// connectors followed by capitalised words (`Institute for Strategic Studies under the
/// President of …`); it never starts or ends with a connector and stops at punctuation and
/// person titles. A head noun alone (`the Council`) is a back-reference,
/// not a name; so is a phrase whose head only follows a connector (`Fifth Summit of the
/// Council`): the head must be in the phrase's first run of capitalised words.
///
/// A head that starts a name (``NamePart/organizationHeadFirst`` in Latin script: `FC`,
/// `VfL`, `Borussia`, `AS`, `Dinamo`; Cyrillic ones are ``CyrillicOrganizationRule``'s)
/// takes up to three capitalised words after it, known places included, and a number
/// after them: `FC Bayern`, `VfL Osnabrück`, `SV Wehen-Wiesbaden`, `FC Schalke 04`,
/// `Dinamo Bükreş`.
struct OrganizationPhraseRule {
    let lists: TaggerLists

    /// `knownTypes[i]`: the type of the gazetteer name covering unit `i`, if any.
    /// `classes[i]`: the name-part classes of unit `i` (``RuleContext``): the gazetteer's
    /// organisation head nouns (``NamePart/organizationHead``) count as heads too.
    /// `lineBreakBefore[i]`: a line break lies between unit `i` and the one before it.
    func candidates(_ units: [MatchUnit], titles: PersonTitleRule, knownTypes: [Int: EntityType], classes: [NamePart],
                    lineBreakBefore: [Bool]) -> [Candidate] {
        var result: [Candidate] = []
        func isHead(_ index: Int) -> Bool {
            guard let key = units[index].key else { return false }
            return lists.organizationHeads.contains(key) || classes[index].contains(.organizationHead)
        }
        func capitalizedWord(_ index: Int) -> Bool {
            guard index >= 0, index < units.count, let key = units[index].key, !units[index].isHyphen else { return false }
            return units[index].startsWithCapital && !lists.connectors.contains(key)
        }
        result += headFirstPhrases(units, titles: titles, classes: classes, lineBreakBefore: lineBreakBefore)
        for head in units.indices {
            guard isHead(head), units[head].startsWithCapital else { continue }
            // An inflected word (Kazakistan’ın) is not inside a name, and neither is the
            // tail of a hyphenated compound (UN-Universität für …).
            var start = head
            while capitalizedWord(start - 1) && units[start - 1].apostropheSuffix == 0
                    && !titles.titleEnds(before: start, in: units) { start -= 1 }
            if start > 0, units[start - 1].isHyphen { continue }
            // Right of the head only connector-led continuations: "Institute for Strategic
            // Studies", "Ministerium für …" — not "Turkic Council Foreign Ministers".
            var end = head
            var probe = head + 1
            while probe < units.count, let next = units[probe].key, lists.connectors.contains(next) {
                var word = probe + 1
                while word < units.count, let key = units[word].key, lists.connectors.contains(key) { word += 1 }
                // "… and Deputy Head of …" starts a new phrase; "under the President of …" does not.
                guard capitalizedWord(word), units[probe - 1].apostropheSuffix == 0 else { break }
                var last = word
                while capitalizedWord(last + 1), !titles.startsTitle(last + 1, in: units) { last += 1 }
                // After "and" a title, another head noun or a known name starts a second
                // name: "Secretariat of the Turkic Council and Turkic Academy", "Europäische
                // Union und die Vereinten Nationen".
                if lists.conjunctions.contains(next),
                   titles.startsTitle(word, in: units)
                    || (word...last).contains(where: { isHead($0) || knownTypes[$0] != nil }) {
                    break
                }
                word = last
                end = word
                probe = word + 1
            }
            guard end > start else { continue }
            let range = units[start].range.lowerBound..<(units[end].range.upperBound - units[end].apostropheSuffix)
            result.append(Candidate(range: range, units: start...end, type: .organization,
                                    canonical: "", rule: "org-phrase", id: "rule:org"))
        }
        return result
    }

    /// Names a Latin head-first word starts: the head and up to three capitalised words
    /// (a hyphenated one counts once), then a number (`Schalke 04`).
    private func headFirstPhrases(_ units: [MatchUnit], titles: PersonTitleRule, classes: [NamePart], lineBreakBefore: [Bool]) -> [Candidate] {
        var result: [Candidate] = []
        func word(_ index: Int) -> Bool {
            guard index < units.count, let key = units[index].key, !units[index].isHyphen else { return false }
            return units[index].startsWithCapital && !lists.connectors.contains(key) && !titles.startsTitle(index, in: units)
        }
        func number(_ index: Int) -> Bool {
            index < units.count && !units[index].text.isEmpty && units[index].text.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.numericType != nil }
        }
        let sentenceStarts = MatchUnit.sentenceStarts(units)
        for head in units.indices where classes[head].contains(.organizationHeadFirst) && units[head].startsWithCapital
            && units[head].apostropheSuffix == 0 && units[head].text.unicodeScalars.first.map({ Script.of($0) == .latin }) == true {
            // A word that also ends names (`Council`, `Air`, `Fraktion`) starts one only when
            // it is an abbreviation (`FC`, `AS`); none starts inside a capitalised run
            // (`Turkic Council Foreign Ministers`).
            guard !classes[head].contains(.organizationHead) || units[head].isAllCapitals else { continue }
            if head > 0, word(head - 1), !sentenceStarts[head - 1], units[head - 1].apostropheSuffix == 0 { continue }
            var end = head
            var words = 0
            while words < 3 {
                var next = end + 1
                // Inside a hyphenated word: Wehen-Wiesbaden.
                if next < units.count, units[next].isHyphen, units[next].token == units[end].token, end > head { next += 1 }
                guard word(next), !lineBreakBefore[next] else { break }
                if units[next].token != units[end].token { words += 1 }
                end = next
                if units[end].apostropheSuffix > 0 { break }
            }
            guard end > head else { continue }
            if units[end].apostropheSuffix == 0, number(end + 1) { end += 1 }
            let range = units[head].range.lowerBound..<(units[end].range.upperBound - units[end].apostropheSuffix)
            result.append(Candidate(range: range, units: head...end, type: .organization, canonical: "", rule: "org-head-first", id: "rule:org"))
        }
        return result
    }
}
