import Tilmash

/// The `--offsets scalar|utf8|utf16` option.
extension OffsetUnit {
    static func parse(_ arguments: Arguments) throws -> OffsetUnit {
        OffsetUnit(rawValue: try arguments.choice("--offsets", from: ["scalar", "utf8", "utf16"], default: "scalar"))!
    }

}

