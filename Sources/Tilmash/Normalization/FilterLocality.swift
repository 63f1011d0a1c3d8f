/// What a filter promises about the reach of its changes, so that ``Profile`` can skip the
/// filter chain on lines none of its filters would touch (see ``LinePlan``).
///
/// A profile takes that fast path when its filters are some ``LineLocalFilter``s followed
/// by some ``CharacterMappingFilter``s — the built-in `repair`, `search` and `ascii`
/// profiles are. Any other chain runs filter by filter, as always.

/// A filter whose changes stay inside lines (a kept line break ends its reach), and which
/// can say cheaply which lines it leaves alone.
///
/// A line it leaves alone holds no ``isTrigger(_:)`` character and passes the
/// ``lineChecks``; a line break between two such lines stays when
/// ``keepsLineBreak(in:at:)`` says so.
public protocol LineLocalFilter: TextFilter {
    /// True for a character that may make the filter change the line holding it.
    func isTrigger(_ scalar: Unicode.Scalar) -> Bool
    /// Conditions on a whole line (besides its characters) under which the filter acts.
    var lineChecks: LineChecks { get }
    /// False when the filter may change the line break at `newline` (an index into
    /// `scalars`, the unfiltered text) or the lines' ends around it.
    func keepsLineBreak(in scalars: UnsafeBufferPointer<Unicode.Scalar>, at newline: Int) -> Bool
}

extension LineLocalFilter {
    /// No line conditions: only the filter's characters make it act.
    public var lineChecks: LineChecks { [] }
    /// Line breaks stay: the filter never joins lines.
    public func keepsLineBreak(in scalars: UnsafeBufferPointer<Unicode.Scalar>, at newline: Int) -> Bool { true }
}

/// Line conditions a ``LineLocalFilter`` acts on, checked for all filters in one pass.
public struct LineChecks: OptionSet, Sendable {
    /// The bits (`OptionSet`); use the named checks.
    public let rawValue: UInt8
    /// Checks from their bits (`OptionSet`); use the named checks.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The line starts or ends with a space, or holds two spaces in a row.
    public static let spacing = LineChecks(rawValue: 1)
    /// The line holds letters of two or three of Latin, Cyrillic and Greek.
    public static let scriptMix = LineChecks(rawValue: 2)
}

/// A filter that changes characters one at a time: what a character becomes depends on
/// the language only, not on its neighbours — except for the characters it reports as
/// ``CharacterMapping/needsContext``, whose lines go through the filter itself.
public protocol CharacterMappingFilter: TextFilter {
    /// What `scalar` becomes in text of `language`.
    func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping
}

/// What a ``CharacterMappingFilter`` makes of one character.
public enum CharacterMapping: Sendable, Equatable {
    /// Left as it is.
    case same
    /// Replaced by these characters (each maps back to the one it came from).
    case replaced([Unicode.Scalar])
    /// Depends on the neighbours: the filter must see the line.
    case needsContext
}
