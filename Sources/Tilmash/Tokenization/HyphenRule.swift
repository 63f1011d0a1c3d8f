/// Hyphens inside and at the end of words.
///
/// - Compounds: words (or a word and a number) joined by a hyphen with no space are one
///   token: `Kassym-Schomart`, `Kazak-Rus`, `COVID-19`. Two numbers are a range
///   (``NumberRule``).
/// - Suspended hyphen: a word ending in a hyphen before a conjunction from
///   `normalization/suspended-hyphen-words.txt` (`Wasser- und`, `Transit- oder`) or before a
///   comma keeps the hyphen: `Wasser-`.
/// - Line breaks: a word ending in a hyphen (or soft hyphen) at the end of a line, followed
///   by a word on the next line, is ONE token whose range spans the break — like the line
///   break repair of the normalizer, which gives its `norm`: a lower-case continuation is
///   one word broken across the line (`bölge-\nsel`, norm `bölgesel`); a capital or digit
///   makes a real compound (`Kazak-\nRus`, norm `kazak-rus`). A conjunction after the break
///   (`Wasser-\nund`) is a suspended hyphen instead.
struct HyphenRule: TokenRule {
    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        pieces.rewritten { index, output in
            guard Self.isWordLike(pieces[index]) else { return nil }
            var word = pieces[index]
            var next = index + 1
            while next < pieces.count {
                let following = next + 1 < pieces.count ? pieces[next + 1] : nil
                // A soft hyphen sits inside the ICU segment: "bölge\u{AD}" + line break + "sel".
                if text.units[word.end - 1] == 0xAD, lineBreakJoins(word, pieces[next], text) == .join {
                    word = word.merged(with: pieces[next], kind: .word, marks: .lineBreak)
                    next += 1
                    continue
                }
                guard word.touches(pieces[next]), text.piece(pieces[next], isOneOf: Piece.isHyphen) else { break }
                let hyphen = pieces[next]
                guard let after = following else { break }
                if hyphen.touches(after), Self.isWordLike(after), !(word.kind == .number && after.kind == .number) {
                    word = word.merged(with: after, kind: .word)
                    next += 2
                    continue
                }
                switch lineBreakJoins(hyphen, after, text) {
                case .join, .compound:
                    word = word.merged(with: after, kind: .word, marks: .lineBreak)
                    next += 2
                    continue
                case .suspended:
                    word = word.merged(with: hyphen)
                    next += 1
                case nil:
                    if isSuspended(word, hyphen, after, text) {
                        word = word.merged(with: hyphen)
                        next += 1
                    }
                }
                break
            }
            guard next > index + 1 else { return nil }
            output.append(word)
            return next
        }
    }

    private enum LineBreak { case join, compound, suspended }

    /// How a hyphen at the end of a line (`end` is the piece ending in it) and the word on the
    /// next line go together, or nil when there is no single line break between them.
    private func lineBreakJoins(_ end: Piece, _ after: Piece, _ text: SegmentedText) -> LineBreak? {
        guard end.end < after.start, text.lineBreaks(in: end.end..<after.start) == 1,
              text.all(end.end..<after.start, { $0.properties.isWhitespace }),
              let beforeHyphen = text.scalar(before: end.end - 1), SegmentedText.isLetter(beforeHyphen),
              Self.isWordLike(after) else { return nil }
        let first = text.scalar(at: after.start)
        if SegmentedText.isLowercase(first) {
            return text.lists.isSuspendedHyphenWord(text.string(after)) ? .suspended : .join
        }
        return SegmentedText.isUppercase(first) || SegmentedText.isDigit(first) ? .compound : nil
    }

    /// `Wasser- und`, `Nord-, Süd-`: a hyphen after a letter, then a comma or a conjunction.
    private func isSuspended(_ word: Piece, _ hyphen: Piece, _ after: Piece, _ text: SegmentedText) -> Bool {
        guard let last = text.scalar(before: hyphen.start), SegmentedText.isLetter(last) else { return false }
        if hyphen.touches(after) { return text.piece(after, is: 0x2C) }
        return text.isHorizontalGap(hyphen, after) && after.kind == .word && text.lists.isSuspendedHyphenWord(text.string(after))
    }

    private static func isWordLike(_ piece: Piece) -> Bool { piece.kind == .word || piece.kind == .number }
}
