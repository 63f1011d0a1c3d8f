import Foundation
import Testing
@testable import Tilmash

/// The gazetteer tagger: one entry found under every spelling, inflected forms, rules,
/// offsets that slice the original, and the dev-set score.
@Suite struct TaggerTests {
    let tagger = try! Tagger.bundled()

    /// The entities of `text`. (Their offsets are pinned with literal values in
    /// ``OffsetDefectTests``, the recorded outputs of ``CompiledGazetteerTests`` and
    /// ``decomposedTextGivesTheSameEntities()``; an entity's `text` is cut from its range,
    /// so comparing the two would prove nothing.)
    func entities(_ text: String, _ language: Language?) throws -> [Entity] {
        try tagger.tag(text, language: language)
    }

    /// Differential: the same text decomposed (NFD) gives the same entities, at the places
    /// the NFC composition map assigns them — an independent check of every span's
    /// arithmetic, which the key offsets (composed, folded) would otherwise go wrong on.
    @Test func decomposedTextGivesTheSameEntities() throws {
        var texts = try ["000_cdb847884835670f.txt", "001_cf9d392c712c68ef.txt", "002_644df2d9510db3b2.txt",
                         "003_e905b970b9dda345.txt", "004_ddc9d047bacb3bd0.txt"].map { try Fixture.seed($0) }
        texts.append("Bakünün nüfusu, Tokayev’in Astana’daki sözleri, Müller und Öztürk in Düsseldorf, Тоқаевтың сапары Қазақстанда.")
        var compared = 0
        for text in texts {
            for language in [Language.turkish, .german, .kazakh, .russian, .english] {
                let (found, expected) = try DecomposedTagging.entities(text, language, tagger: tagger)
                #expect(found == expected, "\(language): \(text.prefix(20)) only NFD: \(found.filter { !expected.contains($0) }) only NFC: \(expected.filter { !found.contains($0) })")
                compared += found.count
            }
        }
        #expect(compared > 500)
    }

    @Test func gazetteerSizeAndSources() throws {
        let gazetteer = try Gazetteer.bundled()
        #expect(gazetteer.entries.count >= 3000)
        let counts = gazetteer.counts
        #expect((counts["countries"]?[.place] ?? 0) >= 240)
        #expect((counts["cities"]?[.place] ?? 0) >= 500)
        #expect((counts["subdivisions"]?[.place] ?? 0) >= 100)
        #expect((counts["geo"]?[.place] ?? 0) >= 20)
        #expect((counts["persons"]?[.person] ?? 0) >= 150)
        #expect((counts["orgs"]?[.organization] ?? 0) >= 100)
        #expect(Set(gazetteer.entries.map(\.id)).count == gazetteer.entries.count)
    }

    /// Every spelling from the issue reaches the same entry.
    @Test func oneEntryEverySpelling() throws {
        let cases: [(String, Language?)] = [
            ("President Tokayev arrived.", .english), ("Präsident Tokajew reiste ab.", .german),
            ("Le président Tokaïev est arrivé.", nil), ("Президент Токаев прибыл.", .russian),
            ("Президент Тоқаев келді.", .kazakh), ("Cumhurbaşkanı Kasım Cömert Tokayev geldi.", .turkish),
            ("TOKAYEV ARRIVED", .english), ("tokayev", .english),
        ]
        var ids: Set<String> = []
        for (text, language) in cases.dropLast() {
            let entity = try #require(try entities(text, language).first { $0.type == .person }, "\(text)")
            ids.insert(entity.id)
            #expect(entity.canonical == "Kassym-Jomart Tokayev")
        }
        #expect(ids.count == 1)
        // Lower case is not a name: the alias is written with a capital.
        #expect(try entities("tokayev", .english).isEmpty)
    }

    @Test func turkishSuffixes() throws {
        let astana = try entities("Lavrov, Astana’da Abdrahmanov ile görüştü.", .turkish)
        #expect(astana.map(\.text) == ["Lavrov", "Astana", "Abdrahmanov"])
        #expect(try entities("Afganistan`la olan bağları", .turkish).first?.text == "Afganistan")
        #expect(try entities("Toplantı 2018de Kazakistanda yapıldı.", .turkish).first?.text == "Kazakistan")
        #expect(try entities("Orta Asyadaki gelişmeler", .turkish).first?.text == "Orta Asya")
        #expect(try entities("Türk Keneşi’nin toplantısı", .turkish).first?.text == "Türk Keneşi")
        // A hyphenated name with a suffix: the hyphen splits the stem, the suffix stays out
        // (it was one unit "nur-sultan" that no alias key matched, and a person rule took
        // "Dün Nur-Sultan").
        let hyphenated = try tagger.tag("Dün Nur-Sultan’da toplandılar.", language: .turkish)
        #expect(hyphenated.map { "\($0.range) \($0.id)" } == ["4..<14 city:1526273"])
        #expect(try entities("Kazakistan-Rusya’nın ilişkileri", .turkish).map(\.text) == ["Kazakistan", "Rusya"])
    }

    @Test func germanAndEnglishGenitive() throws {
        let german = try entities("Tokajew hob Kasachstans Unterstützung hervor.", .german)
        #expect(german.map(\.text) == ["Tokajew", "Kasachstan"])
        #expect(german.map(\.canonical) == ["Kassym-Jomart Tokayev", "Kazakhstan"])
        #expect(try entities("Kazakhstan's foreign policy", .english).first?.text == "Kazakhstan")
    }

