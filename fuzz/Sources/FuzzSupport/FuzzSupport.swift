import CFuzzer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs libFuzzer with the process's arguments over the executable's `LLVMFuzzerTestOneInput`.
///
/// Each fuzz target's entry point calls this: SwiftPM renames an executable's `main`, so
/// libFuzzer's own `main` is never linked and its driver is started from here instead.
///
/// The target is named through the C declaration in CFuzzer.h: taking the address of a Swift
/// `@_cdecl` function from another file emits a second definition of it in debug builds.
public func runLibFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput)
}

/// Stops the process on a broken invariant, so that libFuzzer saves the input as a crash.
///
/// The message goes to standard error first; `abort()` is the "deadly signal" libFuzzer reports.
public func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if condition() { return }
    let text = Array("fuzz invariant broken: \(message())\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Physical line breaks in `bytes`: LF, CRLF and a lone CR each count once.
///
/// Concrete, not generic: the fuzzers are debug builds, where generic code is many times slower.
public func lineBreakCount(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.withUnsafeBufferPointer { p in
        var count = 0
        var previous: UInt8 = 0
        for b in p {
            if b == 0x0D || (b == 0x0A && previous != 0x0D) { count += 1 }
            previous = b
        }
        return count
    }
}

/// Whether the first `count` elements of `a` and `b` are equal (both must have that many).
public func samePrefix<T: BitwiseCopyable>(_ a: [T], _ b: [T], _ count: Int) -> Bool {
    guard count > 0 else { return true }
    guard count <= a.count, count <= b.count else { return false }
    return a.withUnsafeBytes { pa in
        b.withUnsafeBytes { pb in
            guard let x = pa.baseAddress, let y = pb.baseAddress else { return false }
            return memcmp(x, y, count * MemoryLayout<T>.stride) == 0
        }
    }
}

/// Splits `bytes` at the record separator byte 0x1E into at most `parts` pieces; a separator
/// beyond the last split stays in the last piece.
public func splitParts(_ bytes: ArraySlice<UInt8>, parts: Int) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var rest = bytes
    while result.count < parts - 1, let i = rest.firstIndex(of: 0x1E) {
        result.append(rest[rest.startIndex..<i])
        rest = rest[(i + 1)...]
    }
    result.append(rest)
    return result
}

/// A private folder for this process's temporary input files, made once: in /dev/shm when there
/// is one, so that writing the inputs of every run costs no disk writes.
public let scratchFolder: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    var template = Array("\(base)/slacheck-fuzz-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { $0.baseAddress.flatMap { mkdtemp($0) } }
    check(made != nil, "mkdtemp failed: errno \(errno)")
    atexit { removeScratchFiles() }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}()

/// The files `writeFile` made, removed with their folder when the process exits normally.
/// libFuzzer calls the target from one thread only.
nonisolated(unsafe) private var scratchFiles: Set<String> = []

private func removeScratchFiles() {
    for path in scratchFiles { unlink(path) }
    rmdir(scratchFolder)
}

/// Writes `bytes` to `path`, replacing it.
public func writeFile(_ path: String, _ bytes: ArraySlice<UInt8>) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    check(fd >= 0, "cannot create \(path): errno \(errno)")
    scratchFiles.insert(path)
    defer { close(fd) }
    var done = 0
    bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        while done < raw.count {
            let n = write(fd, base + done, raw.count - done)
            check(n > 0, "cannot write \(path): errno \(errno)")
            done += n
        }
    }
}
