/// The stream the matcher walks: tokens, with hyphenated compounds and glued words taken
/// apart, each carrying its match key and its place in the original text.
///
/// - `Kazakistan-Rusya` → `kazakistan`, `-`, `rusya`, so both names inside a compound are
///   found (GUIDELINES rule 5) and `Kassym-Schomart` still matches as `kassym - schomart`;
/// - `AbdrahmanovLavrov` (a lost space in damaged text) → `abdrahmanov`, `lavrov`;
/// - punctuation is a barrier: no name runs across it.
struct MatchUnit: Sendable {
    /// The match key; nil for a barrier (punctuation, symbols).
    let key: String?
    /// Scalar range in the original document.
    let range: Range<Int>
    /// The original text of the unit.
    let text: String
    /// Scalars at the end of `range` that are a suffix after an apostrophe (`’da`), not
    /// part of a name.
    let apostropheSuffix: Int
    /// Index of the token the unit came from.
    let token: Int
    /// For a word with such a suffix, the key of the whole word (`asya'da`): a few names
    /// contain an inflected word ("Asya’da Etkileşim ve Güven Artırıcı Önlemler Konferansı").
    var wholeKey: String? = nil

    /// The key of the suffix after the apostrophe (`da` in `Kilikya’da`, `li` in `ABD'li`),
    /// empty when there is none.
    var apostropheEnding: Substring {
        guard let whole = wholeKey, let apostrophe = whole.lastIndex(where: { $0 == "'" || $0 == "’" }) else { return "" }
        return whole[whole.index(after: apostrophe)...]
    }

    /// The unit is a hyphen (compared by bytes: `String ==` on a non-ASCII key takes
    /// Unicode's slow path).
    var isHyphen: Bool { key.map { $0.utf8.count == 1 && $0.utf8.first == UInt8(ascii: "-") } ?? false }

    var startsWithCapital: Bool {
        text.unicodeScalars.first(where: CharacterClass.isAlphabetic).map(CharacterClass.isUppercase) ?? false
    }

    var isAllCapitals: Bool {
        var letters = false
        for scalar in text.unicodeScalars.dropLast(apostropheSuffix) where CharacterClass.isAlphabetic(scalar) {
            guard CharacterClass.isUppercase(scalar) else { return false }
            letters = true
        }
        return letters
    }

    /// How many scalars at the end of the unit's original text spell the last `count`
    /// scalars of its key — the place where an ending found in the key starts in the
    /// original. Keys are composed (NFKC) and folded, the original may be decomposed: in
    /// `Baku\u{308}nu\u{308}n` the key's ending `nun` is four original scalars. Each key
    /// scalar of an ending is one original letter with the combining marks after it.
    func originalScalars(forKeySuffix count: Int) -> Int {
        guard count > 0 else { return 0 }
        let scalars = text.unicodeScalars
        var index = scalars.endIndex
        var taken = 0, letters = 0
        while index > scalars.startIndex, letters < count {
            index = scalars.index(before: index)
            taken += 1
            if CharacterClass.kind(scalars[index]) & CharacterClass.mark == 0 { letters += 1 }
        }
        return taken
    }

    /// The match key of a token (for a Turkish word split at an apostrophe, its stem).
    static func key(of token: Token) -> String {
        if token.stem != nil, let apostrophe = token.norm.firstIndex(of: "'") {
            return MatchKey.of(norm: String(token.norm[..<apostrophe]))
        }
        return MatchKey.of(norm: token.norm)
    }

    /// Root-rule folding for the pieces of split words (keys are language-neutral).
    private static let rootCase = try? CaseMapper(language: .english)

    /// For each unit, whether it is the first word of a sentence (the first unit, or the
    /// first word after `.` `!` `?` `…` `:` `;` or a line break): a capital there says little.
    static func sentenceStarts(_ units: [MatchUnit]) -> [Bool] {
        var starts: [Bool] = []
        starts.reserveCapacity(units.count)
        var atStart = true
        for unit in units {
            if unit.key == nil {
                if [".", "!", "?", "…", ":", "...", ";"].contains(unit.text) || unit.text.contains("\n") { atStart = true }
                starts.append(false)
                continue
            }
            starts.append(atStart)
            atStart = false
        }
        return starts
    }

