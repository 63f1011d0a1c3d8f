import Foundation
import ICUBridge

/// Language-correct upper, lower, title case and case folding, done by ICU.
///
/// Turkish and Azerbaijani (`tr`, `az`) use their own rules — `i`↔`İ`, `ı`↔`I` — and
/// fold with ICU's Turkic option; every other language uses Unicode's root rules
/// (SpecialCasing.txt and CaseFolding.txt).
///
/// ```swift
/// try CaseMapper(language: .turkish).upper("istanbul ılık")   // "İSTANBUL ILIK"
/// try CaseMapper(language: .english).upper("istanbul")        // "ISTANBUL"
/// ```
///
/// `CaseMapper` is `Sendable`: one value may be used from many threads at once. Upper,
/// lower and fold share one ICU case map per locale (ICU documents these as thread-safe);
/// title case opens a private ICU map per call, because title casing keeps state in it.
public struct CaseMapper: Sendable {
    /// A case operation.
    public enum Operation: String, CaseIterable, Sendable {
        /// Upper case (`straße` → `STRASSE`).
        case upper
        /// Lower case (`İSTANBUL` → `istanbul` in Turkish).
        case lower
        /// The first letter of each word upper case, the rest lower case.
        case title
        /// Case folding for caseless comparison (`Straße` → `strasse`).
        case fold
    }

    /// The language whose rules apply.
    public let language: Language
    private let handle: CaseMapHandle

    /// A mapper for `language`; throws if ICU cannot open its case data.
    public init(language: Language) throws {
        self.language = language
        self.handle = try CaseMapHandle.shared(locale: language.caseLocale)
    }

    /// Applies `operation` to `text`.
    public func map(_ text: String, _ operation: Operation) throws -> String {
        switch operation {
        case .upper: return try upper(text)
        case .lower: return try lower(text)
        case .title: return try title(text)
        case .fold: return try fold(text)
        }
    }

    /// Upper case: `"ılık"` → `"ILIK"` in Turkish.
    public func upper(_ text: String) throws -> String {
        try run(text, Int32(TM_CASE_UPPER), "upper")
    }

    /// Lower case: `"IŞIK"` → `"ışık"` in Turkish, `"işik"` in English.
    public func lower(_ text: String) throws -> String {
        try run(text, Int32(TM_CASE_LOWER), "lower")
    }

    /// Title case by words (ICU's word break rules): `"iSTANBUL"` → `"İstanbul"` in Turkish.
    public func title(_ text: String) throws -> String {
        try run(text, Int32(TM_CASE_TITLE), "title")
    }

    /// Case folding; Turkish and Azerbaijani use the Turkic rows of CaseFolding.txt
    /// (`I` → `ı`, `İ` → `i`), other languages the default rows (`İ` → `i̇`).
    public func fold(_ text: String) throws -> String {
        try run(text, Int32(language.usesTurkicCasing ? TM_CASE_FOLD_TURKIC : TM_CASE_FOLD), "fold")
    }

    private func run(_ text: String, _ operation: Int32, _ name: String) throws -> String {
        if text.isEmpty { return text }
        let locale = language.caseLocale
        return try ICUBuffers.utf8(text, estimate: text.utf8.count + 16,
                                   operation: "case \(name) (\(locale.isEmpty ? "root" : locale))") {
            source, length, target, capacity, status in
            locale.withCString { tm_case_utf8(handle.pointer, operation, $0, source, length, target, capacity, &status) }
        }
    }
}

/// One ICU `UCaseMap` per locale, opened once and kept for the life of the process.
final class CaseMapHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer

    private init(pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
    deinit { tm_casemap_close(pointer) }

    private static let cache = ProcessWideTable<String, CaseMapHandle>()

    static func shared(locale: String) throws -> CaseMapHandle {
        try cache.get(locale) { locale in
            var status: Int32 = 0
            let pointer = locale.withCString { tm_casemap_open($0, &status) }
            try ICUError.check(status, "open case map \(locale)")
            guard let pointer else { throw ICUError(code: 1, operation: "open case map \(locale)") }
            return CaseMapHandle(pointer: pointer)
        }
    }
}
