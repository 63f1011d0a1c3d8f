import Foundation
import ICUBridge

/// An ICU transliterator: a system transform by id ("Any-Latin", "Kazakh-Latin/BGN") or a
/// transform compiled from rule text ("а > a ; б > b ;").
///
/// ```swift
/// let t = try Transliterator(id: "Any-Latin")
/// try t.transliterate("Москва")            // "Moskva"
/// ```
///
/// Rules are compiled once, when the value is created; reuse it. `Transliterator` is
/// `Sendable` and may be called from many threads at once: ICU transliterators are not
/// thread-safe, so each call borrows a private clone from a small pool (cloning a compiled
/// transliterator is cheap) and returns it afterwards. The compiled prototype itself is
/// never run.
public final class Transliterator: @unchecked Sendable {
    /// The id or name it was opened with.
    public let name: String
    private let pool: ICUClonePool

    /// Opens one of ICU's built-in transforms by id; throws `ICUError` (`U_INVALID_ID`) for
    /// an unknown id.
    public init(id: String) throws {
        var status: Int32 = 0
        let units = id.utf16Array
        let pointer = tm_translit_open_id(units, Int32(units.count), &status)
        try ICUError.check(status, "open transliterator \(id)")
        guard let pointer else { throw ICUError(code: 1, operation: "open transliterator \(id)") }
        self.name = id
        self.pool = Self.pool(name, pointer)
    }

    /// Compiles a transform from ICU rule text (see ICU's "Transforms" user guide).
    /// A syntax error throws ``TransliterationRuleError`` with the line it is on.
    public init(name: String, rules: String) throws {
        var status: Int32 = 0
        var line: Int32 = 0
        var offset: Int32 = 0
        let nameUnits = name.utf16Array
        let ruleUnits = rules.utf16Array
        let pointer = tm_translit_open_rules(nameUnits, Int32(nameUnits.count), ruleUnits, Int32(ruleUnits.count),
                                             &line, &offset, &status)
        if status > 0 || pointer == nil {
            throw TransliterationRuleError(name: name, line: Int(line), offset: Int(offset),
                                           icu: ICUError(code: max(status, 1), operation: "compile rules \(name)"))
        }
        self.name = name
        self.pool = Self.pool(name, pointer!)
    }

    private static func pool(_ name: String, _ prototype: UnsafeMutableRawPointer) -> ICUClonePool {
        ICUClonePool(name: "transliterator \(name)", prototype: prototype,
                     clone: { tm_translit_clone($0, &$1) }, close: { tm_translit_close($0) })
    }

    /// Transliterates `text`.
    public func transliterate(_ text: String) throws -> String {
        if text.isEmpty { return text }
        return String(utf16Units: try transliterate(text.utf16Array))
    }

    /// Transliterates UTF-16 code units.
    public func transliterate(_ units: [UInt16]) throws -> [UInt16] {
        try pool.withObject { worker in
            var capacity = units.count * 2 + 16
            while true {
                var status: Int32 = 0
                var length: Int32 = 0
                let output = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                    _ = buffer.initialize(from: units)
                    length = tm_translit(worker, buffer.baseAddress!, Int32(units.count), Int32(capacity), &status)
                    count = (status <= 0 && Int(length) <= capacity) ? Int(length) : 0
                }
                if status == ICUError.bufferOverflow || Int(length) > capacity {
                    capacity = max(Int(length), capacity) * 2
                    continue
                }
                try ICUError.check(status, "transliterate \(name)")
                return output
            }
        }
    }
}

/// A transliteration rule file that ICU could not compile.
public struct TransliterationRuleError: Error, CustomStringConvertible, Sendable {
    /// The rule set's name (for a resource file, the file name).
    public let name: String
    /// The 1-based rule line ICU reported, or 0 when it did not say.
    public let line: Int
    /// The offset within that line.
    public let offset: Int
    /// The underlying ICU error (e.g. `U_MALFORMED_RULE`).
    public let icu: ICUError

    public var description: String { "\(name): rule error at line \(line), offset \(offset): \(icu.name)" }
}
