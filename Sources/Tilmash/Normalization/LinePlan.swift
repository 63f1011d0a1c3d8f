/// The fast path of a ``Profile`` whose filters are ``LineLocalFilter``s followed by
/// ``CharacterMappingFilter``s (the built-in ones are).
///
/// Most lines of real text need none of the repairs: no invisible character, no odd
/// spacing, no mixed-script word, no line break to join. Such a line is normalized by one
/// ``CharacterTable`` lookup per character instead of a pass of every filter. The other
/// lines — and the lines on both sides of a line break a filter may change — are cut out
/// as regions and run through the whole chain, with their original offsets, so the result
/// is exactly the chain's (tests compare both on the seeds and on random text).
///
/// Why a region can be normalized alone: every line-local filter's reach ends at a line
/// break it keeps, and the character filters change one character at a time or, for the
/// characters they flag, look at no more than a word or a normalization segment, neither of
/// which spans a line break.
///
/// `Sendable`: the tables are built once per language, under a lock, and then only read.
final class LinePlan: Sendable {
    private let lineFilters: [any LineLocalFilter]
    private let characterFilters: [any CharacterMappingFilter]
    private let checks: LineChecks
    private let tables = ProcessWideTable<Language, CharacterTable>()
    /// The language-independent flags of every character of the tables, built once.
    private let lineFlags: ProcessWide<[UInt32]>

    /// A plan for `filters`, or nil when the chain does not have the required shape.
    init?(filters: [any TextFilter]) {
        var lineFilters: [any LineLocalFilter] = []
        var characterFilters: [any CharacterMappingFilter] = []
        for filter in filters {
            if characterFilters.isEmpty, let filter = filter as? any LineLocalFilter {
                lineFilters.append(filter)
            } else if let filter = filter as? any CharacterMappingFilter {
                characterFilters.append(filter)
            } else {
                return nil
            }
        }
        // A line break must come through every filter as it is.
        let composer = CharacterTable.Composer(lineFilters: lineFilters, characterFilters: characterFilters, language: .undetermined)
        let newline = composer.compose("\n")
        guard newline.flags & CharacterTable.dirty == 0, newline.output == nil else { return nil }
        self.lineFilters = lineFilters
        self.characterFilters = characterFilters
        lineFlags = ProcessWide {
            (0..<UInt32(CharacterTable.size)).map { Unicode.Scalar($0).map(composer.lineFlags) ?? 0 }
        }
        checks = lineFilters.reduce(into: LineChecks()) { $0.formUnion($1.lineChecks) }
    }

    /// The table for `language`, built on first use.
    private func table(_ language: Language) -> CharacterTable {
        // Building cannot fail; `try!` only satisfies the cache's signature.
        try! tables.get(language) {
            CharacterTable(composer: .init(lineFilters: lineFilters, characterFilters: characterFilters, language: $0),
                           lineFlags: try lineFlags.get())
        }
    }

    /// The original text's scalars through the chain: the result and its text.
    ///
    /// Lines are scanned once, in order: a line is mapped while it is scanned, on the
    /// guess that it is clean and cut from its neighbours; when the scan or the line break
    /// before it says otherwise, the output goes back to where that line (or the previous
    /// one) began and the lines become a region for the chain.
    func normalize(_ scalars: [Unicode.Scalar], context: FilterContext) throws -> (MappedText, String) {
        let languages = LanguageSpans(context, count: scalars.count) { self.table($0) }
        return try scalars.withUnsafeBufferPointer { s in
            var output = Output(capacity: s.count + s.count / 16)
            var previous: Line?                 // the line before, when it was mapped
            var previousMark = output.mark      // where the previous line's output begins
            var region: (start: Int, last: Line)?   // pending lines for the chain
            var start = 0
            while start <= s.count {
                var newline = start
                while newline < s.count && s[newline] != "\n" { newline += 1 }
                // A carriage return before the line feed belongs to the break (the chain
                // drops it); a lone one stays in the line, as a repair to make.
                let end = newline > start && newline < s.count && s[newline - 1] == "\r" ? newline - 1 : newline
                if start > 0 && region == nil { output.emit("\n", start: Int32(start - 1), end: Int32(start)) }
                let lineMark = output.mark
                let line = scan(s, start..<end, newline: newline, languages, into: &output)
                if let pending = region {
                    output.rollback(to: lineMark)       // the line was mapped on the wrong guess
                    if isCut(s, after: pending.last, before: line) {
                        try flush(s, pending.start..<pending.last.end, context, languages, into: &output)
                        output.emit("\n", start: Int32(start - 1), end: Int32(start))
                        if line.isClean {
                            previousMark = output.mark
                            _ = scan(s, start..<end, newline: newline, languages, into: &output)
                            previous = line
                            region = nil
                        } else {
                            region = (start, line)
                        }
                    } else {
                        region = (pending.start, line)
                    }
                } else if let before = previous, !isCut(s, after: before, before: line) {
                    output.rollback(to: previousMark)
                    region = (before.start, line)
                } else if !line.isClean {
                    output.rollback(to: lineMark)
                    region = (start, line)
                } else {
                    previous = line
                    previousMark = lineMark
                }
                start = newline + 1
            }
            if let pending = region { try flush(s, pending.start..<pending.last.end, context, languages, into: &output) }
            return output.finish()
        }
    }

