/// Abbreviations keep their period, and periods glued between two words are taken apart.
///
/// - A word followed by `.` is one token with it when the pair is a listed abbreviation
///   (``TokenizerLists``: `Dr.`, `bzw.`, `vb.`, `т.е.`), an initial (one capital letter:
///   `K.`) or a group of dotted single letters (`U.S.`, `z.B.`, `т.е.`). Unless the list
///   marks it `final`, such a token does not end a sentence.
/// - UAX #29 keeps letters around a period together (`Mr.Yerlan`, `Astana.Next`, for
///   `e.g` and web names). Inside such a word, a listed abbreviation or initials followed
///   by a word of two or more letters are split off with their period (`Mr.` + `Yerlan`);
///   a lower-case word glued by a period to a capitalised one (`Astana.Next`) is two words
///   and a `.` that ends a sentence.
///
/// Numbers glued to a word (`2013.The`) need nothing: UAX #29 already cuts there.
struct AbbreviationRule: TokenRule {
    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        let split = pieces.rewritten { index, output in
            let piece = pieces[index]
            guard piece.kind == .word, text.contains(0x2E, in: piece.range) else { return nil }
            splitGlued(piece, text, into: &output)
            return index + 1
        }
        return split.rewritten { index, output in
            let word = split[index]
            guard word.kind == .word, index + 1 < split.count, word.touches(split[index + 1]),
                  text.piece(split[index + 1], is: 0x2E), text.units[word.end - 1] != 0x2E else { return nil }
            // Most words before a period are longer than any listed abbreviation, and are no
            // initials (those have periods inside, or are one letter).
            guard word.end - word.start < text.lists.longestAbbreviation || text.contains(0x2E, in: word.range) else { return nil }
            let candidate = text.string(word) + "."
            guard text.lists.isAbbreviation(candidate) || Self.isInitials(candidate) else { return nil }
            let marks: Piece.Marks = text.lists.mayEndSentence(candidate) ? [] : .abbreviation
            output.append(word.merged(with: split[index + 1], marks: marks))
            return index + 2
        }
    }

    /// Splits a word with periods inside at abbreviations and glued sentence ends.
    private func splitGlued(_ piece: Piece, _ text: SegmentedText, into output: inout [Piece]) {
        let units = text.units
        var start = piece.start
        var period = piece.start + 1
        while period < piece.end - 1 {
            defer { period += 1 }
            guard units[period] == 0x2E else { continue }
            let rightEnd = units[(period + 1)..<piece.end].firstIndex(of: 0x2E) ?? piece.end
            let right = text.scalars((period + 1)..<rightEnd)
            guard right.count >= 2, SegmentedText.isLetter(right[0]) else { continue }
            let left = text.string(start..<(period + 1))
            if text.lists.isAbbreviation(left) || (Self.isInitials(left) && SegmentedText.isUppercase(right[0])) {
                let marks: Piece.Marks = text.lists.mayEndSentence(left) ? [] : .abbreviation
                output.append(Piece(start: start, end: period + 1, kind: .word, marks: marks))
                start = period + 1
                continue
            }
            // A glued sentence end: "…in Astana.Next…" (word ≥ 2 letters, lower case before the
            // period, a capital and a lower-case letter after it).
            let leftWordStart = units[start..<period].lastIndex(of: 0x2E).map { $0 + 1 } ?? start
            let leftWord = text.scalars(leftWordStart..<period)
            guard leftWord.count >= 2, let last = leftWord.last, SegmentedText.isLowercase(last),
                  SegmentedText.isUppercase(right[0]), SegmentedText.isLowercase(right[1]) else { continue }
            output.append(Piece(start: start, end: period, kind: .word))
            output.append(Piece(start: period, end: period + 1, kind: .punctuation, marks: .sentenceEnd))
            start = period + 1
        }
        output.append(start == piece.start ? piece : Piece(start: start, end: piece.end, kind: .word))
    }

    /// True for one or more single letters each followed by a period: `K.`, `U.S.`, `т.е.`.
    static func isInitials(_ candidate: String) -> Bool {
        let scalars = Array(candidate.unicodeScalars)
        guard scalars.count >= 2, scalars.count % 2 == 0 else { return false }
        for (offset, scalar) in scalars.enumerated() {
            if offset % 2 == 0 ? !SegmentedText.isLetter(scalar) : scalar != "." { return false }
        }
        // A single lower-case letter with a period ("a.") is an initial only when listed.
        return scalars.count > 2 || SegmentedText.isUppercase(scalars[0])
    }
}
