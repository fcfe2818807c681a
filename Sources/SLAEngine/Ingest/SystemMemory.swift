import SLAConfig
import SLAModel
import SLARules
import SLATime

#if canImport(Glibc)
    import Glibc
#endif

/// How the C allocator hands memory back to the system, which decides the peak resident memory.
public enum SystemMemory {
    /// Makes every allocation of 1 MiB or more a mapping of its own, returned to the system the
    /// moment it is freed.
    ///
    /// By default glibc raises that threshold as large blocks are freed, up to 32 MiB, and keeps
    /// freed blocks below it in per-thread heaps where another thread cannot reuse them: a
    /// report's temporary arrays, built on two cores, would then add up instead of taking turns.
    public static func mapLargeBlocksSeparately() {
        #if os(Linux)
            _ = glibcMallopt(-3, 1 << 20)  // M_MMAP_THRESHOLD
        #endif
    }

    /// Hands memory freed by the C allocator back to the system, so that the next large array
    /// does not add to the peak.
    static func releaseFreed() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
    /// glibc's `malloc_trim` and `mallopt` (declared in malloc.h, which Swift's Glibc module does
    /// not export).
    @_silgen_name("malloc_trim")
    func glibcMallocTrim(_ pad: Int) -> Int32

    @_silgen_name("mallopt")
    func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
