import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Exports from other systems, hand-edited, cut short or re-saved by spreadsheets: each gets a
/// clear message or a counted rejection, never a crash, a hang or unbounded memory.
@Suite("Hostile input")
struct HostileInputTests {
    static let header = "case_id,org_id,created_at,severity,customer,channel\n"

    /// Runs slacheck under /usr/bin/time and returns its result and its own peak memory in MB.
    func measured(_ arguments: [String]) throws -> (RunResult, Int) {
        var r = try run("/usr/bin/time", ["-f", "peak-kb %M", slacheckBinary] + arguments)
        let lines = r.stderr.split(separator: "\n")
        let kb = lines.last.flatMap { $0.hasPrefix("peak-kb ") ? Int($0.dropFirst(8)) : nil } ?? Int.max
        r.stderr = lines.dropLast().joined(separator: "\n")
        // time(1) reports the child's status as its own.
        return (r, kb / 1024)
    }

    @Test("An empty file and a header-only file")
    func emptyAndHeaderOnly() throws {
        let dir = temporaryFolder("empty")
        write("", "cases.csv", in: dir)
        let empty = try slacheck("validate", "--input", dir.path)
        #expect(empty.status == 3)
        #expect(empty.stderr.contains("cases.csv: the file is empty: expected a header row"))
        write(Self.header, "cases.csv", in: dir)
        let headerOnly = try slacheck(
            "report", "--input", dir.path, "--period", "2026-10", "--out", dir.appendingPathComponent("out").path)
        #expect(headerOnly.status == 0, "\(headerOnly.stderr)")
        let json = try jsonObject(
            String(contentsOf: dir.appendingPathComponent("out/sla-2026-10.json"), encoding: .utf8))
        #expect(value(json, "submissions.cases") as? Int == 0)
    }

