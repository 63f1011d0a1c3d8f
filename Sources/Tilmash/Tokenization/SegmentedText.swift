import ICUBridge

/// The document as the token rules see it: its UTF-16 code units (what ICU segmented), its
/// language, and the word lists of that language.
///
/// The helpers read code units in place; only rules that look a word up in a list build a
/// `String`, and only for candidates.
struct SegmentedText {
    let units: [UInt16]
    let language: Language
    let lists: TokenizerLists

    var count: Int { units.count }

    /// The UTF-16 code units of `text`, converted by ICU from the string's UTF-8 storage
    /// (several times faster than copying `text.utf16`).
    static func utf16(of text: String) -> [UInt16] {
        var storage = text
        return storage.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                var status: Int32 = 0
                var substitutions: Int32 = 0
                let units = [UInt16](unsafeUninitializedCapacity: chars.count) { buffer, count in
                    count = Int(tm_utf8_to_utf16(chars.baseAddress, Int32(chars.count), buffer.baseAddress,
                                                 Int32(chars.count), &substitutions, &status))
                    if status > 0 { count = 0 }
                }
                return status > 0 ? Array(text.utf16) : units
            }
        }
    }

    /// The scalar starting at UTF-16 offset `index`.
    func scalar(at index: Int) -> Unicode.Scalar {
        Unicode.Scalar(UTF16Encoding.read(units, at: index).value).unsafelyUnwrapped
    }

    /// The scalar ending at UTF-16 offset `index`, or nil at the start.
    func scalar(before index: Int) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        if UTF16.isTrailSurrogate(units[index - 1]), index >= 2, UTF16.isLeadSurrogate(units[index - 2]) {
            return scalar(at: index - 2)
        }
        return scalar(at: index - 1)
    }

    /// The UTF-16 offset after the scalar at `index`.
    func index(after index: Int) -> Int {
        UTF16.isLeadSurrogate(units[index]) && index + 1 < units.count ? index + 2 : index + 1
    }

    /// The text of a UTF-16 range.
    func string(_ range: Range<Int>) -> String {
        String(utf16Units: units[range])
    }

    func string(_ piece: Piece) -> String { string(piece.range) }

    /// True when `units[range]` holds `unit`.
    func contains(_ unit: UInt16, in range: Range<Int>) -> Bool {
        units.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            while index < range.upperBound {
                if buffer[index] == unit { return true }
                index += 1
            }
            return false
        }
    }

    /// True when `piece` is the single code unit `unit` (ASCII punctuation and the like).
    func piece(_ piece: Piece, is unit: UInt16) -> Bool {
        piece.end - piece.start == 1 && units[piece.start] == unit
    }

    /// True when `piece` is one code unit for which `test` holds (`Piece.isHyphen`…).
    func piece(_ piece: Piece, isOneOf test: (UInt16) -> Bool) -> Bool {
        piece.end - piece.start == 1 && test(units[piece.start])
    }

    /// The scalars of a UTF-16 range, decoded in order.
    func scalars(_ range: Range<Int>) -> [Unicode.Scalar] { Self.decode(units, range) }

    /// The scalars of `units[range]` (a lone surrogate reads as U+FFFD).
    static func decode(_ units: [UInt16], _ range: Range<Int>) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(range.count)
        var iterator = units[range].makeIterator()
        var decoder = UTF16()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { result.append(scalar) }
        return result
    }

    /// True when every scalar of `range` satisfies `predicate`.
    func all(_ range: Range<Int>, _ predicate: (Unicode.Scalar) -> Bool) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            if !predicate(scalar(at: index)) { return false }
            index = self.index(after: index)
        }
        return true
    }

    /// The number of line breaks in `range` (`\r\n` counts once).
    func lineBreaks(in range: Range<Int>) -> Int {
        var breaks = 0
        for index in range {
            let unit = units[index]
            // `\r\n` is one break: its `\r` is not counted.
            if CharacterClass.isLineBreak(UInt32(unit)), unit != 0x0D || index + 1 >= range.upperBound || units[index + 1] != 0x0A { breaks += 1 }
        }
        return breaks
    }

    /// True when the gap from `a` to `b` is non-empty and holds only spaces and tabs.
    func isHorizontalGap(_ a: Piece, _ b: Piece) -> Bool {
        a.end < b.start && all(a.end..<b.start) { $0.properties.isWhitespace } && lineBreaks(in: a.end..<b.start) == 0
    }

    /// A piece for `range` with the kind its first scalar suggests (for parts split off).
    func piece(_ range: Range<Int>) -> Piece {
        Piece(start: range.lowerBound, end: range.upperBound, kind: Self.kind(startingWith: scalar(at: range.lowerBound)))
    }

    /// The kind of a segment that starts with `scalar`, for segments ICU did not call a word.
    static func kind(startingWith scalar: Unicode.Scalar) -> Token.Kind {
        if scalar.value < 0x80 {
            if isDigit(scalar) { return .number }
            if isLetter(scalar) { return .word }
            switch scalar {
            case "$", "+", "<", "=", ">", "^", "`", "|", "~": return .symbol   // category S*
            case "\u{0}"..."\u{1F}", "\u{7F}": return .symbol                  // controls, as below
            default: return .punctuation
            }
        }
        let properties = scalar.properties
        if properties.numericType == .decimal { return .number }
        if properties.isAlphabetic { return .word }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return .symbol
        }
    }

    /// True for scalars that may sit in a gap: whitespace and invisible format characters.
    static func isGap(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
    }

    // Character classes (table lookups, see ``CharacterClass``).

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isAlphabetic(scalar) }
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isDecimalDigit(scalar) }
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isUppercase(scalar) }
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isLowercase(scalar) }
}
