/// Numbers with what belongs to them are one token.
///
/// UAX #29 already keeps `2,5`, `2.5`, `1.000`, `10,000` and `10.09.2015` whole. On top:
/// - ranges: number, `-` or `–`, number with no space (`13-25`, `2016-2020`);
/// - clock times: one or two digits, `:`, two digits (`17:45`, `9:05:30`);
/// - percentages: `%` glued before (`%20`, Turkish) or after (`20%`) a number; `20 %`
///   stays two tokens;
/// - ordinal periods: in German, Turkish and Azerbaijani (and undetermined text) a number
///   of one to three digits, a `.`, a space on the same line and a word: `12. Dezember`,
///   `68. BM`. Four digits are taken as a year that ends a sentence (`2013. The`).
struct NumberRule: TokenRule {
    /// Languages that write ordinal numbers with a period.
    static let ordinalPeriodLanguages: Set<Language> = [.german, .turkish, .azerbaijani, .undetermined]


    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        let ordinals = Self.ordinalPeriodLanguages.contains(text.language)
        return pieces.rewritten { index, output in
            // `%20`: the sign must not follow a word or number directly.
            if text.piece(pieces[index], isOneOf: Piece.isPercent), index + 1 < pieces.count,
               pieces[index].touches(pieces[index + 1]), pieces[index + 1].kind == .number,
               !(output.last.map { $0.touches(pieces[index]) && ($0.kind == .word || $0.kind == .number) } ?? false) {
                output.append(pieces[index].merged(with: pieces[index + 1], kind: .number))
                return index + 2
            }
            guard pieces[index].kind == .number else { return nil }
            var number = pieces[index]
            var next = index + 1
            // Ranges, chained: 2016-2020, 1-2-3.
            while next + 1 < pieces.count, number.touches(pieces[next]), text.piece(pieces[next], isOneOf: Piece.isRangeDash),
                  pieces[next].touches(pieces[next + 1]), pieces[next + 1].kind == .number {
                number = number.merged(with: pieces[next + 1])
                next += 2
            }
            // Clock times: 17:45, 17:45:30.
            if next == index + 1, Self.isDigits(number, text, count: 1...2) {
                while next + 1 < pieces.count, number.touches(pieces[next]), text.piece(pieces[next], is: 0x3A),
                      pieces[next].touches(pieces[next + 1]), Self.isDigits(pieces[next + 1], text, count: 2...2) {
                    number = number.merged(with: pieces[next + 1])
                    next += 2
                }
            }
            if next < pieces.count, number.touches(pieces[next]), text.piece(pieces[next], isOneOf: Piece.isPercent) {
                number = number.merged(with: pieces[next])
                next += 1
            } else if ordinals, next + 1 < pieces.count, next == index + 1, number.touches(pieces[next]),
                      text.piece(pieces[next], is: 0x2E), Self.isDigits(number, text, count: 1...3),
                      text.isHorizontalGap(pieces[next], pieces[next + 1]), pieces[next + 1].kind == .word {
                number = number.merged(with: pieces[next], marks: .ordinal)
                next += 1
            }
            guard next > index + 1 else { return nil }
            output.append(number)
            return next
        }
    }

    /// True when `piece` is `count` ASCII digits and nothing else.
    private static func isDigits(_ piece: Piece, _ text: SegmentedText, count: ClosedRange<Int>) -> Bool {
        count.contains(piece.end - piece.start) && text.units[piece.range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
