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
///    heading), not in capitals, and does not end in `.`, `!`, `?`, `:`, `;` or `…`.
///
/// In `tilmash normalize` text mode each line is processed alone, so this filter only acts
/// on whole documents (`--document`, `--input jsonl`, and the library).
public struct LineBreakRepairFilter: TextFilter {
    private let suspendedHyphenWords: Set<String>

    /// Loads the suspended-hyphen word list from the bundled resources.
    public init() throws {
        suspendedHyphenWords = Set(try TilmashResources.text("normalization/suspended-hyphen-words.txt")
            .split(separator: "\n").map { $0.trimmingSpaces }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    public let name = "line-breaks"
    public let summary = "join words hyphenated across lines (Zusammen-\\narbeit), keep compounds (Kazak-\\nRus), join wrapped lines"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        let s = text.scalars
        guard s.contains("\n") else { return text }
        var builder = MappedText.Builder(text)
        var position = 0
        var lineStart = 0
        while let newline = s[position...].firstIndex(of: "\n") {
            // Previous line: lineStart..<newline; its last non-space character:
            var aEnd = newline
            while aEnd > lineStart && s[aEnd - 1] == " " { aEnd -= 1 }
            var bStart = newline + 1
            while bStart < s.count && s[bStart] == " " { bStart += 1 }
            var bEnd = bStart
            while bEnd < s.count && s[bEnd] != "\n" { bEnd += 1 }
            let aBlank = aEnd == lineStart, bBlank = bStart == bEnd
            if aBlank || bBlank {
                builder.copy(position..<(newline + 1))
                position = newline + 1
                lineStart = newline + 1
                continue
            }
            let last = s[aEnd - 1]
            let next = s[bStart]
            let hyphenated = Self.hyphens.contains(last) && aEnd - 2 >= lineStart && s[aEnd - 2].properties.isAlphabetic
            if hyphenated && next.properties.isLowercase && !(last != "\u{AD}" && startsWithSuspendedHyphenWord(s, bStart)) {
                builder.copy(position..<(aEnd - 1))          // drop hyphen, spaces, newline, spaces
            } else if hyphenated && (next.properties.isUppercase || next.properties.numericType != nil) {
                builder.copy(position..<aEnd)                // keep hyphen, drop the break
            } else if shouldJoin(s, lineStart: lineStart, lineEnd: aEnd, next: next) {
                builder.copy(position..<aEnd)
                builder.emit(" ", from: newline..<newline + 1)
            } else {
                builder.copy(position..<(newline + 1))
                position = newline + 1
                lineStart = newline + 1
                continue
            }
            position = bStart
            lineStart = newline + 1
        }
        builder.copy(position..<s.count)
        return builder.output
    }

    private static let hyphens: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{AD}"]
    private static let terminals: Set<Unicode.Scalar> = [".", "!", "?", ":", ";", "…"]

    private func shouldJoin(_ s: [Unicode.Scalar], lineStart: Int, lineEnd: Int, next: Unicode.Scalar) -> Bool {
        if next.properties.isLowercase { return true }
        if Self.terminals.contains(s[lineEnd - 1]) { return false }
        let line = s[lineStart..<lineEnd]
        guard line.count >= 40 else { return false }
        let letters = line.filter { $0.properties.isAlphabetic }
        let capitals = letters.filter { $0.properties.isUppercase }.count
        return capitals * 2 < letters.count
    }

    private func startsWithSuspendedHyphenWord(_ s: [Unicode.Scalar], _ start: Int) -> Bool {
        var end = start
        while end < s.count && s[end].properties.isAlphabetic { end += 1 }
        return suspendedHyphenWords.contains(String(scalars: s[start..<end]).lowercased())
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}
