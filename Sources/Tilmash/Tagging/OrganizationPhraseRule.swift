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
struct OrganizationPhraseRule {
    let lists: TaggerLists

    /// `knownTypes[i]`: the type of the gazetteer name covering unit `i`, if any.
    /// `classes[i]`: the name-part classes of unit `i` (``RuleContext``): the gazetteer's
    /// organisation head nouns (``NamePart/organizationHead``) count as heads too.
    func candidates(_ units: [MatchUnit], titles: PersonTitleRule, knownTypes: [Int: EntityType], classes: [NamePart]) -> [Candidate] {
        var result: [Candidate] = []
        func isHead(_ index: Int) -> Bool {
            guard let key = units[index].key else { return false }
            return lists.organizationHeads.contains(key) || classes[index].contains(.organizationHead)
        }
        func capitalizedWord(_ index: Int) -> Bool {
            guard index >= 0, index < units.count, let key = units[index].key, !units[index].isHyphen else { return false }
            return units[index].startsWithCapital && !lists.connectors.contains(key)
        }
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
}
