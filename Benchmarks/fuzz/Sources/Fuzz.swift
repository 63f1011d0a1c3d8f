// libFuzzer entry point for Tilmash (Benchmarks/fuzz/README.md). One binary, seven targets,
// chosen with the environment variable TILMASH_FUZZ_TARGET = normalize | translit |
// tokenize | tag | gazetteer | json | sources. Built only when TILMASH_FUZZ is set (see Package.swift and run.sh).
//
// gazetteer: the compiled-file loader. The first byte picks the mode: 0 the rest is the
// whole file; 1 the rest is (offset u16, value u8) triples written over a valid compiled
// gazetteer; 2 the same, then the checksum recomputed (so that the reference checks, not
// the checksum, must catch the damage); 3 the valid file cut to a length the next two
// bytes give, checksum recomputed. A file that loads must decode every entry and tag a
// text with entities that slice it.
//
// tag: entities slice whole characters, the NFD differential, and the views of them: the
// HTML page gives back the text, the CoNLL lines one valid IOB2 tag per token.
//
// sources: a gazetteer .tsv file a user adds (`--gazetteer-add`), the input's bytes after
// the first, on top of a three-entry base: loading fails with a GazetteerError or keeps the
// base entries, ids unique, every entry with an alias, entities that slice the text.
//
// json: the JSON Lines record parser (JSONRecord) over the decoded text as one line: it
// must not crash; a record it accepts keeps every byte when a field is set and appended;
// an object Foundation's JSONSerialization reads, it reads too (unless nested deeper than
// its limit), with the same strings.
//
// Input framing: the first byte picks the language (nil = auto, or one of Language.allCases)
// and, for translit, nothing else (every scheme runs); the rest is decoded with
// UTF8Decoder.decode exactly as the command-line tool decodes its input.
@testable import Tilmash

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver (libclang_rt.fuzzer). SwiftPM links an executable's entry point as
/// `<module>_main`, so the program's `main` hands control to libFuzzer itself.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("tilmash_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in
        fuzzTestOneInput(data ?? UnsafePointer(bitPattern: 1)!, size)
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>>>) -> CInt {
    _ = Harness.shared
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    do {
        try Harness.shared.run(bytes)
    } catch {
        Checks.fail("threw \(error)", input: bytes)
    }
    return 0
}

