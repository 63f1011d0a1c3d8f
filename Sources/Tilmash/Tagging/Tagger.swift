/// Finds PERSON, PLACE and ORG names in a document: gazetteer aliases first, then the rule
/// layer, merged so that the longest name wins and spans never overlap.
///
/// ```swift
/// let tagger = try Tagger.bundled()
/// for e in try tagger.tag("Präsident Tokajew besuchte Astana.", language: .german) {
///     print(e.text, e.type, e.canonical)   // Tokajew PERSON Kassym-Jomart Tokayev …
/// }
/// ```
///
/// How it works, in order:
/// 1. the document is tokenized (``Tokenizer``) and turned into match units (``MatchUnit``);
/// 2. the gazetteer's word automaton (``GazetteerImage``, compiled by ``GazetteerCompiler``;
///    `Sources/Tilmash/Tagging/DESIGN.md`) is walked from every unit; a unit may also be read
///    as a name plus a case ending (``Inflection``: `Kazakistanda`, `Kasachstans`,
///    `Тоқаевтың`, `Москве`); the longest alias wins;
/// 3. an alias that is written with a capital must be capitalised in the text, and a
///    short all-capitals abbreviation (`BM`, `UN`) must be in capitals;
/// 4. ambiguous aliases (one surface, several entries) are resolved by context: a person
///    title before it prefers a PERSON; an entry already named unambiguously in the same
///    document is preferred; otherwise the gazetteer's order of sources (countries,
///    organisations, persons, regions, subdivisions, cities, then any other file);
/// 5. rules (source `rule`) add names the gazetteer lacks — capitalised words after a
///    person title (``PersonTitleRule``), capitalised phrases around an organisation head
///    noun (``OrganizationPhraseRule``), a web site named by its bare domain
///    (``SiteNameRule``), person names from their parts (``PersonNameRule``,
///    ``LoneNameRule``), Russian place and organisation names of the dictionary in their
///    case forms (``LexiconNameRule``), a first name that greets or signs a letter
///    (``AddressedNameRule``), an abbreviation in parentheses after a name, and later mentions
///    of names the rules found;
/// 6. a Turkish place name that only labels an event or a building (`Türkiye Kupası`,
///    `Paris Antlaşması`) is dropped (``LabelCompoundFilter``), and so is a name with a
///    derivational ending after its apostrophe (`ABD'li`: ``DemonymFilter``);
/// 7. overlapping candidates are resolved longest first.
///
/// `Sendable`: a tagger is immutable after construction and may be shared by threads.
public final class Tagger: Sendable {
    /// The gazetteer it matches.
    public let gazetteer: Gazetteer
    let inflection: Inflection
    let lists: TaggerLists

    /// At most this many entries of one alias are weighed against each other (the first in
    /// preference order): an alias shared by more entries — a surname-only form common to
    /// thousands of persons in a large gazetteer — is resolved among these, so the cost of
    /// a match does not grow with the gazetteer.
    static let terminalLimit = 32

    /// A tagger over `gazetteer` (already compiled: this loads only the rule lists).
    public init(gazetteer: Gazetteer) throws {
        self.gazetteer = gazetteer
        inflection = try Inflection()
        lists = try TaggerLists()
    }

    /// A tagger over the bundled gazetteer, built once per process.
    public static func bundled() throws -> Tagger {
        try bundledTagger.get()
    }

    /// Tags `text`. `language` selects the tokenizer's and the endings' rules; `nil`
    /// identifies it (``LanguageIdentifier``).
    public func tag(_ text: String, language: Language?) throws -> [Entity] {
        let resolved: Language
        if let language { resolved = language } else { resolved = try LanguageIdentifier.bundled().identify(text).language }
        let tokens = try Tokenizer(language: resolved).tokenize(text)
        return tag(tokens: tokens, in: text, language: resolved)
    }

