/// Rule: names found once teach the rest of the document.
///
/// - An abbreviation in parentheses right after a name is that name too, with the same
///   type and canonical name: `Center for Strategic Studies … (SAM Azerbaijan)`,
///   `Birleşmiş Milletler (BM)`.
/// - Every name a rule found (and every such abbreviation) is then looked for again in
///   the whole document, so later mentions are tagged: `SAM Azerbaijan` further down, the
///   surname `Mammadov` alone after `Farhad Mammadov` is not (only whole names repeat).
struct DocumentAliasRule {
    func candidates(_ units: [MatchUnit], known: [Candidate]) -> [Candidate] {
        var learned: [[String]: Candidate] = [:]
        // The longest name before a parenthesis teaches it (not a place inside that name).
        let longestFirst = known.sorted { $0.range.count > $1.range.count }
        for candidate in longestFirst where candidate.rule != nil || !candidate.terminals.isEmpty {
            // "(" abbreviation ")" right after the candidate
            let open = candidate.units.upperBound + 1
            guard open < units.count, units[open].text == "(" else { continue }
            var close = open + 1
            while close < units.count, units[close].key != nil, close - open <= 4 { close += 1 }
            guard close < units.count, units[close].text == ")", close > open + 1,
                  units[open + 1].startsWithCapital else { continue }
            let keys = units[(open + 1)..<close].compactMap(\.key)
            guard learned[keys] == nil else { continue }
            var abbreviation = candidate
            if let rule = candidate.rule, rule.canonical.isEmpty {
                // the abbreviation's canonical name is the name it abbreviates
                abbreviation.rule = (rule.type, units[candidate.units].map(\.text).joined(separator: " "), rule.name, rule.id)
            }
            abbreviation.units = (open + 1)...(close - 1)
            abbreviation.range = units[open + 1].range.lowerBound..<units[close - 1].range.upperBound
            abbreviation.inflected = false
            learned[keys] = abbreviation
        }
        for candidate in known where candidate.rule != nil {
            let keys = units[candidate.units].compactMap(\.key)
            if keys.count >= 2 && learned[keys] == nil { learned[keys] = candidate }
        }
        guard !learned.isEmpty else { return [] }
        var result: [Candidate] = []
        let longest = learned.keys.map(\.count).max() ?? 0
        let firstKeys = Set(learned.keys.compactMap(\.first))
        for start in units.indices where units[start].key.map(firstKeys.contains) == true && units[start].startsWithCapital {
            for length in stride(from: min(longest, units.count - start), through: 1, by: -1) {
                let slice = units[start..<(start + length)]
                guard slice.allSatisfy({ $0.key != nil }) else { continue }
                let keys = slice.compactMap(\.key)
                guard let model = learned[keys] else { continue }
                var found = model
                found.units = start...(start + length - 1)
                found.range = units[start].range.lowerBound..<(units[start + length - 1].range.upperBound - units[start + length - 1].apostropheSuffix)
                found.inflected = false
                result.append(found)
                break
            }
        }
        return result
    }
}
