import ArgumentParser
import CSVStream
import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

/// The flags that name the inputs and the configuration, shared by report, validate and explain.
struct InputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Folder holding cases.csv, case_events.csv and escalations.csv.", valueName: "dir"))
    var input: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A cases file (repeatable; a glob such as 'exports/cases-*.csv'; '-' for stdin).", valueName: "file"))
    var cases: [String] = []

    @Option(name: .long, help: ArgumentHelp("A case events file (repeatable, glob).", valueName: "file"))
    var events: [String] = []

    @Option(name: .long, help: ArgumentHelp("An escalations file (repeatable, glob).", valueName: "file"))
    var escalations: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "organizations.csv: each customer's time zone, calendar and contract tier (repeatable, glob; "
                + "default: organizations.csv in --input, if there).",
            valueName: "file"))
    var organizations: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "exclusions.csv: agreed exclusions of cases from targets (repeatable, glob; default: exclusions.csv "
                + "in --input, if there).",
            valueName: "file"))
    var exclusions: [String] = []

    @Option(
        name: .customLong("event-log"),
        help: ArgumentHelp(
            "One event-log export (a row per event), read through the [event_log] profile of --config; "
                + "replaces --input and --cases. Example: --event-log helpdesk.csv --config samples/profiles/helpdesk.toml",
            valueName: "file"))
    var eventLog: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "TOML configuration; without it the built-in defaults apply (see `slacheck config`).", valueName: "file"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Threads that read, join, analyse and render (default: every core; 1 runs everything on one).",
            valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let threads, !(1...1024).contains(threads) {
            throw ValidationError("--threads \(threads): give a number of threads from 1 to 1024")
        }
        if let eventLog {
            if input != nil || !cases.isEmpty || !events.isEmpty || !escalations.isEmpty {
                throw ValidationError(
                    "--event-log replaces --input, --cases, --events and --escalations: give one or the other")
            }
            if config == nil {
                throw ValidationError("--event-log \(eventLog) needs --config PROFILE.toml with an [event_log] section")
            }
            return
        }
        if input == nil && cases.isEmpty {
            throw ValidationError("name the inputs: --input DIR, --cases FILE, or --event-log FILE")
        }
        if ([cases, events, escalations, organizations, exclusions].joined().filter { $0 == "-" }.count) > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    /// The configuration: the file given, or the defaults. Exits 2 on any error in it. Also
    /// sets the number of threads the run uses (`--threads`), before any work starts.
    func loadConfig() throws -> SLAConfig {
        if let threads { Parallel.threads = threads }
        guard let path = config else { return .defaults }
        do {
            return try SLAConfig.load(path: path)
        } catch {
            throw CommandFailure(Exit.usage, "\(error)")
        }
    }

    /// The input files by kind: the flags' files (globs expanded), else the usual names in --input.
    func inputFiles() throws -> InputFiles {
        func resolve(_ flags: [String], _ kind: SLAConfig.InputFile, required: Bool) throws -> [InputLocation] {
            if !flags.isEmpty {
                return try flags.flatMap { flag -> [InputLocation] in
                    if flag == "-" { return [.standardInput] }
                    let matches = expandGlob(flag)
                    if matches.isEmpty {
                        if flag.contains(where: { "*?[".contains($0) }) {
                            throw CommandFailure(Exit.input, "\(flag): no file matches this pattern")
                        }
                        return [.path(flag)]  // the reader reports it as missing
                    }
                    return matches.map { .path($0) }
                }
            }
            guard let dir = input else { return [] }
            let plain = (dir as NSString).appendingPathComponent(kind.fileName)
            for candidate in [plain, plain + ".gz"] where FileManager.default.fileExists(atPath: candidate) {
                return [.path(candidate)]
            }
            if required {
                var isDir: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: dir, isDirectory: &isDir)
                let why =
                    !exists
                    ? "the folder does not exist"
                    : (!isDir.boolValue ? "it is not a folder" : "the folder has no \(kind.fileName)")
                throw CommandFailure(
                    Exit.input,
                    "\(dir): cannot find \(kind.fileName): \(why) (or name the file with --\(kind == .cases ? "cases" : kind.rawValue))"
                )
            }
            return []
        }
        return InputFiles(
            cases: try resolve(cases, .cases, required: true),
            events: try resolve(events, .events, required: false),
            escalations: try resolve(escalations, .escalations, required: false),
            organizations: try resolve(organizations, .organizations, required: false),
            exclusions: try resolve(exclusions, .exclusions, required: false))
    }

    /// Reads the inputs, with a progress line on a terminal. Exits 3 on an input error.
    func loadDataset(config: SLAConfig) throws -> Dataset {
        if let eventLog {
            guard config.eventLog != nil else {
                throw CommandFailure(
                    Exit.usage,
                    "\(self.config ?? "the config") has no [event_log] section: --event-log needs a profile (see README.md)"
                )
            }
            let named = try inputFiles()
            do {
                var loader = try EventLogLoader(config: config)
                let meter = ProgressMeter.forTerminal()
                if let meter { loader.progress = { meter.update(part: $0, rows: $1, bytes: $2) } }
                defer { meter?.finish() }
                var data = try loader.load(eventLog == "-" ? .standardInput : .path(eventLog))
                try Loader(config: config).attachOrganizations(named.organizations, to: &data)
                try Loader(config: config).attachExclusions(named.exclusions, to: &data)
                return data
            } catch {
                throw CommandFailure(Exit.input, error.description)
            }
        }
        let files = try inputFiles()
        var loader = Loader(config: config)
        let meter = ProgressMeter.forTerminal()
        if let meter { loader.progress = { meter.update(part: $0, rows: $1, bytes: $2) } }
        defer { meter?.finish() }
        do {
            return try loader.load(files)
        } catch {
            throw CommandFailure(Exit.input, error.description)
        }
    }
}

