/// Precision, recall and F1 of tagged entities against a gold annotation.
///
/// Three matchings: **strict** — same span and same type; **overlap** — spans overlap and
/// the type is the same (each gold mention is used once); **endings forgiven** — strict,
/// but a prediction that starts where the gold mention starts and stops before an ending
/// of at most six letters (apostrophes allowed) inside its last word also counts (gold
/// `Тоқаевтың`, `Kanadanın`, `Calabria'da`; predicted `Тоқаев`, `Kanada`, `Calabria`), for
/// annotations that put case endings inside the span where Tilmash keeps them outside.
///
/// ```swift
/// let scores = Evaluation(gold: gold, predicted: predicted)
/// scores.strict.overall.f1
/// ```
public struct Evaluation: Sendable {
    /// One annotated (or predicted) mention.
    public struct Mention: Sendable, Hashable {
        public let document: String
        public let range: Range<Int>
        public let type: EntityType
        public let text: String
        public init(document: String, range: Range<Int>, type: EntityType, text: String) {
            self.document = document
            self.range = range
            self.type = type
            self.text = text
        }
    }

    /// Counts and scores for one type or for all.
    public struct Score: Sendable, Equatable {
        public var truePositives = 0
        public var predicted = 0
        public var gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public init() {}
    }

    /// Scores per type and overall, for one matching.
    public struct Table: Sendable {
        public var byType: [EntityType: Score] = [:]
        public var overall = Score()
    }

    public let strict: Table
    public let overlap: Table
    public let endings: Table
    /// Gold mentions not found (strict), and predictions not in the gold (strict).
    public let missed: [Mention]
    public let spurious: [Mention]

    public init(gold: [Mention], predicted: [Mention]) {
        let goldSet = Set(gold)
        var strict = Table(), overlap = Table()
        for mention in gold {
            strict.byType[mention.type, default: Score()].gold += 1
            overlap.byType[mention.type, default: Score()].gold += 1
        }
        for mention in predicted {
            strict.byType[mention.type, default: Score()].predicted += 1
            overlap.byType[mention.type, default: Score()].predicted += 1
            if goldSet.contains(mention) { strict.byType[mention.type]!.truePositives += 1 }
        }
        var unused = Dictionary(grouping: gold, by: { "\($0.document)\u{0}\($0.type.rawValue)" })
        for mention in predicted {
            let key = "\(mention.document)\u{0}\(mention.type.rawValue)"
            if let index = unused[key]?.firstIndex(where: { $0.range.overlaps(mention.range) }) {
                unused[key]!.remove(at: index)
                overlap.byType[mention.type]!.truePositives += 1
            }
        }
        var endings = Table()
        for mention in gold { endings.byType[mention.type, default: Score()].gold += 1 }
        var byStart = Dictionary(grouping: predicted, by: { "\($0.document)\u{0}\($0.type.rawValue)\u{0}\($0.range.lowerBound)" })
        for mention in gold.sorted(by: { ($0.document, $0.range.lowerBound) < ($1.document, $1.range.lowerBound) }) {
            let key = "\(mention.document)\u{0}\(mention.type.rawValue)\u{0}\(mention.range.lowerBound)"
            guard var candidates = byStart[key] else { continue }
            candidates.sort { $0.range.upperBound > $1.range.upperBound }
            if let index = candidates.firstIndex(where: { $0.range.upperBound == mention.range.upperBound || Self.isEnding(of: mention, after: $0.range.upperBound) }) {
                candidates.remove(at: index)
                endings.byType[mention.type, default: Score()].truePositives += 1
            }
            byStart[key] = candidates
        }
        for mention in predicted { endings.byType[mention.type, default: Score()].predicted += 1 }
        strict.overall = strict.byType.values.reduce(into: Score()) { $0.add($1) }
        overlap.overall = overlap.byType.values.reduce(into: Score()) { $0.add($1) }
        endings.overall = endings.byType.values.reduce(into: Score()) { $0.add($1) }
        self.strict = strict
        self.overlap = overlap
        self.endings = endings
        let predictedSet = Set(predicted)
        missed = gold.filter { !predictedSet.contains($0) }
        spurious = predicted.filter { !goldSet.contains($0) }
    }
}

extension Evaluation {
    /// The gold mention's text after scalar offset `end` is an ending: one to six letters
    /// or apostrophes, all inside its last word.
    static func isEnding(of mention: Mention, after end: Int) -> Bool {
        guard end > mention.range.lowerBound, end < mention.range.upperBound else { return false }
        let scalars = Array(mention.text.unicodeScalars)
        guard scalars.count == mention.range.count else { return false }
        let rest = scalars[(end - mention.range.lowerBound)...]
        return rest.count <= 6 && rest.allSatisfy { CharacterClass.isAlphabetic($0) || $0 == "'" || $0 == "\u{2019}" }
    }
}

extension Evaluation.Score {
    mutating func add(_ other: Evaluation.Score) {
        truePositives += other.truePositives
        predicted += other.predicted
        gold += other.gold
    }
}
