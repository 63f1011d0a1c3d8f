import Foundation
import Testing
@testable import Tilmash

/// The language model's n-gram table against a naive reference: a dictionary of dense rows.
@Suite struct NGramTableTests {
    /// Random rows (known in one to eight languages) and random absent keys: every look-up
    /// gives exactly the dense row — the model's value where it knows the n-gram, the
    /// language's unknown score elsewhere.
    @Test func scoresAreTheDenseRows() {
        var random = SystemRandomNumberGenerator()
        let unknown = (0..<8).map { _ in -Double.random(in: 9...14, using: &random) }
        var rows: [UInt32: [Double?]] = [:]
        while rows.count < 5_000 {
            let key = UInt32.random(in: 1...0xFFFF_FFFF, using: &random)
            let known = Int.random(in: 0..<10, using: &random) < 7 ? 1 : Int.random(in: 2...8, using: &random)
            var row = [Double?](repeating: nil, count: 8)
            for language in (0..<8).shuffled(using: &random).prefix(known) { row[language] = -Double.random(in: 0...12, using: &random) }
            rows[key] = row
        }
        let table = NGramTable(rows: rows, unknown: unknown)
        func dense(_ key: UInt32) -> [Double] {
            (0..<8).map { rows[key]?[$0] ?? unknown[$0] }
        }
        for key in rows.keys {
            let scores = table.scores(for: key)
            #expect((0..<8).map { scores[$0] } == dense(key))
        }
        var absent = 0
        while absent < 5_000 {
            let key = UInt32.random(in: 1...0xFFFF_FFFF, using: &random)
            guard rows[key] == nil else { continue }
            let scores = table.scores(for: key)
            #expect((0..<8).map { scores[$0] } == unknown)
            absent += 1
        }
    }

    /// Fewer than eight languages: the lanes past the last stay 0.
    @Test func fewerLanguages() {
        let table = NGramTable(rows: [0x0102: [-1.5, nil], 0x03: [nil, -2.25], 0x0405: [-0.5, -0.75]], unknown: [-10, -11])
        #expect(table.scores(for: 0x0102) == NGramTable.Scores(-1.5, -11, 0, 0, 0, 0, 0, 0))
        #expect(table.scores(for: 0x03) == NGramTable.Scores(-10, -2.25, 0, 0, 0, 0, 0, 0))
        #expect(table.scores(for: 0x0405) == NGramTable.Scores(-0.5, -0.75, 0, 0, 0, 0, 0, 0))
        #expect(table.scores(for: 0x0607) == NGramTable.Scores(-10, -11, 0, 0, 0, 0, 0, 0))
    }

    /// The model's limits are refused with a message, not misread.
    @Test func modelLimits() throws {
        let fifthOrder = "#!orders=1,2,3,4,5\ntr\ta\t-1.0\nde\tb\t-1.0\n"
        #expect(throws: ModelError.self) { try LanguageIdentifier(model: fifthOrder) }
        let small = try LanguageIdentifier(model: "#!min_letters=1\ntr\tı\t-0.1\ntr\t<unk>\t-9\nde\tä\t-0.1\nde\t<unk>\t-9\n")
        #expect(small.identify("ıı").language == .turkish)
        #expect(small.identify("ää").language == .german)
    }
}

extension NGramTable {
    /// The naive form of a table, for the tests: key → the value per language, nil where
    /// the model does not hold the n-gram.
    init(rows: [UInt32: [Double?]], unknown: [Double]) {
        var keys: [UInt32] = [], values: [Double] = [], known: [UInt8] = []
        for (key, row) in rows {
            keys.append(key)
            var bits: UInt8 = 0
            for (language, value) in row.enumerated() {
                values.append(value ?? 0)
                if value != nil { bits |= 1 << UInt8(language) }
            }
            known.append(bits)
        }
        self.init(keys: keys, values: values, known: known, unknown: unknown)
    }

}