    @Test("An unterminated quote early in a large file: exit 3 at the line where the field began, quickly")
    func unterminatedQuoteInLargeFile() throws {
        let dir = temporaryFolder("bigquote")
        var text = Self.header + "C0,o,2026-10-01T08:00:00Z,2,\"never closed,phone\n"
        text.reserveCapacity(30_000_000)
        for i in 1..<400_000 { text += "C\(i),o,2026-10-01T08:00:00Z,2,customer \(i),phone\n" }
        write(text, "cases.csv", in: dir)
        let (r, peak) = try measured(["validate", "--input", dir.path])
        #expect(r.status == 3)
        #expect(
            r.stderr.contains("cases.csv:2: field 5: a field that begins on this line is longer than 1048576 bytes"),
            "\(r.stderr)")
        #expect(peak < 100, "peak \(peak) MB")
    }

    @Test("A single 64 MiB field is refused with a message, memory bounded")
    func hugeField() throws {
        let dir = temporaryFolder("huge")
        let path = dir.appendingPathComponent("cases.csv").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(Data((Self.header + "C1,o,2026-10-01T08:00:00Z,2,\"").utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<64 { handle.write(block) }
        handle.write(Data("\",phone\n".utf8))
        try handle.close()
        let (r, peak) = try measured(["validate", "--input", dir.path])
        #expect(r.status == 3)
        #expect(
            r.stderr.contains("cases.csv:2: field 5: a field that begins on this line is longer than 1048576 bytes"))
        #expect(peak < 100, "peak \(peak) MB")
        // Raising the cap in the config accepts the field.
        let config = write("[input]\nmax_field_bytes = 100000000\n", "big.toml", in: dir)
        let raised = try slacheck("validate", "--input", dir.path, "--config", config)
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test("Ragged rows, impossible timestamps and unknown values are rejected, counted and kept whole")
    func badRows() throws {
        let dir = temporaryFolder("bad")
        write(
            Self.header + """
                C1,o,2026-10-01T08:00:00Z,2,ok,phone
                C2,o,2026-02-30T08:00:00Z,2,bad date,phone
                C3,o,2026-10-01T08:00:00Z,2,ragged
                C4,o,2026-10-01T08:00:00Z,2,fax channel,fax
                C5,o,2026-10-01T08:00:00Z,2,extra,phone,surplus

                """, "cases.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try jsonObject(String(contentsOf: out.appendingPathComponent("sla-2026-10.json"), encoding: .utf8))
        #expect(value(json, "data_quality.files.0.rows_read") as? Int == 5)
        #expect(value(json, "data_quality.files.0.rows_rejected") as? Int == 4)
        #expect(value(json, "data_quality.findings.bad-timestamp") as? Int == 1)
        #expect(value(json, "data_quality.findings.wrong-field-count") as? Int == 2)
        #expect(value(json, "data_quality.findings.bad-value") as? Int == 1)
        let rejected = csvRows(try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8))
        #expect(
            rejected.dropFirst().map { "\($0[2]) \($0[3])" } == [
                "3 bad-timestamp", "4 wrong-field-count", "5 bad-value", "6 wrong-field-count",
            ])
        // The whole row is kept, re-encoded as CSV.
        #expect(rejected.last?.last == "C5,o,2026-10-01T08:00:00Z,2,extra,phone,surplus")
    }

    @Test("Invalid UTF-8 and NUL bytes: no crash, every output is valid UTF-8")
    func invalidText() throws {
        let dir = temporaryFolder("utf8")
        var bytes = Array(Self.header.utf8)
        bytes += Array("C1,o,2026-10-01T08:00:00Z,2,".utf8) + [0xFF, 0xFE, 0x41] + Array(",phone\n".utf8)
        bytes += Array("C2,o\u{0}x,2026-10-01T09:00:00Z,3,nul".utf8) + [0x00] + Array(",portal\n".utf8)
        bytes += Array("C3,o,2026-10-01T09:00:00Z,9,".utf8) + [0xC3] + Array(",portal\n".utf8)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("cases.csv").path, contents: Data(bytes))
        let out = dir.appendingPathComponent("out")
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 0, "\(r.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where !name.hasPrefix(".") {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(String(validating: data, as: UTF8.self) != nil, "\(name) is not valid UTF-8")
            #expect(!data.contains(0), "\(name) holds a NUL byte")
        }
    }

    @Test(
        "Configuration errors: exit 2 naming the culprit and its line, nothing written",
        arguments: [
            ("timezone = \"Mars/Olympus\"\n", "slacheck.toml:1: timezone"),
            (
                "[targets.first_response]\n2 = { target = \"2 hours\", clock = \"business\" }\n",
                "slacheck.toml:2: targets.first_response.2.target"
            ),
            ("[calendar]\nholidays = [\"2026-13-01\"]\n", "slacheck.toml:2: calendar.holidays"),
            ("[escalations]\nhigh_priority_wait = \"soon\"\n", "slacheck.toml:2: escalations.high_priority_wait"),
        ])
    func configErrors(text: String, culprit: String) throws {
        let dir = temporaryFolder("cfgerr")
        write(Self.header + "C1,o,2026-10-01T08:00:00Z,2,x,phone\n", "cases.csv", in: dir)
        let config = write(text, "slacheck.toml", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try slacheck(
            "report", "--input", dir.path, "--config", config, "--period", "2026-10", "--out", out.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains(culprit), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("--out that is a file, or a folder that cannot be written: exit 2, nothing written")
    func badOut() throws {
        let dir = temporaryFolder("badout")
        write(Self.header + "C1,o,2026-10-01T08:00:00Z,2,x,phone\n", "cases.csv", in: dir)
        let file = write("not a folder", "out.txt", in: dir)
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", file)
        #expect(r.status == 2)
        #expect(r.stderr.contains("is a file, not a folder"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a folder")
        // A folder that cannot be created, even by root (CI runs as root).
        let impossible = try slacheck(
            "report", "--input", dir.path, "--period", "2026-10", "--out", "/proc/slacheck-out")
        #expect(impossible.status == 2)
        #expect(
            impossible.stderr.contains("--out /proc/slacheck-out: cannot create the folder"), "\(impossible.stderr)")
        guard getuid() != 0 else { return }  // root writes anywhere: the permission case needs a user
        let locked = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        chmod(locked.path, 0o555)
        let ro = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", locked.path)
        #expect(ro.status == 2)
        #expect(ro.stderr.contains("not writable"))
    }

    @Test("Two runs into the same folder at once: both end cleanly and the report is whole")
    func concurrentRuns() throws {
        let dir = temporaryFolder("twin")
        let gen = try slacheck("generate", "--cases", "20000", "--seed", "5", "--out", dir.path)
        try #require(gen.status == 0)
        let out = dir.appendingPathComponent("out")
        let solo = dir.appendingPathComponent("solo")
        try #require(try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", solo.path).status == 0)
        let processes = (0..<2).map { _ -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: slacheckBinary)
            p.arguments = ["report", "--input", dir.path, "--period", "2026-10", "--out", out.path]
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        let statuses = processes.map(\.terminationStatus).sorted()
        // One writes; the other either waited its turn (0) or found the folder locked (4).
        #expect(statuses == [0, 0] || statuses == [0, 4], "\(statuses)")
        for name in try FileManager.default.contentsOfDirectory(atPath: solo.path) where !name.hasPrefix(".") {
            #expect(
                try Data(contentsOf: out.appendingPathComponent(name))
                    == Data(contentsOf: solo.appendingPathComponent(name)), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }.isEmpty)
    }
}

