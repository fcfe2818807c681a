// The process entry point: libFuzzer's driver over this target's LLVMFuzzerTestOneInput.
//
// SwiftPM renames an executable's `main`, so libFuzzer's own `main` is never linked; this
// top-level code starts the driver instead (and needs no `-parse-as-library`).
import FuzzSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

exit(runLibFuzzer(CommandLine.argc, CommandLine.unsafeArgv))
