import Foundation

/// SplitMix64: a small deterministic generator for reproducible pseudo-random tests.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n`.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The folders `scratchRoot(named:)` made, removed when the process exits.
nonisolated(unsafe) private var scratchFolders: [URL] = []
private let scratchLock = NSLock()

/// A scratch folder for this test process, `name` and the process id in the system's temporary
/// folder: every temporary folder a test makes goes inside it, and the whole tree is removed
/// when the process exits, so test runs do not fill `/tmp`. Call it once per test target.
public func scratchRoot(named name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    scratchLock.withLock {
        if scratchFolders.isEmpty {
            atexit {
                for folder in scratchLock.withLock({ scratchFolders }) {
                    try? FileManager.default.removeItem(at: folder)
                }
            }
        }
        scratchFolders.append(url)
    }
    return url
}
