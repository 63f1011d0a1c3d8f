import Foundation
import Testing
@testable import Tilmash

/// Gazetteers users extend (`--gazetteer-add`, `gazetteer compile --add`) and export
/// (`gazetteer export --format synonyms|flashtext`). Expected lines are literal.
@Suite struct GazetteerExtensionTests {
    /// A folder with `base.tsv` and `add.tsv` in it; removed by the caller.
    static func files(base: String, added: String) throws -> (folder: URL, base: String, added: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let basePath = folder.appendingPathComponent("base.tsv"), addedPath = folder.appendingPathComponent("add.tsv")
        try base.write(to: basePath, atomically: true, encoding: .utf8)
        try added.write(to: addedPath, atomically: true, encoding: .utf8)
        return (folder, basePath.path, addedPath.path)
    }

    static let base = """
        person:kassym-jomart-tokayev\tPERSON\tKassym-Jomart Tokayev\ten:Kassym-Jomart Tokayev | en:Tokayev | ru:Токаев
        city:1526273\tPLACE\tAstana\txx:Astana | ru:Астана
        city:zhanaozen\tPLACE\tZhanaozen\ten:Zhanaozen | kk:Жаңаөзен
        org:un\tORG\tUnited Nations\ten:United Nations | en:^UN

        """
    static let added = """
        person:aliya-nurgaliyeva\tPERSON\tAliya Nurgaliyeva\ten:Aliya Nurgaliyeva | kk:Әлия Нұрғалиева | en:Ivan Zhanaozen
        city:1526273\tPLACE\tNur-Sultan\ten:Nur-Sultan

        """

    @Test func addedEntriesJoinOrExtend() throws {
        let (folder, base, added) = try Self.files(base: Self.base, added: Self.added)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gazetteer = try Gazetteer.load(paths: [base], adding: [added])
        #expect(gazetteer.entries.map(\.id) == ["person:kassym-jomart-tokayev", "city:1526273", "city:zhanaozen", "org:un", "person:aliya-nurgaliyeva"])
        let astana = gazetteer.entries[1]
        #expect(astana.canonical == "Nur-Sultan")
        #expect(astana.aliases.map(\.text) == ["Astana", "Астана", "Nur-Sultan"])
        // The surname-only forms of an added person: not "Zhanaozen", a place's name.
        #expect(gazetteer.entries[4].aliases.map(\.text) == ["Aliya Nurgaliyeva", "Әлия Нұрғалиева", "Ivan Zhanaozen", "Nurgaliyeva", "Нұрғалиева"])
        let tagger = try Tagger(gazetteer: gazetteer)
        let text = "Nurgaliyeva dün Nur-Sultan’da. Нұрғалиеваның сөзі. Tokayev Zhanaozen’de."
        let found = try tagger.tag(text, language: .turkish).map { "\($0.range) \($0.id)" }
        #expect(found.contains("0..<11 person:aliya-nurgaliyeva"))
        #expect(found.contains("16..<26 city:1526273"))
        #expect(found.contains("31..<41 person:aliya-nurgaliyeva"))
        #expect(found.contains("51..<58 person:kassym-jomart-tokayev"))
        #expect(found.contains("59..<68 city:zhanaozen"))
    }

