import Foundation
import Testing

/// `validate` and `report` with an event-log profile that does not fit its log: the profile checks
/// are listed, `--strict` fails on them (exit 3, nothing written), and profile mistakes are
/// configuration errors naming the file, line and key (exit 2).
@Suite("Event-log profile checks on the command line", .serialized)
struct ProfileChecksCLITests {
    static let profile = """
        timezone = "UTC"
        [event_log]
        case_id = "number"
        timestamp = "updated"
        activity = "state"
        [event_log.attributes]
        severity = "priority"
        channel = "contact"
        [event_log.values.severity]
        "1 - Critical" = 1
        "4 - Low" = 4
        "5 - Planning" = 4
        [event_log.unknown_values]
        channel = "blank"
        [event_log.activities]
        first_response = ["In Progres"]
        [event_log.status]
        "Closed" = "closed"
        """

    static let log = """
        number,updated,state,priority,contact
        INC1,2026-10-05T09:00:00Z,New,1 - Critical,Phone
        INC1,2026-10-05T09:10:00Z,In Progress,1 - Critical,Walk-in
        INC1,2026-10-05T12:00:00Z,Closed,1 - Critical,Phone
        INC2,2026-10-06T09:00:00Z,New,4 - Low,Email
        INC2,2026-10-06T10:00:00Z,In Progress,4 - Low,Email

        """

    @Test("validate lists what does not fit; exits 0, or 3 with --strict")
    func validateLists() throws {
        let dir = temporaryFolder("checks")
        let config = write(Self.profile, "p.toml", in: dir)
        let log = write(Self.log, "log.csv", in: dir)
        let plain = try slacheck("validate", "--event-log", log, "--config", config)
        #expect(plain.status == 0, "\(plain.stderr)")
        for line in [
            "unknown-value: 1 value not ours was blanked or read as the profile's default",
            "  activity seen but not mapped: \"In Progress\" (2 rows)",
            "  activity seen but not mapped: \"New\" (2 rows)",
            "  value seen but not mapped: channel \"Walk-in\" in column \"contact\" (1 row): "
                + "not a channel (phone/portal/email/chat/web): blanked [unknown-value]",
            "  \(config):12: event_log.values.severity.\"5 - Planning\": \"5 - Planning\" never occurs in the severity column",
            "  \(config):16: event_log.activities.first_response: \"In Progres\" matches no activity of the log",
            "profile: 2 activities and 1 value not mapped, 2 names of the profile never seen (--strict fails on these)",
            "ok: every row was accepted",
        ] {
            #expect(plain.stdout.contains(line + "\n"), "missing: \(line)\n\(plain.stdout)")
        }
        let strict = try slacheck("validate", "--event-log", log, "--config", config, "--strict")
        #expect(strict.status == 3)
        #expect(strict.stdout == plain.stdout)
    }

    @Test("report --strict writes nothing when the profile does not fit; without it the report is written")
    func reportStrict() throws {
        let dir = temporaryFolder("checks-report")
        let config = write(Self.profile, "p.toml", in: dir)
        let log = write(Self.log, "log.csv", in: dir)
        let out = dir.appendingPathComponent("out")
        let strict = try slacheck(
            "report", "--event-log", log, "--config", config, "--period", "2026-10", "--out", out.path, "--strict")
        #expect(strict.status == 3)
        #expect(strict.stderr.contains("activity seen but not mapped: \"New\" (2 rows)"), "\(strict.stderr)")
        #expect(strict.stderr.contains("--strict: the profile does not fit the log (run validate); nothing written"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(!written.contains { $0.hasPrefix("sla-") }, "\(written)")
        let plain = try slacheck(
            "report", "--event-log", log, "--config", config, "--period", "2026-10", "--out", out.path)
        #expect(plain.status == 0, "\(plain.stderr)")
        let json = try jsonObject(String(contentsOf: out.appendingPathComponent("sla-2026-10.json"), encoding: .utf8))
        #expect((value(json, "data_quality.findings.unknown-value") as? NSNumber)?.intValue == 1)
        // A profile that fits passes --strict.
        let fitting =
            Self.profile.replacingOccurrences(of: "\"5 - Planning\" = 4\n", with: "")
            .replacingOccurrences(of: "[\"In Progres\"]", with: "[\"In Progress\"]")
            .replacingOccurrences(of: "\"Closed\" = \"closed\"", with: "\"Closed\" = \"closed\"\n\"New\" = \"new\"")
            .replacingOccurrences(of: "channel = \"blank\"", with: "channel = \"reject\"")
        let fitConfig = write(
            fitting
                + "\n[event_log.values.channel]\n\"Walk-in\" = \"\"\n\"Phone\" = \"phone\"\n\"Email\" = \"email\"\n",
            "fit.toml", in: dir)
        let fit = try slacheck(
            "report", "--event-log", log, "--config", fitConfig, "--period", "2026-10", "--out", out.path, "--strict")
        #expect(fit.status == 0, "\(fit.stderr)")
        let clean = try slacheck("validate", "--event-log", log, "--config", fitConfig, "--strict")
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("profile: every activity and value seen is mapped"), "\(clean.stdout)")
    }

    @Test("Profile mistakes are configuration errors with file, line and key (exit 2, nothing written)")
    func configurationErrors() throws {
        let dir = temporaryFolder("checks-errors")
        let log = write(Self.log, "log.csv", in: dir)
        let cases: [(String, String)] = [
            (
                Self.profile.replacingOccurrences(of: "\"4 - Low\" = 4", with: "\"4*\" = 4"),
                "p.toml:11: event_log.values.severity.\"4*\": a * pattern in a value map"
            ),
            (
                Self.profile.replacingOccurrences(
                    of: "activity = \"state\"", with: "activity = \"state\"\nrows = \"log\""),
                "p.toml:6: event_log.rows: \"log\" is not a kind of export"
            ),
            (
                Self.profile + "\n[event_log.instants]\nopened = \"opened_at\"\n",
                "p.toml:20: event_log.instants.opened: unknown key"
            ),
        ]
        for (text, message) in cases {
            let config = write(text, "p.toml", in: dir)
            let r = try slacheck("validate", "--event-log", log, "--config", config)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains(dir.appendingPathComponent(message).path), "\(r.stderr)")
        }
        // A column the profile names that the log lacks: exit 3, naming the key.
        let config = write(Self.profile + "\n[event_log.changes]\nassigned = \"assigned_to\"\n", "p.toml", in: dir)
        let r = try slacheck("validate", "--event-log", log, "--config", config)
        #expect(r.status == 3)
        #expect(r.stderr.contains("log.csv:1: missing column \"assigned_to\" (named by event_log.changes.assigned)"))
    }
}