/// Paths matching a shell pattern, sorted; the pattern itself when it has no wildcard.
func expandGlob(_ pattern: String) -> [String] {
    guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    return (0..<Int(result.gl_pathc)).compactMap { i in result.gl_pathv[i].map { String(cString: $0) } }.sorted()
}

/// A failure that ends the command with a message on standard error and a SPEC exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let code: ExitCode
    let message: String

    init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}

/// Runs `body`, turning a `CommandFailure` into its message and exit status.
func runReportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        FileHandle.standardError.write(Data("slacheck: \(failure.message)\n".utf8))
        throw failure.code
    }
}

/// A progress line on standard error while inputs are read: only when it is a terminal, at most
/// five updates a second, erased when reading ends. Cron runs and pipes see nothing.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    /// Per kind of file: cases, events, escalations.
    private var rows = [0, 0, 0]
    private var bytes: [Int64] = [0, 0, 0]
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastPrint: UInt64 = 0
    private var printed = false

    /// A meter when standard error is a terminal; nil otherwise.
    static func forTerminal() -> ProgressMeter? {
        isatty(STDERR_FILENO) != 0 ? ProgressMeter() : nil
    }

    func update(part: Int, rows partRows: Int, bytes partBytes: Int64) {
        lock.withLock {
            rows[part] = partRows
            bytes[part] = partBytes
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastPrint > 200_000_000 else { return }
            lastPrint = now
            let seconds = max(Double(now - start) / 1e9, 0.001)
            let totalRows = rows.reduce(0, +)
            let megabytes = Double(bytes.reduce(0, +)) / 1e6
            let line = String(
                format: "\rslacheck: reading %.1fM rows, %.0f MB (%.0fk rows/s, %.0f MB/s)  ",
                Double(totalRows) / 1e6, megabytes, Double(totalRows) / seconds / 1000, megabytes / seconds)
            FileHandle.standardError.write(Data(line.utf8))
            printed = true
        }
    }

    func finish() {
        lock.withLock {
            if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
