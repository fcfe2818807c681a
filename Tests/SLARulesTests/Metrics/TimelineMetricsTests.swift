import SLATestSupport
import Testing

@testable import SLAConfig
@testable import SLAEngine
@testable import SLAModel
@testable import SLARules
@testable import SLATime

private typealias M = MetricsFixture

/// SPEC section 2: the case timeline. UTC, default calendar; 2026-10-01 is a Thursday.
@Suite("Metrics: case timeline")
struct TimelineMetricsTests {
    @Test("A case reopened after closing is open again; an escalation then is not case-not-active")
    func reopened() throws {
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,priority,closed_at
                RO,o,2026-10-01T09:00:00Z,2,medium,2026-10-03T12:00:00Z
                RE,o,2026-10-01T09:00:00Z,2,medium,
                LATE,o,2026-10-10T09:00:00Z,2,medium,
                """,
            events: """
                case_id,at,type,value,actor
                RO,2026-10-05T09:00:00Z,status,reopened,customer
                RE,2026-10-03T12:00:00Z,status,closed,support
                RE,2026-10-05T09:00:00Z,status,reopened,customer
                """,
            escalations: """
                escalation_id,case_id,requested_at,reason,channel,decision,decided_at,closed_at
                ERO1,RO,2026-10-04T10:00:00Z,business_impact,phone,,,2026-10-04T11:00:00Z
                ERO2,RO,2026-10-06T10:00:00Z,business_impact,phone,,,
                ERE1,RE,2026-10-04T10:00:00Z,business_impact,phone,,,2026-10-04T11:00:00Z
                ERE2,RE,2026-10-06T10:00:00Z,business_impact,phone,,,
                ELATE,LATE,2026-10-09T10:00:00Z,business_impact,phone,,,
                """,
            asOf: "2026-10-31T00:00:00Z")
        // RO: created (open) 10-01 09:00, row closed_at 10-03 12:00, reopened event 10-05 09:00.
        let ro = try f.timeline("RO")
        #expect(ro.status(at: try M.instant("2026-10-02T00:00:00Z")) == .open)
        #expect(ro.status(at: try M.instant("2026-10-04T10:00:00Z")) == .closed)
        #expect(ro.status(at: try M.instant("2026-10-05T09:00:00Z")) == .open)  // `reopened` means `open`
        #expect(ro.status(at: try M.instant("2026-10-06T10:00:00Z")) == .open)
        // RE: the same through status events only.
        let re = try f.timeline("RE")
        #expect(re.status(at: try M.instant("2026-10-04T10:00:00Z")) == .closed)
        #expect(re.status(at: try M.instant("2026-10-06T10:00:00Z")) == .open)

        let broken = f.brokenRules(in: f.october)
        #expect(broken["ERO1"] == ["case-not-active"])  // closed at 10-04 10:00
        #expect(broken["ERO2"] == [])  // open again at 10-06; ERO1 closed at 10-04 11:00
        #expect(broken["ERE1"] == ["case-not-active"])
        #expect(broken["ERE2"] == [])
        // LATE was created 10-10 09:00; at 10-09 10:00 it does not exist yet: no status.
        #expect(try f.timeline("LATE").status(at: try M.instant("2026-10-09T10:00:00Z")) == nil)
        #expect(broken["ELATE"] == ["case-not-active"])
    }

    @Test("Events before the case's created_at and out of time order in the file")
    func eventsOutOfOrder() throws {
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,priority
                EV,o,2026-10-02T09:00:00Z,3,medium
                """,
            events: """
                case_id,at,type,value,actor
                EV,2026-10-06T09:00:00Z,status,resolved,support
                EV,2026-10-04T09:00:00Z,status,waiting_on_customer,support
                EV,2026-10-01T09:00:00Z,status,waiting_on_support,customer
                EV,2026-10-05T09:00:00Z,status,open,customer
                EV,2026-10-01T08:00:00Z,severity,1,support
                EV,2026-10-03T09:00:00Z,severity,2,support
                EV,2026-10-01T08:00:00Z,priority,low,
                """,
            asOf: "2026-10-31T00:00:00Z")
        let t = try f.timeline("EV")
        // Before created_at (10-02 09:00) the case has no status; severity and priority are the row's.
        #expect(t.status(at: try M.instant("2026-10-01T12:00:00Z")) == nil)
        #expect(t.severity(at: try M.instant("2026-10-01T12:00:00Z")) == .s3)
        #expect(t.priority(at: try M.instant("2026-10-01T12:00:00Z")) == .medium)
        // At created_at the row's `open` (10-02 09:00) is later than the 10-01 09:00 event.
        #expect(t.status(at: try M.instant("2026-10-02T09:00:00Z")) == .open)
        #expect(t.status(at: try M.instant("2026-10-03T12:00:00Z")) == .open)
        // The row's severity 3 and priority medium hold at created_at, later than the 10-01 events.
        #expect(t.severity(at: try M.instant("2026-10-02T12:00:00Z")) == .s3)
        #expect(t.priority(at: try M.instant("2026-10-02T12:00:00Z")) == .medium)
        #expect(t.severity(at: try M.instant("2026-10-03T09:00:00Z")) == .s2)  // event at or before t
        // Latest status event at or before t, whatever the file order.
        #expect(t.status(at: try M.instant("2026-10-04T09:00:00Z")) == .waitingOnCustomer)
        #expect(t.status(at: try M.instant("2026-10-05T08:59:59Z")) == .waitingOnCustomer)
        #expect(t.status(at: try M.instant("2026-10-05T12:00:00Z")) == .open)
        #expect(t.status(at: try M.instant("2026-10-06T12:00:00Z")) == .resolved)
        // Last update strictly before 10-05 12:00: the 10-05 09:00 status event.
        #expect(
            t.lastUpdateSource(before: try M.instant("2026-10-05T12:00:00Z")).at
                == (try M.instant("2026-10-05T09:00:00Z")))
        // The response population groups by the severity at creation: the row's 3.
        #expect(try f.response("EV").severity == .s3)
    }

    @Test("Ties: a case_events row beats the row's value; the later file row beats the earlier")
    func ties() throws {
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,priority,closed_at
                TI,o,2026-10-01T09:00:00Z,3,medium,2026-10-05T12:00:00Z
                TJ,o,2026-10-01T09:00:00Z,3,medium,
                """,
            events: """
                case_id,at,type,value,actor
                TI,2026-10-01T09:00:00Z,priority,high,customer
                TI,2026-10-01T09:00:00Z,severity,2,support
                TI,2026-10-01T09:00:00Z,status,waiting_on_customer,support
                TI,2026-10-03T10:00:00Z,status,waiting_on_customer,support
                TI,2026-10-03T10:00:00Z,status,waiting_on_support,customer
                TI,2026-10-05T12:00:00Z,status,open,support
                TJ,2026-10-03T10:00:00Z,status,waiting_on_support,customer
                TJ,2026-10-03T10:00:00Z,status,waiting_on_customer,support
                TJ,2026-10-02T10:00:00Z,severity,2,support
                TJ,2026-10-02T10:00:00Z,severity,1,support
                TJ,2026-10-02T10:00:00Z,priority,low,
                TJ,2026-10-02T10:00:00Z,priority,high,
                """,
            asOf: "2026-10-31T00:00:00Z")
        let ti = try f.timeline("TI")
        let created = try M.instant("2026-10-01T09:00:00Z")
        // At created_at the events at the same instant beat the row's open / 3 / medium.
        #expect(ti.status(at: created) == .waitingOnCustomer)
        #expect(ti.severity(at: created) == .s2)
        #expect(ti.priority(at: created) == .high)
        // So the case counts as severity 2 "at creation" (target 2h business).
        #expect(try f.response("TI").severity == .s2)
        // Two status events at 10-03 10:00: the later in the file (waiting_on_support) wins.
        #expect(ti.status(at: try M.instant("2026-10-03T10:00:00Z")) == .waitingOnSupport)
        // Row closed_at and an `open` event both at 10-05 12:00: the event wins.
        #expect(ti.status(at: try M.instant("2026-10-05T12:00:00Z")) == .open)
        #expect(ti.status(at: try M.instant("2026-10-06T12:00:00Z")) == .open)

        // TJ: the same instants in the other file order: the last row wins every time.
        let tj = try f.timeline("TJ")
        #expect(tj.status(at: try M.instant("2026-10-03T10:00:00Z")) == .waitingOnCustomer)
        #expect(tj.severity(at: try M.instant("2026-10-02T10:00:00Z")) == .s1)
        #expect(tj.priority(at: try M.instant("2026-10-02T10:00:00Z")) == .high)
        // Just before those events, the row's values.
        #expect(tj.severity(at: try M.instant("2026-10-02T09:59:59Z")) == .s3)
        #expect(tj.status(at: try M.instant("2026-10-03T09:59:59Z")) == .open)
    }

    @Test("First response: first_response_at, else the earliest first_response event, else the earliest support update")
    func firstResponseFallbacks() throws {
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,first_response_at
                F1,o,2026-10-01T09:00:00Z,2,2026-10-01T10:00:00Z
                F2,o,2026-10-01T09:00:00Z,2,
                F3,o,2026-10-01T09:00:00Z,2,
                F4,o,2026-10-01T09:00:00Z,2,
                """,
            events: """
                case_id,at,type,value,actor
                F1,2026-10-01T09:30:00Z,first_response,,support
                F1,2026-10-01T09:10:00Z,update,,support
                F2,2026-10-01T09:15:00Z,update,,support
                F2,2026-10-01T09:45:00Z,first_response,,support
                F2,2026-10-01T09:40:00Z,first_response,,support
                F3,2026-10-01T09:05:00Z,update,,customer
                F3,2026-10-01T09:20:00Z,update,,support
                F3,2026-10-01T09:10:00Z,update,,support
                F3,2026-10-01T09:07:00Z,update,,
                F4,2026-10-01T09:05:00Z,update,,customer
                """,
            asOf: "2026-10-31T00:00:00Z")
        // F1: the row's value wins even though events are earlier. 09:00 -> 10:00 = 3600 s.
        #expect(try f.timeline("F1").firstResponse == (try M.instant("2026-10-01T10:00:00Z")))
        #expect(try f.response("F1").responseMillis == 3_600_000)
        // F2: the earliest first_response event (09:40, listed last), not the earlier support update.
        #expect(try f.timeline("F2").firstResponse == (try M.instant("2026-10-01T09:40:00Z")))
        #expect(try f.response("F2").responseMillis == 2_400_000)  // 40 min
        // F3: the earliest update by support (09:10); customer and actor-less updates do not count.
        #expect(try f.timeline("F3").firstResponse == (try M.instant("2026-10-01T09:10:00Z")))
        #expect(try f.response("F3").responseMillis == 600_000)  // 10 min
        // F4: only a customer update: no response; as-of long past the 11:00 deadline -> breached.
        #expect(try f.timeline("F4").firstResponse == nil)
        #expect(try f.response("F4").verdict == .breached)
    }

    @Test("Anything stamped after as-of has not happened yet")
    func afterAsOf() throws {
        // As-of Thu 2026-10-01 10:30Z.
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity,first_response_at,assigned_at,platform_incident,service_restored_at
                A1,o,2026-10-01T10:00:00Z,2,2026-10-01T11:00:00Z,,,
                A2,o,2026-10-01T10:00:00Z,2,2026-10-01T11:00:00Z,,,
                A3,o,2026-10-01T10:00:00Z,2,,2026-10-01T10:35:00Z,,
                A4,o,2026-10-01T10:00:00Z,1,,,true,2026-10-01T10:45:00Z
                A5,o,2026-10-01T11:00:00Z,2,,,,
                """,
            events: """
                case_id,at,type,value,actor
                A2,2026-10-01T10:20:00Z,update,,support
                A3,2026-10-01T10:45:00Z,first_response,,support
                A3,2026-10-01T10:40:00Z,assigned,,system
                """,
            asOf: "2026-10-01T10:30:00Z")
        let asOf = try M.instant("2026-10-01T10:30:00Z")
        // A1: first_response_at 11:00 is after as-of: no response yet; 30 business min < 2 h -> pending.
        #expect(try f.timeline("A1").firstResponse == nil)
        #expect(try f.response("A1").verdict == .pending)
        // A2: first_response_at not yet happened, so the fallback applies: the support update at 10:20;
        // 20 min = 1200 s -> met.
        #expect(try f.timeline("A2").firstResponse == (try M.instant("2026-10-01T10:20:00Z")))
        #expect(try f.response("A2").responseMillis == 1_200_000)
        #expect(try f.response("A2").verdict == .met)
        // A3: the first_response event (10:45) and both assignments (10:35, 10:40) are after as-of.
        #expect(try f.timeline("A3").firstResponse == nil)
        #expect(try f.timeline("A3").assignment(at: asOf) == nil)
        // A4: restored at 10:45, after as-of: not (yet) in the RCA population; its response is pending
        // (24x7, 30 min < 1 h).
        #expect(try f.rca("A4") == nil)
        #expect(try f.response("A4").verdict == .pending)
        // A5 is created after as-of: not in the response population.
        let r = f.run(f.october).tallies.response
        #expect(r[0].cases == 1)  // A4
        #expect(r[1].cases == 3)  // A1 A2 A3
        #expect(r[1].pending == 2)  // A1 A3
        #expect(r[1].met == 1)  // A2
    }

    @Test("Without --as-of, as-of is the latest instant found in any input")
    func defaultAsOf() throws {
        let f = try M(
            cases: """
                case_id,org_id,created_at,severity
                D1,o,2026-10-01T09:00:00Z,2
                """,
            events: """
                case_id,at,type,value,actor
                D1,2026-10-03T12:00:00Z,update,,customer
                """,
            escalations: """
                escalation_id,case_id,requested_at,closed_at
                X1,D1,2026-10-02T09:00:00Z,2026-10-04T08:00:00Z
                """)
        // Latest of 10-01 09:00 (case), 10-03 12:00 (event), 10-02 09:00 and 10-04 08:00 (escalation).
        #expect(f.context.asOf == (try M.instant("2026-10-04T08:00:00Z")))
    }

    @Test("The status changes walk gives what the status at each instant where it may change gives")
    func statusChangesAgreeWithPointQueries() throws {
        // A small linear congruential generator: the same cases every run.
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        func at(_ hour: Int) -> String {
            "2026-10-\(String(format: "%02d", 1 + hour / 24))T\(String(format: "%02d", hour % 24)):00:00Z"
        }
        let values = ["open", "waiting_on_customer", "waiting_on_support", "resolved", "closed", "reopened"]
        var cases = "case_id,org_id,created_at,severity,priority,resolved_at,closed_at\n"
        var events = "case_id,at,type,value,actor\n"
        for c in 0..<300 {
            let created = next(20)
            // Row instants at or after creation (some at it, some past as-of), or none.
            let resolved = next(3) == 0 ? "" : at(created + next(40))
            let closed = next(3) == 0 ? "" : at(created + next(40))
            cases += "C\(c),o,\(at(created)),2,medium,\(resolved),\(closed)\n"
            for _ in 0..<next(6) {
                // Some before creation, some at the same instant as another entry.
                events += "C\(c),\(at(max(0, created - 3 + next(40)))),status,\(values[next(values.count)]),support\n"
            }
        }
        let f = try M(cases: cases, events: events, asOf: "2026-10-02T12:00:00Z")
        var compared = 0
        for c in 0..<300 {
            let t = try f.timeline("C\(c)")
            let created = t.record.createdAt
            // Independently: every instant where the status may change, in order, each asked.
            var instants = [created]
            for row in [t.record.resolvedAt, t.record.closedAt] {
                if let x = row, x > created, x <= f.context.asOf { instants.append(x) }
            }
            for i in t.events.indices where t.events[i].type == .status && t.events[i].at > created {
                instants.append(t.events[i].at)
            }
            var expected: [(Instant, CaseStatus)] = []
            for x in Set(instants).sorted() {
                let status = t.status(at: x)
                #expect(status != nil)
                if let status, expected.last?.1 != status { expected.append((x, status)) }
            }
            let got = t.statusChanges()
            #expect(got.map(\.at) == expected.map(\.0), "C\(c)")
            #expect(got.map(\.status) == expected.map(\.1), "C\(c)")
            if expected.count > 2 { compared += 1 }
        }
        // The set must exercise cases with several changes.
        #expect(compared > 50)
    }
}
