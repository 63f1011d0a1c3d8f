import Foundation
import Testing
@testable import Tilmash

/// `tag --format html` and `--format conll`: the page shows exactly the entities `tag`
/// writes as JSON, at the same offsets, over the unchanged original text; the CoNLL lines
/// carry IOB2 tags checked by hand.
@Suite struct EntityViewTests {
    static func entity(_ range: Range<Int>, _ text: String, _ type: EntityType, _ id: String, _ canonical: String,
                       _ source: Entity.Source = .gazetteer) -> Entity {
        Entity(range: range, text: text, type: type, id: id, canonical: canonical, matchedAlias: text, source: source)
    }

    @Test func markOfOneEntity() {
        var page = EntityPage(title: "t")
        let text = "Tokajew & <Astana>"
        let html = page.piece(text, entities: [Self.entity(11..<17, "Astana", .place, "city:1526273", "Astana")],
                              offsets: { ($0.lowerBound + 100)..<($0.upperBound + 100) })
        #expect(html == "Tokajew &amp; &lt;"
            + #"<mark class="entity PLACE" data-type="PLACE" data-id="city:1526273" data-canonical="Astana" data-source="gazetteer""#
            + #" data-start="111" data-end="117" title="Astana&#10;city:1526273&#10;PLACE · gazetteer · 111–117""#
                .replacingOccurrences(of: "&#10;", with: "\n")
            + #" data-tip="Astana&#10;city:1526273&#10;PLACE · gazetteer · 111–117">"#.replacingOccurrences(of: "&#10;", with: "\n")
            + #"Astana<span class="label">PLACE</span></mark>&gt;"#)
        #expect(page.endDocument().contains("1 entity: 1 PLACE"))
    }

    @Test func overlappingAndRuleEntities() {
        let text = "Dr. Aliya Nurgaliyeva"
        let html = EntityPage.render(title: "a \"title\"", documents: [("x<y>.txt", text, [
            Self.entity(4..<21, "Aliya Nurgaliyeva", .person, "rule:person", "Aliya Nurgaliyeva", .rule),
            Self.entity(10..<21, "Nurgaliyeva", .person, "person:x", "X"),
        ])])
        let body = html.components(separatedBy: "<section")[1]
        #expect(body.components(separatedBy: "<mark ").count == 2)          // the overlapping one is left out
        #expect(html.contains(#"<mark class="entity PERSON rule""#))
        #expect(html.contains("<title>a &quot;title&quot;</title>"))
        #expect(html.contains(#"data-file="x&lt;y&gt;.txt""#))
        #expect(!html.contains("<script") && !html.contains("http"))        // self-contained
        #expect(EntityPage.escape("a\u{0}b\u{FFFE}\tc") == "a\u{FFFD}b\u{FFFD}\tc")
    }

