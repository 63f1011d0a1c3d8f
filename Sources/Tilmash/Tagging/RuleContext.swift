/// What the rules know about each match unit of a document, computed once: its word id,
/// its name-part classes (``NamePart``, also through a case ending: `Иванова` is the
/// surname `Иванов` + `а`), whether it starts a sentence, and the type of the gazetteer
/// name covering it.
struct RuleContext {
    let units: [MatchUnit]
    /// Name-part classes of each unit's word or of a reading of it.
    let classes: [NamePart]
    /// The unit starts a sentence (first unit, or after `.` `!` `?` `…` `:` or a quote
    /// that follows one): a capital there says little.
    let sentenceStart: [Bool]
    /// The type of the gazetteer candidate covering each unit.
    let knownTypes: [Int: EntityType]
    /// A line break lies between the unit and the one before it: a name the rules build
    /// never runs across one (a list of names one per line is several names).
    let lineBreakBefore: [Bool]

    init(units: [MatchUnit], scalars: [Unicode.Scalar], words: [UInt32], readings: (Int) -> [Inflection.Reading], image: GazetteerImage,
         knownTypes: [Int: EntityType]) {
        self.units = units
        self.knownTypes = knownTypes
        lineBreakBefore = units.indices.map { index in
            guard index > 0 else { return false }
            let gap = units[index - 1].range.upperBound..<max(units[index - 1].range.upperBound, units[index].range.lowerBound)
            return scalars[gap].contains(where: CharacterClass.isLineBreak)
        }
        var classes: [NamePart] = []
        classes.reserveCapacity(units.count)
        for (index, word) in words.enumerated() {
            var found = image.wordClasses(word)
            if units[index].key != nil, !units[index].isHyphen, CharacterClass.isUppercase(units[index].text.unicodeScalars.first ?? " ") {
                for reading in readings(index) { found.formUnion(image.wordClasses(reading.word)) }
            }
            classes.append(found)
        }
        self.classes = classes
        sentenceStart = MatchUnit.sentenceStarts(units)
    }

    /// A capitalised word (not punctuation, not a hyphen).
    func isCapitalizedWord(_ index: Int) -> Bool {
        index >= 0 && index < units.count && units[index].key != nil && !units[index].isHyphen && units[index].startsWithCapital
    }

    /// The unit is an initial: one capital letter and a period (`В.`, `J.`).
    func isInitial(_ index: Int) -> Bool {
        guard index >= 0, index < units.count else { return false }
        let scalars = Array(units[index].text.unicodeScalars)
        return scalars.count == 2 && scalars[1] == "." && CharacterClass.isUppercase(scalars[0])
    }
}
