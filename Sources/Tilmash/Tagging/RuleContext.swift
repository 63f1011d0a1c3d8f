/// What the rules know about each match unit of a document, computed once: its word id,
/// its name-part classes (``NamePart``, also through a case ending: `Иванова` is the
/// surname `Иванов` + `а`), whether it starts a sentence, and the type of the gazetteer
/// name covering it.
struct RuleContext {
    let units: [MatchUnit]
    /// Name-part classes of each unit's word or of a reading of it.
    let classes: [NamePart]
    /// Name-part classes of each unit's word itself, without its readings (a German
    /// `Schüler` is no `Schül` + `-er`).
    let wordClasses: [NamePart]
    /// The unit starts a sentence (first unit, or after `.` `!` `?` `…` `:` or a quote
    /// that follows one): a capital there says little.
    let sentenceStart: [Bool]
    /// The type of the gazetteer candidate covering each unit.
    let knownTypes: [Int: EntityType]
    /// A line break lies between the unit and the one before it: a name the rules build
    /// never runs across one (a list of names one per line is several names).
    let lineBreakBefore: [Bool]

    /// In Turkish or Azerbaijani text: the word is a Turkish dictionary word with a
    /// possessive ending, perhaps a case ending after it (`Savaşı`, `Camii`, `Stadyumu`,
    /// `Olimpiyatları`, `Binasına`, `Mabedi` = mabet + i): the head of a compound such as
    /// `Kurtuluş Savaşı`, never a part of a person's name. (The bare word may well be a
    /// surname: `Dikmen`, `Atsız`, `Park`.)
    let turkishPossessiveCompound: [Bool]

    /// Possessive endings and the case endings after them, as folded keys (ı = i, ü = u).
    /// By last byte, so that a word is compared only with the endings it can have.
    private static let possessiveEndings: [UInt8: [String]] = {
        let possessives = ["i", "u", "si", "su", "lari", "leri"]
        let all = possessives.flatMap { possessive in possessiveCases.map { possessive + $0 } }.sorted { $0.count > $1.count }
        return Dictionary(grouping: all, by: { $0.utf8.last! })
    }()
    /// The case endings a Turkish possessive form takes without an apostrophe (folded keys):
    /// none, dative, locative, ablative, accusative, genitive, instrumental.
    static let possessiveCases = ["", "na", "ne", "nda", "nde", "ndan", "nden", "ni", "nu", "nin", "nun", "yla", "yle"]
    /// Final consonants a vowel ending softens (folded keys: ğ = g): mabet → mabedi, çocuk → çocuğu.
    private static let softened: [Character: Character] = ["d": "t", "g": "k", "b": "p"]

    init(units: [MatchUnit], scalars: [Unicode.Scalar], words: [UInt32], readings: (Int) -> [Inflection.Reading], image: GazetteerImage,
         knownTypes: [Int: EntityType], language: Language) {
        self.units = units
        self.knownTypes = knownTypes
        lineBreakBefore = units.indices.map { index in
            guard index > 0 else { return false }
            let gap = units[index - 1].range.upperBound..<max(units[index - 1].range.upperBound, units[index].range.lowerBound)
            return scalars[gap].contains(where: CharacterClass.isLineBreak)
        }
        var classes: [NamePart] = []
        classes.reserveCapacity(units.count)
        let wordClasses = words.map { image.wordClasses($0) }
        self.wordClasses = wordClasses
        for (index, _) in words.enumerated() {
            var found = wordClasses[index]
            if units[index].key != nil, !units[index].isHyphen, CharacterClass.isUppercase(units[index].text.unicodeScalars.first ?? " ") {
                for reading in readings(index) { found.formUnion(image.wordClasses(reading.word)) }
            }
            classes.append(found)
        }
        self.classes = classes
        sentenceStart = MatchUnit.sentenceStarts(units)
        guard language == .turkish || language == .azerbaijani else {
            turkishPossessiveCompound = [Bool](repeating: false, count: units.count)
            return
        }
        func isWord(_ key: Substring) -> Bool {
            var key = String(key)
            return key.withUTF8 { image.word(UnsafeRawBufferPointer($0)) }.map { image.wordClasses($0).contains(.turkishWord) } ?? false
        }
        turkishPossessiveCompound = units.indices.map { index in
            guard let key = units[index].key, key.count > 4, units[index].startsWithCapital else { return false }
            guard let lastByte = key.utf8.last, let endings = Self.possessiveEndings[lastByte] else { return false }
            for ending in endings where key.hasSuffix(ending) && key.count - ending.count >= 3 {
                let stem = key.dropLast(ending.count)
                if isWord(stem) { return true }
                if let last = stem.last, let hard = Self.softened[last], isWord(stem.dropLast() + String(hard)) { return true }
            }
            return false
        }
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
