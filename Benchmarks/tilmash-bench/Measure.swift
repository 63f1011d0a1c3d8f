import Foundation
import Tilmash

/// The timings of one stage.
struct Measurement {
    let name: String
    let jobs: Int
    /// Bytes and tokens of one timed pass.
    let inputBytes: Int
    let tokens: Int
    /// Bytes of the stage's whole (scaled) corpus; more than `inputBytes` when capped.
    let corpusBytes: Int
    let seconds: [Double]
    /// Processor time (user + system, all threads) of each pass.
    let cpuSeconds: [Double]
    /// Context switches during the timed passes: voluntary ones (a thread waited — for a
    /// lock, for I/O) and involuntary ones (the kernel gave the core to someone else).
    let waits: Int
    let preemptions: Int
    /// Peak resident memory while the stage ran (the process's high-water mark when the
    /// kernel cannot reset it).
    let peakRSS: Int?

    var capped: Bool { inputBytes < corpusBytes }
    var mbps: [Double] { seconds.map { Double(inputBytes) / 1_000_000 / $0 } }
    var tokensPerSecond: [Double] { seconds.map { Double(tokens) / $0 } }
    /// Cores kept busy on average: processor time over wall-clock time.
    var coresBusy: Double { cpuSeconds.reduce(0, +) / max(seconds.reduce(0, +), 1e-9) }
}

/// A stage's result: timings, or why it could not run.
enum Outcome {
    case measured(Measurement)
    case failed(name: String, reason: String)

    var name: String {
        switch self {
        case .measured(let m): return m.name
        case .failed(let name, _): return name
        }
    }
}

/// Runs stages: setup, two warm-up passes (the second estimates the speed), then the timed
/// passes over the whole corpus or, for a stage too slow for the time budget, a prefix.
struct Runner {
    let runs: Int
    let budget: Double
    /// The smallest capped sample.
    static let minimumSample = 1_000_000
    static let warmUpBytes = 256 * 1024

    /// Measures `stage`; `sampleBytes` forces the amount of text per pass (so the
    /// multi-threaded pipeline reads exactly what the single-threaded one read).
    func measure(_ stage: Stage, sampleBytes: Int? = nil) -> Outcome {
        Memory.resetPeak()
        do {
            let work = try stage.setup()
            var sample = stage.corpus
            let warm = stage.corpus.prefix(bytes: Self.warmUpBytes)
            // The first pass fills lazy tables and caches; the second estimates the speed.
            _ = try pass(warm, work, jobs: stage.jobs)
            let warmSeconds = try pass(warm, work, jobs: stage.jobs)
            if let sampleBytes {
                sample = stage.corpus.prefix(bytes: sampleBytes)
            } else if budget > 0 {
                let planned = Double(warm.bytes) / max(warmSeconds, 1e-9) * budget / Double(runs)
                if planned < Double(sample.bytes) * 0.9 {
                    sample = stage.corpus.prefix(bytes: max(Int(planned), Self.minimumSample))
                }
            }
            var seconds: [Double] = []
            var cpuSeconds: [Double] = []
            let switchesBefore = Self.contextSwitches()
            for _ in 0..<runs {
                let cpuBefore = Self.processorTime()
                seconds.append(try pass(sample, work, jobs: stage.jobs))
                cpuSeconds.append(Self.processorTime() - cpuBefore)
            }
            let switchesAfter = Self.contextSwitches()
            return .measured(Measurement(name: stage.name, jobs: stage.jobs, inputBytes: sample.bytes, tokens: sample.tokens,
                                         corpusBytes: stage.corpus.bytes, seconds: seconds, cpuSeconds: cpuSeconds,
                                         waits: switchesAfter.voluntary - switchesBefore.voluntary,
                                         preemptions: switchesAfter.involuntary - switchesBefore.involuntary,
                                         peakRSS: Memory.peak()))
        } catch {
            return .failed(name: stage.name, reason: "\(error)")
        }
    }

    /// User + system processor time of the process so far, in seconds.
    static func processorTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Voluntary and involuntary context switches of the process so far.
    static func contextSwitches() -> (voluntary: Int, involuntary: Int) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (usage.ru_nvcsw, usage.ru_nivcsw)
    }

    /// One pass over `corpus`: the documents in order, or spread over `jobs` threads
    /// (thread k takes documents k, k+jobs, ...). Returns wall-clock seconds.
    func pass(_ corpus: Corpus, _ work: @escaping Work, jobs: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let documents = corpus.documents
        let order = corpus.order
        if jobs == 1 {
            var sum = 0
            for index in order { sum &+= try work(documents[index]) }
            Sink.shared.add(sum)
        } else {
            let group = DispatchGroup()
            let failure = Sink()
            for worker in 0..<jobs {
                group.enter()
                let thread = Thread {
                    var sum = 0
                    var position = worker
                    do {
                        while position < order.count {
                            sum &+= try work(documents[order[position]])
                            position += jobs
                        }
                    } catch {
                        failure.fail(error)
                    }
                    Sink.shared.add(sum)
                    group.leave()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            group.wait()
            if let error = failure.error { throw error }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// Where results go so the optimiser keeps the work; also carries a worker's error.
final class Sink: @unchecked Sendable {
    static let shared = Sink()
    private let lock = NSLock()
    private(set) var total = 0
    private(set) var error: Error?

    func add(_ value: Int) {
        lock.lock()
        total &+= value
        lock.unlock()
    }

    func fail(_ error: Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}

/// Resident memory from /proc/self/status (Linux).
enum Memory {
    /// The peak resident set size so far (VmHWM), in bytes.
    static func peak() -> Int? { field("VmHWM") }
    /// The current resident set size (VmRSS), in bytes.
    static func current() -> Int? { field("VmRSS") }

    /// Resets the peak to the current size (writing 5 to /proc/self/clear_refs), so the
    /// next `peak()` is the stage's own; silently does nothing where that is not allowed.
    static func resetPeak() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        try? handle.write(contentsOf: Data("5".utf8))
        try? handle.close()
    }

    private static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let number = line.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
            return number.map { $0 * 1024 }
        }
        return nil
    }
}

extension Array where Element == Double {
    var median: Double {
        let sorted = self.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
