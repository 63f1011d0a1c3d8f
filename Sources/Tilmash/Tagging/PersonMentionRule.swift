/// Rule: a person named in full once is the same person when the document later (or
/// earlier) calls them by the surname alone: `Jared Loughner … Loughner`, `Гэбриэль
/// Гиффордс … Гиффордс`, also with a case ending (`Лофнеру`, `Kirilov’un`) — or by a
/// listed given name that is no common word of the language (`Phillip Allen … Phillip`). The mention
/// takes the full name's identity: its gazetteer id, or (for a name a rule found) the full
/// name as canonical and id `rule:person`.
///
/// A surname two different persons of the document share is left alone, and so is a
/// surname the gazetteer knows as a place or organisation.
struct PersonMentionRule {
    let inflection: Inflection

    func candidates(_ context: RuleContext, known: [Candidate], gazetteer: Gazetteer, language: Language) -> [Candidate] {
        let units = context.units
        // Surname key → the full-name candidate it comes from (nil when two persons share it).
        var learned: [String: Candidate?] = [:]
        for candidate in known where candidate.type(in: gazetteer) == .person {
            let words = candidate.units.filter { units[$0].key != nil && !units[$0].isHyphen }
            guard words.count >= 2, let last = words.last, let key = units[last].key,
                  key.unicodeScalars.count >= 3 else { continue }
            var model = candidate
            if model.rule != nil && model.terminals.isEmpty {
                let name = units[candidate.units.lowerBound...last].map(\.text).joined(separator: " ")
                model.rule = (.person, name, "person-mention", "rule:person")
            }
            let identity = model.terminals.first.map { "\($0.entry)" } ?? model.rule?.canonical ?? ""
            var keys = [key]
            // The given name too, when it is listed as one and no common word of the text's
            // language: `Phillip Allen … Phillip`.
            if let first = words.first, first != last, let given = units[first].key, given.unicodeScalars.count >= 3,
               context.classes[first].contains(.given), context.classes[first].isDisjoint(with: NamePart.common(in: language)) {
                keys.append(given)
            }
            for key in keys {
                if let existing = learned[key] {
                    let other = existing.flatMap { $0.terminals.first.map { "\($0.entry)" } ?? $0.rule?.canonical }
                    if other != identity { learned[key] = .some(nil) }
                } else {
                    learned[key] = model
                }
            }
        }
        guard !learned.isEmpty else { return [] }
        var result: [Candidate] = []
        for index in units.indices where context.isCapitalizedWord(index) && context.knownTypes[index] == nil {
            guard let key = units[index].key else { continue }
            var found: (model: Candidate, trimmed: Int)?  // trimmed: original scalars of the ending
            if case .some(.some(let model)) = learned[key] {
                found = (model, units[index].apostropheSuffix)
            } else if units[index].apostropheSuffix == 0 {
                for stem in inflection.stems(of: key, languages: Inflection.languages(for: language, key: key)) {
                    if case .some(.some(let model)) = learned[stem.key] { found = (model, units[index].originalScalars(forKeySuffix: stem.trimmed)); break }
                }
            }
            guard let (model, trimmed) = found else { continue }
            var mention = model
            mention.units = index...index
            mention.range = units[index].range.lowerBound..<(units[index].range.upperBound - trimmed)
            mention.inflected = trimmed > 0
            if mention.rule == nil {
                mention.rule = (.person, "", "person-mention", "")
            }
            result.append(mention)
        }
        return result
    }
}
