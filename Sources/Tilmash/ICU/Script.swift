import ICUBridge

/// A Unicode script (UAX #24) as ICU reports it — `Latin`, `Cyrillic`, `Common`…
///
/// ```swift
/// Script.of("Ж")            // .cyrillic
/// Script.of("5")            // .common
/// ```
public struct Script: Hashable, Sendable, CustomStringConvertible {
    /// ICU's `UScriptCode` value.
    public let code: Int32

    /// Wraps an ICU script code.
    public init(code: Int32) { self.code = code }

    /// Characters shared by many scripts: digits, punctuation, spaces.
    public static let common = Script(code: 0)
    /// Combining marks that take the script of their base letter.
    public static let inherited = Script(code: 1)
    public static let arabic = Script(code: 2)
    public static let armenian = Script(code: 3)
    public static let cyrillic = Script(code: 8)
    public static let georgian = Script(code: 12)
    public static let greek = Script(code: 14)
    public static let han = Script(code: 17)
    public static let latin = Script(code: 25)

    /// The script of `scalar` (its `Script` property; Common or Inherited when shared).
    public static func of(_ scalar: Unicode.Scalar) -> Script {
        Script(code: tm_script(Int32(scalar.value)))
    }

    /// True when `scalar` is used with this script (its `Script_Extensions` contain it).
    public func includes(_ scalar: Unicode.Scalar) -> Bool {
        tm_has_script(Int32(scalar.value), code) != 0
    }

    public var description: String {
        switch self {
        case .common: return "Common"
        case .inherited: return "Inherited"
        case .arabic: return "Arabic"
        case .armenian: return "Armenian"
        case .cyrillic: return "Cyrillic"
        case .georgian: return "Georgian"
        case .greek: return "Greek"
        case .han: return "Han"
        case .latin: return "Latin"
        default: return "Script(\(code))"
        }
    }
}
