import ICUBridge

/// An error reported by ICU, carrying ICU's own name for it.
///
/// Every wrapper in ``Tilmash`` turns a failing ICU status into this error instead of
/// returning an empty or partial string.
///
/// ```swift
/// do { _ = try Transliterator(id: "No-Such-Thing") }
/// catch let error as ICUError { print(error.name) }   // "U_INVALID_ID"
/// ```
public struct ICUError: Error, CustomStringConvertible, Sendable, Equatable {
    /// ICU's numeric status code (a `UErrorCode`).
    public let code: Int32
    /// ICU's symbolic name of the code, e.g. `U_BUFFER_OVERFLOW_ERROR`.
    public let name: String
    /// What Tilmash was doing, e.g. `"open transliterator Any-Latin"`.
    public let operation: String

    init(code: Int32, operation: String) {
        self.code = code
        self.name = String(cString: tm_error_name(code))
        self.operation = operation
    }

    public var description: String { "ICU error \(name) (\(code)) in \(operation)" }

    /// Throws when `status` is an ICU failure (> 0); warnings (< 0) pass.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws {
        if status > 0 { throw ICUError(code: status, operation: operation()) }
    }

    static let bufferOverflow: Int32 = tm_buffer_overflow_status()
}

/// The versions of the ICU library Tilmash runs on.
public enum ICUVersion {
    /// ICU's version, e.g. `"72.1"`.
    public static var icu: String { read(tm_icu_version) }
    /// The Unicode version ICU implements, e.g. `"15.0"`.
    public static var unicode: String { read(tm_unicode_version) }

    private static func read(_ body: (UnsafeMutablePointer<CChar>, Int32) -> Void) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, 32) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
