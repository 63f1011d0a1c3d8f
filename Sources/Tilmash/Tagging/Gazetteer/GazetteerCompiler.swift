import Foundation

/// Turns gazetteer entries into a compiled gazetteer (``GazetteerFormat``): every alias is
/// expanded into the spellings the matcher must recognise, each spelling into its word
/// keys, and the keys into a word-level automaton (a trie over word ids).
///
/// Expansion of one alias:
/// - the alias as written, tokenized like running text in its language and keyed with
///   ``MatchKey`` (`Kasım Cömert Tokayev` → `kasim`, `comert`, `tokayev`);
/// - a Cyrillic alias also yields its Latin spellings under every Cyrillic scheme
///   (BGN/PCGN Russian and Kazakh, German Duden, Turkish, Kazakh 2021: Токаев → Tokayev,
///   Tokajew, Tokaev) — not an abbreviation (РК, ОДКБ), whose letters are not sounds;
/// - a Latin alias with German umlauts also its `de-ascii` spelling (Müller → Mueller);
/// - letters and a number with and without a hyphen (G-7 and G7);
/// - a one-word German genitive written beside its base form (Sicherheitsrates beside
///   Sicherheitsrat) is left out: the ending rule finds it with the right span.
///
/// The output is deterministic: the same entries give the same bytes.
enum GazetteerCompiler {
    /// Which source files' entries an ambiguous alias prefers, best first; entries of other
    /// files come after these, each group in entry order. A node's terminals are stored in
    /// this order, so the tagger takes the first one context does not overrule.
    static let sourcePreference = ["countries", "orgs", "persons", "geo", "subdivisions", "cities"]

    /// One spelling of one alias, as the matcher sees it.
    struct Expansion {
        /// The word keys, in order (`["kassym", "-", "jomart", "tokayev"]`).
        let keys: [String]
        let terminal: GazetteerImage.Terminal
    }

    /// One tokenizer per language, built on first use.
    private static let tokenizers = ProcessWideTable<Language, Tokenizer>()
    private static func tokenizer(_ language: Language?) throws -> Tokenizer {
        try tokenizers.get(language ?? .english) { try Tokenizer(language: $0) }
    }