    /// Tags an already tokenized document.
    public func tag(tokens: [Token], in text: String, language: Language) -> [Entity] {
        let units = MatchUnit.units(of: tokens)
        let scalars = Array(text.unicodeScalars)
        let lookups = UnitLookups(units: units, image: gazetteer.image) { self.readings(of: $0, language: language) }
        var candidates = gazetteerCandidates(units, language: language, lookups: lookups)
        resolveAmbiguity(&candidates, units: units)
        unlinkCommonSurnames(&candidates, units: units)
        var knownTypes: [Int: EntityType] = [:]
        for candidate in candidates {
            for unit in candidate.units { knownTypes[unit] = candidate.type(in: gazetteer) }
        }
        let context = RuleContext(units: units, scalars: scalars, words: lookups.words, readings: lookups.readings, image: gazetteer.image, knownTypes: knownTypes, language: language)
        let titles = PersonTitleRule(lists: lists)
        var rules = titles.candidates(units, knownTypes: knownTypes)
        rules += OrganizationPhraseRule(lists: lists).candidates(units, titles: titles, knownTypes: knownTypes, classes: context.classes,
                                                                 lineBreakBefore: context.lineBreakBefore)
        rules += SiteNameRule().candidates(units, tokens: tokens)
        rules += PersonNameRule(lists: lists).candidates(context, titles: titles, language: language)
        rules += PlaceDesignatorRule(lists: lists).candidates(context)
        rules += AcronymRule(lists: lists).candidates(context)
        rules += CyrillicOrganizationRule(lists: lists).candidates(context, language: language)
        rules += ApostropheNameRule().candidates(context, language: language)
        rules += LoneNameRule(lists: lists).candidates(context, titles: titles)
        rules += LexiconNameRule().candidates(context, language: language)
        rules += AddressedNameRule(lists: lists).candidates(context, titles: titles, language: language)
        // A rule name around a gazetteer name of the same type takes that entry's identity
        // ("Kasım Comart Tokayev" around "Tokayev") — for a person only when one of the other
        // words is a word of the entry's names: "Ali Yılmaz" is not Cevdet Yılmaz. A rule over
        // exactly the gazetteer name's words keeps the gazetteer's span ("Президент Тоқаевтың":
        // the ending stays outside); a place rule takes it only over exactly those words.
        for index in rules.indices {
            let type = rules[index].type(in: gazetteer)
            guard let inner = candidates.first(where: { rules[index].units.contains($0.units.lowerBound)
                && rules[index].units.contains($0.units.upperBound) && $0.type(in: gazetteer) == type }) else { continue }
            if rules[index].units == inner.units { rules[index].range = inner.range }
            if type == .person, !sharesAName(rules[index], inner, units: units) { continue }
            // A place named with more words is another place: `Doğu Roma İmparatorluğu` is
            // not Rome, `Almaty oblysy` not the city.
            if type == .place, rules[index].units != inner.units { continue }
            rules[index].terminals = inner.terminals
        }
        candidates += rules
        candidates += DocumentAliasRule().candidates(units, known: candidates)
        candidates += PersonMentionRule(inflection: inflection).candidates(context, known: candidates, gazetteer: gazetteer, language: language)
        candidates = LabelCompoundFilter(lists: lists).filter(candidates, units: units, language: language) { $0.type(in: self.gazetteer) }
        candidates = DemonymFilter().filter(candidates, units: units, language: language)
        return Candidate.select(candidates).map { $0.entity(in: scalars, gazetteer: gazetteer) }
    }

    // MARK: Gazetteer matching

