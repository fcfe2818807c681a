import Foundation

/// Writes files so that a reader never sees half of one: each goes to a temporary name in the
/// same folder, is flushed, then renamed into place.
public struct AtomicWriter {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// Writes `text` to `name` in the folder, atomically.
    public func write(_ text: String, to name: String) throws {
        try write(Array(text.utf8), to: name)
    }

    /// Writes `bytes` to `name` in the folder, atomically.
    public func write(_ bytes: [UInt8], to name: String) throws {
        let final = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).tmp-\(getpid())")
        do {
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, final.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
