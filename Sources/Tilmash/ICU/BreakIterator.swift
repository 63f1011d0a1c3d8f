import Foundation
import ICUBridge

/// Word boundaries by Unicode's rules (UAX #29), found by ICU's word break iterator.
///
/// Every boundary comes with ICU's rule status, which says what the segment before it is:
/// a number, letters, kana, ideographs, or none of these (spaces, punctuation, symbols).
///
/// ```swift
/// try WordBreaker().segments("Astana’da 2,5 km.").map(\.category)  // [.letter, .none, .number, .none, .letter, .none]
/// ```
///
/// ICU 72 follows Unicode 15.0's WordBreakTest.txt on every line but the 15 with a colon
/// between letters: its root rules no longer treat `:` as MidLetter (`a:b` is three
/// segments). It also keeps `@` inside words (`info@x.de` is one segment; ICU 73 reverted
/// that). `TokenizerUAXTests` checks both.
///
/// `WordBreaker` is `Sendable` and may be used from many threads at once. An ICU break
/// iterator keeps its position inside itself and is not thread-safe, so every call borrows
/// a private clone of one opened iterator from a small pool and returns it afterwards; the
/// opened prototype is never iterated.
public struct WordBreaker: Sendable {
    /// What a segment is, from ICU's rule status (`UWordBreak`).
    public enum Category: Sendable, Equatable {
        /// Not a word: spaces, punctuation, symbols (`UBRK_WORD_NONE`).
        case none
        /// A number: digits with `.` or `,` inside (`UBRK_WORD_NUMBER`).
        case number
        /// Letters, possibly with digits, `’` or `.` inside (`UBRK_WORD_LETTER`).
        case letter
        /// Kana (`UBRK_WORD_KANA`).
        case kana
        /// Ideographs (`UBRK_WORD_IDEO`).
        case ideographic

        init(status: Int32) {
            switch status {
            case 100..<200: self = .number
            case 200..<300: self = .letter
            case 300..<400: self = .kana
            case 400..<500: self = .ideographic
            default: self = .none
            }
        }
    }

    /// One segment between two boundaries, in UTF-16 offsets.
    public struct Segment: Sendable, Equatable {
        /// The UTF-16 range of the segment.
        public let range: Range<Int>
        /// What the segment is.
        public let category: Category
    }

    private let pool: BreakIteratorPool

    /// A word breaker for `locale` (ICU's root rules, `""`, suit every language Tilmash
    /// knows); throws ``ICUError`` when ICU cannot open its break rules.
    public init(locale: String = "") throws {
        pool = try BreakIteratorPool.shared(kind: Int32(TM_BREAK_WORD), locale: locale)
    }

    /// The segments of `text` (UTF-16 ranges), whitespace included.
    public func segments(_ text: String) throws -> [Segment] {
        let units = Array(text.utf16)
        var result: [Segment] = []
        try units.withUnsafeBufferPointer { buffer in
            try forEachSegment(in: buffer) { range, category in
                result.append(Segment(range: range, category: category))
            }
        }
        return result
    }

    /// Calls `body` with every segment of `units` in order; the segments cover `units`
    /// without gaps. `units` must stay unchanged during the call.
    public func forEachSegment(in units: UnsafeBufferPointer<UInt16>,
                               _ body: (Range<Int>, Category) throws -> Void) throws {
        try pool.withIterator(on: units) { iterator in
            var start = 0
            while true {
                let end = Int(tm_break_next(iterator))
                if end < 0 { break }
                try body(start..<end, Category(status: tm_break_rule_status(iterator)))
                start = end
            }
        }
    }
}

/// Sentence boundaries by Unicode's rules (UAX #29), found by ICU's sentence iterator.
///
/// ICU alone breaks after every abbreviation followed by a capital ("Dr. Aliyev") and at
/// every line break; ``Tokenizer/sentences(_:)`` corrects both with its abbreviation lists.
///
/// ```swift
/// try SentenceBreaker().boundaries("Geldi. Gitti.")   // [7, 13]
/// ```
///
/// `Sendable`, with a pool of ICU iterator clones like ``WordBreaker``.
public struct SentenceBreaker: Sendable {
    private let pool: BreakIteratorPool

    /// A sentence breaker for `locale` (`""`: ICU's root rules).
    public init(locale: String = "") throws {
        pool = try BreakIteratorPool.shared(kind: Int32(TM_BREAK_SENTENCE), locale: locale)
    }

    /// The UTF-16 offsets where sentences end (the last is the text's length).
    public func boundaries(_ text: String) throws -> [Int] {
        let units = Array(text.utf16)
        return try units.withUnsafeBufferPointer { try boundaries(in: $0) }
    }

    /// The UTF-16 offsets where sentences of `units` end (the last is `units.count`).
    public func boundaries(in units: UnsafeBufferPointer<UInt16>) throws -> [Int] {
        var result: [Int] = []
        try pool.withIterator(on: units) { iterator in
            while true {
                let end = Int(tm_break_next(iterator))
                if end < 0 { break }
                result.append(end)
            }
        }
        return result
    }
}

/// The shared ``ICUClonePool`` of a break iterator kind and locale, for the life of the
/// process; ``withIterator(on:_:)`` points a private clone at the text.
final class BreakIteratorPool: @unchecked Sendable {
    private let pool: ICUClonePool

    private init(pool: ICUClonePool) { self.pool = pool }

    nonisolated(unsafe) private static let emptyText = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
    private static let cache = ProcessWideTable<String, BreakIteratorPool>()

    static func shared(kind: Int32, locale: String) throws -> BreakIteratorPool {
        let name = "\(kind == Int32(TM_BREAK_WORD) ? "word" : "sentence") break iterator (\(locale.isEmpty ? "root" : locale))"
        return try cache.get(name) { name in
            var status: Int32 = 0
            let pointer = locale.withCString { tm_break_open(kind, $0, &status) }
            try ICUError.check(status, "open \(name)")
            guard let pointer else { throw ICUError(code: 1, operation: "open \(name)") }
            return BreakIteratorPool(pool: ICUClonePool(name: name, prototype: pointer,
                                                        clone: { tm_break_clone($0, &$1) }, close: { tm_break_close($0) }))
        }
    }

    /// Runs `body` with a private iterator set on `units`.
    func withIterator<Result>(on units: UnsafeBufferPointer<UInt16>,
                              _ body: (UnsafeMutableRawPointer) throws -> Result) throws -> Result {
        try pool.withObject { iterator in
            var status: Int32 = 0
            // ICU wants a pointer even for empty text (a borrowed clone may still point at
            // the buffer of its previous use, which is gone).
            tm_break_set_text(iterator, units.baseAddress ?? UnsafePointer(Self.emptyText), Int32(units.count), &status)
            try ICUError.check(status, "set text of \(pool.name)")
            return try body(iterator)
        }
    }
}
