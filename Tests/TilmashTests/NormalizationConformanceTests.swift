import Testing
@testable import Tilmash

/// Every row of Unicode 15.0's NormalizationTest.txt, with the invariants the file states:
/// c2 == NFC(c1) == NFC(c2) == NFC(c3); c4 == NFC(c4) == NFC(c5);
/// c3 == NFD(c1) == NFD(c2) == NFD(c3); c5 == NFD(c4) == NFD(c5);
/// c4 == NFKC(c1..c5); c5 == NFKD(c1..c5).
@Suite struct NormalizationConformanceTests {
    @Test func normalizationTestFile() throws {
        let nfc = try UnicodeNormalizer(.nfc), nfd = try UnicodeNormalizer(.nfd)
        let nfkc = try UnicodeNormalizer(.nfkc), nfkd = try UnicodeNormalizer(.nfkd)
        var rows = 0
        var failures = 0
        for row in try Fixture.unicodeRows("unicode/NormalizationTest.txt") where !row[0].hasPrefix("@") {
            let c = row.prefix(5).map { String(codePoints: $0) }
            func check(_ actual: String, _ expected: String, _ what: String) {
                if actual != expected {
                    failures += 1
                    if failures < 20 { Issue.record("\(what) of \(row.prefix(5)) gave \(actual.codePoints)") }
                }
            }
            for i in 0..<3 { check(try nfc.normalize(c[i]), c[1], "NFC"); check(try nfd.normalize(c[i]), c[2], "NFD") }
            for i in 3..<5 { check(try nfc.normalize(c[i]), c[3], "NFC"); check(try nfd.normalize(c[i]), c[4], "NFD") }
            for i in 0..<5 { check(try nfkc.normalize(c[i]), c[3], "NFKC"); check(try nfkd.normalize(c[i]), c[4], "NFKD") }
            rows += 1
        }
        #expect(failures == 0)
        #expect(rows > 19_000)
    }

    @Test func nfkcCasefold() throws {
        let fold = try UnicodeNormalizer(.nfkcCasefold)
        #expect(try fold.normalize("ﬁNAL Straße") == "final strasse")
        #expect(try fold.normalize("A\u{AD}B") == "ab")  // soft hyphen is default-ignorable
    }

    @Test func asciiFastPathAndChecks() throws {
        let nfc = try UnicodeNormalizer(.nfc)
        #expect(try nfc.normalize("plain ASCII") == "plain ASCII")
        #expect(try nfc.isNormalized("ä"))
        #expect(try !nfc.isNormalized("a\u{308}"))
        #expect(nfc.hasBoundary(before: "a"))
        #expect(!nfc.hasBoundary(before: "\u{308}"))
    }
}
