/// Rule: in Turkish and Azerbaijani an apostrophe sets a case ending off a proper noun
/// and off nothing else (`Vivaldi’nin`, `Richardson’un`, `Kirilov’un`), so a capitalised
/// word with such an ending that the gazetteer does not know is a name — also at a
/// sentence start, where the apostrophe is the evidence the capital cannot be. Most of them in news and encyclopedic text are persons; places and
/// organisations the gazetteer lists are found before this rule looks.
///
/// Left alone: a word right after another capitalised word inside the sentence (part of a longer name whose
/// type the rules cannot tell: `Dünya Kupası’nı`), a word in capitals (``AcronymRule``),
/// a language name or adverb in -ca/-ce/-ça/-çe (`Farsça’da`), a word of the Turkish
/// dictionary (`Ekim’de`, `Konsey’in`: ``NamePart/turkishWord``), also with a possessive
/// ending (`Kupası’nı`: ``RuleContext/turkishPossessiveCompound``), a listed organisation head
/// or place designator, and a stem of fewer than three letters. Source `rule`, id
/// `rule:person`; the ending stays outside the span. A locative ending (`’da`, `’de`,
/// `’ta`, `’te`, also `’daki`…: *in* a place) and a dative after the compound's buffer `n`
/// (`Kadışehri’ne`, `Conkbayırı’na`) make it a PLACE instead (`Calabria’da`,
/// `Karkamış’ta`): id `rule:place`.
struct ApostropheNameRule {
    /// Endings of language names and adverbs, which Turkish also writes with a capital and
    /// an apostrophe (keys are folded to ASCII: `ça` is `ca`).
    private static let languageEndings: [String] = ["ca", "ce"]
    /// Endings after the apostrophe that put the word in a place (folded: `ı` is `i`).
    private static let placeEndings: Set<String> = ["da", "de", "ta", "te", "daki", "deki", "taki", "teki", "na", "ne"]

    func candidates(_ context: RuleContext, language: Language) -> [Candidate] {
        guard language == .turkish || language == .azerbaijani else { return [] }
        let units = context.units
        var result: [Candidate] = []
        for index in units.indices where units[index].apostropheSuffix > 0 && context.isCapitalizedWord(index) {
            let unit = units[index]
            guard context.knownTypes[index] == nil, !unit.isAllCapitals,
                  !context.isCapitalizedWord(index - 1) || context.sentenceStart[index - 1] || context.lineBreakBefore[index],
                  context.classes[index].isDisjoint(with: [.organizationHead, .organizationHeadFirst, .legalForm, .placeAfter, .placeBefore, .turkishWord]), !context.turkishPossessiveCompound[index],
                  let key = unit.key, key.unicodeScalars.count >= 3,
                  !Self.languageEndings.contains(where: { key.hasSuffix($0) }) else { continue }
            let range = unit.range.lowerBound..<(unit.range.upperBound - unit.apostropheSuffix)
            if Self.placeEndings.contains(String(unit.apostropheEnding)) {
                result.append(Candidate(range: range, units: index...index, type: .place, canonical: "", rule: "place-apostrophe", id: "rule:place"))
            } else {
                result.append(Candidate(range: range, units: index...index, type: .person, canonical: "", rule: "person-apostrophe", id: "rule:person"))
            }
        }
        return result
    }
}