    /// Lines `range` through the line-local filters, then the character tables (or the
    /// character filters, when a character needs its neighbours).
    private func flush(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, _ context: FilterContext,
                       _ languages: LanguageSpans, into output: inout Output) throws {
        var region = MappedText(scalars: Array(s[range]), starts: (range.lowerBound..<range.upperBound).map { Int32($0) },
                                ends: (range.lowerBound..<range.upperBound).map { Int32($0 + 1) })
        for filter in lineFilters { region = try filter.apply(region, context: context) }
        if !emitRepaired(region, languages, into: &output) {
            for filter in characterFilters { region = try filter.apply(region, context: context) }
            output.append(region)
        }
    }

    /// The result being built: each scalar with its original range, and the text as UTF-8,
    /// in buffers that grow by doubling (appending to arrays checks uniqueness and capacity
    /// every time).
    private struct Output: ~Copyable {
        private var scalars: UnsafeMutablePointer<Unicode.Scalar>
        private var starts: UnsafeMutablePointer<Int32>
        private var ends: UnsafeMutablePointer<Int32>
        private var utf8: UnsafeMutablePointer<UInt8>
        private var count = 0, capacity: Int
        private var utf8Count = 0, utf8Capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            utf8Capacity = self.capacity * 2
            scalars = .allocate(capacity: self.capacity)
            starts = .allocate(capacity: self.capacity)
            ends = .allocate(capacity: self.capacity)
            utf8 = .allocate(capacity: utf8Capacity)
        }

        deinit {
            scalars.deallocate()
            starts.deallocate()
            ends.deallocate()
            utf8.deallocate()
        }

        /// A position to go back to.
        var mark: (count: Int, utf8Count: Int) { (count, utf8Count) }

        mutating func rollback(to mark: (count: Int, utf8Count: Int)) {
            count = mark.count
            utf8Count = mark.utf8Count
        }

        private static func grow<T>(_ pointer: UnsafeMutablePointer<T>, _ used: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
            let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            bigger.moveInitialize(from: pointer, count: used)
            pointer.deallocate()
            return bigger
        }

        /// Room for `more` scalars (and their UTF-8).
        @inline(__always)
        mutating func reserve(_ more: Int) {
            if count + more > capacity {
                let newCapacity = max(capacity * 2, count + more)
                scalars = Self.grow(scalars, count, to: newCapacity)
                starts = Self.grow(starts, count, to: newCapacity)
                ends = Self.grow(ends, count, to: newCapacity)
                capacity = newCapacity
            }
            if utf8Count + 4 * more > utf8Capacity {
                let newCapacity = max(utf8Capacity * 2, utf8Count + 4 * more)
                utf8 = Self.grow(utf8, utf8Count, to: newCapacity)
                utf8Capacity = newCapacity
            }
        }

        /// Local copies of the buffers and counts for a writing loop: kept in registers,
        /// where writes through the buffers stored in `self` would make the compiler
        /// reload them for every character. Hand it back with ``commit(_:)``.
        struct Cursor {
            let scalars: UnsafeMutablePointer<Unicode.Scalar>
            let starts: UnsafeMutablePointer<Int32>
            let ends: UnsafeMutablePointer<Int32>
            let bytes: UnsafeMutableBufferPointer<UInt8>
            var count: Int, utf8Count: Int