    /// Step 2–3: for each start unit the longest alias match (an uninflected one wins a tie
    /// with an inflected one; otherwise the first found). A one-word match through a case
    /// ending added to the name is no match when the whole word is a listed given name
    /// (`Natalya` is not Natal + `-ya`); an ending that replaced letters reads the name
    /// itself (`Израиля` is Israel, also a form of the given name Израиль).
    private func gazetteerCandidates(_ units: [MatchUnit], language: Language, lookups: UnitLookups) -> [Candidate] {
        var candidates: [Candidate] = []
        var best: Candidate?
        for match in aliasMatches(units, language: language, lookups: lookups) {
            if match.inflected, match.units.count == 1, units[match.units.lowerBound].apostropheSuffix == 0,
               match.range.upperBound < units[match.units.lowerBound].range.upperBound,
               gazetteer.image.wordClasses(lookups.words[match.units.lowerBound]).contains(.given) { continue }
            if let current = best, current.units.lowerBound != match.units.lowerBound {
                candidates.append(current)
                best = nil
            }
            if best == nil || match.units.count > best!.units.count
                || (match.units.count == best!.units.count && !match.inflected && best!.inflected) {
                best = match
            }
        }
        if let best { candidates.append(best) }
        return candidates
    }

    /// Every alias occurrence the capitalisation checks accept, by start unit, in the order
    /// the automaton walk finds them (the tests compare this with a naive matcher).
    ///
    /// `ignoringCase` (search queries, ``lookUp(query:)``): every alias occurrence, whatever
    /// the capitalisation of the text.
    func aliasMatches(_ units: [MatchUnit], language: Language, lookups given: UnitLookups? = nil,
                      ignoringCase: Bool = false) -> [Candidate] {
        let image = gazetteer.image
        let lookups = given ?? UnitLookups(units: units, image: image) { self.readings(of: $0, language: language) }
        let none = UnitLookups.none
        let words = lookups.words
        let wholeWords = units.map { lookups.word($0.wholeKey) }
        let capital = units.map(\.startsWithCapital)
        let sentenceStarts = MatchUnit.sentenceStarts(units)
        let hasUmlaut = language == .german ? units.map { Self.hasUmlaut($0.text) } : []
        // Counted, not filtered: filtering a String's scalars builds a new String.
        let letterCounts = units.map { unit in unit.text.unicodeScalars.reduce(0) { CharacterClass.isAlphabetic($1) ? $0 + 1 : $0 } }
        // Unicode's Numeric_Type looked up only beyond ASCII (for ASCII: the digits).
        let withDigits = units.map { unit in
            unit.text.unicodeScalars.contains { $0.isASCII ? ($0.value >= 0x30 && $0.value <= 0x39) : $0.properties.numericType != nil }
        }
        let allCapitals = units.map { $0.isHyphen || $0.isAllCapitals }
        let readingsOf = lookups.readings
        var matches: [Candidate] = []
        for start in units.indices {
            guard units[start].key != nil, !units[start].isHyphen else { continue }
            // Step 3, the capitalisation checks: an alias written with a capital needs one
            // in the text; a short all-capitals abbreviation needs capitals throughout.
            func consider(_ node: UInt32, end: Int, endScalar: Int, inflected: Bool) {
                if ignoringCase {
                    let terminals = image.terminals(node, limit: Self.terminalLimit) { _ in true }
                    if !terminals.isEmpty {
                        matches.append(Candidate(range: units[start].range.lowerBound..<endScalar, units: start...end,
                                                 terminals: terminals, inflected: inflected))
                    }
                    return
                }
                let capitalized = capital[start]
                let inCapitals = (start...end).allSatisfy { allCapitals[$0] }
                guard image.mayMatch(node, capitalizedText: capitalized, allCapitals: inCapitals) else { return }
                // A common word alone says nothing where every word has a capital: at a
                // sentence start, or written in capitals (İSTANBUL İLE ANKARA).
                let noCapitalEvidence = end == start && (sentenceStarts[start] || (inCapitals && capitalized && !withDigits[start]))
                // A short word in capitals is a word of a shouted headline, unless the alias is
                // an abbreviation (İLE is no Іле, the Ili river).
                let shortCapitals = end == start && inCapitals && capitalized && letterCounts[start] <= 3 && !withDigits[start]
                // German umlauts tell words apart (Gerät is no Gerat): a word written with
                // one does not match an alias written without.
                let umlauts = language == .german && (start...end).contains { hasUmlaut[$0] }
                let terminals = image.terminals(node, limit: Self.terminalLimit) { terminal in
                    (capitalized || !terminal.capitalized) && (inCapitals || !terminal.abbreviation)
                        && !(noCapitalEvidence && terminal.commonWord) && !(shortCapitals && !terminal.abbreviation)
                        && (!umlauts || Self.hasUmlaut(image.aliasText(image.entryAliases(Int(terminal.entry)).lowerBound + Int(terminal.alias))))
                }
                guard !terminals.isEmpty else { return }
                matches.append(Candidate(range: units[start].range.lowerBound..<endScalar, units: start...end,
                                         terminals: terminals, inflected: inflected))
            }
            var frontier: [(node: UInt32, inflectedInside: Bool)] = [(GazetteerImage.root, false)]
            var position = start
            while position < units.count, !frontier.isEmpty, units[position].key != nil {
                let unit = units[position]
                var next: [(node: UInt32, inflectedInside: Bool)] = []
                for (node, inflectedInside) in frontier {
                    if words[position] != none, let child = image.child(node, words[position]) {
                        next.append((child, inflectedInside))
                        let end = unit.range.upperBound - unit.apostropheSuffix
                        consider(child, end: position, endScalar: inflectedInside ? unit.range.upperBound : end, inflected: inflectedInside)
                    }
                    guard !unit.isHyphen else { continue }
                    for reading in readingsOf(position) {
                        guard let child = image.child(node, reading.word) else { continue }
                        // An ending added to the last word stays outside the span; an ending
                        // that replaced letters, or one inside a multi-word name, keeps the word.
                        let end = reading.trimmed > 0 && !inflectedInside
                            ? unit.range.upperBound - unit.originalScalars(forKeySuffix: reading.trimmed) : unit.range.upperBound
                        consider(child, end: position, endScalar: end, inflected: true)
                        next.append((child, true))
                    }
                }
                // A word with a case ending after an apostrophe ends a name ("Türkiye’nin
                // Dışişleri Bakanlığı" is a place and a ministry), unless the alias itself
                // holds the inflected word.
                if unit.wholeKey != nil {
                    let whole = wholeWords[position]
                    next = whole == none ? [] : frontier.compactMap { entry in image.child(entry.node, whole).map { ($0, entry.inflectedInside) } }
                    for (node, _) in next { consider(node, end: position, endScalar: unit.range.upperBound, inflected: false) }
                }
                frontier = next
                position += 1
            }
        }
        return matches
    }

