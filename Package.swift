// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "slacheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "slacheck", targets: ["slacheck"]),
        .library(name: "CSVStream", targets: ["CSVStream"]),
        .library(name: "SLATime", targets: ["SLATime"]),
        .library(name: "SLAModel", targets: ["SLAModel"]),
        .library(name: "SLAConfig", targets: ["SLAConfig"]),
        .library(name: "SLARules", targets: ["SLARules"]),
        .library(name: "SLAEngine", targets: ["SLAEngine"]),
        .library(name: "SLAReport", targets: ["SLAReport"]),
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
        // OpenSSL's libcrypto, for SHA-256 (per-customer folder names).
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),

        // The CPU's prefetch hint, which Swift does not expose.
        .target(name: "CPrefetch"),

        // The only Swift target that imports libcsv: the CSV reader and the one CSV writer.
        // Knows nothing of SLAs.
        .target(name: "CSVStream", dependencies: ["CLibCSV", "CZlib"]),
        // Instants, civil dates, time-zone rules, timestamp forms, business calendars, durations.
        .target(name: "SLATime"),
        // The domain's records and value types (cases, events, escalations, severities...).
        .target(name: "SLAModel", dependencies: ["SLATime"]),
        // TOML to typed, validated values: zones and calendars built once.
        .target(
            name: "SLAConfig",
            dependencies: ["SLATime", "SLAModel", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Timelines and every metric rule, each in one function returning its evidence; written for
        // one partition of the data (no scheduling, no CSV, no raw memory).
        .target(name: "SLARules", dependencies: ["SLATime", "SLAModel", "SLAConfig"]),
        // Decoding, ingest, id tables, and the parallel passes that run the rules over the data.
        .target(
            name: "SLAEngine",
            dependencies: ["CSVStream", "CPrefetch", "SLATime", "SLAModel", "SLAConfig", "SLARules"]
        ),
        // Synthetic exports for demos, samples and benchmarks, on the domain's own types.
        .target(name: "SLAGenerate", dependencies: ["CSVStream", "SLATime", "SLAModel", "SLARules"]),
        // The report value, its renderers and the explain text.
        .target(
            name: "SLAReport",
            dependencies: [
                "CSVStream", "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine", "CCrypto",
            ]
        ),
        .executableTarget(
            name: "slacheck",
            dependencies: [
                "CSVStream", "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine", "SLAReport",
                "SLAGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Helpers shared by the test targets only.
        .target(name: "TestSupport"),
        .testTarget(name: "CSVStreamTests", dependencies: ["CSVStream", "TestSupport"]),
        // Fixtures for the tests of the engine, the rules and explain: files in a temporary
        // folder, and CSV text through the real Loader and the rules (MetricsFixture).
        .target(
            name: "SLATestSupport",
            dependencies: ["CSVStream", "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine", "TestSupport"],
            path: "Tests/SLATestSupport"
        ),
        .testTarget(name: "SLATimeTests", dependencies: ["SLATime", "TestSupport"]),
        .testTarget(name: "SLAConfigTests", dependencies: ["SLATime", "SLAModel", "SLAConfig"]),
        .testTarget(
            name: "SLARulesTests",
            dependencies: [
                "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine", "SLATestSupport", "TestSupport",
            ]
        ),
        .testTarget(
            name: "SLAEngineTests",
            dependencies: [
                "CSVStream", "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine", "SLATestSupport",
                "TestSupport",
            ]
        ),
        .testTarget(
            name: "SLAGenerateTests",
            dependencies: [
                "SLAGenerate", "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .testTarget(
            name: "SLAReportTests",
            dependencies: [
                "SLAReport", "SLATime", "SLAModel", "SLAConfig", "SLARules", "SLAEngine", "CSVStream",
                "SLATestSupport",
                "TestSupport",
            ],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["CSVStream", "TestSupport"], resources: [.copy("Fixtures")]),
    ]
)

// Release builds optimise across the library modules as if they were one: the small hot functions
// of SLATime, SLAModel and SLARules are inlined and specialised where the engine calls them, as
// they were when all of it was one module (without it a run executes about 1.7% more instructions).
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
}

// Lifetime dependencies: a `CaseTimeline` borrows its events (`Span`) and cannot outlive them.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableExperimentalFeature("Lifetimes")]
}
