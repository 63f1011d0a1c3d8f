/// Sentence boundaries: ICU's sentence iterator (UAX #29), corrected for what it cannot know.
///
/// 1. ICU ends a sentence at every line break. Line breaks inside a sentence — wrapped
///    lines and hyphenated words — are hidden from it first, by the same test the line
///    break repair of the normalizer uses: a break between two non-blank lines is inside a
///    sentence when the previous line ends in a hyphen after a letter, or the next line
///    starts with a lower-case letter, or the previous line is long (40+ characters), not
///    in capitals, and does not end in `.` `!` `?` `:` `;` `…`. A blank line always ends a
///    sentence; so do short lines such as headings and datelines.
/// 2. A boundary inside a token (a `?` in a URL) is dropped.
/// 3. No sentence ends after an abbreviation (`Dr.`, not those listed as `final`) or an
///    ordinal number (`12.`) unless a line break that ends a sentence follows.
/// 4. A period split off a glued word (`Astana.Next`) ends a sentence.
/// 5. A period after a word, then a space and a number, ends a sentence: ICU continues
///    the sentence when a lower-case word follows the number (`inanıyoruz. 2015 yılında`).
struct SentenceSplitter: Sendable {
    let breaker: SentenceBreaker

    /// The indices of the pieces that start a sentence (the first is 0).
    func sentenceStarts(_ pieces: [Piece], in text: SegmentedText) throws -> [Int] {
        var units = text.units
        hideSoftLineBreaks(&units)
        let boundaries = try units.withUnsafeBufferPointer { try breaker.boundaries(in: $0) }
        var starts = [0]
        var next = 0
        for index in pieces.indices.dropFirst() {
            let previous = pieces[index - 1], piece = pieces[index]
            while next < boundaries.count && boundaries[next] < previous.end { next += 1 }
            var ends = next < boundaries.count && boundaries[next] <= piece.start
            if ends, !previous.marks.isDisjoint(with: [.abbreviation, .ordinal]),
               !units[previous.end..<piece.start].contains(where: Self.isLineBreak) {
                ends = false
            }
            if previous.marks.contains(.sentenceEnd) { ends = true }
            if !ends, piece.kind == .number, previous.end < piece.start, previous.marks.isEmpty,
               text.piece(previous, is: 0x2E), index >= 2, pieces[index - 2].kind == .word, pieces[index - 2].touches(previous) {
                ends = true
            }
            if ends { starts.append(index) }
        }
        return starts
    }

    private static func isLineBreak(_ unit: UInt16) -> Bool { CharacterClass.isLineBreak(UInt32(unit)) }

    /// Replaces each line break inside a sentence by spaces (same length, so offsets stay).
    private func hideSoftLineBreaks(_ units: inout [UInt16]) {
        var lineStart = 0
        var index = 0
        while index < units.count {
            guard units[index] == 0x0A || units[index] == 0x0D else {
                index += 1
                continue
            }
            let breakStart = index
            let breakEnd = units[index] == 0x0D && index + 1 < units.count && units[index + 1] == 0x0A ? index + 2 : index + 1
            if isSoft(units, previousLine: lineStart..<breakStart, nextLineStart: breakEnd) {
                for position in breakStart..<breakEnd { units[position] = 0x20 }
            }
            lineStart = breakEnd
            index = breakEnd
        }
    }

    private func isSoft(_ units: [UInt16], previousLine: Range<Int>, nextLineStart: Int) -> Bool {
        var end = previousLine.upperBound
        while end > previousLine.lowerBound, units[end - 1] == 0x20 || units[end - 1] == 0x09 { end -= 1 }
        var next = nextLineStart
        while next < units.count, units[next] == 0x20 || units[next] == 0x09 { next += 1 }
        guard end > previousLine.lowerBound, next < units.count, units[next] != 0x0A, units[next] != 0x0D else { return false }
        let line = SegmentedText.decode(units, previousLine.lowerBound..<end)
        let last = line[line.count - 1]
        if LineBreakRepairFilter.isHyphen(last), line.count >= 2, SegmentedText.isLetter(line[line.count - 2]) { return true }
        if SegmentedText.isLowercase(SegmentedText.decode(units, next..<min(next + 2, units.count))[0]) { return true }
        if LineBreakRepairFilter.isTerminal(last) { return false }
        return LineBreakRepairFilter.isLongRunningLine(line)
    }
}