    /// The readings of a unit as a gazetteer word plus a case ending of `language` (none for
    /// a barrier or a word with a suffix after an apostrophe).
    private func readings(of unit: MatchUnit, language: Language) -> [Inflection.Reading] {
        guard let key = unit.key, unit.apostropheSuffix == 0 else { return [] }
        return inflection.readings(of: key, languages: Inflection.languages(for: language, key: key), in: gazetteer.image)
    }

    /// A surname alone that is too common to name anyone (``TaggerLists/commonSurnames``:
    /// `Hüseynov`, `Yılmaz`, `Иванов`) stays a PERSON but links its entry only when the
    /// document names that entry with more than one word.
    private func unlinkCommonSurnames(_ candidates: inout [Candidate], units: [MatchUnit]) {
        let image = gazetteer.image
        let namedInFull = Set(candidates.filter { $0.units.count > 1 }.compactMap { $0.terminals.first?.entry })
        for index in candidates.indices {
            let candidate = candidates[index]
            guard candidate.rule == nil, candidate.units.count == 1, let terminal = candidate.terminals.first,
                  image.entryType(Int(terminal.entry)) == .person, let key = units[candidate.units.lowerBound].key,
                  lists.commonSurnames.contains(key), !namedInFull.contains(terminal.entry) else { continue }
            candidates[index] = Candidate(range: candidate.range, units: candidate.units, type: .person, canonical: "",
                                          rule: "person-common-surname", id: "rule:person")
        }
    }

