// swift-tools-version: 6.0
// Coverage-guided fuzzers (libFuzzer), outside the default build: `make fuzz` or fuzz/run.sh.
// They only build with `-sanitize=fuzzer,address -parse-as-library`, which fuzz/run.sh passes.
import PackageDescription

let package = Package(
    name: "slacheck-fuzz",
    platforms: [.macOS(.v13)],
    // fuzz/run.sh links the repository as .deps/slacheck, so the identity is fixed whatever
    // the clone's folder is called.
    dependencies: [.package(path: ".deps/slacheck")],
    targets: [
        // Invariant checks and helpers shared by the fuzz targets.
        .target(name: "FuzzSupport", dependencies: ["CFuzzer"], path: "Sources/FuzzSupport"),
        // Declares libFuzzer's LLVMFuzzerRunDriver for the targets' main.swift.
        .target(name: "CFuzzer", path: "Sources/CFuzzer"),
        // CSVReader over arbitrary bytes, with tiny and large chunks and a small field cap.
        .executableTarget(
            name: "fuzz-reader",
            dependencies: ["FuzzSupport", .product(name: "CSVStream", package: "slacheck")],
            path: "Sources/fuzz-reader"
        ),
        // The whole Loader over arbitrary cases, events and escalations files.
        .executableTarget(
            name: "fuzz-loader",
            dependencies: [
                "FuzzSupport", .product(name: "CSVStream", package: "slacheck"),
                .product(name: "SLATime", package: "slacheck"), .product(name: "SLAModel", package: "slacheck"),
                .product(name: "SLAConfig", package: "slacheck"), .product(name: "SLARules", package: "slacheck"),
                .product(name: "SLAEngine", package: "slacheck"),
            ],
            path: "Sources/fuzz-loader"
        ),
        // TimestampParser.parse over arbitrary bytes, in several zones and formats.
        .executableTarget(
            name: "fuzz-timestamp",
            dependencies: ["FuzzSupport", .product(name: "SLATime", package: "slacheck")],
            path: "Sources/fuzz-timestamp"
        ),
    ]
)
