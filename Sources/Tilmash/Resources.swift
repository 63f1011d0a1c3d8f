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
        let base = Bundle.module.bundleURL
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
