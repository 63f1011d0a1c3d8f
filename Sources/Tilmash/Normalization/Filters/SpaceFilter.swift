/// Collapses runs of spaces to one, drops spaces at the start and end of lines, and removes
/// soft hyphens (U+00AD) that are left inside words. Newlines are kept as they are.
///
/// ```swift
/// // "a  \u{AD}b   \n  c " → "ab\nc"
/// ```
public struct SpaceFilter: LineLocalFilter {
    public init() {}
    /// The same for every language (its output holds no new letters, or is followed
    /// through ``mapping(of:language:)``).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    public let name = "spaces"
    public let summary = "collapse runs of spaces, trim spaces around line breaks, drop remaining soft hyphens"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        if isClean(text.scalars) { return text }
        var builder = MappedText.Builder(text)
        // Kept scalars come in increasing order; consecutive ones are copied as one run.
        var run = 0..<0
        func keep(_ index: Int) {
            if index == run.upperBound {
                run = run.lowerBound..<index + 1
            } else {
                builder.copy(run)
                run = index..<index + 1
            }
        }
        var pendingSpace: Int?   // index of the first space of a run not yet written
        var atLineStart = true
        text.scalars.withUnsafeBufferPointer { scalars in
            for index in 0..<scalars.count {
                switch scalars[index] {
                case " ":
                    if pendingSpace == nil && !atLineStart { pendingSpace = index }
                case "\u{AD}":
                    continue
                case "\n":
                    pendingSpace = nil
                    keep(index)
                    atLineStart = true
                default:
                    if let space = pendingSpace { keep(space) }
                    pendingSpace = nil
                    keep(index)
                    atLineStart = false
                }
            }
        }
        builder.copy(run)
        return builder.output
    }

    /// The soft hyphen; spaces are checked line by line (``LineChecks/spacing``).
    public func isTrigger(_ scalar: Unicode.Scalar) -> Bool { scalar == "\u{AD}" }
    public var lineChecks: LineChecks { .spacing }

    /// True when there is nothing to do: no double space, no space at a line's edge, no
    /// soft hyphen.
    private func isClean(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.withUnsafeBufferPointer { buffer in
            var previous: Unicode.Scalar = "\n"
            for scalar in buffer {
                if scalar == " " && (previous == " " || previous == "\n") { return false }
                if scalar == "\n" && previous == " " { return false }
                if scalar == "\u{AD}" { return false }
                previous = scalar
            }
            return previous != " "
        }
    }
}
