/// Text in the middle of a filter chain: its Unicode scalars, and for each scalar the range
/// of ORIGINAL scalars it came from.
///
/// Filters never see intermediate offsets: a ``MappedText/Builder`` composes each output
/// scalar's source with the input's map, so the last filter's result still points into the
/// original document.
public struct MappedText: Sendable, Equatable {
    /// The current text, one element per Unicode scalar.
    public internal(set) var scalars: [Unicode.Scalar]
    /// `starts[i] ..< ends[i]` is the original scalar range scalar `i` came from.
    public internal(set) var starts: [Int32]
    public internal(set) var ends: [Int32]

    /// Text that has not been changed yet: scalar `i` comes from original scalar `i`.
    public init(original: String) {
        scalars = original.scalarArray
        let count = Int32(scalars.count)
        starts = Array(0..<count)
        ends = Array(1..<(count + 1))
    }

    /// Unchanged text given as scalars.
    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        let count = Int32(scalars.count)
        starts = Array(0..<count)
        ends = Array(1..<(count + 1))
    }

    init(scalars: [Unicode.Scalar], starts: [Int32], ends: [Int32]) {
        self.scalars = scalars
        self.starts = starts
        self.ends = ends
    }

    /// The number of scalars.
    public var count: Int { scalars.count }

    /// The text as a String.
    public var string: String { String(scalars: scalars) }

    /// The text of scalars `range` as a String.
    func string(_ range: Range<Int>) -> String { String(scalars: scalars[range]) }

    /// The original scalar range that scalars `range` of this text come from.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let position = range.lowerBound < count ? Int(starts[range.lowerBound]) : Int(ends.last ?? 0)
            return position..<position
        }
        return Int(starts[range.lowerBound])..<Int(ends[range.upperBound - 1])
    }

    /// Builds a filter's output from its input, one emitted scalar at a time.
    struct Builder {
        let input: MappedText
        private(set) var output: MappedText

        init(_ input: MappedText) {
            self.input = input
            output = MappedText(scalars: [], starts: [], ends: [])
            output.scalars.reserveCapacity(input.count)
            output.starts.reserveCapacity(input.count)
            output.ends.reserveCapacity(input.count)
        }

        /// Copies input scalar `index` unchanged.
        mutating func copy(_ index: Int) {
            output.scalars.append(input.scalars[index])
            output.starts.append(input.starts[index])
            output.ends.append(input.ends[index])
        }

        /// Copies input scalars `range` unchanged.
        mutating func copy(_ range: Range<Int>) {
            output.scalars.append(contentsOf: input.scalars[range])
            output.starts.append(contentsOf: input.starts[range])
            output.ends.append(contentsOf: input.ends[range])
        }

        /// Emits `scalar` as the replacement of input scalars `source` (non-empty).
        mutating func emit(_ scalar: Unicode.Scalar, from source: Range<Int>) {
            output.scalars.append(scalar)
            output.starts.append(input.starts[source.lowerBound])
            output.ends.append(input.ends[source.upperBound - 1])
        }

        /// Emits `replacement` for input scalars `source`. When both have the same length
        /// and `oneToOne` holds, the scalars correspond one to one (case mapping, a letter
        /// for a letter); otherwise every emitted scalar maps to the whole source range.
        mutating func emit(_ replacement: [Unicode.Scalar], from source: Range<Int>, oneToOne: Bool = true) {
            if oneToOne && replacement.count == source.count {
                output.scalars.append(contentsOf: replacement)
                output.starts.append(contentsOf: input.starts[source])
                output.ends.append(contentsOf: input.ends[source])
            } else {
                let start = input.starts[source.lowerBound], end = input.ends[source.upperBound - 1]
                for scalar in replacement {
                    output.scalars.append(scalar)
                    output.starts.append(start)
                    output.ends.append(end)
                }
            }
        }

        /// Emits `replacement` (a String) for input scalars `source`.
        mutating func emit(_ replacement: String, from source: Range<Int>, oneToOne: Bool = true) {
            emit(Array(replacement.unicodeScalars), from: source, oneToOne: oneToOne)
        }
    }

    /// Applies a string transform to each of `runs` (ranges of this text, in order, not
    /// overlapping); everything between runs is copied. Unchanged runs are copied as they
    /// are, so their map stays exact.
    func transformingRuns(_ runs: [Range<Int>], _ transform: (Range<Int>) throws -> String?) rethrows -> MappedText {
        var builder = Builder(self)
        var position = 0
        for run in runs {
            builder.copy(position..<run.lowerBound)
            if let replacement = try transform(run) {
                builder.emit(replacement, from: run)
            } else {
                builder.copy(run)
            }
            position = run.upperBound
        }
        builder.copy(position..<count)
        return builder.output
    }

    /// The maximal runs of scalars satisfying `predicate`.
    func runs(where predicate: (Unicode.Scalar) -> Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = -1
        scalars.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count {
                if predicate(buffer[index]) {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    result.append(start..<index)
                    start = -1
                }
            }
        }
        if start >= 0 { result.append(start..<count) }
        return result
    }

    /// Runs of word characters: letters, marks and digits.
    var wordRuns: [Range<Int>] {
        let kinds = CharacterClass.table
        return runs { CharacterClass.kind($0, in: kinds) & CharacterClass.wordCategories != 0 }
    }
}

