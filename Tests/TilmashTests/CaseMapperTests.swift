import Testing
@testable import Tilmash

/// Case mapping checked row by row against Unicode 15.0's SpecialCasing.txt and
/// CaseFolding.txt (the version ICU 72 implements), plus the Turkish examples of the brief.
@Suite struct CaseMapperTests {
    let root = try! CaseMapper(language: .english)
    let turkish = try! CaseMapper(language: .turkish)
    let azerbaijani = try! CaseMapper(language: .azerbaijani)

    @Test func unicodeVersionMatchesFixtures() {
        #expect(ICUVersion.unicode.hasPrefix("15.0"))
    }

    @Test func turkishExamplesFromTheBrief() throws {
        #expect(try turkish.upper("istanbul ılık İzmir IŞIK") == "İSTANBUL ILIK İZMİR IŞIK")
        #expect(try turkish.lower("İSTANBUL ILIK İZMİR IŞIK") == "istanbul ılık izmir ışık")
        #expect(try root.upper("istanbul ılık İzmir IŞIK") == "ISTANBUL ILIK İZMIR IŞIK")
        #expect(try root.lower("İSTANBUL ILIK") == "i\u{307}stanbul ilik")
        #expect(try turkish.title("istanbul ılık") == "İstanbul Ilık")
        #expect(try azerbaijani.upper("işıq") == "İŞIQ")
        #expect(try turkish.fold("DIŞİŞLERİ") == "dışişleri")
        #expect(try root.fold("Straße") == "strasse")
    }

    @Test func germanSharpS() throws {
        #expect(try root.upper("Straße") == "STRASSE")
        #expect(try root.lower("STRAẞE") == "straße")
    }

    /// Every unconditional row, and every Final_Sigma / tr / az row, in its context.
    /// The Lithuanian (lt) rows must NOT apply: Tilmash uses root rules for all languages
    /// but Turkish and Azerbaijani.
    @Test func specialCasingRows() throws {
        var checked = 0
        for row in try Fixture.unicodeRows("unicode/SpecialCasing.txt") {
            let code = String(codePoints: row[0])
            let lower = String(codePoints: row[1]), title = String(codePoints: row[2]), upper = String(codePoints: row[3])
            let condition = row.count > 4 ? row[4] : ""
            switch condition {
            case "":
                #expect(try root.lower(code) == lower, "lower \(row[0])")
                #expect(try root.upper(code) == upper, "upper \(row[0])")
                #expect(try root.title(code) == title, "title \(row[0])")
            case "Final_Sigma":
                // Σ at the end of a word after a cased letter → ς; elsewhere σ.
                #expect(try root.lower("Α" + code) == "α" + lower)
                #expect(try root.lower(code + "Α") == "σα")
            case "tr", "az":
                let mapper = condition == "tr" ? turkish : azerbaijani
                #expect(try mapper.lower(code) == lower, "\(condition) lower \(row[0])")
                #expect(try mapper.upper(code) == upper, "\(condition) upper \(row[0])")
                #expect(try mapper.title(code) == title, "\(condition) title \(row[0])")
            case "tr After_I", "az After_I":
                // COMBINING DOT ABOVE after I disappears in lower case: I + ̇ → i.
                let mapper = condition.hasPrefix("tr") ? turkish : azerbaijani
                #expect(try mapper.lower("I" + code) == "i" + lower)
            case "tr Not_Before_Dot", "az Not_Before_Dot":
                let mapper = condition.hasPrefix("tr") ? turkish : azerbaijani
                #expect(try mapper.lower(code) == lower)
                #expect(try mapper.lower(code + "\u{307}") == "i")
            case "lt":
                // Lithuanian keeps a dot on i under accents (Ì → i̇̀); root rules do not.
                #expect(try root.lower(code) != lower, "lt row \(row[0]) applied under root rules")
            case "lt More_Above":
                #expect(try root.lower(code + "\u{301}") != lower + "\u{301}")
            case "lt After_Soft_Dotted":
                // Lithuanian drops the dot after i in upper case; root keeps it.
                #expect(try root.upper("i" + code) == "I\u{307}")
            default:
                Issue.record("unhandled SpecialCasing condition \(condition)")
            }
            checked += 1
        }
        #expect(checked >= 100)
    }

    /// Every C, F and T row of CaseFolding.txt: root folding uses C+F (full folding);
    /// Turkic folding uses the T rows instead for I and İ. S rows (simple folding) are the
    /// alternative to F and are not what a full case fold produces, so an F row's partner S
    /// row is checked only to differ from the full result where the F row exists.
    @Test func caseFoldingRows() throws {
        let rows = try Fixture.unicodeRows("unicode/CaseFolding.txt")
        let fullCodes = Set(rows.filter { $0[1] == "F" }.map { $0[0] })
        var checked = 0
        for row in rows {
            let code = String(codePoints: row[0]), folded = String(codePoints: row[2])
            switch row[1] {
            case "C", "F":
                #expect(try root.fold(code) == folded, "fold \(row[0])")
                if row[0] != "0049" && row[0] != "0130" {
                    #expect(try turkish.fold(code) == folded, "turkic fold \(row[0])")
                }
            case "S":
                #expect(fullCodes.contains(row[0]), "S row \(row[0]) without F row")
                #expect(try root.fold(code) != folded || folded == code)
            case "T":
                #expect(try turkish.fold(code) == folded, "turkic fold \(row[0])")
                #expect(try azerbaijani.fold(code) == folded, "turkic fold \(row[0])")
            default:
                Issue.record("unknown status \(row[1])")
            }
            checked += 1
        }
        #expect(checked > 1400)
    }
}
