import ArgumentParser

/// Exit statuses of SPEC section 6.
enum Exit {
    /// The report was written, but a `--fail-under` threshold was not met.
    static let belowThreshold = ExitCode(1)
    /// Usage or configuration error: nothing written.
    static let usage = ExitCode(2)
    /// Input error: nothing written.
    static let input = ExitCode(3)
    /// Another run holds the lock on the output folder.
    static let locked = ExitCode(4)
}
