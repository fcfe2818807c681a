// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "slacheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "slacheck", targets: ["slacheck"]),
        .library(name: "CSVStream", targets: ["CSVStream"]),
        .library(name: "SLACore", targets: ["SLACore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libcsv, the C parser. Debian ships no pkg-config file for it.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // zlib, for `.gz` inputs.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),

        // The CPU's prefetch hint, which Swift does not expose.
        .target(name: "CPrefetch"),

        // The only Swift target that imports libcsv: records, positions, inputs. Knows nothing of SLAs.
        .target(name: "CSVStream", dependencies: ["CLibCSV", "CZlib"]),
        // Model, configuration, time, decoding and (later) the metrics.
        .target(
            name: "SLACore",
            dependencies: ["CSVStream", "CPrefetch", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Synthetic exports for demos, samples and benchmarks.
        .target(name: "SLAGenerate", dependencies: ["SLACore"]),
        // Report value and its renderers.
        .target(name: "SLAReport", dependencies: ["SLACore"]),
        .executableTarget(
            name: "slacheck",
            dependencies: [
                "SLACore", "SLAReport", "SLAGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Helpers shared by the test targets only.
        .target(name: "TestSupport"),
        .testTarget(name: "CSVStreamTests", dependencies: ["CSVStream", "TestSupport"]),
        .testTarget(name: "SLACoreTests", dependencies: ["SLACore", "TestSupport"]),
        .testTarget(name: "SLAGenerateTests", dependencies: ["SLAGenerate", "SLACore"]),
        .testTarget(name: "SLAReportTests", dependencies: ["SLAReport", "SLACore"], exclude: ["Golden"]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["CSVStream", "TestSupport"], resources: [.copy("Fixtures")]),
    ]
)
