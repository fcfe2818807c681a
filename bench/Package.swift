// swift-tools-version: 6.0
// Benchmarks live outside the default build: `make bench` builds this package.
import PackageDescription

let package = Package(
    name: "slacheck-bench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "readbench",
            dependencies: [.product(name: "CSVStream", package: "main")],
            path: "Sources/readbench",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        )
    ]
)
