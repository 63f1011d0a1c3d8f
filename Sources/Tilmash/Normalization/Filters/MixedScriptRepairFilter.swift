/// Repairs words that mix Latin with Cyrillic or Greek look-alike letters.
///
/// - Inside a word whose letters are mostly Latin, a Cyrillic or Greek letter that has a
///   Latin twin (UTS #39 confusables, see ``Confusables``) becomes that twin: `Kаzakhstan`
///   with Cyrillic `а` → `Kazakhstan`. The reverse inside a mostly-Cyrillic word, for a
///   Latin or Greek letter: `Кaзахстан` with Latin `a` → `Казахстан`, `ϱыло` → `рыло`. A
///   word with a minority letter that has no twin is left alone (it may be a genuine mixed
///   spelling). This looks at the word only, whatever the rest of the text holds.
/// - A short all-Cyrillic word standing between two Latin words on one line is a stray:
///   made only of look-alikes it becomes Latin (`а` → `a`); otherwise, when it is a
///   function word listed in `Resources/normalization/stray-words.tsv` for the language of
///   the surrounding text, it is replaced by that language's word (`Vertrauen и Dialog`
///   → `Vertrauen und Dialog` in German). Not when that language is written in Cyrillic:
///   in Russian `Samsung с Apple` the `с` is the Russian preposition.
/// - Genuine Cyrillic words and Cyrillic text stay as they are.
public struct MixedScriptRepairFilter: LineLocalFilter {
    private let strayWords: [String: [Language: String]]

    /// Loads the stray-word table from the bundled resources.
    public init() throws {
        var table: [String: [Language: String]] = [:]
        for line in try TilmashResources.text("normalization/stray-words.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let language = Language(code: String(fields[1])) else { continue }
            table[String(fields[0]), default: [:]][language] = String(fields[2])
        }
        strayWords = table
    }

