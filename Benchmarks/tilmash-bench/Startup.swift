import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Start-up of the command-line tool: the `tilmash` executable beside this one, run on a
/// one-line input, for `normalize` and for `tag` (with `--gazetteer` when the benchmark was
/// given one) — the cost a new process pays before its first line, as in Spark's
/// `RDD.pipe`. Median wall time and the peak resident memory of each run (from `wait4`).
struct Startup {
    struct Figure {
        let command: String
        let seconds: [Double]
        let peakBytes: [Int]
        var median: Double { seconds.sorted()[seconds.count / 2] }
        var medianPeak: Int { peakBytes.sorted()[peakBytes.count / 2] }
    }

    let executable: String
    let runs: Int

    init?(runs: Int) {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidate = me.deletingLastPathComponent().appendingPathComponent("tilmash").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else { return nil }
        executable = candidate
        self.runs = max(3, runs)
    }

    /// Runs `tilmash ARGUMENTS` `runs` times (after one warm-up run) on `input`.
    func measure(_ arguments: [String], input: String = "Präsident Tokajew besuchte Astana.\n") throws -> Figure {
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("tilmash-startup-\(getpid()).txt")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        var seconds: [Double] = [], peaks: [Int] = []
        for run in 0...runs {
            let (elapsed, peak) = try once(arguments + [inputFile.path])
            if run > 0 { seconds.append(elapsed); peaks.append(peak) }
        }
        return Figure(command: arguments.joined(separator: " "), seconds: seconds, peakBytes: peaks)
    }

    private func once(_ arguments: [String]) throws -> (Double, Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let began = DispatchTime.now().uptimeNanoseconds
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw NSError(domain: "startup", code: Int(status)) }
        var waitStatus: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &waitStatus, 0, &usage)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        guard waitStatus == 0 else {
            throw NSError(domain: "startup", code: Int(waitStatus), userInfo: [NSLocalizedDescriptionKey: "tilmash \(arguments.joined(separator: " ")) failed"])
        }
        return (elapsed, usage.ru_maxrss * 1024)
    }
}
