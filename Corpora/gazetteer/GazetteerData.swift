import Foundation

/// The gazetteer data files of `Corpora/gazetteer/data`, shipped as a SwiftPM resource so
/// the tests and `swift run` find them from a fresh clone.
public enum GazetteerData {
    /// The folder holding the `*.tsv` files.
    public static var directory: URL { Bundle.module.bundleURL.appendingPathComponent("data") }
}
