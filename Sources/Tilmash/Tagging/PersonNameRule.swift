/// Rule: person names no gazetteer entry holds, recognised from their parts
/// (``NamePart``, the gazetteer's name-part lists) and the morphology of surnames
/// (`Resources/tagging/name-morphology.tsv`); a name never runs across a line break:
///
/// - a given name and one to three capitalised words: `Ahmet Yılmaz`, `Angela Merkel`,
///   `Сергея Иванова`, `Recep Tayyip Erdoğan’ın` (a suffix after an apostrophe ends the
///   name and stays outside it);
/// - initials and a surname: `В. Путин`, `В. В. Путин`, `J. Smith`, `S. Lavrov`;
/// - a capitalised word before a surname the gazetteer knows (`Talant Sultanov`; not in
///   German, where nouns have capitals);
/// - a capitalised surname by its ending, not at a sentence start, with the given names
///   and patronymics after it: `Назарбаев`, `Абдрахманов`, `Иванов Сергей Петрович`,
///   `Pashinyan`, `Saakashvili`, `Ahmetoğlu`.
///
/// In Turkish, a dictionary word with a possessive ending that is no listed name part
/// (`Savaşı`, `Camii`: ``RuleContext/turkishPossessiveCompound``) is no part of a name.
/// A given name that is also a common word in the text's language (`Deniz`, `Genel` in
/// Turkish, `Will`, `Dean` in English, `Роман` in Russian) or has two letters (`Ed`) needs
/// a word with a surname ending after it, or (outside German, whose nouns are capitalised)
/// a surname of the US Census list (`Pam Butler`, `Tom Warrick`). A word the gazetteer
/// knows as a place or organisation is not part of the name, except a given name that is
/// also a town (`Владимир`) before a surname. Source `rule`, id `rule:person`.
struct PersonNameRule {
    let lists: TaggerLists

    /// True when unit `index` looks like a surname or patronymic: listed as one (also
    /// through a case ending), or ending like one.
    func surnameLike(_ index: Int, in context: RuleContext) -> Bool {
        if !context.classes[index].isDisjoint(with: [.surname, .patronymic]) || context.knownTypes[index] == .person { return true }
        guard context.isCapitalizedWord(index), let key = context.units[index].key else { return false }
        return lists.surnameEnding(of: key) != nil || lists.commonSurnames.contains(key)
    }

    /// True when unit `index`, alone, looks like a surname only by an adjective's ending
    /// (Russian and Kazakh -ский/-ской/-скому/-цкий …, no listed surname) and a lower-case
    /// word follows it: an adjective before its noun (`Кронштадтскому бульвару`,
    /// `Нобелевской премии`, `Свердловского района`), not a person. A listed surname
    /// (`Жириновский заявил`) is no such word.
    func adjectiveBeforeNoun(_ index: Int, in context: RuleContext) -> Bool {
        let units = context.units
        guard context.classes[index].isDisjoint(with: [.surname, .patronymic]), context.knownTypes[index] == nil,
              let key = units[index].key, let ending = lists.surnameEnding(of: key), ending.count >= 3,
              ending.starts(with: ["с", "к"]) || ending.starts(with: ["ц", "к"]),
              index + 1 < units.count, units[index + 1].token != units[index].token, !context.lineBreakBefore[index + 1],
              units[index + 1].key != nil, !units[index + 1].isHyphen,
              let first = units[index + 1].text.unicodeScalars.first, CharacterClass.isLowercase(first)
        else { return false }
        return true
    }

