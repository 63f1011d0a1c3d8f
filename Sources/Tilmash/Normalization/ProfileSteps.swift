/// A profile's filters one at a time, for explanations (`tilmash normalize --explain`,
/// `tilmash analyze`): what the text looks like after each filter, with its map.
extension Profile {
    /// The text after one filter of the chain.
    public struct Step: Sendable {
        /// The filter's name (``TextFilter/name``).
        public let filter: String
        /// The text after it, mapped to the original.
        public let text: MappedText
    }

    /// Runs the filters one after the other over `text` and keeps every intermediate
    /// result. The last step's text is what ``normalize(_:context:)`` returns (the chain,
    /// not the composed fast path, which gives the same output).
    public func steps(_ text: String, context: FilterContext) throws -> [Step] {
        var mapped = MappedText(original: text)
        var steps: [Step] = []
        for filter in filters {
            mapped = try filter.apply(mapped, context: context)
            steps.append(Step(filter: filter.name, text: mapped))
        }
        return steps
    }
}

extension MappedText {
    /// For each original scalar range in `ranges` (ascending, not overlapping), the
    /// scalars of this text whose original position starts inside it — how a token's part
    /// of a normalized document is cut.
    public func texts(within ranges: [Range<Int>]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(ranges.count)
        var index = 0
        for range in ranges {
            while index < count && Int(starts[index]) < range.lowerBound { index += 1 }
            let start = index
            while index < count && Int(starts[index]) < range.upperBound { index += 1 }
            result.append(string(start..<index))
        }
        return result
    }
}
