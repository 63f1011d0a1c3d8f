/// Repairs line breaks left by PDF extraction and hard-wrapped text.
///
/// Rules, applied at every single line break between two non-blank lines (a blank line —
/// a paragraph break — is never touched):
/// 1. **Hyphenation**: a line ending in a letter plus `-`, `‐` or a soft hyphen, followed by
///    a line starting with a lowercase letter, is one word broken across the line: the
///    hyphen, the break and the spaces around it go (`Zusammen-\narbeit` → `Zusammenarbeit`,
///    `bölge-\nsel` → `bölgesel`). Exception: when the next word is a conjunction from
///    `Resources/normalization/suspended-hyphen-words.txt` the hyphen is a suspended hyphen
///    (`Wasser-\nund Umwelt` → `Wasser- und Umwelt`).
/// 2. **Compounds**: the same, but the next line starts with a capital letter or a digit: a
///    real hyphenated compound (`Kazak-\nRus`, `Kasachstan-\n2050`): the break and spaces go,
///    the hyphen stays (`Kazak-Rus`).
/// 3. **Wrapped lines**: a break inside a sentence becomes one space — when the next line
///    starts with a lowercase letter, or the previous line is long (40+ characters, so not a
///    heading), neither in capitals nor in title case (a headline), and does not end in
///    `.`, `!`, `?`, `:`, `;` or `…`.
///
/// In `tilmash normalize` text mode each line is processed alone, so this filter only acts
/// on whole documents (`--document`, `--input jsonl`, and the library).
public struct LineBreakRepairFilter: LineLocalFilter {
    private let suspendedHyphenWords: Set<String>

    /// Loads the suspended-hyphen word list from the bundled resources.
    public init() throws {
        suspendedHyphenWords = Set(try TilmashResources.text("normalization/suspended-hyphen-words.txt")
            .split(separator: "\n").map { $0.trimmingSpaces }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// The same for every language (its output holds no new letters, or is followed
    /// through ``mapping(of:language:)``).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    /// No character alone; line breaks are decided by ``keepsLineBreak(in:at:)``.
    public func isTrigger(_ scalar: Unicode.Scalar) -> Bool { false }

    public let name = "line-breaks"
    public let summary = "join words hyphenated across lines (Zusammen-\\narbeit), keep compounds (Kazak-\\nRus), join wrapped lines"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        guard text.scalars.contains("\n") else { return text }
        return text.scalars.withUnsafeBufferPointer { s in
            var builder = MappedText.Builder(text)
            var position = 0
            var newline = 0
            while newline < s.count {
                guard s[newline] == "\n" else {
                    newline += 1
                    continue
                }
                let lines = LineBreak(s, newline)
                switch action(lines, s) {
                case .keep:
                    newline += 1
                    continue
                case .joinWord:
                    builder.copy(position..<(lines.aEnd - 1))     // drop hyphen, spaces, newline, spaces
                case .joinCompound:
                    builder.copy(position..<lines.aEnd)           // keep hyphen, drop the break
                case .joinLines:
                    builder.copy(position..<lines.aEnd)
                    builder.emit(" ", from: newline..<newline + 1)
                }
                position = lines.bStart
                newline = lines.bStart
            }
            builder.copy(position..<s.count)
            return builder.output
        }
    }

    /// Keeps the break unless one of the rules above joins the lines. Its lines are
    /// looked at up to the neighbouring breaks; a joined previous line does not count.
    public func keepsLineBreak(in scalars: UnsafeBufferPointer<Unicode.Scalar>, at newline: Int) -> Bool {
        action(LineBreak(scalars, newline), scalars) == .keep
    }

    /// The lines around one break: the previous line's end before trailing spaces, the
    /// next line's start after leading spaces, and whether either line is blank. A carriage
    /// return before a line feed counts as part of the break, as it will once
    /// ``InvisibleCharacterFilter`` has removed it (so the unfiltered text a ``LinePlan``
    /// asks about gives the same answer).
    private struct LineBreak {
        let aEnd: Int, bStart: Int
        let isBesideBlankLine: Bool

        init(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ newline: Int) {
            var aEnd = newline
            if aEnd > 0 && s[aEnd - 1] == "\r" { aEnd -= 1 }
            while aEnd > 0 && s[aEnd - 1] == " " { aEnd -= 1 }
            var bStart = newline + 1
            while bStart < s.count && s[bStart] == " " { bStart += 1 }
            self.aEnd = aEnd
            self.bStart = bStart
            let nextIsBlank = bStart == s.count || s[bStart] == "\n"
                || (s[bStart] == "\r" && bStart + 1 < s.count && s[bStart + 1] == "\n")
            isBesideBlankLine = aEnd == 0 || s[aEnd - 1] == "\n" || nextIsBlank
        }

        /// Where the previous line starts (looked for only when a rule needs the line).
        func lineStart(_ s: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
            var start = aEnd
            while start > 0 && s[start - 1] != "\n" { start -= 1 }
            return start
        }
    }

    private enum Action { case keep, joinWord, joinCompound, joinLines }

    private func action(_ lines: LineBreak, _ s: UnsafeBufferPointer<Unicode.Scalar>) -> Action {
        guard !lines.isBesideBlankLine else { return .keep }
        let last = s[lines.aEnd - 1]
        let next = s[lines.bStart]
        let hyphenated = Self.isHyphen(last) && lines.aEnd >= 2 && CharacterClass.isAlphabetic(s[lines.aEnd - 2])
        if hyphenated && CharacterClass.isLowercase(next) && !(last != "\u{AD}" && startsWithSuspendedHyphenWord(s, lines.bStart)) {
            return .joinWord
        } else if hyphenated && (CharacterClass.isUppercase(next) || next.properties.numericType != nil) {
            return .joinCompound
        } else if shouldJoin(lines, s, next: next) {
            return .joinLines
        }
        return .keep
    }

    // Switches rather than static sets: a lazy global costs a call on every access. The
    // tokenizer's sentence splitter reads wrapped lines with the same two lists.
    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{AD}"
    }

