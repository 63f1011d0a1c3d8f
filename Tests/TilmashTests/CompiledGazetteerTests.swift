import Foundation
import Testing
@testable import Tilmash

/// The compiled gazetteer and the word automaton: round trip, deterministic bytes, the
/// committed file current, damaged files refused, `gazetteer check`, the automaton against
/// a naive matcher, and the tagger's output against the recording made before the engine
/// changed.
@Suite struct CompiledGazetteerTests {
    static let small = """
        # a small gazetteer: Cyrillic, Turkish, German umlauts, an abbreviation, a multi-word name
        country:KZ\tPLACE\tKazakhstan\ten:Kazakhstan | tr:Kazakistan | de:Kasachstan | ru:Казахстан | kk:Қазақстан | ru:^РК
        city:1526273\tPLACE\tAstana\txx:Astana | ru:Астана
        person:kassym-jomart-tokayev\tPERSON\tKassym-Jomart Tokayev\ten:Kassym-Jomart Tokayev | ru:Касым-Жомарт Токаев | en:Tokayev | ru:Токаев | kk:Тоқаев
        org:un\tORG\tUnited Nations\ten:United Nations | tr:Birleşmiş Milletler | tr:^BM | de:Vereinte Nationen
        person:mueller\tPERSON\tThomas Müller\tde:Thomas Müller | de:Müller
        city:745044\tPLACE\tIstanbul\ten:Istanbul | tr:İstanbul | de:^Istanbul

        """

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-\(UUID().uuidString)-\(name)")
    }

    static func smallBytes() throws -> [UInt8] {
        try GazetteerCompiler.compile(try Gazetteer.parse(small, name: "small.tsv"), parts: [], sourceDigest: 0)
    }

    // MARK: Format

    @Test func roundTripKeepsEveryEntry() throws {
        let parsed = try Gazetteer.parse(Self.small, name: "small.tsv")
        let gazetteer = Gazetteer(image: try GazetteerImage(bytes: try Self.smallBytes(), name: "small"))
        #expect(Array(gazetteer.entries) == parsed)
        #expect(gazetteer.entries[2].aliases[4] == GazetteerEntry.Alias(text: "Тоқаев", language: .kazakh))
        #expect(gazetteer.entries[0].aliases[5] == GazetteerEntry.Alias(text: "РК", language: .russian, requiresCapital: true))
        #expect(gazetteer.aliasCount == 22)
        #expect(gazetteer.counts == ["small": [.place: 3, .person: 2, .organization: 1]])
        let image = gazetteer.image
        #expect(image.icuVersion == ICUVersion.icu && image.unicodeVersion == ICUVersion.unicode)
        // Word keys: folded, Latin to ASCII, every Cyrillic alias also in five Latin schemes.
        for key in ["kazakistan", "kasachstan", "казахстан", "tokayev", "tokajew", "tokaev", "muller", "mueller", "istanbul", "-"] {
            var key = key
            #expect(key.withUTF8 { image.word(UnsafeRawBufferPointer($0)) } != nil, "\(key)")
        }
        var absent = "tokayevs"
        #expect(absent.withUTF8 { image.word(UnsafeRawBufferPointer($0)) } == nil)
    }

    @Test func sameSourcesSameBytes() throws {
        #expect(try Self.smallBytes() == Self.smallBytes())
        let folder = Self.temporary("det")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("small.tsv")
        try Self.small.write(to: source, atomically: true, encoding: .utf8)
        let a = folder.appendingPathComponent("a.tlmg").path, b = folder.appendingPathComponent("b.tlmg").path
        let counts = try Gazetteer.compile(paths: [source.path], to: a)
        try Gazetteer.compile(paths: [folder.path], to: b)
        #expect(counts == (6, 22))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let loaded = try Gazetteer.load(path: a)
        #expect(Array(loaded.entries) == Array(try Gazetteer.load(path: source.path).entries))
        #expect(loaded.image.sourceDigest == (try GazetteerSource.digest([source.path])))
    }

    /// The committed `Corpora/gazetteer/compiled/gazetteer.tlmg` is what compiling
    /// `Corpora/gazetteer/data` gives today (rebuild it with the command in its README when
    /// this fails), and the bundled gazetteer is read from it.
    @Test(.enabled(if: (try? GazetteerImage(mapping: TilmashGazetteerPaths.compiled))?.icuVersion == ICUVersion.icu))
    func committedCompiledGazetteerIsCurrent() throws {
        let (entries, parts, digest) = try GazetteerSource.load([TilmashGazetteerPaths.data])
        let fresh = try GazetteerCompiler.compile(entries, parts: parts, sourceDigest: digest)
        let committed = try Data(contentsOf: URL(fileURLWithPath: TilmashGazetteerPaths.compiled))
        #expect(fresh.count == committed.count)
        // elementsEqual, not ==: a failing == on 27 MB makes the test library compute a diff
        // for many minutes.
        #expect(fresh.elementsEqual(committed), "Corpora/gazetteer/compiled/gazetteer.tlmg is stale: run `tilmash gazetteer compile Corpora/gazetteer/data -o Corpora/gazetteer/compiled/gazetteer.tlmg`")
        let bundled = try Gazetteer.bundled()
        #expect(bundled.image.byteCount == committed.count && bundled.image.sourceDigest == digest)
    }

    // MARK: Damaged files

    /// Truncated, flipped, another version, not a gazetteer, a reference out of range with
    /// a valid checksum: one clear error naming the file, never a crash or an answer.
    @Test func damagedFilesAreRefused() throws {
        let good = try Self.smallBytes()
        func reseal(_ bytes: [UInt8]) -> [UInt8] {
            var bytes = bytes
            let sum = bytes.withUnsafeBytes { GazetteerFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[(GazetteerFormat.checksumOffset + 8)...])) }
            var le: [UInt8] = []
            le.appendLE(sum)
            bytes.replaceSubrange(GazetteerFormat.checksumOffset..<(GazetteerFormat.checksumOffset + 8), with: le)
            return bytes
        }
        func section(_ s: GazetteerFormat.Section, length: Bool = false) -> Int {
            Int(good.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: GazetteerFormat.fixedHeaderSize + s.rawValue * 16 + (length ? 8 : 0), as: UInt64.self) })
        }
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        var version = good
        version[8] = 9
        var badWord = good
        badWord.replaceSubrange(section(.wordSlots)..<(section(.wordSlots) + 4), with: [0xff, 0xff, 0xff, 0x7f])
        var badEdge = good
        let edges = section(.transitions)
        if let slot = stride(from: 0, to: section(.transitions, length: true) / 12, by: 1).first(where: { badEdge[edges + $0 * 12 + 8] != 0 }) {
            badEdge.replaceSubrange((edges + slot * 12 + 8)..<(edges + slot * 12 + 12), with: [0xff, 0xff, 0, 0])
        }
        var badTerminal = good
        let terminals = section(.terminals)
        badTerminal.replaceSubrange((terminals + 4)..<(terminals + 8), with: [0x40, 0, 0, 0])
        var fullTable = good   // a word table with no free slot would make a look-up loop
        let slots = section(.wordSlots)
        for index in stride(from: slots, to: slots + section(.wordSlots, length: true), by: 4) where fullTable[index] == 0 && fullTable[index + 1] == 0 {
            fullTable[index] = 1
        }
        let cases: [([UInt8], String)] = [
            (Array(good.prefix(good.count - 100)), "truncated"),
            (Array(good.prefix(40)), "truncated"),
            (flipped, "checksum mismatch"),
            (version, "format version 9; this tilmash reads version 1"),
            (Array("city:1\tPLACE\tX\ten:X\n".utf8), "not a compiled gazetteer"),
            ([], "not a compiled gazetteer"),
        ]
        for (index, (bytes, reason)) in cases.enumerated() {
            #expect(throws: GazetteerError.self, "case \(index)") { try GazetteerImage(bytes: bytes, name: "case\(index)") }
            do { _ = try GazetteerImage(bytes: bytes, name: "case\(index)") } catch {
                #expect("\(error)".hasPrefix("case\(index): ") && "\(error)".contains(reason), "case \(index): \(error)")
            }
        }
        // A valid checksum over inconsistent contents: loading does not read every page, so
        // it is found by verifyReferences (`gazetteer check FILE`); tagging with such a
        // file stays inside the image and ends.
        let inconsistent: [([UInt8], String)] = [
            (reseal(badWord), "corrupted: word slot"),
            (reseal(badEdge), "corrupted: automaton edge"),
            (reseal(badTerminal), "corrupted: terminal 0"),
            (reseal(fullTable), "corrupted: a hash table without a free slot"),
        ]
        for (index, (bytes, reason)) in inconsistent.enumerated() {
            let image = try GazetteerImage(bytes: bytes, name: "inconsistent\(index)")
            #expect(throws: GazetteerError.self) { try image.verifyReferences(name: "inconsistent\(index)") }
            do { try image.verifyReferences(name: "inconsistent\(index)") } catch {
                #expect("\(error)" == "inconsistent\(index): \(reason)" || "\(error)".hasPrefix("inconsistent\(index): \(reason)"), "\(error)")
            }
            let gazetteer = Gazetteer(image: image)
            _ = Array(gazetteer.entries)
            let text = "Präsident Tokajew besuchte Astana; Тоқаевтың, Kazakistan’da BM ve Birleşmiş Milletler"
            for entity in try Tagger(gazetteer: gazetteer).tag(text, language: .turkish) {
                #expect(entity.range.upperBound <= text.unicodeScalars.count)
            }
        }
        try GazetteerImage(bytes: good, name: "good").verifyReferences(name: "good")
        // From a file, through the command line: one line, exit 1.
        let path = Self.temporary("bad.tlmg")
        var magicOnly = GazetteerFormat.magic
        magicOnly += [UInt8](repeating: 0, count: 300)
        try Data(magicOnly).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try CLI.run(["tag", "--gazetteer", path.path], input: "Astana\n")
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr == "tilmash tag: gazetteer: \(path.path): compiled gazetteer format version 0; this tilmash reads version 1 — recompile it with `tilmash gazetteer compile`\n",
                "\(result.stderr)")
    }

    // MARK: Command line

    @Test func compileAndCheckCommands() throws {
        let folder = Self.temporary("cli")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("small.tsv").path
        try Self.small.write(toFile: source, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("small.tlmg").path
        let compiled = try CLI.run(["gazetteer", "compile", source, "-o", output])
        #expect(compiled.status == 0 && compiled.stderr.hasPrefix("compiled 6 entries, 22 aliases into \(output) ("), "\(compiled.stderr)")
        let text = "Präsident Tokajew besuchte Astana; Тоқаевтың сапары, Müller und Mueller, BM ve Birleşmiş Milletler’in.\n"
        let fromTSV = try CLI.run(["tag", "--gazetteer", source, "--lang", "tr", "--format", "text"], input: text)
        let fromFile = try CLI.run(["tag", "--gazetteer", output, "--lang", "tr", "--format", "text"], input: text)
        #expect(fromFile.status == 0 && fromFile.stdout == fromTSV.stdout)
        #expect(fromFile.stdout.split(separator: "\n").map { $0.split(separator: "\t")[2] }
                == ["Tokajew", "Astana", "Тоқаев", "Müller", "Mueller", "BM", "Birleşmiş Milletler"], "\(fromFile.stdout)")
        let clean = try CLI.run(["gazetteer", "check", source])
        #expect(clean.status == 0 && clean.stdout.isEmpty && clean.stderr == "\(source): 6 entries, no problems\n")

        let bad = folder.appendingPathComponent("bad.tsv").path
        try """
            # problems
            city:1\tPLACE\tAstana\txx:Astana | ru:Астана
            city:2\tPLACE\tAlmaty\txx:Almaty|ru:Алматы
            city:1\tPLACE\tAstana\txx:Nur-Sultan
            city:3\tCITY\tX\txx:X
            person:x\tPERSON\tJohn Smith\ten:Smith

            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let checked = try CLI.run(["gazetteer", "check", bad])
        #expect(checked.status == 1)
        #expect(checked.stdout == """
            \(bad):3: canonical name 'Almaty' is not among the aliases
            \(bad):3: alias 'Almaty|ru:Алматы' holds '|': write the separator as ' | ' (space, pipe, space)
            \(bad):4: duplicate id city:1 (first at \(bad):2)
            \(bad):4: canonical name 'Astana' is not among the aliases
            \(bad):5: unknown type 'CITY' (PERSON, PLACE or ORG)
            \(bad):6: canonical name 'John Smith' is not among the aliases

            """, "\(checked.stdout)")
        #expect(checked.stderr == "\(bad): 4 entries, 6 problems\n")
        let checkedFile = try CLI.run(["gazetteer", "check", output])
        #expect(checkedFile.status == 0 && checkedFile.stderr == "\(output): 6 entries, no problems\n", "\(checkedFile.stderr)")
        let usage = try CLI.run(["gazetteer", "compile", source])
        #expect(usage.status == 2 && usage.stderr.contains("gazetteer compile needs -o FILE"))
        let unknown = try CLI.run(["gazetteer", "explode", source])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown gazetteer action 'explode'"))
    }

    // MARK: The automaton against a naive matcher

    /// Every alias tried at every unit, written from the description in DESIGN.md and
    /// reading endings straight from `suffixes.tsv` — not from the automaton or
    /// ``Inflection``.
    struct NaiveMatcher {
        struct Match: Hashable { let start: Int, end: Int, endScalar: Int, inflected: Bool, terminal: GazetteerImage.Terminal }
        let entries: [GazetteerEntry]
        let expansions: [GazetteerCompiler.Expansion]
        let words: Set<String>
        let endings: [(language: Language, ending: String, replacement: String?)]

        init(entries: [GazetteerEntry]) throws {
            var expansions: [GazetteerCompiler.Expansion] = []
            try GazetteerCompiler.expand(entries) { expansions.append($0) }
            self.entries = entries
            self.expansions = expansions
            words = Set(expansions.flatMap(\.keys))
            endings = try TilmashResources.text("tagging/suffixes.tsv").split(separator: "\n").compactMap { line in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard !line.hasPrefix("#"), fields.count >= 2, let language = Language(code: fields[0]), !fields[1].isEmpty else { return nil }
                return (language, fields[1], fields.count > 2 ? fields[2] : nil)
            }
        }

        func readings(_ unit: MatchUnit, language: Language) -> [(key: String, trimmed: Int)] {
            guard let key = unit.key, unit.apostropheSuffix == 0 else { return [] }
            let cyrillic = key.unicodeScalars.contains { !$0.isASCII && Script.of($0) == .cyrillic }
            let languages = Inflection.languages(for: language, cyrillic: cyrillic)
            let scalars = Array(key.unicodeScalars)
            return endings.compactMap { ending in
                let tail = Array(ending.ending.unicodeScalars)
                guard languages.contains(ending.language), scalars.count - tail.count >= 3, Array(scalars.suffix(tail.count)) == tail else { return nil }
                let stem = String(String.UnicodeScalarView(scalars.dropLast(tail.count)))
                let name = stem + (ending.replacement ?? "")
                return words.contains(name) ? (name, ending.replacement == nil ? tail.count : 0) : nil
            }
        }

        func matches(_ units: [MatchUnit], language: Language) -> Set<Match> {
            var found: Set<Match> = []
            let readings = units.map { self.readings($0, language: language) }
            let sentenceStart = MatchUnit.sentenceStarts(units)
            for start in units.indices where units[start].key != nil && !units[start].isHyphen {
                for expansion in expansions {
                    func accepted(_ end: Int) -> Bool {
                        let terminal = expansion.terminal
                        let capitalized = units[start].startsWithCapital
                        let inCapitals = (start...end).allSatisfy { units[$0].isHyphen || units[$0].isAllCapitals }
                        if terminal.capitalized && !capitalized { return false }
                        if terminal.abbreviation && !inCapitals { return false }
                        let digits = units[start].text.unicodeScalars.contains { $0.properties.numericType != nil }
                        if end == start && terminal.commonWord && (sentenceStart[start] || inCapitals && capitalized && !digits) { return false }
                        if end == start && inCapitals && capitalized && !terminal.abbreviation && !digits
                            && units[start].text.unicodeScalars.filter({ $0.properties.isAlphabetic }).count <= 3 { return false }
                        if language == .german, (start...end).contains(where: { Tagger.hasUmlaut(units[$0].text) }),
                           !Tagger.hasUmlaut(entries[Int(terminal.entry)].aliases[Int(terminal.alias)].text) { return false }
                        return true
                    }
                    func walk(_ index: Int, _ position: Int, _ inflectedInside: Bool) {
                        guard position < units.count, let key = units[position].key else { return }
                        let unit = units[position], want = expansion.keys[index], last = index == expansion.keys.count - 1
                        func record(_ endScalar: Int, _ inflected: Bool) {
                            if last && accepted(position) {
                                found.insert(Match(start: start, end: position, endScalar: endScalar, inflected: inflected, terminal: expansion.terminal))
                            }
                        }
                        var continuations: [Bool] = []
                        if key == want {
                            record(inflectedInside ? unit.range.upperBound : unit.range.upperBound - unit.apostropheSuffix, inflectedInside)
                            if unit.wholeKey == nil { continuations.append(inflectedInside) }
                        }
                        if !unit.isHyphen {
                            for reading in readings[position] where reading.key == want {
                                record(reading.trimmed > 0 && !inflectedInside ? unit.range.upperBound - reading.trimmed : unit.range.upperBound, true)
                                if unit.wholeKey == nil { continuations.append(true) }
                            }
                        }
                        if let whole = unit.wholeKey, whole == want {
                            record(unit.range.upperBound, false)
                            continuations.append(inflectedInside)
                        }
                        if !last { for inflected in Set(continuations) { walk(index + 1, position + 1, inflected) } }
                    }
                    walk(0, start, false)
                }
            }
            return found
        }
    }

    /// Random texts of alias pieces, their other spellings, inflected and capitalised
    /// forms, noise and punctuation: the automaton finds exactly what the naive matcher finds.
    @Test func automatonAgreesWithNaiveMatcher() throws {
        let bundled = try Gazetteer.bundled().entries
        let entries = stride(from: 0, to: bundled.count, by: 23).map { bundled[$0] } + (try Gazetteer.parse(Self.small, name: "small.tsv"))
        let gazetteer = try Gazetteer(entries: entries)
        let tagger = try Tagger(gazetteer: gazetteer)
        let naive = try NaiveMatcher(entries: entries)
        var pieces: [String] = []
        for entry in entries {
            for alias in entry.aliases {
                pieces.append(alias.text)
                pieces += alias.text.split(separator: " ").map(String.init)
                if alias.text.unicodeScalars.contains(where: { Script.of($0) == .cyrillic }) {
                    pieces.append(try TransliterationScheme.russianGerman.transliterate(alias.text))
                }
            }
        }
        let endings = ["", "", "", "da", "’da", "’DA", "'nin", "nın", "s", "es", "а", "е", "ы", "тың", "да", "ом", "-", "lar", "7"]
        let noise = ["ve", "und", "the", "и", "в", "of", "Der", "Bu", "(", ")", ",", ".", "«", "»", "-", "Yeni", "Новый", "12", "BM",
                     "G7", "G-20", "İLE", "Gerät", "Müller"]
        var generator = SplitMix64(seed: 0x6761_7a65)
        var compared = 0, total = 0
        for round in 0..<120 {
            var words: [String] = []
            for _ in 0..<Int.random(in: 4...14, using: &generator) {
                if Int.random(in: 0..<3, using: &generator) == 0 { words.append(noise.randomElement(using: &generator)!); continue }
                var word = pieces.randomElement(using: &generator)! + endings.randomElement(using: &generator)!
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: word = word.uppercased()
                case 1: word = word.lowercased()
                default: break
                }
                words.append(word)
            }
            let text = words.joined(separator: Int.random(in: 0..<4, using: &generator) == 0 ? "-" : " ")
            let language = [Language.turkish, .russian, .kazakh, .german, .english, .azerbaijani][round % 6]
            let units = MatchUnit.units(of: try Tokenizer(language: language).tokenize(text))
            var automaton: Set<NaiveMatcher.Match> = []
            for match in tagger.aliasMatches(units, language: language) {
                for terminal in match.terminals {
                    automaton.insert(.init(start: match.units.lowerBound, end: match.units.upperBound, endScalar: match.range.upperBound,
                                           inflected: match.inflected, terminal: terminal))
                }
            }
            let expected = naive.matches(units, language: language)
            #expect(automaton == expected, "\(language): \(text.debugDescription): automaton has \(automaton.subtracting(expected)), misses \(expected.subtracting(automaton))")
            compared += 1
            total += expected.count
        }
        #expect(compared == 120 && total > 150, "only \(total) matches in the random texts: the generator is too weak")
    }

    // MARK: Output recorded before the engine changed

    /// `tilmash tag` on the seeds and on Benchmarks/corpus gives byte for byte what the
    /// trie-of-strings engine gave at fc0701a (recorded in Fixtures/tagger-recorded/).
    @Test(arguments: [("seeds.jsonl", ["Corpora/seeds"]), ("corpus.jsonl", ["Benchmarks/corpus"])])
    func outputEqualsRecording(_ recording: String, _ folders: [String]) throws {
        let files = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: Fixture.packageRoot.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".txt") }.sorted().map { "\(folder)/\($0)" }
        }
        let result = try CLI.run(["tag"] + files)
        #expect(result.status == 0)
        let expected = try Fixture.text("tagger-recorded/\(recording)")
        let got = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count)
        for (index, (a, b)) in zip(got, want).enumerated() where a != b {
            Issue.record("line \(index + 1): got \(a), recorded \(b)")
        }
    }
}

/// Where the bundled gazetteer's files are.
enum TilmashGazetteerPaths {
    static var data: String { Fixture.packageRoot.appendingPathComponent("Corpora/gazetteer/data").path }
    static var compiled: String { Fixture.packageRoot.appendingPathComponent("Corpora/gazetteer/compiled/gazetteer.tlmg").path }
}
