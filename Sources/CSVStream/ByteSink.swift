import Foundation

/// An open file that bytes are written to, for streaming large outputs.
public final class ByteSink: @unchecked Sendable {
    private var fd: Int32
    private let path: String

    /// Opens the file at `path` for writing: created (mode 0644 less the umask) or truncated.
    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ByteSink.failure(path) }
    }

    deinit { closeQuietly() }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes all of `raw`.
    public func write(_ raw: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < raw.count {
            let n = Foundation.write(fd, raw.baseAddress.map { $0 + done }, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ByteSink.failure(path)
            }
            done += n
        }
    }

    public func close() throws {
        let result = Foundation.close(fd)
        fd = -1
        guard result == 0 else { throw ByteSink.failure(path) }
    }

    /// Closes the file, ignoring any error (on the way out of a failure).
    public func closeQuietly() {
        if fd >= 0 { _ = Foundation.close(fd) }
        fd = -1
    }

    static func failure(_ path: String) -> Error {
        CocoaError(
            .fileWriteUnknown,
            userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}
