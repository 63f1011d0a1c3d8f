/// Precision, recall and F1 of tagged entities against a gold annotation.
///
/// Two matchings: **strict** — same span and same type; **overlap** — spans overlap and the
/// type is the same (each gold mention is used once).
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
        strict.overall = strict.byType.values.reduce(into: Score()) { $0.add($1) }
        overlap.overall = overlap.byType.values.reduce(into: Score()) { $0.add($1) }
        self.strict = strict
        self.overlap = overlap
        let predictedSet = Set(predicted)
        missed = gold.filter { !predictedSet.contains($0) }
        spurious = predicted.filter { !goldSet.contains($0) }
    }
}

extension Evaluation.Score {
    mutating func add(_ other: Evaluation.Score) {
        truePositives += other.truePositives
        predicted += other.predicted
        gold += other.gold
    }
}
