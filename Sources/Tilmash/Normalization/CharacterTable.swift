/// What a profile's filters make of each character of the Basic Multilingual Plane, for one
/// language, in one table lookup: the composed ``CharacterMappingFilter`` mappings, and
/// flags telling ``LinePlan`` which characters send their line through the filter chain.
///
/// An entry holds the output character (21 bits) or, with ``several``, an index into
/// ``expansions``; plus the flag bits below. Characters beyond the table are composed on
/// the fly.
struct CharacterTable: Sendable {
    static let size = 0x10000
    static let valueMask: UInt32 = 0x1F_FFFF
    /// The output is `expansions[entry & valueMask]` (several characters, or none).
    static let several: UInt32 = 1 << 21
    /// A ``LineLocalFilter`` trigger: the line needs the chain, and line breaks next to it
    /// are not decided on the unfiltered text.
    static let repairTrigger: UInt32 = 1 << 24
    /// A ``CharacterMappingFilter`` needs the character's neighbours.
    static let needsContext: UInt32 = 1 << 25
    /// Latin, Cyrillic, Greek letter (for ``LineChecks/scriptMix``).
    static let latin: UInt32 = 1 << 26
    static let cyrillic: UInt32 = 1 << 27
    static let greek: UInt32 = 1 << 28

    /// True when `flags` (a union of entries) hold letters of two or three of the scripts.
    static func mixesScripts(_ flags: UInt32) -> Bool {
        let scripts = flags & (latin | cyrillic | greek)
        return scripts & (scripts &- 1) != 0
    }
    static let dirty: UInt32 = repairTrigger | needsContext

    let entries: [UInt32]
    let expansions: [[Unicode.Scalar]]
    /// The most scalars one character becomes, for reserving room (a character beyond the
    /// table that would become more than ``beyondTableLimit`` is reported as needing context).
    let longestOutput: Int
    private let composer: Composer

    /// The table of `composer`'s language; `lineFlags[c]` is `composer.lineFlags(c)` for
    /// every character of the table (the same for every language, so computed once).
    init(composer: Composer, lineFlags: [UInt32]) {
        self.composer = composer
        var expansions: [[Unicode.Scalar]] = []
        entries = (0..<UInt32(Self.size)).map { value in
            guard let scalar = Unicode.Scalar(value) else { return Self.needsContext }
            let (flags, output) = composer.compose(scalar, lineFlags: lineFlags[Int(value)])
            guard let output else { return flags | value }
            if output.count == 1 { return flags | output[0].value }
            expansions.append(output)
            return flags | Self.several | UInt32(expansions.count - 1)
        }
        self.expansions = expansions
        longestOutput = max(Self.beyondTableLimit, expansions.map(\.count).max() ?? 1)
    }

    /// Characters beyond the BMP that become more than this many are marked
    /// ``needsContext`` (none does today: case folding gives at most 3).
    static let beyondTableLimit = 4

    /// The flags of any character.
    @inline(__always)
    func flags(of scalar: Unicode.Scalar) -> UInt32 {
        scalar.value < Self.size ? entries[Int(scalar.value)] : beyondTable(scalar).flags
    }

    /// Calls `body` with each scalar `scalar` becomes (itself when unchanged) and returns
    /// its flags; `entries` is ``entries``, already at hand for a loop.
    @inline(__always)
    func map(_ scalar: Unicode.Scalar, entries: UnsafeBufferPointer<UInt32>, _ body: (UInt32) -> Void) -> UInt32 {
        let value = scalar.value
        guard value < Self.size else {
            let (flags, output) = beyondTable(scalar)
            if let output { for character in output { body(character.value) } } else { body(value) }
            return flags
        }
        let entry = entries[Int(value)]
        if entry & Self.several == 0 {
            body(entry & Self.valueMask)
        } else {
            for character in expansions[Int(entry & Self.valueMask)] { body(character.value) }
        }
        return entry
    }

    /// The flags and output (nil: unchanged) of a character beyond the table, composed on
    /// the fly (one that would become more than ``beyondTableLimit`` needs context).
    private func beyondTable(_ scalar: Unicode.Scalar) -> (flags: UInt32, output: [Unicode.Scalar]?) {
        let composed = composer.compose(scalar)
        if let output = composed.output, output.count > Self.beyondTableLimit { return (composed.flags | Self.needsContext, nil) }
        return composed
    }

    /// Composes the filters' answers for one character in one language.
    struct Composer: Sendable {
        let lineFilters: [any LineLocalFilter]
        let characterFilters: [any CharacterMappingFilter]
        let language: Language

        func compose(_ scalar: Unicode.Scalar) -> (flags: UInt32, output: [Unicode.Scalar]?) {
            compose(scalar, lineFlags: lineFlags(scalar))
        }

        /// The language-independent flags: line-local triggers and the letter's script.
        func lineFlags(_ scalar: Unicode.Scalar) -> UInt32 {
            var flags: UInt32 = 0
            if lineFilters.contains(where: { $0.isTrigger(scalar) }) { flags |= CharacterTable.repairTrigger }
            switch CharacterClass.letterScript(scalar) {
            case .latin?: flags |= CharacterTable.latin
            case .cyrillic?: flags |= CharacterTable.cyrillic
            case .greek?: flags |= CharacterTable.greek
            case .some, nil: break
            }
            return flags
        }

        /// `compose` with the line flags already known (a table of them is shared by the
        /// languages).
        func compose(_ scalar: Unicode.Scalar, lineFlags flags: UInt32) -> (flags: UInt32, output: [Unicode.Scalar]?) {
            // Most characters stay through every filter: no arrays until one changes.
            var current: [Unicode.Scalar]?
            for filter in characterFilters {
                guard let list = current else {
                    switch filter.mapping(of: scalar, language: language) {
                    case .same: continue
                    case .replaced(let replacement): current = replacement
                    case .needsContext: return (flags | CharacterTable.needsContext, nil)
                    }
                    continue
                }
                var next: [Unicode.Scalar] = []
                for character in list {
                    switch filter.mapping(of: character, language: language) {
                    case .same: next.append(character)
                    case .replaced(let replacement): next.append(contentsOf: replacement)
                    case .needsContext: return (flags | CharacterTable.needsContext, nil)
                    }
                }
                current = next
            }
            return (flags, current)
        }
    }
}