/// Writes to standard error (fd 2) without touching C's `stderr` global.
func say(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

enum Target: String, CaseIterable {
    case normalize, translit, tokenize, tag, gazetteer, json, sources
}

final class Harness: @unchecked Sendable {
    /// NFD, and NFC with its offset map, for the tagger's differential (built once).
    static let decompose = try! UnicodeNormalizer(.nfd)
    static let compose = Profile(name: "nfc", filters: [try! UnicodeNormalizationFilter(.nfc)])
    static let shared = Harness()

    let target: Target
    var profiles: [Profile] = []
    /// The same chains run filter by filter (an extra filter of neither kind turns the
    /// line-by-line fast path off): the fast path must give exactly their result.
    var chains: [Profile] = []
    var tokenizers: [String: Tokenizer] = [:]
    var tagger: Tagger?
    /// For the gazetteer target: a valid compiled gazetteer to damage.
    var compiled: [UInt8] = []
    /// For the sources target: a small base gazetteer file, and the file each input goes to.
    var basePath = "", addedPath = ""

    private init() {
        let name = getenv("TILMASH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = Target(rawValue: name) else {
            say("tilmash-fuzz: set TILMASH_FUZZ_TARGET to one of: \(Target.allCases.map(\.rawValue).joined(separator: ", "))\n")
            exit(2)
        }
        self.target = target
        do {
            // Load everything slow to build before the first input, so that -timeout measures
            // the work on an input and not the loading of models (seconds under ASan).
            profiles = [try Profile.repair, try Profile.search, try Profile.ascii]
            chains = profiles.map { Profile(name: $0.name, filters: $0.filters + [Unchanged()]) }
            _ = try LanguageIdentifier.bundled()
            for language in [nil] + Language.allCases {
                _ = try profiles.map { try $0.normalize("Warm up, Astana’da.", language: language) }
            }
            switch target {
            case .tokenize:
                for language in [nil] + Language.allCases {
                    _ = try tokenizer(language).sentences("Warm up: Dr. Aliyev, Astana’da 2,5 %.")
                }
            case .tag: tagger = try Tagger.bundled()
            case .gazetteer:
                compiled = try GazetteerCompiler.compile(try Gazetteer.parse("""
                    country:KZ\tPLACE\tKazakhstan\ten:Kazakhstan | tr:Kazakistan | ru:Казахстан | ru:^РК
                    person:tokayev\tPERSON\tKassym-Jomart Tokayev\ten:Kassym-Jomart Tokayev | ru:Токаев | en:Tokayev
                    org:un\tORG\tUnited Nations\ten:United Nations | tr:^BM
                    """, name: "fuzz.tsv"), parts: [.init(text: "Ahmet", classes: .given), .init(text: "Bank", classes: .organizationHead)],
                    sourceDigest: 0)
            case .sources:
                let folder = NSTemporaryDirectory() + "tilmash-fuzz-sources-\(getpid())"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                basePath = folder + "/base.tsv"
                addedPath = folder + "/added.tsv"
                try """
                    country:KZ\tPLACE\tKazakhstan\ten:Kazakhstan | tr:Kazakistan | ru:Казахстан
                    person:tokayev\tPERSON\tKassym-Jomart Tokayev\ten:Kassym-Jomart Tokayev | ru:Токаев
                    org:un\tORG\tUnited Nations\ten:United Nations | tr:^BM

                    """.write(toFile: basePath, atomically: true, encoding: .utf8)
            case .translit: for scheme in TransliterationScheme.allCases { _ = try scheme.transliterator() }
            default: break
            }
        } catch {
            say("tilmash-fuzz: setup failed: \(error)\n")
            exit(2)
        }
    }

    /// nil (identify) or one of Language.allCases, from the first byte.
    static func language(_ byte: UInt8?) -> Language? {
        guard let byte else { return nil }
        let index = Int(byte) % (Language.allCases.count + 1)
        return index == 0 ? nil : Language.allCases[index - 1]
    }

    func tokenizer(_ language: Language?) throws -> Tokenizer {
        let key = language?.code ?? "auto"
        if let made = tokenizers[key] { return made }
        let made = try Tokenizer(language: language)
        tokenizers[key] = made
        return made
    }

    func run(_ data: UnsafeBufferPointer<UInt8>) throws {
        let language = Self.language(data.first)
        let text = UTF8Decoder.decode(data.dropFirst()).text
        switch target {
        case .normalize:
            for (profile, chain) in zip(profiles, chains) {
                let label = "\(profile.name) \(language?.code ?? "auto")"
                let result = try profile.normalize(text, language: language)
                Checks.offsetMap(result, original: text, label: label, input: data)
                let expected = try chain.normalize(text, language: language)
                if !result.text.unicodeScalars.elementsEqual(expected.text.unicodeScalars) || result.sourceRanges != expected.sourceRanges {
                    Checks.fail("\(label): fast path \(result.text.debugDescription) != chain \(expected.text.debugDescription)", input: data)
                }
            }
        case .translit:
            for scheme in TransliterationScheme.allCases {
                let result = try scheme.transliterate(text)
                if text.isEmpty && !result.isEmpty { Checks.fail("\(scheme.rawValue): text from nothing", input: data) }
            }
        case .tokenize:
            let tokenizer = try tokenizer(language)
            let tokens = try tokenizer.tokenize(text)
            Checks.tiling(tokens, original: text, label: "tokenize \(language?.code ?? "auto")", input: data)
            let sentences = try tokenizer.sentences(text)
            if sentences.flatMap(\.tokens) != tokens {
                Checks.fail("sentences(_:) gives other tokens than tokenize(_:)", input: data)
            }
            let normalized = try Profile.search.normalize(text, language: language)
            let withGiven = try tokenizer.tokenize(text, normalized: normalized)
            Checks.tiling(withGiven, original: text, label: "tokenize(normalized:) \(language?.code ?? "auto")", input: data)
        case .tag:
            let entities = try tagger!.tag(text, language: language)
            Checks.entities(entities, original: text, input: data)
            // Differential: the decomposed text gives the same entities where the NFC map puts them.
            let decomposed = try Self.decompose.normalize(text)
            let map = try Self.compose.normalize(decomposed, language: language)
            let expected = try tagger!.tag(map.text, language: language).map { "\(map.originalRange(ofScalars: $0.range)) \($0.type) \($0.id)" }
            let found = try tagger!.tag(decomposed, language: language).map { "\($0.range) \($0.type) \($0.id)" }
            if found != expected { Checks.fail("tag: NFD text gives \(found), its NFC form \(expected)", input: data) }
            Checks.views(entities, original: text, tokenizer: try tokenizer(language), input: data)
        case .gazetteer:
            try loadGazetteer(data)
        case .json:
            JSONChecks.record(Array(text.utf8), input: data)
        case .sources:
            try addSources(Data(data.dropFirst()))
        }
    }

    /// A user's gazetteer file (`--gazetteer-add`) on top of a small base: it loads or
    /// fails with a GazetteerError; a loaded one keeps every base entry, decodes every
    /// entry, and tags a text with entities that slice it.
    func addSources(_ bytes: Data) throws {
        try bytes.write(to: URL(fileURLWithPath: addedPath))
        let gazetteer: Gazetteer
        do { gazetteer = try Gazetteer.load(paths: [basePath], adding: [addedPath]) } catch is GazetteerError { return }
        let ids = gazetteer.entries.map(\.id)
        if Array(ids.prefix(3)) != ["country:KZ", "person:tokayev", "org:un"] || Set(ids).count != ids.count {
            Checks.fail("sources: entries \(ids.prefix(5)) after adding", input: bytes.withUnsafeBytes { $0.bindMemory(to: UInt8.self) })
        }
        for entry in gazetteer.entries where entry.aliases.isEmpty {
            Checks.fail("sources: \(entry.id) has no alias", input: bytes.withUnsafeBytes { $0.bindMemory(to: UInt8.self) })
        }
        let text = "Президент Токаев и Kazakistan’da BM, Kassym-Jomart Tokayev. " + String(decoding: bytes.prefix(200), as: UTF8.self)
        let entities = try Tagger(gazetteer: gazetteer).tag(text, language: .turkish)
        bytes.withUnsafeBytes { Checks.entities(entities, original: text, input: $0.bindMemory(to: UInt8.self)) }
    }

    func loadGazetteer(_ data: UnsafeBufferPointer<UInt8>) throws {
        guard let mode = data.first else { return }
        let rest = Array(data.dropFirst())
        var bytes = compiled
        switch mode % 4 {
        case 0: bytes = rest
        case 3:
            let length = rest.count >= 2 ? (Int(rest[0]) << 8 | Int(rest[1])) : 0
            bytes = Array(compiled.prefix(max(GazetteerFormat.headerSize, length % (compiled.count + 1))))
        default:
            for index in stride(from: 0, to: rest.count - 2, by: 3) {
                let offset = (Int(rest[index]) << 8 | Int(rest[index + 1])) % compiled.count
                bytes[offset] = rest[index + 2]
            }
        }
        if mode % 4 >= 2 && bytes.count >= GazetteerFormat.headerSize {
            let sum = bytes.withUnsafeBytes { GazetteerFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[(GazetteerFormat.checksumOffset + 8)...])) }
            var le: [UInt8] = []
            le.appendLE(sum)
            bytes.replaceSubrange(GazetteerFormat.checksumOffset..<(GazetteerFormat.checksumOffset + 8), with: le)
        }
        let image: GazetteerImage
        do { image = try GazetteerImage(bytes: bytes, name: "fuzz") } catch is GazetteerError { return }
        let gazetteer = Gazetteer(image: image)
        for entry in gazetteer.entries { _ = (entry.id, entry.aliases.count) }
        let text = "Президент Токаев и Kazakistan’da BM, Kassym-Jomart Tokayev, РК"
        let entities = try Tagger(gazetteer: gazetteer).tag(text, language: .russian)
        Checks.entities(entities, original: text, input: data)
    }
}