    func candidates(_ context: RuleContext, titles: PersonTitleRule, language: Language) -> [Candidate] {
        let units = context.units
        var result: [Candidate] = []
        func blocked(_ index: Int) -> Bool {
            guard let key = units[index].key else { return true }
            return lists.organizationHeads.contains(key) || !context.classes[index].isDisjoint(with: [.organizationHead, .organizationHeadFirst, .legalForm, .placeAfter, .placeBefore])
                || titles.startsTitle(index, in: units) || lists.connectors.contains(key)
                // A possessive compound is a name part only as a word of the lists itself, not
                // through a reading (`Savaşı` is no Savaş + `-ı`: `Dünya Savaşı` is a war).
                || (context.turkishPossessiveCompound[index] && context.wordClasses[index].isDisjoint(with: [.given, .surname, .patronymic]))
        }
        func foreignType(_ index: Int) -> Bool { context.knownTypes[index].map { $0 != .person } ?? false }
        /// Extends a name from `start` over capitalised words (at most `limit` more), also
        /// over a hyphen between two (`Jean-Claude`); not into the rest of a glued word
        /// (`GeoCities`), not across a line break. A word the gazetteer knows as another
        /// type joins only as a listed name part (`Tom Martin`: Martin is also a town).
        func extend(from start: Int, limit: Int) -> Int {
            var end = start
            if units[start].apostropheSuffix > 0 { return end }
            var words = 0
            while words < limit {
                var next = end + 1
                if next < units.count, units[next].isHyphen, units[next].token == units[end].token { next += 1 }
                guard next < units.count, !context.lineBreakBefore[next], context.isCapitalizedWord(next) || context.isInitial(next), !blocked(next),
                      !foreignType(next) || !context.classes[next].isDisjoint(with: [.surname, .given]),
                      units[next].token != units[end].token || next == end + 2 else { break }
                end = next
                words += 1
                if units[end].apostropheSuffix > 0 { break }
            }
            return end
        }
        func add(_ start: Int, _ end: Int, _ name: String) {
            let range = units[start].range.lowerBound..<(units[end].range.upperBound - units[end].apostropheSuffix)
            result.append(Candidate(range: range, units: start...end, type: .person, canonical: "", rule: name, id: "rule:person"))
        }
        var index = 0
        while index < units.count {
            defer { index += 1 }
            let classes = context.classes[index]
            // Initials and a surname.
            if context.isInitial(index), context.sentenceStart[index] == false || context.isInitial(index + 1) || index + 1 < units.count {
                var next = index
                while context.isInitial(next), next + 1 < units.count, !context.lineBreakBefore[next + 1] { next += 1 }
                // Not before a Turkish possessive compound: `I. Dünya Savaşı` is a war (the
                // initial is a Roman numeral).
                let compoundAfter = next + 1 < units.count && context.turkishPossessiveCompound[next + 1]
                if next > index, !context.isInitial(next), context.isCapitalizedWord(next), !blocked(next), !compoundAfter,
                   !foreignType(next) || surnameLike(next, in: context) {
                    add(index, next, "person-initials")
                    index = next
                    continue
                }
            }
            guard context.isCapitalizedWord(index), !blocked(index) else { continue }
            // A given name and capitalised words.
            if !classes.isDisjoint(with: NamePart.given), index + 1 < units.count, units[index].apostropheSuffix == 0 {
                let end = extend(from: index, limit: 3)
                if end > index {
                    // A census surname is evidence except in German, where it is as often a
                    // noun (`Im Jahr`, `Am Sonntag`).
                    let listed = language != .german
                    // Two letters are a word as often as a name (`In`, `Am`, `Ed`).
                    let short = (units[index].key?.unicodeScalars.count ?? 0) <= 2
                    let common = !classes.isDisjoint(with: NamePart.common(in: language)) || short
                    // After two letters a census surname that is an ordinary word too
                    // (`Friday`, `Young`) is no evidence (`On Friday`; `Pam Butler` is).
                    let strong = ((index + 1)...end).contains { surnameLike($0, in: context) || (listed && context.classes[$0].contains(.listedSurname) && (!short || context.classes[$0].contains(.alone))) }
                    let placeFirst = foreignType(index)
                    if (!common || strong) && (!placeFirst || strong) {
                        add(index, end, "person-given-name")
                        index = end
                        continue
                    }
                }
            }
            // A capitalised word right before a surname the gazetteer knows: "Talant
            // Sultanov" (whose id the tagger keeps only when the word is one of the entry's
            // names). Not in German, where every noun has a capital.
            if language != .german, !context.sentenceStart[index], context.knownTypes[index] == nil, index + 1 < units.count,
               units[index].apostropheSuffix == 0, units[index + 1].token != units[index].token, !context.lineBreakBefore[index + 1],
               context.knownTypes[index + 1] == .person, context.isCapitalizedWord(index + 1) {
                var end = index + 1
                while end + 1 < units.count, context.knownTypes[end + 1] == .person, units[end].apostropheSuffix == 0, !context.lineBreakBefore[end + 1] { end += 1 }
                add(index, end, "person-before-surname")
                index = end
                continue
            }
            // A surname by its ending, with the given names and patronymic after it.
            if !context.sentenceStart[index], context.knownTypes[index] == nil, surnameLike(index, in: context),
               classes.isDisjoint(with: NamePart.given) {
                var end = index
                while end + 1 < units.count, units[end].apostropheSuffix == 0, !context.lineBreakBefore[end + 1], context.isCapitalizedWord(end + 1), !blocked(end + 1),
                      !context.classes[end + 1].isDisjoint(with: [.given, .patronymic]) || context.isInitial(end + 1) {
                    end += 1
                }
                if end == index, adjectiveBeforeNoun(index, in: context) {
                    index += 1
                    continue
                }
                add(index, end, "person-surname")
                index = end
            }
        }
        return result
    }
}