    /// True when a word of `rule` outside `inner` is also a word of the names of `inner`'s
    /// entry (an initial: its first letter), or `rule` has no other word.
    private func sharesAName(_ rule: Candidate, _ inner: Candidate, units: [MatchUnit]) -> Bool {
        let others = rule.units.filter { !inner.units.contains($0) }.compactMap { units[$0].key }.filter { $0 != "-" }
        guard !others.isEmpty, let terminal = inner.terminals.first else { return true }
        let image = gazetteer.image
        var names: Set<String> = []
        for alias in image.entryAliases(Int(terminal.entry)) {
            for word in image.aliasText(alias).split(whereSeparator: { $0 == " " || $0 == "-" }) {
                names.insert(MatchKey.of(norm: word.lowercased()).replacingOccurrences(of: "\u{307}", with: ""))
            }
        }
        // An initial stands for a name with its first letter (В. Путин, V. Putin).
        let initials = Set(names.compactMap { $0.unicodeScalars.first })
        return others.contains { names.contains($0) || ($0.unicodeScalars.count == 2 && $0.hasSuffix(".") && initials.contains($0.unicodeScalars.first!)) }
    }

    /// True when `text` holds a German umlaut or ß (an alias in `de-ascii` spelling, Mueller,
    /// stands for one too).
    static func hasUmlaut(_ text: String) -> Bool {
        text.unicodeScalars.contains { "äöüÄÖÜß".unicodeScalars.contains($0) }
            || ["ae", "oe", "ue", "Ae", "Oe", "Ue", "AE", "OE", "UE"].contains { text.contains($0) }
    }

    /// Step 4: keeps, for every candidate, the entry context supports best: one already
    /// named unambiguously in the document (a PERSON among them after a person title), else
    /// a PERSON after a person title, else the first — a node's terminals are stored in
    /// preference order (``GazetteerCompiler/sourcePreference``, then entry order). Linear
    /// in the terminals, whatever their number (a surname shared by thousands of entries).
    private func resolveAmbiguity(_ candidates: inout [Candidate], units: [MatchUnit]) {
        func ambiguous(_ candidate: Candidate) -> Bool {
            guard let first = candidate.terminals.first?.entry else { return false }
            return candidate.terminals.contains { $0.entry != first }
        }
        var named: Set<Int32> = []
        for candidate in candidates where !ambiguous(candidate) { if let entry = candidate.terminals.first?.entry { named.insert(entry) } }
        let image = gazetteer.image
        for index in candidates.indices where ambiguous(candidates[index]) {
            let terminals = candidates[index].terminals
            let afterTitle = PersonTitleRule(lists: lists).titleEnds(before: candidates[index].units.lowerBound, in: units)
            func isPerson(_ terminal: GazetteerImage.Terminal) -> Bool { image.entryType(Int(terminal.entry)) == .person }
            let chosen = (afterTitle ? terminals.first { named.contains($0.entry) && isPerson($0) } : nil)
                ?? terminals.first { named.contains($0.entry) }
                ?? (afterTitle ? terminals.first(where: isPerson) : nil)
                ?? terminals[0]
            candidates[index].terminals = [chosen]
        }
    }
}

/// What the walk and the rules look up per unit, once per document: each unit's word id
/// (``none`` when no alias or name part holds its key) and, on first use, its readings.
final class UnitLookups {
    static let none = UInt32.max
    private(set) var words: [UInt32] = []
    private let image: GazetteerImage
    private let units: [MatchUnit]
    private let read: (MatchUnit) -> [Inflection.Reading]
    private var cache: [[Inflection.Reading]?]

