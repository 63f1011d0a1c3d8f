import Foundation
import Testing
@testable import Tilmash

/// Test fixtures under Tests/TilmashTests/Fixtures (a SwiftPM resource of the test target).
enum Fixture {
    static var root: URL { Bundle.module.bundleURL.appendingPathComponent("Fixtures") }

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// The data lines of a Unicode data file: comments (`#`) stripped, blank lines skipped,
    /// fields split on `;` and trimmed.
    static func unicodeRows(_ path: String) throws -> [[String]] {
        try text(path).split(separator: "\n").compactMap { line in
            let data = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard !data.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return data.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// A tab-separated test table: `input<TAB>expected` rows, `#` comments.
    static func pairs(_ path: String) throws -> [(String, String)] {
        try text(path).split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }

    /// The seed documents copied into Corpora/seeds (found from the package root).
    static func seed(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Corpora/seeds/\(name)"), encoding: .utf8)
    }

    /// The package root (this file is Tests/TilmashTests/Support.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

extension String {
    /// Parses space-separated hex code points ("0049 0307") into a string.
    init(codePoints: String) {
        var scalars = String.UnicodeScalarView()
        for hex in codePoints.split(separator: " ") {
            scalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
        }
        self = String(scalars)
    }

    /// The string as space-separated hex code points, for readable failures.
    var codePoints: String {
        unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}

/// Runs the built `tilmash` executable (it sits beside the test bundle in the build folder).
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        var directory = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("tilmash").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("tilmash")
    }

    /// A child that exits before reading all its input (a usage error, a bad gazetteer)
    /// must fail its test, not kill the test process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    @discardableResult
    static func run(_ arguments: [String], input: String = "", inputData: Data? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = Fixture.packageRoot
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = inputData ?? Data(input.utf8)
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: data)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: errors.wait())
    }

    /// Reads standard error on its own thread so a chatty process cannot block.
    final class ErrorCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }.start()
        }
        func wait() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// The tagger's NFD differential (the `tag` fuzz target checks the same): the entities
/// of `text` decomposed, and those of its composed form placed where the NFC map puts
/// them, each as "range type id" — equal when every span is computed right.
enum DecomposedTagging {
    static let decompose = try! UnicodeNormalizer(.nfd)
    static let compose = Profile(name: "nfc", filters: [try! UnicodeNormalizationFilter(.nfc)])

    static func entities(_ text: String, _ language: Language?, tagger: Tagger) throws -> (decomposed: [String], composed: [String]) {
        let decomposed = try decompose.normalize(text)
        let map = try compose.normalize(decomposed, context: FilterContext(language: .undetermined))
        let composed = try tagger.tag(map.text, language: language).map { "\(map.originalRange(ofScalars: $0.range)) \($0.type) \($0.id)" }
        return (try tagger.tag(decomposed, language: language).map { "\($0.range) \($0.type) \($0.id)" }, composed)
    }
}