/// A filter that changes nothing and declares no locality.
struct Unchanged: TextFilter {
    let name = "unchanged"
    let summary = "nothing"
    func apply(_ text: MappedText, context: FilterContext) throws -> MappedText { text }
}

enum Checks {
    static func fail(_ message: String, input: UnsafeBufferPointer<UInt8>) -> Never {
        say("tilmash-fuzz: property violated: \(message)\n")
        say("input bytes: \(input.map { String($0, radix: 16) }.joined(separator: " "))\n")
        abort()
    }

    /// Every normalized scalar maps to a non-empty range inside the original; starts and
    /// ends never decrease.
    static func offsetMap(_ result: NormalizedText, original: String, label: String, input: UnsafeBufferPointer<UInt8>) {
        let count = original.unicodeScalars.count
        let ranges = result.sourceRanges
        if ranges.count != result.text.unicodeScalars.count || ranges.count != result.scalarCount {
            fail("\(label): \(ranges.count) ranges for \(result.text.unicodeScalars.count) scalars", input: input)
        }
        var previous = 0..<0
        for (index, range) in ranges.enumerated() {
            if range.isEmpty || range.lowerBound < 0 || range.upperBound > count {
                fail("\(label): scalar \(index) maps to \(range), outside 0..<\(count)", input: input)
            }
            if index > 0 && (range.lowerBound < previous.lowerBound || range.upperBound < previous.upperBound) {
                fail("\(label): scalar \(index) maps to \(range) after \(previous)", input: input)
            }
            previous = range
        }
        if ranges.count > 0 {
            let whole = result.originalRange(ofScalars: 0..<ranges.count)
            if whole.lowerBound < 0 || whole.upperBound > count { fail("\(label): whole range \(whole)", input: input) }
            _ = result.originalText(ofScalars: 0..<ranges.count)
        }
    }