/// Fast character tests for the filters' hot loops: ASCII is decided by value, only other
/// scalars consult Unicode properties (which are slow to look up one by one).
enum CharacterClass {
    /// Flags of ``kind(_:)``: general category groups, then Unicode properties.
    static let letter: UInt8 = 1, mark: UInt8 = 2, number: UInt8 = 4
    static let alphabetic: UInt8 = 8, uppercase: UInt8 = 16, lowercase: UInt8 = 32, decimalDigit: UInt8 = 64
    static let wordCategories: UInt8 = letter | mark | number

    /// The flags of `scalar` — from a table below U+3000, since Swift looks general
    /// categories and properties up slowly.
    @inline(__always)
    static func kind(_ scalar: Unicode.Scalar) -> UInt8 { kind(scalar, in: kinds) }

    /// The table behind ``kind(_:)``: a loop over many characters takes it once, since
    /// every access to a lazily built global is a call.
    static var table: [UInt8] { kinds }

    /// ``kind(_:)`` with the table already at hand.
    @inline(__always)
    static func kind(_ scalar: Unicode.Scalar, in table: [UInt8]) -> UInt8 {
        scalar.value < 0x3000 ? table[Int(scalar.value)] : classify(scalar)
    }

    /// ``letter``, ``mark``, ``number`` or 0: the general category group alone.
    @inline(__always)
    static func category(_ scalar: Unicode.Scalar) -> UInt8 { kind(scalar) & wordCategories }

    /// Letter, mark or number (general categories L*, M*, N*).
    @inline(__always)
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool { kind(scalar) & wordCategories != 0 }

    /// Unicode's `Alphabetic`, `Uppercase` and `Lowercase` properties.
    @inline(__always)
    static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool { kind(scalar) & alphabetic != 0 }
    @inline(__always)
    static func isUppercase(_ scalar: Unicode.Scalar) -> Bool { kind(scalar) & uppercase != 0 }
    @inline(__always)
    static func isLowercase(_ scalar: Unicode.Scalar) -> Bool { kind(scalar) & lowercase != 0 }
    /// A decimal digit of any script (`numericType == .decimal`).
    @inline(__always)
    static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool { kind(scalar) & decimalDigit != 0 }

    private static let kinds: [UInt8] = (0..<0x3000).map { value in
        Unicode.Scalar(UInt32(value)).map(classify) ?? 0
    }

    private static func classify(_ scalar: Unicode.Scalar) -> UInt8 {
        let properties = scalar.properties
        var flags: UInt8
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: flags = letter
        case .nonspacingMark, .spacingMark, .enclosingMark: flags = mark
        case .decimalNumber, .letterNumber, .otherNumber: flags = number
        default: flags = 0
        }
        if properties.isAlphabetic { flags |= alphabetic }
        if properties.isUppercase { flags |= uppercase }
        if properties.isLowercase { flags |= lowercase }
        if properties.numericType == .decimal { flags |= decimalDigit }
        return flags
    }

    /// A mandatory line break of UAX #14 (classes BK, CR, LF, NL): LF, VT, FF, CR, NEL,
    /// LINE SEPARATOR, PARAGRAPH SEPARATOR.
    @inline(__always)
    static func isLineBreak(_ value: UInt32) -> Bool {
        (value >= 0x0A && value <= 0x0D) || value == 0x85 || value == 0x2028 || value == 0x2029
    }
    @inline(__always)
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool { isLineBreak(scalar.value) }

    /// The script of a letter by code point block — Latin, Cyrillic, Greek or nil — for
    /// the scripts the mixed-script repair deals with (no ICU call per letter).
    @inline(__always)
    static func letterScript(_ scalar: Unicode.Scalar) -> Script? {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F: return .cyrillic
        default: return nil
        }
    }
}
