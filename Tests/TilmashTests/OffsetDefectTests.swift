import Foundation
import Testing
@testable import Tilmash

/// The offset and repair defects of the one-engine issue, each pinned with literal,
/// hand-checked values in the manner of Lucene's `assertAnalyzesTo`: the text, start and
/// end of every entity or token, the source range of every normalized scalar — never a
/// value computed from the range under test.
@Suite struct OffsetDefectTests {
    let tagger = try! Tagger.bundled()

    /// "text start end type" of each entity.
    func entities(_ text: String, _ language: Language) throws -> [String] {
        try tagger.tag(text, language: language).map { "\($0.text) \($0.range.lowerBound) \($0.range.upperBound) \($0.type)" }
    }

    /// Decomposed input: the ending `nün` is four original scalars (n, u, U+0308, n); the
    /// tagger once subtracted the key's three and gave 0–6 `Bakün`.
    @Test func decomposedInputKeepsTheEndingOutside() throws {
        #expect(try entities("Baku\u{308}nu\u{308}n nu\u{308}fusu artti.", .turkish) == ["Baku\u{308} 0 5 PLACE"])
        #expect(try entities("Bak\u{FC}n\u{FC}n n\u{FC}fusu artti.", .turkish) == ["Bakü 0 4 PLACE"])
    }

    /// CR CR LF, form feed, vertical tab, NEL and an NFKC ligature before the names.
    @Test func lineBreaksAndExpansionsBeforeNames() throws {
        let text = "a\r\r\nPräsident Tokajew\u{C}besuchte\u{B}Astana\u{85}und \u{FB01}nal Almatı."
        #expect(try entities(text, .german) == ["Tokajew 14 21 PERSON", "Astana 31 37 PLACE", "Almatı 47 53 PLACE"])
    }

    /// `--offsets utf8` counts the input's bytes: the U+FFFD that replaced `\xff` is one
    /// byte there, not three.
    @Test func utf8OffsetsCountInputBytes() throws {
        let tagged = try CLI.run(["tag", "--offsets", "utf8", "--format", "text"], inputData: Data([0x61, 0xFF, 0x20] + Array("Tokayev\n".utf8)))
        #expect(tagged.stdout == "-:3-10\tPERSON\tTokayev\tKassym-Jomart Tokayev\tperson:kassym-jomart-tokayev\n")
        let tokens = try CLI.run(["tokenize", "--format", "jsonl", "--offsets", "utf8"], inputData: Data([0x61, 0xFF, 0xC3, 0x20] + Array("Ä\n".utf8)))
        let spans = tokens.stdout.split(separator: "\n").map { line -> String in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return "\(object["text"]!) \(object["start"]!) \(object["end"]!)"
        }
        // a = byte 0, the two ill-formed bytes FF and C3 are two U+FFFD of one byte each, Ä = bytes 5–7.
        #expect(spans == ["a 0 1", "\u{FFFD} 1 2", "\u{FFFD} 2 3", "Ä 4 6"])
        let decoded = UTF8Decoder.decode([0x61, 0xFF, 0xE2, 0x82, 0x62])
        #expect(decoded.replaced == [.init(scalarOffset: 1, bytes: 1), .init(scalarOffset: 2, bytes: 2)])
    }

    /// `a\r\r\nb` is two lines (a CRLF converted twice is one line end), in line mode and
    /// in the library; form feed, vertical tab and NEL are line breaks, not deleted.
    @Test func carriageReturnsAndOtherLineBreaks() throws {
        #expect(try CLI.run(["normalize"], input: "a\r\r\nb\n").stdout == "a\r\nb\n")
        #expect(try CLI.run(["normalize"], input: "x\u{C}y x\u{B}y x\u{85}y\n").stdout == "x y x y x y\n")
        let repaired = try Profile.repair.normalize("a\r\r\nb", language: .english)
        #expect(repaired.text == "a b")
        let kept = try Profile.search.normalize("Erste Zeile.\r\r\nZweite Zeile.", language: .german)
        #expect(kept.text == "erste zeile.\nzweite zeile.")
        #expect(kept.sourceRanges[12] == 14..<15)  // the line feed of CR CR LF
        let formFeed = try Profile.search.normalize("x\u{C}y", language: .english)
        #expect(formFeed.text == "x y" && formFeed.sourceRanges == [0..<1, 1..<2, 2..<3])
    }

    /// The mixed-script repair reads the text's language: in Russian `с` between Latin
    /// names is the preposition, in German text `и` is a stray `und`.
    @Test func mixedScriptRepairFollowsTheLanguage() throws {
        let russian = "Встреча Samsung с Apple прошла."
        #expect(try Profile.repair.normalize(russian, language: .russian).text == russian)
        #expect(try Profile.repair.normalize(russian, language: nil).text == russian)
        let tokens = try Tokenizer(language: .russian).tokenize(russian)
        #expect(tokens.map(\.norm) == ["встреча", "samsung", "с", "apple", "прошла", "."])
        #expect(try Profile.repair.normalize("Vertrauen и Dialog", language: .german).text == "Vertrauen und Dialog")
    }

    /// Transliterated letters map to the letters whose rule produced them: in `Ильясов` →
    /// `iliasov` the `ia` comes from `ья`, not `i` from `ь`.
    @Test func transliterationAlignsByRule() throws {
        let result = try Profile.ascii.normalize("Ильясов", language: .kazakh)
        #expect(result.text == "iliasov")
        #expect(result.sourceRanges == [0..<1, 1..<2, 2..<4, 2..<4, 4..<5, 5..<6, 6..<7])
        let shch = try Profile.asciiKeepingCase.normalize("Щучинск", language: .russian)
        #expect(shch.text == "Shchuchinsk")
        #expect(shch.sourceRanges.prefix(5) == [0..<1, 0..<1, 0..<1, 0..<1, 1..<2])
    }

    /// A title-case headline stays on its own line in `--document` mode.
    @Test func titleCaseHeadlineIsNotJoined() throws {
        let text = "Kazakhstan And Russia Sign A Long New Trade And Energy Agreement\nThe government of Kazakhstan signed it."
        #expect(try Profile.repair.normalize(text, language: .english).text == text)
        let wrapped = "The government of Kazakhstan signed a long new trade agreement\nwith Russia on Monday."
        #expect(try Profile.repair.normalize(wrapped, language: .english).text
                == "The government of Kazakhstan signed a long new trade agreement with Russia on Monday.")
    }

    /// The `ascii` profile gives case-folded ASCII keys (the contract); `--keep-case` the
    /// readable form.
    @Test func asciiProfileFoldsCase() throws {
        #expect(try Profile.ascii.normalize("DIŞİŞLERİ Bakanlığı", language: .turkish).text == "disisleri bakanligi")
        #expect(try Profile.ascii.normalize("Unterstützung ÄRZTE Straße", language: .german).text == "unterstuetzung aerzte strasse")
        #expect(try Profile.asciiKeepingCase.normalize("Unterstützung", language: .german).text == "Unterstuetzung")
        #expect(try CLI.run(["normalize", "--profile", "ascii", "--keep-case", "--lang", "de"], input: "Für Tokajew\n").stdout == "Fuer Tokajew\n")
        let misuse = try CLI.run(["normalize", "--keep-case"], input: "x\n")
        #expect(misuse.status == 2 && misuse.stderr.contains("--keep-case goes with --profile ascii"))
    }
}
