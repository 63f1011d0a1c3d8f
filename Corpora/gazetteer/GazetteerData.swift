import Foundation

/// The gazetteer data files of `Corpora/gazetteer/data`, and the compiled gazetteer made
/// from them, shipped as a SwiftPM resource so the tests and `swift run` find them from a
/// fresh clone.
public enum GazetteerData {
    /// The folder holding the `*.tsv` files.
    public static var directory: URL { Bundle.module.bundleURL.appendingPathComponent("data") }
    /// The compiled gazetteer (`tilmash gazetteer compile Corpora/gazetteer/data -o
    /// Corpora/gazetteer/compiled/gazetteer.tlmg`).
    public static var compiled: URL {
        Bundle.module.bundleURL.appendingPathComponent("compiled").appendingPathComponent("gazetteer.tlmg")
    }
}
