/// Web addresses and e-mail addresses are single tokens.
///
/// UAX #29 cuts `https://www.commvisory.de/` into `https` `:` `/` `/` `www.commvisory.de`
/// `/`, and `info@commvisory.de` into three. This rule finds, on the code units:
/// - a scheme (`https://`, `ftp://`, any ASCII letters before `://`) or `www.` and the
///   address after it;
/// - a bare domain `name.tld` whose top-level domain is in `tokenizer/domains.txt` and
///   written in lower case (or the whole name in capitals): `rusvideos.com`, `akorda.kz`,
///   with a path when a `/` follows;
/// - an e-mail address: a local part, `@`, and a domain with a dot (ICU 72 keeps most of
///   one in a single segment, other ICU versions cut at `@`; the rule reads characters).
///
/// An address ends at whitespace, at quotes and angle brackets, and never with `.` `,` `;`
/// `:` `!` `?` or an unmatched `)`: a sentence period after a URL is its own token. A final
/// `/` stays (`https://www.commvisory.de/`).
struct WebAddressRule: TokenRule {
    func apply(_ pieces: [Piece], in text: SegmentedText) -> [Piece] {
        var spans: [Piece] = []
        var covered = 0   // text before this offset is inside a span already
        // Most words are no address: look closer only near an `@`, a `.` or `://`.
        let atSigns = text.units.withUnsafeBufferPointer { units in units.indices.filter { units[$0] == 0x40 } }
        var nextAt = 0
        for piece in pieces where piece.start >= covered {
            guard piece.kind == .word || piece.kind == .number else { continue }
            while nextAt < atSigns.count && atSigns[nextAt] < piece.start { nextAt += 1 }
            var span: Piece?
            if nextAt < atSigns.count, atSigns[nextAt] - piece.start <= 64,
               !text.units[piece.start..<atSigns[nextAt]].contains(where: { $0 <= 0x20 }) {
                span = email(at: piece, text)
            }
            if span == nil, mayStartAddress(piece, text) { span = url(at: piece, text) }
            if let span, span.start >= covered {
                spans.append(span)
                covered = span.end
            }
        }
        return pieces.replacing(spans, in: text)
    }

    /// A cheap test: `scheme://` follows, or the piece has a `.` inside or right after it.
    private func mayStartAddress(_ piece: Piece, _ text: SegmentedText) -> Bool {
        let units = text.units
        if piece.end < units.count && (units[piece.end] == 0x3A || units[piece.end] == 0x2E) { return true }
        return text.contains(0x2E, in: piece.range)
    }

    // MARK: E-mail

    private func email(at piece: Piece, _ text: SegmentedText) -> Piece? {
        // ICU 72 keeps `info@commvisory.de` in one segment, other versions cut at `@`:
        // read the characters, not the pieces.
        let start = piece.start
        guard text.units[start] != 0x2E else { return nil }
        if let before = text.scalar(before: start), Self.isLocalPart(before) || before == "@" { return nil }
        var atSign = start
        while atSign < text.count, Self.isLocalPart(text.scalar(at: atSign)) { atSign = text.index(after: atSign) }
        guard atSign > start, atSign < text.count, text.units[atSign] == 0x40 else { return nil }
        let end = domainEnd(from: atSign + 1, text)
        guard end > atSign + 1, isDomain(atSign + 1..<end, text, anyTopLevel: true) else { return nil }
        return Piece(start: start, end: end, kind: .email)
    }

    private static func isLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        SegmentedText.isLetter(scalar) || SegmentedText.isDigit(scalar) || "._%+-".unicodeScalars.contains(scalar)
    }

    // MARK: URL

    private func url(at piece: Piece, _ text: SegmentedText) -> Piece? {
        let units = text.units
        // scheme://
        if piece.end + 3 <= units.count, units[piece.end] == 0x3A, units[piece.end + 1] == 0x2F, units[piece.end + 2] == 0x2F,
           text.all(piece.range, { $0.isASCII && SegmentedText.isLetter($0) }) {
            let end = addressEnd(from: piece.end + 3, text)
            return end > piece.end + 3 ? Piece(start: piece.start, end: end, kind: .url) : nil
        }
        // www.… or a bare domain; a domain may start with pieces glued before it (my-site.com).
        var start = piece.start
        while let before = text.scalar(before: start), Self.isDomainCharacter(before) {
            start -= before.utf16.count
        }
        while start < piece.start, units[start] == 0x2D || units[start] == 0x2E { start += 1 }
        if let before = text.scalar(before: start), before == "@" || before == "/" { return nil }
        let domainEnd = domainEnd(from: start, text)
        guard domainEnd > piece.start, text.units[start..<domainEnd].contains(0x2E) else { return nil }
        let isWWW = text.string(start..<min(start + 4, domainEnd)).lowercased() == "www."
        guard isDomain(start..<domainEnd, text, anyTopLevel: isWWW) else { return nil }
        let end = domainEnd < units.count && units[domainEnd] == 0x2F ? addressEnd(from: domainEnd, text) : domainEnd
        return Piece(start: start, end: end, kind: .url)
    }

    /// Letters (with their combining marks: a decomposed `İ` is `I` + U+0307), digits, `-`, `.`.
    private static func isDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
        SegmentedText.isLetter(scalar) || SegmentedText.isDigit(scalar) || scalar == "-" || scalar == "."
            || CharacterClass.kind(scalar) & CharacterClass.mark != 0
    }

    /// The end of a domain name starting at `start`, without a trailing `.` or `-`.
    private func domainEnd(from start: Int, _ text: SegmentedText) -> Int {
        var end = start
        while end < text.count, Self.isDomainCharacter(text.scalar(at: end)) { end = text.index(after: end) }
        while end > start, text.units[end - 1] == 0x2E || text.units[end - 1] == 0x2D { end -= 1 }
        return end
    }

    /// True for `label.label…tld` with a known top-level domain (any, for `www.` and e-mail).
    private func isDomain(_ range: Range<Int>, _ text: SegmentedText, anyTopLevel: Bool) -> Bool {
        let name = text.string(range)
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let last = labels.last,
              last.count >= 2, last.unicodeScalars.allSatisfy(SegmentedText.isLetter) else { return false }
        if anyTopLevel { return true }
        let lower = last.lowercased()
        guard lower == last || name.uppercased() == name else { return false }
        return text.lists.domains.contains(lower)
    }

    /// The end of an address's path part from `start`: up to whitespace, quotes or angle
    /// brackets, then trailing punctuation and unmatched closing brackets dropped.
    private func addressEnd(from start: Int, _ text: SegmentedText) -> Int {
        var end = start
        var opened = 0
        while end < text.count {
            let scalar = text.scalar(at: end)
            if SegmentedText.isGap(scalar) || Self.stops.contains(scalar) { break }
            if scalar == "(" { opened += 1 }
            if scalar == ")" {
                if opened == 0 { break }
                opened -= 1
            }
            end = text.index(after: end)
        }
        while end > start, let last = text.scalar(before: end), Self.trailing.contains(last) { end -= last.utf16.count }
        return end
    }

    private static let stops: Set<Unicode.Scalar> = ["<", ">", "\"", "“", "”", "„", "«", "»", "‘", "’", "…"]
    private static let trailing: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?", "'", "*"]
}
