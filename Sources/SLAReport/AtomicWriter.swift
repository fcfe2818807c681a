import CSVStream
import Dispatch
import Foundation

/// Writes a report's files so that nobody ever sees half of one, or half of a report.
///
/// Each file is streamed to a temporary name in the output folder; `commit` then renames them
/// all into place. A run that fails or is killed by SIGTERM or SIGINT (see
/// `StagedFiles.removeOnSignals`) leaves its temporaries removed and the previous report whole.
///
/// Files may be written from several threads at once.
public final class StagedFiles: @unchecked Sendable {
    public let folder: URL
    private let lock = NSLock()
    private var staged: [(temporary: String, final: String)] = []

    public init(folder: URL) { self.folder = folder }

    /// Streams a file: `body` writes it through the sink.
    public func write(_ name: String, _ body: (ByteSink) throws -> Void) throws {
        let sink = try open(name)
        do {
            try body(sink)
            try sink.close()
        } catch {
            sink.closeQuietly()
            throw error
        }
    }

    /// Opens a file to be streamed through the sink, from several threads if need be (one
    /// write at a time); `close()` the sink when it is all written.
    public func open(_ name: String) throws -> ByteSink {
        let final = folder.appendingPathComponent(name).path
        let temporary = folder.appendingPathComponent(".\(name).tmp-\(getpid())").path
        TemporaryFiles.shared.add(temporary)
        lock.withLock { staged.append((temporary, final)) }
        return try ByteSink(path: temporary)
    }

    /// Writes a whole file at once.
    public func write(_ name: String, bytes: [UInt8]) throws {
        try write(name) { try $0.write(bytes) }
    }

    /// Renames every staged file into place.
    public func commit() throws {
        lock.lock()
        defer { lock.unlock() }
        for file in staged {
            guard rename(file.temporary, file.final) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.final])
            }
            TemporaryFiles.shared.remove(file.temporary)
        }
        staged.removeAll()
    }

    /// Removes every staged file that was not committed.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        for file in staged {
            unlink(file.temporary)
            TemporaryFiles.shared.remove(file.temporary)
        }
        staged.removeAll()
    }

    deinit { discard() }

    /// From now on, SIGTERM and SIGINT remove every staged temporary, then end the process with
    /// the usual status (128 + signal).
    public static func removeOnSignals() {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                TemporaryFiles.shared.removeAll()
                _exit(128 + sig)
            }
            source.resume()
            TemporaryFiles.shared.keep(source)
        }
    }
}

/// The temporaries of this process, for the signal handler.
final class TemporaryFiles: @unchecked Sendable {
    static let shared = TemporaryFiles()
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var sources: [any DispatchSourceSignal] = []

    func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
    func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

    func removeAll() {
        lock.withLock {
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }
}
