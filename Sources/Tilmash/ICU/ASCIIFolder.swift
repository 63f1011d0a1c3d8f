/// Table-driven folding to ASCII, for the `de-ascii` and `latin-ascii` schemes and the
/// `ascii` normalization profile.
///
/// ICU's rule-based `de-ASCII` and `Latin-ASCII` run at a few MB/s. Most letters fold the
/// same wherever they stand, so a table of ICU's own answers — read off once for every
/// Latin-1 and Latin Extended letter, kept only where ICU gives the same output between
/// lower-case and between capital letters — folds a word without ICU. A word with any other
/// non-ASCII character (German capital umlauts, which depend on their neighbours: `ÄRZTE`
/// → `AERZTE`, `Ärzte` → `Aerzte`) is handed to ICU whole, so the result is always ICU's.
struct ASCIIFolder: Sendable {
    private let table: [Unicode.Scalar: [Unicode.Scalar]]
    private let transliterator: Transliterator

    /// A folder for `scheme` (`.germanASCII` or `.latinASCII`).
    init(_ scheme: TransliterationScheme) throws {
        transliterator = try scheme.transliterator()
        var table: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for value in UInt32(0xA0)...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let lower = Array(try transliterator.transliterate("x\(scalar)x").unicodeScalars)
            let upper = Array(try transliterator.transliterate("X\(scalar)X").unicodeScalars)
            guard lower.count >= 2, upper.count >= 2, lower.first == "x", lower.last == "x" else { continue }
            let middle = Array(lower[1..<(lower.count - 1)])
            guard Array(upper[1..<(upper.count - 1)]) == middle, middle.allSatisfy(\.isASCII) else { continue }
            table[scalar] = middle
        }
        self.table = table
    }

    /// The table's folding of a non-ASCII character, or nil when it needs ICU.
    func tableFolding(of scalar: Unicode.Scalar) -> [Unicode.Scalar]? { table[scalar] }

    /// The word folded by the table, or nil when a character needs ICU.
    func foldByTable<Word: Collection>(_ word: Word) -> [Unicode.Scalar]? where Word.Element == Unicode.Scalar {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(word.count + 2)
        for scalar in word {
            if scalar.isASCII {
                output.append(scalar)
            } else if let replacement = tableFolding(of: scalar) {
                output.append(contentsOf: replacement)
            } else {
                return nil
            }
        }
        return output
    }

    /// `word` folded: by the table, else by ICU.
    func fold(word: ArraySlice<Unicode.Scalar>) throws -> String {
        if let folded = foldByTable(word) { return String(scalars: folded) }
        return try transliterator.transliterate(String(scalars: word))
    }

    /// `text` folded word by word.
    func fold(_ text: String) throws -> String {
        try WordByWord.map(text) { try fold(word: $0) }
    }
}

/// Runs a transform over the words of a text that hold a non-ASCII character, copying
/// everything else. A word is a maximal run of letters, marks and digits (any script), so
/// the transforms' context rules (which look at neighbouring letters) see the same
/// neighbours as on the whole text.
enum WordByWord {
    static func map(_ text: String, _ transform: (ArraySlice<Unicode.Scalar>) throws -> String) rethrows -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let scalars = text.scalarArray
        var output = ""
        output.reserveCapacity(scalars.count + 16)
        var index = 0
        var copiedUpTo = 0
        while index < scalars.count {
            guard !scalars[index].isASCII else {
                index += 1
                continue
            }
            var start = index, end = index + 1
            if CharacterClass.isWordCharacter(scalars[index]) {
                while start > copiedUpTo && CharacterClass.isWordCharacter(scalars[start - 1]) { start -= 1 }
                while end < scalars.count && CharacterClass.isWordCharacter(scalars[end]) { end += 1 }
            }
            output += String(scalars: scalars[copiedUpTo..<start])
            output += try transform(scalars[start..<end])
            copiedUpTo = end
            index = end
        }
        output += String(scalars: scalars[copiedUpTo..<scalars.count])
        return output
    }
}