            /// Scalar `value`, coming from original scalars `start..<end`.
            @inline(__always)
            mutating func put(_ value: UInt32, _ start: Int32, _ end: Int32) {
                scalars[count] = unsafeBitCast(value, to: Unicode.Scalar.self)
                starts[count] = start
                ends[count] = end
                count &+= 1
                if value < 0x80 {
                    bytes[utf8Count] = UInt8(truncatingIfNeeded: value)
                    utf8Count &+= 1
                } else {
                    utf8Count = UTF8Encoding.write(value, into: bytes, at: utf8Count)
                }
            }
        }

        /// A cursor with room for `more` scalars.
        mutating func cursor(room more: Int) -> Cursor {
            reserve(more)
            return Cursor(scalars: scalars, starts: starts, ends: ends, bytes: UnsafeMutableBufferPointer(start: utf8, count: utf8Capacity),
                          count: count, utf8Count: utf8Count)
        }

        mutating func commit(_ cursor: Cursor) {
            count = cursor.count
            utf8Count = cursor.utf8Count
        }

        /// Scalars `indices` of a text — scalar `i` is `scalar(i)`, from original scalars
        /// `start(i)..<end(i)` — through `table`, in one tight loop. Returns the union of
        /// their table flags, and whether two spaces follow one another (`previous`: the
        /// scalar before the first).
        @inline(__always)
        mutating func map(_ indices: Range<Int>, through table: CharacterTable, after previous: UInt32 = 0,
                          scalar: (Int) -> Unicode.Scalar, start: (Int) -> Int32, end: (Int) -> Int32) -> (flags: UInt32, doubleSpace: Bool) {
            var cursor = cursor(room: indices.count * table.longestOutput)
            var flags: UInt32 = 0
            var doubleSpace = false
            var previous = previous
            table.entries.withUnsafeBufferPointer { entries in
                for index in indices {
                    let character = scalar(index), from = start(index), to = end(index)
                    flags |= table.map(character, entries: entries) { cursor.put($0, from, to) }
                    if character.value == 0x20 && previous == 0x20 { doubleSpace = true }
                    previous = character.value
                }
            }
            commit(cursor)
            return (flags, doubleSpace)
        }

        /// `scalar`, coming from original scalars `start..<end`.
        mutating func emit(_ scalar: Unicode.Scalar, start: Int32, end: Int32) {
            var cursor = cursor(room: 1)
            cursor.put(scalar.value, start, end)
            commit(cursor)
        }

        /// A region's output, whose map already points into the original.
        mutating func append(_ text: MappedText) {
            var cursor = cursor(room: text.count)
            for index in 0..<text.count { cursor.put(text.scalars[index].value, text.starts[index], text.ends[index]) }
            commit(cursor)
        }

        consuming func finish() -> (MappedText, String) {
            let text = String(decoding: UnsafeBufferPointer(start: utf8, count: utf8Count), as: UTF8.self)
            return (MappedText(scalars: Array(UnsafeBufferPointer(start: scalars, count: count)),
                               starts: Array(UnsafeBufferPointer(start: starts, count: count)),
                               ends: Array(UnsafeBufferPointer(start: ends, count: count))), text)
        }
    }

    /// One line (without its line break, `\r\n` or `\n`) and what the scan found in it.
    private struct Line {
        let start: Int, end: Int
        /// The line feed after it (or the text's end).
        let newline: Int
        /// No filter changes the line.
        let isClean: Bool
        /// A line-local filter's character is in it.
        let hasTrigger: Bool
    }

    /// Scans line `range` and maps it into `output` as if it were clean.
    private func scan(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, newline: Int, _ languages: LanguageSpans,
                      into output: inout Output) -> Line {
        var flags: UInt32 = 0
        var doubleSpace = false
        languages.forEachSpan(in: range) { span, table in
            let previous: UInt32 = span.lowerBound > range.lowerBound ? s[span.lowerBound - 1].value : 0
            let found = output.map(span, through: table, after: previous, scalar: { s[$0] },
                                   start: { Int32(truncatingIfNeeded: $0) }, end: { Int32(truncatingIfNeeded: $0 + 1) })
            flags |= found.flags
            if found.doubleSpace { doubleSpace = true }
        }
        var clean = flags & CharacterTable.dirty == 0
        if checks.contains(.spacing) && !range.isEmpty && (doubleSpace || s[range.lowerBound] == " " || s[range.upperBound - 1] == " ") { clean = false }
        if checks.contains(.scriptMix) && CharacterTable.mixesScripts(flags) { clean = false }
        return Line(start: range.lowerBound, end: range.upperBound, newline: newline, isClean: clean,
                    hasTrigger: flags & CharacterTable.repairTrigger != 0)
    }

    /// True when the line break between `a` and `b` stays and no filter looks across it.
    private func isCut(_ s: UnsafeBufferPointer<Unicode.Scalar>, after a: Line, before b: Line) -> Bool {
        // Triggers may change what the line-break rules see (a no-break space at a line's
        // edge, a lone carriage return): then the chain decides.
        guard !a.hasTrigger && !b.hasTrigger else { return false }
        return lineFilters.allSatisfy { $0.keepsLineBreak(in: s, at: a.newline) }
    }
}