    /// The units of `tokens`.
    static func units(of tokens: [Token]) -> [MatchUnit] {
        var units: [MatchUnit] = []
        units.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .word:
                let pieces = split(token)
                if pieces.count == 1 {
                    var suffix = token.suffix.map { $0.unicodeScalars.count + 1 } ?? 0
                    var key = Self.key(of: token)
                    // The possessive 's of English and German (Kazakhstan's, Japan’s) is an
                    // ending after an apostrophe like a Turkish suffix.
                    if suffix == 0, key.count > 3, key.hasSuffix("'s") {
                        suffix = 2
                        key.removeLast(2)
                    }
                    units.append(MatchUnit(key: key, range: token.range, text: token.text, apostropheSuffix: suffix,
                                           token: index, wholeKey: suffix > 0 ? MatchKey.of(norm: token.norm) : nil))
                } else {
                    // A hyphenated word with a suffix (`Nur-Sultan’da`): the suffix stays on
                    // the last piece, whose key is its part before the apostrophe.
                    let suffix = token.suffix.map { $0.unicodeScalars.count + 1 } ?? 0
                    let key = { (text: String) in MatchKey.of(norm: (try? Self.rootCase?.fold(text)) ?? text) }
                    for (number, piece) in pieces.enumerated() {
                        if number == pieces.count - 1, suffix > 0 {
                            let stem = String(String.UnicodeScalarView(piece.text.unicodeScalars.dropLast(suffix)))
                            units.append(MatchUnit(key: key(stem), range: piece.range, text: piece.text, apostropheSuffix: suffix,
                                                   token: index, wholeKey: key(piece.text)))
                        } else {
                            units.append(MatchUnit(key: piece.text == "-" ? "-" : key(piece.text),
                                                   range: piece.range, text: piece.text, apostropheSuffix: 0, token: index))
                        }
                    }
                }
            case .number where token.text.unicodeScalars.contains(where: CharacterClass.isAlphabetic):
                // Letters with a number are a name more often than a quantity: G7, G20.
                units.append(MatchUnit(key: MatchKey.of(norm: token.norm), range: token.range, text: token.text, apostropheSuffix: 0, token: index))
            case .url, .email, .hashtag, .mention:
                units.append(MatchUnit(key: MatchKey.of(norm: token.norm), range: token.range, text: token.text, apostropheSuffix: 0, token: index))
            default:
                units.append(MatchUnit(key: nil, range: token.range, text: token.text, apostropheSuffix: 0, token: index))
            }
        }
        return units
    }

    /// Splits a word token at inner hyphens and at a lower-to-upper case change inside a
    /// long word (`AbdrahmanovLavrov`); a word with a suffix after an apostrophe is split
    /// in its stem only (`Nur-Sultan’da` → `Nur`, `-`, `Sultan’da`); line-broken words stay
    /// whole.
    private static func split(_ token: Token) -> [(text: String, range: Range<Int>)] {
        let scalars = token.text.scalarArray
        guard !scalars.contains("\n"), scalars.count > 2 else { return [(token.text, token.range)] }
        let stemLength = token.suffix.map { scalars.count - $0.unicodeScalars.count - 1 } ?? scalars.count
        guard stemLength > 2 else { return [(token.text, token.range)] }
        // The letter before `index`, past combining marks (a decomposed `й` is `и` + U+0306).
        func isLowercase(before index: Int) -> Bool {
            var previous = index - 1
            while previous > 0, CharacterClass.kind(scalars[previous]) & CharacterClass.mark != 0 { previous -= 1 }
            return CharacterClass.isLowercase(scalars[previous])
        }
        // Letters, not scalars: a decomposed `й` is one letter as composed.
        func letters(_ range: Range<Int>) -> Int {
            scalars[range].reduce(0) { $0 + (CharacterClass.kind($1) & CharacterClass.mark == 0 ? 1 : 0) }
        }
        var cuts: [(Int, isHyphen: Bool)] = []
        for index in 1..<(stemLength - 1) {
            if scalars[index] == "-" || scalars[index] == "\u{2010}" {
                cuts.append((index, true))
            } else if CharacterClass.isUppercase(scalars[index]) && isLowercase(before: index)
                        && letters(0..<index) >= 3 && letters(index..<stemLength) >= 3 {
                cuts.append((index, false))
            }
        }
        guard !cuts.isEmpty else { return [(token.text, token.range)] }
        var pieces: [(text: String, range: Range<Int>)] = []
        var start = 0
        func piece(_ range: Range<Int>) -> (text: String, range: Range<Int>) {
            return (String(scalars: scalars[range]), (token.range.lowerBound + range.lowerBound)..<(token.range.lowerBound + range.upperBound))
        }
        for (cut, isHyphen) in cuts {
            if cut > start { pieces.append(piece(start..<cut)) }
            if isHyphen {
                pieces.append(piece(cut..<cut + 1))
                start = cut + 1
            } else {
                start = cut
            }
        }
        if start < scalars.count { pieces.append(piece(start..<scalars.count)) }
        return pieces
    }
}