    public let name = "mixed-script"
    public let summary = "Cyrillic/Greek look-alikes inside Latin words -> Latin, Latin/Greek ones inside Cyrillic words -> Cyrillic; stray Cyrillic 'и' between Latin words -> the text language's 'and'"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        let repairs = self.repairs(in: text)
        guard !repairs.isEmpty else { return text }
        var outputs: [Range<Int>: String] = [:]
        for repair in repairs {
            switch repair.kind {
            case .inside(let repaired):
                outputs[repair.word] = repaired
            case .stray:
                // In text of a Cyrillic-script language the word is the text's own (`с`).
                let language = context.language(of: repair.word, in: text)
                if !language.writesCyrillic, let repaired = replaceStray(text.scalars[repair.word], language: language) {
                    outputs[repair.word] = repaired
                }
            }
        }
        let words = repairs.map(\.word).filter { outputs[$0] != nil }
        guard !words.isEmpty else { return text }
        return text.transformingRuns(words) { outputs[$0] }
    }

    /// A word the filter repairs: a look-alike repair inside it (whatever the language),
    /// or a stray whose replacement depends on the language.
    private struct Repair {
        enum Kind { case inside(String), stray }
        let word: Range<Int>
        let kind: Kind
    }

    /// Letters of two of Latin, Cyrillic and Greek share the text: nothing to repair without
    /// (a word that mixes them, or a stray, needs two).
    private static func mixesScripts<Scalars: Sequence>(_ scalars: Scalars) -> Bool where Scalars.Element == Unicode.Scalar {
        var first: Script?
        for scalar in scalars {
            guard let script = CharacterClass.letterScript(scalar) else { continue }
            if first == nil { first = script } else if script != first { return true }
        }
        return false
    }

    /// ``mixesScripts(_:)`` over a String's UTF-8: ASCII letters are Latin by their byte,
    /// other characters are decoded (most lines of most text are all Latin or all Cyrillic).
    private static func mixesScripts(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var first: Script?
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let script: Script?
                if byte < 0x80 {
                    index += 1
                    let folded = byte | 0x20
                    script = folded >= 0x61 && folded <= 0x7A ? .latin : nil
                } else {
                    let (value, next) = UTF8Encoding.read(bytes, at: index)
                    index = next
                    script = Unicode.Scalar(value).flatMap(CharacterClass.letterScript)
                }
                guard let script else { continue }
                if first == nil { first = script } else if script != first { return true }
            }
            return false
        }
    }

    /// The repairs `text` needs, in order.
    private func repairs(in text: MappedText) -> [Repair] {
        // Only a shortcut: every repair depends on the word and its neighbours on the line alone.
        guard Self.mixesScripts(text.scalars) else { return [] }
        let words = text.wordRuns
        let scripts = words.map { dominantScript(text.scalars[$0]) }
        var result: [Repair] = []
        for (index, word) in words.enumerated() {
            let letters = text.scalars[word]
            if scripts[index] == .latin || scripts[index] == .cyrillic {
                // Only a word with letters of another script can need a repair.
                guard letters.contains(where: { CharacterClass.letterScript($0).map { $0 != scripts[index] } ?? false }) else { continue }
                if let repaired = repairInside(letters, majority: scripts[index]!) { result.append(Repair(word: word, kind: .inside(repaired))) }
            } else if scripts[index] == nil, isStray(index, words, scripts, text), letters.allSatisfy({ CharacterClass.letterScript($0) == .cyrillic }) {
                result.append(Repair(word: word, kind: .stray))
            }
        }
        return result
    }

    /// No character alone: the repair, and the language it reads for a stray, need letters
    /// of two of Latin, Cyrillic and Greek in one text (``readsLanguage(inText:)``).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool { false }

    /// A stray word, whose replacement depends on the language, or a look-alike repair
    /// that gives a letter later filters may treat by language (Cyrillic `І` in a Latin
    /// word → `I`; anything beyond ASCII).
    public func readsLanguage(inText text: String) -> Bool {
        guard Self.mixesScripts(text) else { return false }
        return repairs(in: MappedText(original: text)).contains { repair in
            switch repair.kind {
            case .stray: return true
            case .inside(let repaired): return repaired.unicodeScalars.contains { !$0.isASCII || $0 == "I" }
            }
        }
    }

    /// Only lines with letters of two of Latin, Cyrillic and Greek may need a repair (the
    /// words it looks at, and a stray's neighbours, are on one line).
    public func isTrigger(_ scalar: Unicode.Scalar) -> Bool { false }
    public var lineChecks: LineChecks { .scriptMix }

    /// The script of a word's letters: Latin or Cyrillic when one of them has a clear
    /// majority (ignoring marks and digits); nil for all-Cyrillic short words that may be
    /// strays, and for other scripts.
    private func dominantScript(_ letters: ArraySlice<Unicode.Scalar>) -> Script? {
        var latin = 0, cyrillic = 0, greek = 0
        for scalar in letters {
            switch CharacterClass.letterScript(scalar) {
            case .latin?: latin += 1
            case .cyrillic?: cyrillic += 1
            case .greek?: greek += 1
            default: break
            }
        }
        if cyrillic > 0 && latin == 0 && greek == 0 && cyrillic <= 3 { return nil }
        if latin > cyrillic + greek { return .latin }
        if cyrillic > latin + greek { return .cyrillic }
        return .common
    }

    private func repairInside(_ letters: ArraySlice<Unicode.Scalar>, majority: Script) -> String? {
        var output = String.UnicodeScalarView()
        var changed = false
        for scalar in letters {
            guard let script = CharacterClass.letterScript(scalar), script != majority else {
                output.append(scalar)
                continue
            }
            guard let twin = Confusables.shared.twin(of: scalar, in: majority) else { return nil }
            output.append(twin)
            changed = true
        }
        return changed ? String(output) : nil
    }

    /// True when word `index` has Latin words on both sides with no line break between.
    private func isStray(_ index: Int, _ words: [Range<Int>], _ scripts: [Script?], _ text: MappedText) -> Bool {
        guard index > 0, index + 1 < words.count, scripts[index - 1] == .latin, scripts[index + 1] == .latin else { return false }
        let between = text.scalars[words[index - 1].upperBound..<words[index + 1].lowerBound]
        return !between.contains("\n")
    }

    private func replaceStray(_ letters: ArraySlice<Unicode.Scalar>, language: Language) -> String? {
        var twins = String.UnicodeScalarView()
        for scalar in letters {
            guard let twin = Confusables.shared.twin(of: scalar, in: .latin) else { twins.removeAll(); break }
            twins.append(twin)
        }
        if !twins.isEmpty { return String(twins) }
        let key = String(scalars: letters)
        if let replacement = strayWords[key.lowercased()]?[language] {
            return key.first?.isUppercase == true ? replacement.prefix(1).uppercased() + replacement.dropFirst() : replacement
        }
        return nil
    }
}