    /// The page of a seed: its marks are `tag`'s JSON entities one for one, and the text
    /// with the marks taken out is the original document.
    @Test func pageOfASeedMatchesTheJSON() throws {
        let path = "Corpora/seeds/001_cf9d392c712c68ef.txt"
        let json = try CLI.run(["tag", path])
        let page = try CLI.run(["tag", "--format", "html", path])
        #expect(json.status == 0 && page.status == 0)
        let entities = json.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(entities.count > 30)
        let marks = page.stdout.components(separatedBy: "<section")[1].components(separatedBy: "<mark class=\"entity ").dropFirst()
        #expect(marks.count == entities.count)
        for (mark, entity) in zip(marks, entities) {
            #expect(mark.contains("data-id=\"\(EntityPage.escape(entity["id"] as! String))\""))
            #expect(mark.contains("data-start=\"\(entity["start"] as! Int)\" data-end=\"\(entity["end"] as! Int)\""))
        }
        let body = page.stdout.components(separatedBy: "<div class=\"text\">")[1].components(separatedBy: "</div>")[0]
        var plain = body.replacingOccurrences(of: #"<span class="label">[A-Z]+</span>"#, with: "", options: .regularExpression)
        plain = plain.replacingOccurrences(of: #"</?mark[^>]*>"#, with: "", options: .regularExpression)
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            plain = plain.replacingOccurrences(of: reference, with: character)
        }
        #expect(plain == (try Fixture.seed("001_cf9d392c712c68ef.txt")))
        #expect(page.stdout.hasSuffix("</body>\n</html>\n"))
    }

    @Test func pagePerFileAndRefusals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-pages-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["tag", "--format", "html", "--output-dir", folder.path,
                                  "Corpora/seeds/001_cf9d392c712c68ef.txt", "Corpora/seeds/002_644df2d9510db3b2.txt"])
        #expect(result.status == 0)
        for name in ["001_cf9d392c712c68ef.txt", "002_644df2d9510db3b2.txt"] {
            let page = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
            #expect(page.components(separatedBy: "<section ").count == 2)
        }
        let both = try CLI.run(["tag", "--format", "html", "Corpora/seeds/001_cf9d392c712c68ef.txt", "Corpora/seeds/002_644df2d9510db3b2.txt"])
        #expect(both.stdout.components(separatedBy: "<!DOCTYPE html>").count == 2)
        #expect(both.stdout.components(separatedBy: "<section ").count == 3)
        for format in ["html", "conll", "text"] {
            let refused = try CLI.run(["tag", "--input", "jsonl", "--format", format], input: "{\"text\":\"a\"}\n")
            #expect(refused.status == 2, "\(format)")
        }
    }

    @Test func conllLines() throws {
        let result = try CLI.run(["tag", "--lang", "de", "--format", "conll"],
                                 input: "Präsident Tokajew besuchte Astana. Dr. Aliya Nurgaliyeva sprach in Kasachstans Hauptstadt.\n")
        #expect(result.status == 0)
        #expect(result.stdout == """
            -DOCSTART-\tO

            Präsident\tO
            Tokajew\tB-PERSON
            besuchte\tO
            Astana\tB-PLACE
            .\tO

            Dr.\tO
            Aliya\tB-PERSON
            Nurgaliyeva\tI-PERSON
            sprach\tO
            in\tO
            Kasachstans\tB-PLACE
            Hauptstadt\tO
            .\tO


            """)
    }

    @Test func conllTagsEveryTokenAnEntityOverlaps() throws {
        let text = "Kazakistan’da bölge-\nsel seçim.\nAstana Kazakistan"
        let tokens = try Tokenizer(language: .turkish).sentences(text)
        let lines = CoNLLLines.lines(sentences: tokens, entities: [
            Self.entity(0..<10, "Kazakistan", .place, "country:KZ", "Kazakhstan"),
            // One entity over a sentence end: the second sentence starts again with B-.
            Self.entity(26..<50, "seçim.\nAstana Kazakistan", .place, "x", "x"),
        ])
        #expect(lines == "Kazakistan’da\tB-PLACE\nbölge-sel\tO\nseçim\tB-PLACE\n.\tI-PLACE\n\nAstana\tB-PLACE\nKazakistan\tI-PLACE\n\n")
    }
}

/// The page rendered by a real browser: `Benchmarks/view/render.py` runs headless
/// Chromium on a seed's page and checks the DOM's marks against the JSON, the text against
/// the original and the highlight colours in the screenshot. Skipped where no Chromium is
/// installed (the script exits 77).
@Suite struct EntityPageBrowserTests {
    @Test func seedPageRendersInChromium() throws {
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        script.arguments = ["python3", "Benchmarks/view/render.py", "--tilmash", CLI.executable.path]
        script.currentDirectoryURL = Fixture.packageRoot
        let output = Pipe()
        script.standardOutput = output
        script.standardError = output
        guard (try? script.run()) != nil else { return }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        if script.terminationStatus == 77 { return }
        #expect(script.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("71 entities, 71 marks in Chromium's DOM"), "\(printed)")
    }
}
