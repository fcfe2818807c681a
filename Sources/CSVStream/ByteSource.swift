import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream of raw bytes to parse: a file, a gzip file, standard input or memory.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int
}

/// Where an input comes from, as named on the command line.
public enum InputLocation: Sendable, Equatable, CustomStringConvertible {
    /// A path; a name ending in `.gz` is decompressed.
    case path(String)
    /// Standard input (`-`); gzip data is detected and decompressed.
    case standardInput

    /// Parses a command-line name: `-` is standard input, anything else a path.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .path(argument)
    }

    public var description: String {
        switch self {
        case .path(let p): return p
        case .standardInput: return "-"
        }
    }

    /// The size in bytes of a plain (uncompressed) file; nil for gzip and standard input.
    public var plainFileSize: Int? {
        guard case .path(let p) = self, !p.hasSuffix(".gz") else { return nil }
        var info = stat()
        guard stat(p, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Opens the input for reading.
    public func open() throws(CSVError) -> any ByteSource {
        switch self {
        case .path(let p) where p.hasSuffix(".gz"):
            return try GzipSource(path: p)
        case .path(let p):
            return try FileSource(path: p)
        case .standardInput:
            return try GzipSource(standardInputNamed: "-")
        }
    }
}

/// A plain file read with `read(2)` in the caller's chunk size.
public final class FileSource: ByteSource {
    private let fd: Int32
    private let name: String
    private var offset: Int64 = 0

    /// Opens `path` for reading; fails with the system's reason (missing, a folder, no permission).
    public init(path: String) throws(CSVError) {
        name = path
        try rejectFolder(path)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CSVError(.unreadable(reason: systemError()), file: path) }
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 {
                offset += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw CSVError(.unreadable(reason: systemError()), file: name, byteOffset: offset)
        }
    }
}

/// A gzip file or standard input, decompressed by zlib (plain data passes through unchanged).
public final class GzipSource: ByteSource {
    private let file: gzFile
    private let name: String
    private var offset: Int64 = 0

    /// Opens a `.gz` file.
    public init(path: String) throws(CSVError) {
        name = path
        try rejectFolder(path)
        guard let f = gzopen(path, "rb") else {
            throw CSVError(.unreadable(reason: systemError()), file: path)
        }
        file = f
        gzbuffer(file, 1 << 17)
    }

    /// Reads standard input, gzip-compressed or not.
    public init(standardInputNamed name: String) throws(CSVError) {
        self.name = name
        guard let f = gzdopen(dup(STDIN_FILENO), "rb") else {
            throw CSVError(.unreadable(reason: systemError()), file: name)
        }
        file = f
        gzbuffer(file, 1 << 17)
    }

    deinit { gzclose(file) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        let n = gzread(file, buffer.baseAddress, UInt32(min(buffer.count, Int(Int32.max))))
        if n < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
            if code == Z_ERRNO {
                throw CSVError(.unreadable(reason: systemError()), file: name, byteOffset: offset)
            }
            throw CSVError(.badGzip(reason: message), file: name, byteOffset: offset)
        }
        // zlib reports a truncated stream only as a short read followed by an error state.
        if n == 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code)
            if code != Z_OK && code != Z_STREAM_END && code != Z_BUF_ERROR {
                throw CSVError(
                    .badGzip(reason: message.map { String(cString: $0) } ?? "error \(code)"),
                    file: name, byteOffset: offset)
            }
            if code == Z_BUF_ERROR {
                throw CSVError(.badGzip(reason: "the compressed data ends too early"), file: name, byteOffset: offset)
            }
        }
        offset += Int64(n)
        return Int(n)
    }
}

/// Bytes held in memory, for tests and small inputs.
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[position..<position + n]))
        }
        position += n
        return n
    }
}

/// Fails when `path` is a folder, which `open` would accept but `read` cannot read.
func rejectFolder(_ path: String) throws(CSVError) {
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw CSVError(.unreadable(reason: "it is a folder, not a file"), file: path)
    }
}

/// The current `errno` as text.
func systemError() -> String {
    String(cString: strerror(errno))
}