/// SPEC 3.12: per-customer folders named from org ids that try to escape `--out`.
@Suite("Hostile org ids and --per-org")
struct HostileOrganizationTests {
    @Test("Every per-customer file lands in orgs/<safe name>/ under --out, one folder per id")
    func staysInside() throws {
        let dir = temporaryFolder("hostile-orgs")
        let long = String(repeating: "x", count: 300)
        // Each id with the folder name SPEC 3.12 gives it, worked out by hand (the long one's
        // digits: Python's hashlib.sha256(b"x" * 300).hexdigest()[:8]).
        let ids: [(id: String, csv: String, folder: String)] = [
            ("../../etc", "../../etc", "..%2F..%2Fetc"),
            ("a/b", "a/b", "a%2Fb"),
            ("CON", "CON", "CON"),
            (".", ".", "%2E"),
            ("..", "..", "%2E%2E"),
            ("line\nbreak", "\"line\nbreak\"", "line%0Abreak"),
            ("/abs", "/abs", "%2Fabs"),
            ("nul\u{0}id", "nul\u{0}id", "nul%00id"),
            (long, long, String(repeating: "x", count: 91) + "~0d4e2ca9"),
        ]
        var cases = "case_id,org_id,created_at,severity\n"
        for (i, org) in ids.enumerated() {
            cases += "C\(i),\(org.csv),2026-10-0\(i + 1)T10:00:00Z,3\n"
        }
        write(cases, "cases.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        let r = try slacheck("report", "--input", dir.path, "--period", "2026-10", "--out", out.path, "--per-org")
        #expect(r.status == 0, "\(r.stderr)")
        // Nothing was written beside the input folder, the output folder or their parent.
        let parent = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(parent == ["cases.csv", "out"])
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("orgs").path)
        #expect(Set(folders) == Set(ids.map(\.folder)))
        for org in ids {
            let folder = out.appendingPathComponent("orgs").appendingPathComponent(org.folder)
            let json = try jsonObject(
                String(contentsOf: folder.appendingPathComponent("sla-2026-10.json"), encoding: .utf8))
            // Each folder holds the report of its own organization: one case, that org's.
            #expect(value(json, "submissions.cases") as? Int == 1, "\(org.folder)")
            let organizations = value(json, "organizations") as? [[String: Any]]
            #expect(organizations?.map { $0["org_id"] as? String } == [org.id], "\(org.folder)")
        }
        // The walk of the whole output finds only files under out/.
        let all = FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []
        #expect(all.allSatisfy { !$0.contains("..") || $0.hasPrefix("orgs/..%2F") || $0.hasPrefix("orgs/%2E") })
    }
}
