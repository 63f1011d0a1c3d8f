import Foundation

/// The table and the JSON of a benchmark run.
struct Report {
    let corpusBytes: Int
    let outcomes: [Outcome]
    let runs: Int
    let elapsed: Double

    var peakRSS: Int { outcomes.compactMap { if case .measured(let m) = $0 { return m.peakRSS } else { return nil } }.max() ?? 0 }

    /// `pipeline.jobs<N>` MB/s over `pipeline` MB/s (medians), per N.
    var scaling: [(name: String, jobs: Int, factor: Double, coresBusy: Double, waits: Int, preemptions: Int)] {
        guard let single = measured("pipeline") else { return [] }
        return outcomes.compactMap { outcome in
            guard case .measured(let m) = outcome, m.jobs > 1 else { return nil }
            return (m.name, m.jobs, m.mbps.median / single.mbps.median, m.coresBusy, m.waits, m.preemptions)
        }
    }

    func measured(_ name: String) -> Measurement? {
        for case .measured(let m) in outcomes where m.name == name { return m }
        return nil
    }

    func table() -> String {
        var lines: [String] = []
        let header = [pad("stage", 22, left: true), pad("input MB", 9), pad("MB/s med", 10), pad("min", 9), pad("max", 9),
                      pad("tok/s med", 11), pad("min", 10), pad("max", 10), pad("peak RSS", 9)]
        lines.append(header.joined(separator: " "))
        lines.append(String(repeating: "-", count: lines[0].count))
        var notes: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .measured(let m):
                let mark = m.capped ? "*" : " "
                lines.append([pad(m.name, 22, left: true), pad(mb(m.inputBytes) + mark, 9),
                              pad(fixed(m.mbps.median), 10), pad(fixed(m.mbps.min() ?? 0), 9), pad(fixed(m.mbps.max() ?? 0), 9),
                              pad(count(m.tokensPerSecond.median), 11), pad(count(m.tokensPerSecond.min() ?? 0), 10),
                              pad(count(m.tokensPerSecond.max() ?? 0), 10),
                              pad(m.peakRSS.map { mb($0, decimals: 0) + " MB" } ?? "?", 9)].joined(separator: " "))
                if m.capped {
                    notes.append("* \(m.name): too slow for the time budget; measured on the first \(mb(m.inputBytes)) MB of \(mb(m.corpusBytes)) MB")
                }
            case .failed(let name, let reason):
                lines.append(pad(name, 22, left: true) + " FAILED: " + reason)
            }
        }
        lines.append("")
        lines += notes
        for s in scaling {
            lines.append("scaling: \(s.name) = \(fixed(s.factor))x pipeline on \(s.jobs) threads, "
                         + "\(fixed(s.coresBusy)) cores busy on average (\(ProcessInfo.processInfo.activeProcessorCount) cores; "
                         + "target >= 1.8x for 2 jobs); \(s.waits) waits, \(s.preemptions) preemptions "
                         + "(many preemptions: other processes took the cores; many waits: lock contention)")
        }
        lines.append("peak RSS (any stage): \(mb(peakRSS, decimals: 1)) MB; \(runs) timed runs per stage; "
                     + "MB = 10^6 bytes of UTF-8 input; total time \(fixed(elapsed)) s")
        return lines.joined(separator: "\n") + "\n"
    }

    func json(extra: [String: Any]) throws -> Data {
        var stages: [[String: Any]] = []
        for outcome in outcomes {
            switch outcome {
            case .measured(let m):
                var object: [String: Any] = [
                    "name": m.name,
                    "mbps": stats(m.mbps),
                    "tokensPerSecond": m.tokensPerSecond.median,
                    "tokensPerSecondRange": stats(m.tokensPerSecond),
                    "inputBytes": m.inputBytes,
                    "tokens": m.tokens,
                    "capped": m.capped,
                    "jobs": m.jobs,
                    "seconds": m.seconds,
                    "cpuSeconds": m.cpuSeconds,
                    "coresBusy": m.coresBusy,
                    "contextSwitches": ["voluntary": m.waits, "involuntary": m.preemptions],
                ]
                if let rss = m.peakRSS { object["peakRSSBytes"] = rss }
                stages.append(object)
            case .failed(let name, let reason):
                stages.append(["name": name, "error": reason])
            }
        }
        var root: [String: Any] = ["corpusBytes": corpusBytes, "stages": stages, "peakRSSBytes": peakRSS, "runs": runs]
        var scalingObject: [String: Any] = [:]
        for s in scaling { scalingObject[s.name] = ["factor": s.factor, "coresBusy": s.coresBusy, "voluntarySwitches": s.waits,
                                                              "involuntarySwitches": s.preemptions] }
        if !scalingObject.isEmpty { root["scaling"] = scalingObject }
        root.merge(extra) { a, _ in a }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    private func stats(_ values: [Double]) -> [String: Double] {
        ["median": values.median, "min": values.min() ?? 0, "max": values.max() ?? 0]
    }
}

func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + gap : gap + text
}

func fixed(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
}

func mb(_ bytes: Int, decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f", Double(bytes) / 1_000_000)
}

func count(_ value: Double) -> String {
    value >= 1_000_000 ? String(format: "%.2fM", value / 1_000_000) : value >= 1000 ? String(format: "%.0fk", value / 1000) : String(format: "%.0f", value)
}
