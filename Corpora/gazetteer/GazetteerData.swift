/// The gazetteer data files of `Corpora/gazetteer/data`, and the compiled gazetteer made
/// from them, shipped as a SwiftPM resource bundle so the tests and `swift run` find them
/// from a fresh clone. The bundle is found by the Tilmash library (`ResourceBundles`),
/// which reports where it looked when it is missing, instead of SwiftPM's accessor, which
/// stops the program.
public enum GazetteerData {
    /// The resource bundle's folder name (SwiftPM: package `Tilmash`, target `TilmashGazetteer`).
    public static let bundleName = "Tilmash_TilmashGazetteer.resources"
    /// The folder holding the `*.tsv` files, inside the bundle.
    public static let directory = "data"
    /// The compiled gazetteer inside the bundle (`tilmash gazetteer compile
    /// Corpora/gazetteer/data -o Corpora/gazetteer/compiled/gazetteer.tlmg`).
    public static let compiled = "compiled/gazetteer.tlmg"
}
