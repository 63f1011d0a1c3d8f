import Tilmash

/// The `--offsets scalar|utf8|utf16` option: converts Unicode scalar offsets (the
/// default, as Python and spaCy count) into UTF-8 or UTF-16 offsets of the same document.
enum OffsetUnit: String {
    case scalar, utf8, utf16

    static func parse(_ arguments: Arguments) throws -> OffsetUnit {
        OffsetUnit(rawValue: try arguments.choice("--offsets", from: ["scalar", "utf8", "utf16"], default: "scalar"))!
    }

    /// A converter for `text`: scalar offset → offset in this unit.
    func converter(for text: String) -> (Int) -> Int {
        switch self {
        case .scalar:
            return { $0 }
        case .utf8, .utf16:
            var prefix: [Int] = [0]
            prefix.reserveCapacity(text.unicodeScalars.count + 1)
            var total = 0
            for scalar in text.unicodeScalars {
                total += self == .utf8 ? UTF8.width(scalar) : UTF16.width(scalar)
                prefix.append(total)
            }
            return { prefix[$0] }
        }
    }
}