    /// Tokens in order, non-overlapping, only whitespace or invisible characters between
    /// them, and each token's text equal to the original sliced by each of its ranges.
    static func tiling(_ tokens: [Token], original: String, label: String, input: UnsafeBufferPointer<UInt8>) {
        let scalars = Array(original.unicodeScalars)
        let utf8 = Array(original.utf8)
        let utf16 = Array(original.utf16)
        var position = 0
        for (index, token) in tokens.enumerated() {
            let range = token.range
            slice(range, of: scalars, is: token.text, after: position, "\(label): token \(index)", input: input)
            for gap in scalars[position..<range.lowerBound] where !isGap(gap) {
                fail("\(label): U+\(String(gap.value, radix: 16)) before token \(index) is in no token", input: input)
            }
            if token.utf8Range.upperBound > utf8.count || String(decoding: utf8[token.utf8Range], as: UTF8.self) != token.text {
                fail("\(label): token \(index) UTF-8 range \(token.utf8Range) does not slice its text", input: input)
            }
            if token.utf16Range.upperBound > utf16.count || String(decoding: utf16[token.utf16Range], as: UTF16.self) != token.text {
                fail("\(label): token \(index) UTF-16 range \(token.utf16Range) does not slice its text", input: input)
            }
            position = range.upperBound
        }
        for gap in scalars[position...] where !isGap(gap) {
            fail("\(label): U+\(String(gap.value, radix: 16)) after the last token is in no token", input: input)
        }
    }

    /// `range` is not empty, starts at or after `position` (the previous range's end), lies
    /// inside `scalars`, and slices exactly `text` out of them.
    static func slice(_ range: Range<Int>, of scalars: [Unicode.Scalar], is text: String, after position: Int,
                      _ label: String, input: UnsafeBufferPointer<UInt8>) {
        if range.isEmpty || range.lowerBound < position || range.upperBound > scalars.count {
            fail("\(label) \(text.debugDescription) at \(range), previous end \(position), \(scalars.count) scalars", input: input)
        }
        let slice = String(String.UnicodeScalarView(scalars[range]))
        if !slice.unicodeScalars.elementsEqual(text.unicodeScalars) {
            fail("\(label) text \(text.debugDescription) != original slice \(slice.debugDescription)", input: input)
        }
    }

    /// The tokenizer's gap characters: whitespace and default-ignorable code points.
    static func isGap(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
            || (scalar.value >= 0x09 && scalar.value <= 0x0D)
    }