    @Test func addedEntriesThatCannotJoin() throws {
        let (folder, base, added) = try Self.files(base: Self.base, added: "city:1526273\tPERSON\tAstana\txx:Astana\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: GazetteerError.self) { try Gazetteer.load(paths: [base], adding: [added]) }
        do { _ = try Gazetteer.load(paths: [base], adding: [added]) } catch {
            #expect("\(error)" == "\(added):1: city:1526273 is a PLACE in \(base):2, not a PERSON")
        }
        try "org:x\tORG\tX\ten:X Bank\norg:x\tORG\tX\ten:X Bank\n".write(toFile: added, atomically: true, encoding: .utf8)
        do { _ = try Gazetteer.load(paths: [base], adding: [added]) } catch {
            #expect("\(error)" == "\(added):2: duplicate id org:x (also in \(added):1)")
        }
    }

    @Test func commandLineAddsOnTopOfTheBundledGazetteer() throws {
        let (folder, _, added) = try Self.files(base: "", added: Self.added)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache").path
        let result = try CLI.run(["tag", "--format", "text", "--lang", "en", "--gazetteer-add", added],
                                 input: "Tokayev met Aliya Nurgaliyeva in Nur-Sultan.\n", environment: ["TILMASH_CACHE": cache])
        #expect(result.status == 0, "\(result.stderr)")
        // The combination was compiled once and kept; the second run maps it.
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(kept.count == 1 && kept[0].hasPrefix("gazetteer-") && kept[0].hasSuffix(".tlmg"))
        let again = try CLI.run(["tag", "--format", "text", "--lang", "en", "--gazetteer-add", added],
                                input: "Tokayev met Aliya Nurgaliyeva in Nur-Sultan.\n", environment: ["TILMASH_CACHE": cache])
        #expect(again.stdout == result.stdout)
        #expect(result.stdout == """
            -:0-7\tPERSON\tTokayev\tKassym-Jomart Tokayev\tperson:kassym-jomart-tokayev
            -:12-29\tPERSON\tAliya Nurgaliyeva\tAliya Nurgaliyeva\tperson:aliya-nurgaliyeva
            -:33-43\tPLACE\tNur-Sultan\tNur-Sultan\tcity:1526273

            """)
        let missing = try CLI.run(["tag", "--gazetteer-add", "/nonexistent.tsv"], input: "a\n")
        #expect(missing.status == 1)
        #expect(missing.stderr == "tilmash tag: gazetteer: /nonexistent.tsv: no such file or directory\n")
    }

    @Test func synonymsAndFlashtextLines() throws {
        let (folder, base, added) = try Self.files(base: Self.base + "org:c\tORG\tA, B => C\ten:A, B => C\\D\n", added: "")
        defer { try? FileManager.default.removeItem(at: folder) }
        let gazetteer = try Gazetteer.load(paths: [base])
        var synonyms = ""
        let summary = try GazetteerExport.write(gazetteer, format: .synonyms) { synonyms += $0 }
        #expect(synonyms == """
            # Solr/Elasticsearch synonyms from the Tilmash gazetteer: search-profile aliases => entity id
            kassym-jomart tokayev, tokayev, токаев => person:kassym-jomart-tokayev
            astana, астана => city:1526273
            zhanaozen, жаңаөзен => city:zhanaozen
            united nations => org:un
            a\\, b \\=\\> c\\\\d => org:c

            """)
        #expect(summary == GazetteerExport.Summary(lines: 5, leftOut: 1))   // ^UN needs its capital
        var keywords = ""
        try GazetteerExport.write(gazetteer, format: .flashtext) { keywords += $0 }
        #expect(keywords.hasPrefix("Kassym-Jomart Tokayev=>person:kassym-jomart-tokayev\nTokayev=>person:kassym-jomart-tokayev\nТокаев=>"))
        #expect(!keywords.contains("UN=>") && !keywords.contains("C\\D=>"))  // capital-only; "=>" inside
        let cli = try CLI.run(["gazetteer", "export", "--format", "synonyms", "--gazetteer", base, "-o", added])
        #expect(cli.status == 0)
        #expect(try String(contentsOfFile: added, encoding: .utf8) == synonyms)
        #expect(cli.stderr == "exported 5 entries to \(added) (1 aliases left out: capital-only or folding alike)\n")
        #expect(try CLI.run(["gazetteer", "export"]).status == 2)
        #expect(try CLI.run(["gazetteer", "export", "--format", "solr"]).status == 2)
    }

    /// A language-neutral alias with a capital I or İ folds two ways: both are written.
    @Test func neutralAliasesFoldBothWays() throws {
        let (folder, base, _) = try Self.files(base: "city:ist\tPLACE\tIstanbul\txx:İstanbul | tr:IĞDIR\n", added: "")
        defer { try? FileManager.default.removeItem(at: folder) }
        var synonyms = ""
        try GazetteerExport.write(try Gazetteer.load(paths: [base]), format: .synonyms) { synonyms += $0 }
        #expect(synonyms.split(separator: "\n")[1] == "i̇stanbul, istanbul, ığdır => city:ist")
    }
}
