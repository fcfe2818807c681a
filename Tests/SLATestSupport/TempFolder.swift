import CSVStream
import Foundation
import TestSupport

/// The scratch folder of this test process, removed when it exits.
private let scratch = scratchRoot(named: "sla-tests")

/// Writes files into a fresh temporary folder (removed with the test process's scratch folder).
public struct TempFolder {
    public let url: URL

    public init() {
        url = scratch.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` and returns where it is, for the loaders.
    public func write(_ name: String, _ text: String) -> InputLocation {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return .path(path)
    }
}
