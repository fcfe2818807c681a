// swift-tools-version: 6.0
// Benchmarks live outside the default build: `make bench` builds this package.
import PackageDescription

let package = Package(
    name: "slacheck-bench",
    platforms: [.macOS(.v13)],
    // bench/reader.sh links the repository as .deps/slacheck, so the identity is fixed whatever
    // the clone's folder is called.
    dependencies: [.package(path: ".deps/slacheck")],
    targets: [
        .executableTarget(
            name: "readbench",
            dependencies: [.product(name: "CSVStream", package: "slacheck")],
            path: "Sources/readbench",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        )
    ]
)