    init(units: [MatchUnit], image: GazetteerImage, readings: @escaping (MatchUnit) -> [Inflection.Reading]) {
        self.units = units
        self.image = image
        read = readings
        cache = [[Inflection.Reading]?](repeating: nil, count: units.count)
        words = units.map { word($0.key) }
    }

    /// The word id of `key`, or ``none``.
    func word(_ key: String?) -> UInt32 {
        guard var key else { return Self.none }
        return key.withUTF8 { image.word(UnsafeRawBufferPointer($0)) } ?? Self.none
    }

    /// The readings of unit `index` (cached).
    func readings(_ index: Int) -> [Inflection.Reading] {
        if let cached = cache[index] { return cached }
        let result = read(units[index])
        cache[index] = result
        return result
    }
}

/// A possible entity before overlaps are resolved.
struct Candidate: Sendable {
    /// Scalar range in the original text.
    var range: Range<Int>
    /// The match units it covers.
    var units: ClosedRange<Int>
    /// Gazetteer entries it may be (the first is used); empty for a rule candidate.
    var terminals: [GazetteerImage.Terminal]
    /// Found through a case ending.
    var inflected: Bool
    /// For rule candidates: type, canonical name and rule name.
    var rule: (type: EntityType, canonical: String, name: String, id: String)?

    init(range: Range<Int>, units: ClosedRange<Int>, terminals: [GazetteerImage.Terminal], inflected: Bool) {
        self.range = range
        self.units = units
        self.terminals = terminals
        self.inflected = inflected
    }

    init(range: Range<Int>, units: ClosedRange<Int>, type: EntityType, canonical: String, rule: String, id: String) {
        self.range = range
        self.units = units
        terminals = []
        inflected = false
        self.rule = (type, canonical, rule, id)
    }

    func type(in gazetteer: Gazetteer) -> EntityType {
        rule?.type ?? gazetteer.image.entryType(Int(terminals[0].entry))
    }

    func entity(in scalars: [Unicode.Scalar], gazetteer: Gazetteer) -> Entity {
        let text = String(scalars: scalars[range])
        let image = gazetteer.image
        if let rule {
            if let terminal = terminals.first {
                let entry = Int(terminal.entry)
                return Entity(range: range, text: text, type: rule.type, id: image.entryID(entry), canonical: image.entryCanonical(entry),
                              matchedAlias: rule.name, source: .rule)
            }
            let canonical = rule.canonical.isEmpty ? text.split(whereSeparator: \.isWhitespace).joined(separator: " ") : rule.canonical
            return Entity(range: range, text: text, type: rule.type, id: rule.id, canonical: canonical,
                          matchedAlias: rule.name, source: .rule)
        }
        let entry = Int(terminals[0].entry)
        return Entity(range: range, text: text, type: image.entryType(entry), id: image.entryID(entry), canonical: image.entryCanonical(entry),
                      matchedAlias: image.aliasText(image.entryAliases(entry).lowerBound + Int(terminals[0].alias)), source: .gazetteer)
    }

    /// Longest first, then leftmost; a candidate overlapping a chosen one is dropped.
    static func select(_ candidates: [Candidate]) -> [Candidate] {
        let ordered = candidates.sorted {
            if $0.range.count != $1.range.count { return $0.range.count > $1.range.count }
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            return $0.rule == nil && $1.rule != nil   // the gazetteer wins a tie
        }
        // The scalars chosen names cover: "overlaps no chosen name" is "covers no covered
        // scalar", checked in the candidate's length instead of the number chosen (a long
        // document has tens of thousands of names).
        var covered = [Bool](repeating: false, count: candidates.map(\.range.upperBound).max() ?? 0)
        var chosen: [Candidate] = []
        for candidate in ordered where !candidate.range.contains(where: { covered[$0] }) {
            for position in candidate.range { covered[position] = true }
            chosen.append(candidate)
        }
        return chosen.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}

private let bundledTagger = ProcessWide { try Tagger(gazetteer: try Gazetteer.bundled()) }