    /// Entity ranges are in order, not overlapping, inside the original, and never cut a
    /// character (no combining mark right after or at the start of a span). Whether they
    /// are the right ranges the NFD differential of the `tag` target checks: an entity's text is
    /// cut from its range, so comparing the two proves nothing.
    /// The HTML page and the CoNLL lines of a tagged text: the page's text with the marks
    /// taken out and character references resolved is the original (forbidden characters
    /// as U+FFFD); it has one mark per entity; the CoNLL lines are one per token, each with
    /// a valid IOB2 tag (`I-X` only after `B-X` or `I-X` in the same sentence).
    static func views(_ entities: [Entity], original: String, tokenizer: Tokenizer, input: UnsafeBufferPointer<UInt8>) {
        var page = EntityPage(title: "fuzz")
        let html = page.piece(original, entities: entities)
        var plain = html.replacingOccurrences(of: #"<span class="label">[A-Z]+</span>"#, with: "", options: .regularExpression)
        plain = plain.replacingOccurrences(of: #"</?mark[^>]*>"#, with: "", options: .regularExpression)
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            plain = plain.replacingOccurrences(of: reference, with: character)
        }
        if !plain.unicodeScalars.elementsEqual(EntityPage.escape(original).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&").unicodeScalars) {
            fail("html: the page's text is not the original", input: input)
        }
        if html.components(separatedBy: "<mark ").count - 1 != entities.count {
            fail("html: \(entities.count) entities, other number of marks", input: input)
        }
        guard let sentences = try? tokenizer.sentences(original) else { return }
        let lines = CoNLLLines.lines(sentences: sentences, entities: entities)
        var tokens = 0
        var previous = "O"
        for line in lines.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { previous = "O"; continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2, !columns[0].isEmpty else { fail("conll: line \(line.debugDescription)", input: input) }
            let tag = String(columns[1])
            if tag.hasPrefix("I-"), previous.dropFirst(2) != tag.dropFirst(2) || previous == "O" {
                fail("conll: \(tag) after \(previous)", input: input)
            }
            previous = tag
            tokens += 1
        }
        if tokens != sentences.reduce(0, { $0 + $1.tokens.count }) { fail("conll: \(tokens) lines for other token count", input: input) }
    }

    static func entities(_ entities: [Entity], original: String, input: UnsafeBufferPointer<UInt8>) {
        let scalars = Array(original.unicodeScalars)
        var position = 0
        func isMark(_ index: Int) -> Bool {
            guard index < scalars.count else { return false }
            switch scalars[index].properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
        for (index, entity) in entities.enumerated() {
            let range = entity.range
            if range.isEmpty || range.lowerBound < position || range.upperBound > scalars.count || isMark(range.lowerBound) || isMark(range.upperBound) {
                fail("tag: entity \(index) \(entity.text.debugDescription) at \(range), previous end \(position), \(scalars.count) scalars", input: input)
            }
            position = range.upperBound
        }
    }
}

import Foundation

enum JSONChecks {
    /// The parser's properties on one line (see the header).
    static func record(_ line: [UInt8], input: UnsafeBufferPointer<UInt8>) {
        let foundation = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
        let record: JSONRecord
        do { record = try JSONRecord(parsing: line) } catch {
            if foundation != nil && error.problem != .tooDeep {
                Checks.fail("json: Foundation reads an object the parser rejects: \(error)", input: input)
            }
            return
        }
        for field in record.fields where field.value.upperBound > record.bytes.count || field.value.isEmpty {
            Checks.fail("json: field \(field.name) at \(field.value) outside the line", input: input)
        }
        // Setting a field changes nothing else; appending one adds only itself.
        if let first = record.fields.first {
            let set = record.setting(first.name, toJSON: "null")
            let expected = Array(record.bytes[..<first.value.lowerBound]) + Array("null".utf8) + Array(record.bytes[first.value.upperBound...])
            if set.bytes != expected { Checks.fail("json: setting \(first.name) changed other bytes", input: input) }
            if (try? JSONRecord(parsing: set.bytes)) == nil { Checks.fail("json: the edited record does not parse", input: input) }
        }
        let added = record.setting("tilmash-fuzz-field", toJSON: "[1]")
        guard let reparsed = try? JSONRecord(parsing: added.bytes), reparsed.fields.map(\.name) == record.fields.map(\.name) + ["tilmash-fuzz-field"] else {
            Checks.fail("json: the record with a field appended does not parse to the same fields", input: input)
        }
        guard let foundation else { return }
        for (name, value) in foundation {
            guard let string = value as? String, record.fields.filter({ $0.name == name }).count == 1 else { continue }
            if let decoded = try? record.string(name), decoded != string {
                Checks.fail("json: field \(name) decodes to \(decoded.debugDescription), Foundation says \(string.debugDescription)", input: input)
            }
        }
    }
}
