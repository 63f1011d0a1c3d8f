/// Turkish and Azerbaijani suffixes after an apostrophe: `Astana’da`, `Kazakistan’ın`,
/// `25’inci`, `Afganistan`la` are one token each, split into `stem` and `suffix`.
///
/// UAX #29 keeps letters around `’` and `'` together already; this rule joins what it
/// cuts: a number before the apostrophe (`25’inci`) and apostrophe-like characters that
/// are not word-internal in Unicode (`` ` ``, `´`). The pieces join when a word or number,
/// an apostrophe and a word starting with a lower-case letter touch. Without an apostrophe
/// nothing is split (`2018de` stays whole).
///
/// ``split(_:)`` then divides such a token for Turkish and Azerbaijani: the stem must start
/// with a capital letter, a digit or `%`, and the suffix must be lower-case letters only
/// (so `O’Brien` and Uzbek `oʻzbek` are not split) — or, in text written in capitals, a
/// stem of at least two capitals and a suffix of at most six capitals (`İSTANBUL’DA`,
/// `KAZAKİSTAN’IN`; not `O’BRIEN`).
struct ApostropheSuffixRule: TokenRule {
    static let apostrophes: Set<Unicode.Scalar> = ["’", "'", "`", "ʼ", "´"]

    /// The code units of ``apostrophes`` (all in the BMP).
    static func isApostrophe(_ unit: UInt16) -> Bool {
        unit == 0x2019 || unit == 0x27 || unit == 0x60 || unit == 0x2BC || unit == 0xB4
    }

    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        pieces.rewritten { index, output in
            guard index + 2 < pieces.count else { return nil }
            let stem = pieces[index], apostrophe = pieces[index + 1], suffix = pieces[index + 2]
            guard stem.kind == .word || stem.kind == .number, stem.touches(apostrophe), apostrophe.touches(suffix),
                  text.piece(apostrophe, isOneOf: Self.isApostrophe),
                  suffix.kind == .word, SegmentedText.isLowercase(text.scalar(at: suffix.start)) else { return nil }
            output.append(stem.merged(with: suffix))
            return index + 3
        }
    }

    /// The stem and suffix of a Turkish or Azerbaijani token, or nil when it has none.
    static func split(_ token: String) -> (stem: String, suffix: String)? {
        let scalars = token.unicodeScalars
        guard let apostrophe = scalars.firstIndex(where: { apostrophes.contains($0) }) else { return nil }
        let stem = scalars[..<apostrophe], suffix = scalars[scalars.index(after: apostrophe)...]
        guard let first = stem.first, !suffix.isEmpty,
              SegmentedText.isUppercase(first) || SegmentedText.isDigit(first) || first == "%" else { return nil }
        let lowerSuffix = suffix.allSatisfy { SegmentedText.isLetter($0) && !SegmentedText.isUppercase($0) }
        let capitals = stem.count >= 2 && stem.allSatisfy({ SegmentedText.isUppercase($0) || !SegmentedText.isLetter($0) })
            && suffix.count <= 6 && suffix.allSatisfy({ SegmentedText.isLetter($0) && SegmentedText.isUppercase($0) })
        guard lowerSuffix || capitals else { return nil }
        return (String(stem), String(suffix))
    }
}
