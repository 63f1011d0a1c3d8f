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
        scalars = Array(original.unicodeScalars)
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
    public var string: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The text of scalars `range` as a String.
    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

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
        /// the scalars correspond one to one (case mapping, a letter for a letter);
        /// otherwise every emitted scalar maps to the whole source range.
        mutating func emit<S: Collection>(_ replacement: S, from source: Range<Int>) where S.Element == Unicode.Scalar {
            if replacement.count == source.count {
                for (scalar, index) in zip(replacement, source) { emit(scalar, from: index..<index + 1) }
            } else {
                for scalar in replacement { emit(scalar, from: source) }
            }
        }

        /// Emits `replacement` (a String) for input scalars `source`.
        mutating func emit(_ replacement: String, from source: Range<Int>) {
            emit(Array(replacement.unicodeScalars), from: source)
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
        var start: Int?
        for (index, scalar) in scalars.enumerated() {
            if predicate(scalar) {
                if start == nil { start = index }
            } else if let begun = start {
                result.append(begun..<index)
                start = nil
            }
        }
        if let begun = start { result.append(begun..<count) }
        return result
    }

    /// Runs of word characters: letters, marks, digits and connector punctuation.
    var wordRuns: [Range<Int>] {
        runs { $0.properties.isAlphabetic || $0.properties.generalCategory == .nonspacingMark
            || $0.properties.generalCategory == .spacingMark || $0.properties.numericType != nil }
    }
}