    /// Calls `body` with every expansion of every alias of `entries`, in entry and alias
    /// order (also used by the tests' naive matcher, so both see the same spellings).
    static func expand(_ entries: [GazetteerEntry], _ body: (Expansion) throws -> Void) throws {
        let cyrillicSchemes: [TransliterationScheme] = [.russianBGN, .russianGerman, .russianTurkish, .kazakhLatin2021, .kazakhBGN]
        for (entryIndex, entry) in entries.enumerated() {
            let written = Set(entry.aliases.map(\.text))
            for (aliasIndex, alias) in entry.aliases.enumerated() {
                if alias.language == .german, !alias.text.contains(" "),
                   ["es", "s"].contains(where: { alias.text.hasSuffix($0) && written.contains(String(alias.text.dropLast($0.count))) }) {
                    continue
                }
                let letters = alias.text.unicodeScalars.filter { $0.properties.isAlphabetic }
                guard let first = letters.first else { continue }
                let terminal = GazetteerImage.Terminal(
                    entry: Int32(entryIndex), alias: Int32(aliasIndex),
                    capitalized: alias.requiresCapital || first.properties.isUppercase,
                    abbreviation: letters.count <= 5 && letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
                        && !alias.text.contains(" "))
                var spellings = [alias.text]
                let abbreviated = letters.count <= 5 && letters.filter { $0.properties.isUppercase }.count >= 2
                if letters.contains(where: { Script.of($0) == .cyrillic }) && !abbreviated {
                    for scheme in cyrillicSchemes { spellings.append(try scheme.transliterate(alias.text)) }
                }
                if alias.text.unicodeScalars.contains(where: { "äöüÄÖÜß".unicodeScalars.contains($0) }) {
                    spellings.append(try TransliterationScheme.germanASCII.transliterate(alias.text))
                }
                // Letters and a number are written with and without a hyphen: G-7 and G7, G20
                // and G-20.
                if let digits = alias.text.firstIndex(where: \.isNumber), digits > alias.text.startIndex,
                   !alias.text.contains(" "), alias.text[..<digits].allSatisfy({ $0.isLetter || $0 == "-" }),
                   alias.text[digits...].allSatisfy(\.isNumber) {
                    let letters = alias.text[..<digits].filter(\.isLetter)
                    for form in [letters + alias.text[digits...], letters + "-" + alias.text[digits...]] where form != alias.text {
                        spellings.append(String(form))
                    }
                }
                var seen: Set<[String]> = []
                for (number, spelling) in spellings.enumerated() {
                    // A generated spelling of three letters or fewer is a word of some
                    // language more often than the name (Дьер → Der).
                    if number > 0, spelling.unicodeScalars.filter({ $0.properties.isAlphabetic }).count <= 3 { continue }
                    // An inflected word inside an alias is stored whole (see MatchUnit.wholeKey).
                    let keys = MatchUnit.units(of: try tokenizer(alias.language).tokenize(spelling)).compactMap { $0.wholeKey ?? $0.key }
                    guard !keys.isEmpty, seen.insert(keys).inserted else { continue }
                    // A common word in Latin letters (also a Latin spelling of a Cyrillic one:
                    // Сана → Sana) is no name alone at a sentence start. Not in Cyrillic: the
                    // Kazakh word list marks most Cyrillic place names (`^Алматы`).
                    var terminal = terminal
                    terminal.commonWord = alias.requiresCapital && !terminal.abbreviation
                        && !spelling.unicodeScalars.contains { Script.of($0) == .cyrillic }
                    try body(Expansion(keys: keys, terminal: terminal))
                }
            }
        }
    }

