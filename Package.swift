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
        .target(
            name: "Tilmash",
            dependencies: ["ICUBridge"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "tilmash",
            dependencies: ["Tilmash"]
        ),
        .testTarget(
            name: "TilmashTests",
            dependencies: ["Tilmash"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