    static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", ":", ";", "…": return true
        default: return false
        }
    }

    private func shouldJoin(_ lines: LineBreak, _ s: UnsafeBufferPointer<Unicode.Scalar>, next: Unicode.Scalar) -> Bool {
        if CharacterClass.isLowercase(next) { return true }
        if Self.isTerminal(s[lines.aEnd - 1]) { return false }
        return Self.isLongRunningLine(s[lines.lineStart(s)..<lines.aEnd])
    }

    /// A line of 40 or more characters not mostly in capitals and not in title case (every
    /// word of four or more letters capitalised, at least four of them, three in four of
    /// all words, no comma: `Kazakhstan And Russia Sign A New Trade And Energy Agreement`,
    /// but not a wrapped list of names `… İmamali Rahman, Özbekistan Cumhurbaşkanı`):
    /// running text, not a heading (the wrapped-line rule; the tokenizer's sentence
    /// splitter asks the same).
    static func isLongRunningLine<Line: Collection>(_ line: Line) -> Bool where Line.Element == Unicode.Scalar {
        guard line.count >= 40 else { return false }
        var letters = 0, capitals = 0
        var words = 0, capitalizedWords = 0, longWords = 0, lowerLongWords = 0, wordLetters = 0, wordCapitalized = false
        var comma = false
        let kinds = CharacterClass.table
        func endWord() {
            if wordLetters >= 2 {
                words += 1
                if wordCapitalized { capitalizedWords += 1 }
            }
            if wordLetters >= 4 {
                longWords += 1
                if !wordCapitalized { lowerLongWords += 1 }
            }
            wordLetters = 0
        }
        for scalar in line {
            if scalar == "," { comma = true }
            let kind = CharacterClass.kind(scalar, in: kinds)
            guard kind & CharacterClass.alphabetic != 0 else {
                if kind & CharacterClass.mark == 0 { endWord() }
                continue
            }
            letters += 1
            if kind & CharacterClass.uppercase != 0 { capitals += 1 }
            if wordLetters == 0 { wordCapitalized = kind & CharacterClass.uppercase != 0 }
            wordLetters += 1
        }
        endWord()
        let titleCase = !comma && longWords >= 4 && lowerLongWords == 0 && capitalizedWords * 4 >= words * 3
        return capitals * 2 < letters && !titleCase
    }

    private func startsWithSuspendedHyphenWord(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Bool {
        var end = start
        while end < s.count && CharacterClass.isAlphabetic(s[end]) { end += 1 }
        return suspendedHyphenWords.contains(String(scalars: s[start..<end]).lowercased())
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}