    @Test func russianAndKazakhCases() throws {
        let russian = try entities("Визит президента Казахстана в Москве.", .russian)
        #expect(russian.map(\.text) == ["Казахстан", "Москве"])
        #expect(russian.map(\.canonical) == ["Kazakhstan", "Moscow"])
        let kazakh = try entities("Тоқаевтың сапары Қазақстанда өтті.", .kazakh)
        #expect(kazakh.map(\.text) == ["Тоқаев", "Қазақстан"])
    }

    @Test func rulesFindNamesTheGazetteerLacks() throws {
        let text = "Dr. Farhad Mammadov, Director of the Center for Strategic Studies under the President of the Republic of Azerbaijan (SAM Azerbaijan), spoke. SAM Azerbaijan hosted it."
        let found = try entities(text, .english)
        #expect(found.map(\.text) == ["Farhad Mammadov", "Center for Strategic Studies under the President of the Republic of Azerbaijan",
                                      "SAM Azerbaijan", "SAM Azerbaijan"])
        #expect(found.map(\.type) == [.person, .organization, .organization, .organization])
        #expect(found[0].source == .rule)
        let turkish = try entities("Büyükelçi Sayın Araz Azimov’un ev sahipliğinde", .turkish)
        #expect(turkish.first?.text == "Araz Azimov")
    }

    @Test func hyphenatedCompoundsAndGluedNames() throws {
        #expect(try entities("Kazakistan-Rusya Bölgelerarası Forumu", .turkish).map(\.text) == ["Kazakistan", "Rusya"])
        #expect(try entities("die Wiederbelebung im Ukraine-Konflikt", .german).map(\.text) == ["Ukraine"])
        #expect(try entities("devam eden AbdrahmanovLavrov görüşmesinden", .turkish).map(\.text) == ["Abdrahmanov", "Lavrov"])
    }

    /// A language-neutral alias with a dotted capital İ matches Turkish text (whose
    /// folding drops the dot) and English text (whose folding keeps it as a mark).
    @Test func dottedCapitalIInNeutralAlias() throws {
        let gazetteer = try Gazetteer(entries: try Gazetteer.parse("city:1\tPLACE\tIzmir\txx:İzmir\n", name: "test.tsv"))
        let tagger = try Tagger(gazetteer: gazetteer)
        #expect(try tagger.tag("İzmir ve IZMIR ile izmir", language: .turkish).map(\.text) == ["İzmir", "IZMIR"])
        #expect(try tagger.tag("From İzmir to IZMIR", language: .english).map(\.text) == ["İzmir", "IZMIR"])
    }

    @Test func malformedGazetteerNamesFileAndLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).tsv")
        try "# ok\nplace:x\tPLACE\tX\ten:X\nplace:y\tTHING\tY\ten:Y\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try Gazetteer.load(path: url.path)
        } throws: { error in
            let message = "\(error)"
            return message.contains("\(url.path):3") && message.contains("unknown type 'THING'")
        }
    }

    /// Endings forgiven: a prediction that stops before a case ending inside the gold's
    /// last word counts, one across a space or longer than six letters does not.
    @Test func evaluationForgivesEndings() {
        let gold: [Evaluation.Mention] = [
            .init(document: "a", range: 0..<9, type: .person, text: "Тоқаевтың"),
            .init(document: "a", range: 10..<21, type: .place, text: "Calabria'da"),
            .init(document: "a", range: 22..<32, type: .place, text: "Kanada ile"),
            .init(document: "a", range: 40..<54, type: .place, text: "Kazakistanlılar"),
        ]
        let predicted: [Evaluation.Mention] = [
            .init(document: "a", range: 0..<6, type: .person, text: "Тоқаев"),
            .init(document: "a", range: 10..<18, type: .place, text: "Calabria"),
            .init(document: "a", range: 22..<28, type: .place, text: "Kanada"),
            .init(document: "a", range: 40..<46, type: .place, text: "Kazaki"),
        ]
        let evaluation = Evaluation(gold: gold, predicted: predicted)
        #expect(evaluation.endings.overall.truePositives == 2)
        #expect(evaluation.strict.overall.truePositives == 0)
        #expect(evaluation.overlap.overall.truePositives == 4)
    }

    /// `tilmash eval` prints the endings-forgiven table and F1 per language.
    @Test func evalReportsEndingsAndLanguages() throws {
        let result = try CLI.run(["eval", "--gold", "Tests/TilmashTests/Fixtures/seeds.gold.jsonl", "Corpora/seeds/000_cdb847884835670f.txt",
                                  "Corpora/seeds/001_cf9d392c712c68ef.txt", "Corpora/seeds/003_e905b970b9dda345.txt"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("endings forgiven (+ type)"))
        let languages = result.stdout.split(separator: "\n").drop { !$0.hasPrefix("by language") }.dropFirst(2).map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(languages == ["en", "tr"])
    }

    /// The dev set: strict F1 over the five seeds (GUIDELINES.md annotation), at least the
    /// 0.98 the tagger issues ask for.
    @Test func seedsScoreAtLeast98() throws {
        var gold: [Evaluation.Mention] = []
        for line in try Fixture.text("seeds.gold.jsonl").split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            gold.append(.init(document: object["file"] as! String, range: (object["start"] as! Int)..<(object["end"] as! Int),
                              type: EntityType(rawValue: object["type"] as! String)!, text: object["text"] as! String))
        }
        var predicted: [Evaluation.Mention] = []
        for name in Set(gold.map(\.document)) {
            for entity in try entities(try Fixture.seed(name), nil) {
                predicted.append(.init(document: name, range: entity.range, type: entity.type, text: entity.text))
            }
        }
        let evaluation = Evaluation(gold: gold, predicted: predicted)
        #expect(evaluation.strict.overall.f1 >= 0.98, "strict F1 \(evaluation.strict.overall.f1)")
    }
}