extension LinePlan {
    /// A region after the line-local filters through the character tables — unless one of
    /// its characters needs context (then nothing is emitted and the result is false).
    private func emitRepaired(_ text: MappedText, _ languages: LanguageSpans, into output: inout Output) -> Bool {
        var needsContext = false
        languages.forEachSpan(of: text) { span, table in
            for index in span where table.flags(of: text.scalars[index]) & CharacterTable.needsContext != 0 {
                needsContext = true
                return
            }
        }
        guard !needsContext else { return false }
        languages.forEachSpan(of: text) { span, table in
            _ = output.map(span, through: table, scalar: { text.scalars[$0] }, start: { text.starts[$0] }, end: { text.ends[$0] })
        }
        return true
    }
}

/// The character table in force at each position: one per language stretch of the
/// context (positions are original offsets, which the fast path works on directly).
private struct LanguageSpans {
    private let starts: [Int]
    private let tables: [CharacterTable]

    init(_ context: FilterContext, count: Int, table: (Language) -> CharacterTable) {
        if context.runs.isEmpty {
            starts = [0]
            tables = [table(context.fallback)]
            return
        }
        var edges = Set<Int>()
        for run in context.runs {
            edges.insert(run.range.lowerBound)
            edges.insert(run.range.upperBound)
        }
        var starts: [Int] = []
        var languages: [Language] = []
        for start in [0] + edges.filter({ $0 > 0 && $0 < count }).sorted() {
            let language = context.language(atOriginal: start)
            if languages.last == language { continue }
            starts.append(start)
            languages.append(language)
        }
        var byLanguage: [Language: CharacterTable] = [:]
        for language in languages where byLanguage[language] == nil { byLanguage[language] = table(language) }
        self.starts = starts
        self.tables = languages.map { byLanguage[$0]! }
    }

    /// Calls `body` for each piece of `text` (scalar indices) whose original positions
    /// lie in one stretch.
    func forEachSpan(of text: MappedText, _ body: (Range<Int>, CharacterTable) -> Void) {
        guard text.count > 0 else { return }
        if starts.count == 1 { return body(0..<text.count, tables[0]) }
        var first = 0
        while first < text.count {
            let span = self.span(at: Int(text.starts[first]))
            let limit = span + 1 < starts.count ? starts[span + 1] : Int.max
            var end = first + 1
            while end < text.count && Int(text.starts[end]) < limit { end += 1 }
            body(first..<end, tables[span])
            first = end
        }
    }

    /// The stretch holding original position `position`.
    private func span(at position: Int) -> Int {
        var low = 0, high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= position { low = middle } else { high = middle }
        }
        return low
    }

    /// Calls `body` for each piece of `range` with one table.
    func forEachSpan(in range: Range<Int>, _ body: (Range<Int>, CharacterTable) -> Void) {
        guard !range.isEmpty else { return }
        if starts.count == 1 { return body(range, tables[0]) }
        var position = range.lowerBound
        var span = span(at: position)
        while position < range.upperBound {
            let end = span + 1 < starts.count ? min(starts[span + 1], range.upperBound) : range.upperBound
            if end > position { body(position..<end, tables[span]) }
            position = end
            span += 1
        }
    }
}
