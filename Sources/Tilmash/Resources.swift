import Foundation

/// Tilmash's bundled data files (transliteration rules, language model, word lists),
/// shipped as SwiftPM resources under `Sources/Tilmash/Resources/`.
enum TilmashResources {
    /// The text of `Resources/<path>`, e.g. `"translit/kk-latn-2021.txt"`.
    static func text(_ path: String) throws -> String {
        let url = try url(path)
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ResourceError(path: path, reason: error.localizedDescription)
        }
    }

    /// The location of `Resources/<path>` inside the module's resource bundle.
    static func url(_ path: String) throws -> URL {
        // The bundle holds the copied `Resources` folder. (Foundation's `resourceURL` would
        // already point inside a folder of that name, so the bundle URL is used.)
        let base = try ResourceBundles.locate(ResourceBundles.library)
        let url = base.appendingPathComponent("Resources").appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ResourceError(path: path, reason: "missing from \(base.path)")
        }
        return url
    }
}

/// A bundled data file that could not be found or read.
public struct ResourceError: Error, CustomStringConvertible, Sendable {
    /// The resource's path inside `Resources/`.
    public let path: String
    /// Why it failed.
    public let reason: String
    public var description: String { "resource \(path): \(reason)" }
}

/// Finds Tilmash's resource bundles — the folders `Tilmash_Tilmash.resources` (rules,
/// models, word lists) and `Tilmash_TilmashGazetteer.resources` (the gazetteer) that
/// SwiftPM builds beside the executable — without SwiftPM's generated accessor, which
/// stops the program with a backtrace when they are missing. A binary copied elsewhere
/// needs the two folders beside it (the release tarball, `.ci/release.sh`, holds all three)
/// or `TILMASH_RESOURCES` naming the folder that holds them.
public enum ResourceBundles {
    /// The library's own bundle.
    public static let library = "Tilmash_Tilmash.resources"

    /// The folders searched, in order: `$TILMASH_RESOURCES`, the folder of the running
    /// executable (as started, then with symbolic links resolved).
    public static var searchPath: [URL] {
        var folders: [URL] = []
        if let variable = ProcessInfo.processInfo.environment["TILMASH_RESOURCES"], !variable.isEmpty {
            folders.append(URL(fileURLWithPath: variable, isDirectory: true))
        }
        folders.append(Bundle.main.bundleURL)
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        var seen: Set<String> = []
        return folders.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    /// The bundle folder called `name`; a ``ResourceError`` that names every folder looked
    /// in when it is in none of them.
    public static func locate(_ name: String) throws -> URL {
        let folders = searchPath
        for folder in folders {
            let candidate = folder.appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        throw ResourceError(path: name, reason: "not found; looked in " + folders.map(\.path).joined(separator: ", ")
            + " (keep the .resources folders beside the binary, or set TILMASH_RESOURCES to the folder that holds them)")
    }
}
