// swift-tools-version: 6.0
//
// Tilmash — multilingual text cleaning, tokenization and gazetteer tagging on system ICU.
// Dependencies: Foundation and the system's ICU (libicu-dev) only.
import PackageDescription

let package = Package(
    name: "Tilmash",
    products: [
        .library(name: "Tilmash", targets: ["Tilmash"]),
        .executable(name: "tilmash", targets: ["tilmash"]),
        .executable(name: "tilmash-bench", targets: ["tilmash-bench"]),
    ],
    targets: [
        // The system ICU libraries, found with pkg-config.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // C calls into ICU. Its public header exposes only <stdint.h> types, so Swift files
        // that import Foundation (which carries its own ICU copy) never see ICU's headers.
        .target(
            name: "ICUBridge",
            dependencies: ["CICU"]
        ),
        // The gazetteer data (Corpora/gazetteer/data/*.tsv) as a resource bundle; the
        // script and hand-written sources that build it stay out of the bundle.
        .target(
            name: "TilmashGazetteer",
            path: "Corpora/gazetteer",
            exclude: ["sources", "build.py", "build_places.py", "build_parts.py", "scale", "README.md"],
            resources: [.copy("data"), .copy("compiled")]
        ),
        .target(
            name: "Tilmash",
            dependencies: ["ICUBridge", "TilmashGazetteer"],
            exclude: ["Tagging/DESIGN.md"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "tilmash",
            dependencies: ["Tilmash"]
        ),
        .executableTarget(name: "tilmash-bench", dependencies: ["Tilmash"], path: "Benchmarks/tilmash-bench"),
        .testTarget(
            name: "TilmashTests",
            dependencies: ["Tilmash"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

// libFuzzer targets (Benchmarks/fuzz/README.md): only when TILMASH_FUZZ is set, built with
// `-sanitize=fuzzer,address` by Benchmarks/fuzz/run.sh; normal builds never see them.
if Context.environment["TILMASH_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "tilmash-fuzz", dependencies: ["Tilmash"], path: "Benchmarks/fuzz/Sources",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