    /// The compiled bytes of `entries`. `sourceDigest` identifies the source files (0 when
    /// there are none).
    /// `parts` are the words of the name-part lists: each gets its classes under its word key.
    static func compile(_ entries: [GazetteerEntry], parts: [GazetteerSource.Part], sourceDigest: UInt64) throws -> [UInt8] {
        var strings: [UInt8] = []
        func add(_ text: String) -> (UInt32, UInt32) {
            let offset = UInt32(strings.count)
            strings.append(contentsOf: text.utf8)
            return (offset, UInt32(strings.count) - offset)
        }
        var sourceIndex: [String: Int] = [:]
        var sourceRecords: [UInt8] = []
        var entryRecords: [UInt8] = []
        var aliasRecords: [UInt8] = []
        var aliasTotal = 0
        entryRecords.reserveCapacity(entries.count * 24)
        for (index, entry) in entries.enumerated() {
            guard entry.aliases.count <= 0xffff else {
                throw GazetteerError(file: entry.source, line: 0, reason: "entry \(entry.id) has \(entry.aliases.count) aliases (at most 65,535)")
            }
            let source: Int
            if let known = sourceIndex[entry.source] { source = known } else {
                guard sourceIndex.count < 256 else {
                    throw GazetteerError(file: entry.source, line: 0, reason: "more than 256 source files")
                }
                source = sourceIndex.count
                sourceIndex[entry.source] = source
                let (offset, length) = add(entry.source)
                sourceRecords.appendLE(offset)
                sourceRecords.appendLE(length)
            }
            let id = add(entry.id), canonical = add(entry.canonical)
            entryRecords.appendLE(id.0); entryRecords.appendLE(id.1)
            entryRecords.appendLE(canonical.0); entryRecords.appendLE(canonical.1)
            entryRecords.appendLE(UInt32(aliasTotal))
            let type: UInt32 = entry.type == .person ? 0 : entry.type == .place ? 1 : 2
            entryRecords.appendLE(UInt32(entry.aliases.count) | type << 16 | UInt32(source) << 24)
            for alias in entry.aliases {
                let text = add(alias.text)
                aliasRecords.appendLE(text.0); aliasRecords.appendLE(text.1)
                let language = alias.language.flatMap { Language.allCases.firstIndex(of: $0) }.map(UInt8.init) ?? GazetteerFormat.anyLanguage
                let flags: UInt8 = alias.requiresCapital ? GazetteerFormat.aliasRequiresCapital : 0
                aliasRecords.append(contentsOf: [language, flags, 0, 0])
            }
            aliasTotal += entry.aliases.count
            _ = index
        }

        // The automaton: word ids by first use, nodes by creation, edges in creation order.
        var wordIDs: [ExactWord: UInt32] = [:]
        var wordRefs: [(UInt32, UInt32)] = []
        var edges: [UInt64: UInt32] = [:]
        var edgeOrder: [(node: UInt32, word: UInt32, child: UInt32)] = []
        var nodeTerminals: [[GazetteerImage.Terminal]] = [[]]
        try expand(entries) { expansion in
            var node: UInt32 = GazetteerImage.root
            for key in expansion.keys {
                let word: UInt32
                if let known = wordIDs[ExactWord(key)] { word = known } else {
                    word = UInt32(wordRefs.count)
                    wordIDs[ExactWord(key)] = word
                    wordRefs.append(add(key))
                }
                let edge = UInt64(node) << 32 | UInt64(word)
                if let next = edges[edge] { node = next } else {
                    let next = UInt32(nodeTerminals.count)
                    nodeTerminals.append([])
                    edges[edge] = next
                    edgeOrder.append((node, word, next))
                    node = next
                }
            }
            if !nodeTerminals[Int(node)].contains(expansion.terminal) { nodeTerminals[Int(node)].append(expansion.terminal) }
        }
        // Name parts: keyed like aliases (a Latin word with I, İ or ı both the Turkish way and
        // the root way, as text in either language folds it), one-word items only.
        var classes = [UInt32](repeating: 0, count: wordRefs.count)
        let turkic: Set<Unicode.Scalar> = ["I", "İ", "ı"]
        for part in parts {
            let languages: [Language] = part.text.unicodeScalars.contains(where: turkic.contains) ? [.english, .turkish] : [.english]
            var keys: Set<String> = []
            for language in languages {
                let units = MatchUnit.units(of: try tokenizer(language).tokenize(part.text))
                if units.count == 1, let key = units[0].key { keys.insert(key) }
            }
            for key in keys.sorted() {
                let word: UInt32
                if let known = wordIDs[ExactWord(key)] { word = known } else {
                    word = UInt32(wordRefs.count)
                    wordIDs[ExactWord(key)] = word
                    wordRefs.append(add(key))
                    classes.append(0)
                }
                classes[Int(word)] |= part.classes.rawValue
            }
        }
        guard strings.count < Int(UInt32.max) else {
            throw GazetteerError(file: entries.first?.source ?? "", line: 0, reason: "more than 4 GB of text")
        }

        var wordRecords: [UInt8] = []
        wordRecords.reserveCapacity(wordRefs.count * 8)
        for (offset, length) in wordRefs { wordRecords.appendLE(offset); wordRecords.appendLE(length) }
        let wordSlotCount = GazetteerFormat.tableSize(for: wordRefs.count)
        var wordSlots = [UInt32](repeating: 0, count: wordSlotCount)
        strings.withUnsafeBytes { blob in
            for (id, (offset, length)) in wordRefs.enumerated() {
                var slot = GazetteerFormat.wordHash(UnsafeRawBufferPointer(rebasing: blob[Int(offset)..<Int(offset + length)]),
                                                    mask: wordSlotCount - 1)
                while wordSlots[slot] != 0 { slot = (slot + 1) & (wordSlotCount - 1) }
                wordSlots[slot] = UInt32(id + 1)
            }
        }
        var nodeRecords: [UInt8] = []
        var terminalRecords: [UInt8] = []
        var terminalCount: UInt32 = 0
        let preference = Dictionary(uniqueKeysWithValues: sourcePreference.enumerated().map { ($1, $0) })
        let entryRank = entries.map { preference[$0.source] ?? sourcePreference.count }
        for unordered in nodeTerminals {
            // Stable: terminals of one entry keep their alias order.
            let terminals = unordered.enumerated().sorted {
                (entryRank[Int($0.element.entry)], $0.element.entry, $0.offset) < (entryRank[Int($1.element.entry)], $1.element.entry, $1.offset)
            }.map(\.element)
            let flags = (terminals.contains { !$0.capitalized } ? GazetteerFormat.nodeAnyUncapitalized : 0)
                | (terminals.contains { !$0.abbreviation } ? GazetteerFormat.nodeAnyNonAbbreviation : 0)
            nodeRecords.appendLE(terminalCount)
            nodeRecords.appendLE(flags)
            for terminal in terminals {
                terminalRecords.appendLE(UInt32(bitPattern: terminal.entry))
                terminalRecords.appendLE(UInt32(bitPattern: terminal.alias))
                terminalRecords.appendLE((terminal.capitalized ? GazetteerFormat.terminalCapitalized : 0)
                                         | (terminal.abbreviation ? GazetteerFormat.terminalAbbreviation : 0)
                                         | (terminal.commonWord ? GazetteerFormat.terminalCommonWord : 0))
            }
            terminalCount += UInt32(terminals.count)
        }
        nodeRecords.appendLE(terminalCount)
        nodeRecords.appendLE(UInt32(0))
        let edgeSlotCount = GazetteerFormat.tableSize(for: edgeOrder.count)
        var edgeSlots = [UInt32](repeating: 0, count: edgeSlotCount * 3)
        for edge in edgeOrder {
            var slot = GazetteerFormat.edgeSlot(node: edge.node, word: edge.word, mask: edgeSlotCount - 1)
            while edgeSlots[slot * 3 + 2] != 0 { slot = (slot + 1) & (edgeSlotCount - 1) }
            edgeSlots[slot * 3] = edge.node
            edgeSlots[slot * 3 + 1] = edge.word
            edgeSlots[slot * 3 + 2] = edge.child
        }

        // The file: header, section table, sections (8-byte aligned), then the checksum.
        let sections: [[UInt8]] = [strings, sourceRecords, entryRecords, aliasRecords, wordRecords,
                                   wordSlots.littleEndianBytes, nodeRecords, terminalRecords, edgeSlots.littleEndianBytes,
                                   classes.littleEndianBytes]
        var file: [UInt8] = GazetteerFormat.magic
        file.appendLE(GazetteerFormat.version)
        file.appendLE(UInt32(sections.count))
        for version in [ICUVersion.icu, ICUVersion.unicode] {
            let bytes = Array(version.utf8.prefix(15))
            file.append(contentsOf: bytes + [UInt8](repeating: 0, count: 16 - bytes.count))
        }
        file.appendLE(sourceDigest)
        file.appendLE(UInt64(0))   // checksum, filled in below
        var offset = GazetteerFormat.headerSize
        for section in sections {
            offset = (offset + 7) & ~7
            file.appendLE(UInt64(offset))
            file.appendLE(UInt64(section.count))
            offset += section.count
        }
        file.reserveCapacity(offset)
        for section in sections {
            while file.count % 8 != 0 { file.append(0) }
            file.append(contentsOf: section)
        }
        let checksum = file.withUnsafeBytes { GazetteerFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[(GazetteerFormat.checksumOffset + 8)...])) }
        var checksumBytes: [UInt8] = []
        checksumBytes.appendLE(checksum)
        file.replaceSubrange(GazetteerFormat.checksumOffset..<(GazetteerFormat.checksumOffset + 8), with: checksumBytes)
        return file
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` in little-endian byte order.
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension Array where Element == UInt32 {
    /// The values as little-endian bytes.
    var littleEndianBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 4)
        for value in self { bytes.appendLE(value) }
        return bytes
    }
}
