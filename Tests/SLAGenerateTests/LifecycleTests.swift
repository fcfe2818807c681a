import Foundation
import SLATime
import Testing

@testable import SLAGenerate

/// What case_events.csv and cases.csv say of each case's lifecycle, read independently.
private struct Lifecycles {
    /// Status values and support touches (first_response events, support updates) per case, in
    /// time order (ties in file order).
    struct History {
        var statuses: [(at: Int64, value: String)] = []
        var supportTouches: [Int64] = []
    }

    let cases: [String: [String: String]]
    let histories: [String: History]
    let latestEvent: Int64

    init(_ g: GeneratedExports) throws {
        let caseTable = try g.table("cases.csv")
        var cases: [String: [String: String]] = [:]
        for row in caseTable.rows { cases[row[0]] = Dictionary(uniqueKeysWithValues: zip(caseTable.header, row)) }
        self.cases = cases
        let events = try g.table("case_events.csv")
        var timed: [(at: Int64, order: Int, row: [String])] = []
        for (i, row) in events.rows.enumerated() {
            if let at = parseTestTimestamp(row[1]) { timed.append((at, i, row)) }
        }
        timed.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        var histories: [String: History] = [:]
        for (at, _, row) in timed {
            switch (row[2], row[4]) {
            case ("status", _): histories[row[0], default: History()].statuses.append((at, row[3]))
            case ("first_response", _), ("update", "support"):
                histories[row[0], default: History()].supportTouches.append(at)
            default: break
            }
        }
        self.histories = histories
        latestEvent = timed.last?.at ?? 0
    }

    func time(_ id: String, _ column: String) -> Int64? { parseTestTimestamp(cases[id]?[column] ?? "") }

    /// Cases whose history passes `keep`.
    func count(_ keep: (String, History) -> Bool) -> Int { histories.filter { keep($0.key, $0.value) }.count }
}

/// Whether `values` holds `pattern` in order (not necessarily adjacent).
private func follows(_ values: [String], _ pattern: [String]) -> Bool {
    var next = 0
    for v in values where next < pattern.count && v == pattern[next] { next += 1 }
    return next == pattern.count
}

@Suite struct LifecycleTests {
    /// October and November 2026 in New York, whose clocks go back on 2026-11-01 at 06:00 UTC.
    static let options = GeneratorOptions(
        cases: 10_000, seed: 5, from: CivilDate(year: 2026, month: 11, day: 1),
        to: CivilDate(year: 2026, month: 12, day: 1), months: 2, timeZone: "America/New_York", lifecycle: true)

    @Test func theSameSeedGivesTheSameLifecycles() throws {
        let options = GeneratorOptions(
            cases: 2000, seed: 9, timeZone: "Europe/Berlin", messy: true, zones: 3, exclusions: 20, lifecycle: true)
        let a = try GeneratedExports(options)
        let b = try GeneratedExports(options)
        defer {
            for g in [a, b] { g.cleanUp() }
        }
        for name in exportFileNames + ["organizations.csv", "exclusions.csv", "slacheck.toml"] {
            #expect(try a.data(name) == b.data(name), "\(name)")
        }
        #expect(a.summary.lifecycle == b.summary.lifecycle)
    }

    @Test func theFlagChangesTheHistoriesNotTheCreations() throws {
        let on = try GeneratedExports(
            GeneratorOptions(cases: 2000, seed: 9, timeZone: "Europe/Berlin", lifecycle: true))
        let off = try GeneratedExports(GeneratorOptions(cases: 2000, seed: 9, timeZone: "Europe/Berlin"))
        defer {
            for g in [on, off] { g.cleanUp() }
        }
        #expect(try on.data("case_events.csv") != off.data("case_events.csv"))
        #expect(off.summary.lifecycle.isEmpty)
        // The same cases, created at the same instants (the daily schedule draws on its own).
        let (x, y) = (try on.table("cases.csv"), try off.table("cases.csv"))
        #expect(x.values("case_id") == y.values("case_id"))
        #expect(x.values("created_at") == y.values("created_at"))
    }

    @Test func theScenariosAreThereInTheirShares() throws {
        let g = try GeneratedExports(LifecycleTests.options)
        defer { g.cleanUp() }
        let life = try Lifecycles(g)
        let summary = g.summary.lifecycle
        #expect(
            Set(summary.keys) == [
                "multiple-waits", "reopened-and-resolved", "resolved-then-closed", "reopened-still-open",
                "long-update-gaps", "dst-incident",
            ])
        // Shares of the eligible cases (about 97% of all): 4, 2, 2, 1 and 3%. A scenario whose
        // defining instant falls after the export is not counted, hence the lower bounds' slack.
        let n = 10_000.0
        let shares = [
            "multiple-waits": 0.04, "reopened-and-resolved": 0.02, "resolved-then-closed": 0.02,
            "reopened-still-open": 0.01, "long-update-gaps": 0.03,
        ]
        for (label, share) in shares {
            let count = Double(summary[label] ?? 0)
            #expect(count >= share * n * 0.6 && count <= share * n * 1.3, "\(label): \(count)")
        }

        // Paused by the customer two or three times before the resolution. The simulation
        // without a scenario writes at most one waiting_on_customer per case, so the files
        // hold exactly the scenario's cases.
        var waitedTwice = 0
        for (_, history) in life.histories {
            let values = history.statuses.map(\.value)
            let waits = values.filter { $0 == "waiting_on_customer" }.count
            guard waits >= 2 else { continue }
            waitedTwice += 1
            #expect(waits <= 3)
            // Each wait ends (waiting_on_support) before the next one starts; the resolution
            // comes after the last reply.
            let pauses = values.filter { $0 == "waiting_on_customer" || $0 == "waiting_on_support" }
            #expect(
                pauses.enumerated().allSatisfy {
                    $0.element == ($0.offset % 2 == 0 ? "waiting_on_customer" : "waiting_on_support")
                })
            if let resolved = values.lastIndex(of: "resolved"), let lastPause = values.lastIndex(of: pauses.last ?? "")
            {
                #expect(resolved > lastPause)
            }
        }
        #expect(waitedTwice == summary["multiple-waits"])

        // Resolved, reopened, resolved again: the scenario's, and a few of the simulation's own.
        let reresolved = life.count { _, h in follows(h.statuses.map(\.value), ["resolved", "reopened", "resolved"]) }
        #expect(reresolved >= summary["reopened-and-resolved"] ?? 0 && (summary["reopened-and-resolved"] ?? 0) > 0)

        // Resolved then closed, both as events.
        let closed = life.count { _, h in follows(h.statuses.map(\.value), ["resolved", "closed"]) }
        #expect(closed >= summary["resolved-then-closed"] ?? 0 && (summary["resolved-then-closed"] ?? 0) > 0)

        // Reopened and still open at the export: the last status is the reopening, the row is
        // not closed and names no resolution after it.
        let stillOpen = life.count { id, h in
            guard let last = h.statuses.last, last.value == "reopened" else { return false }
            return life.time(id, "closed_at") == nil && (life.time(id, "resolved_at") ?? Int64.min) < last.at
        }
        #expect(stillOpen >= summary["reopened-still-open"] ?? 0 && (summary["reopened-still-open"] ?? 0) > 0)
        // Half of those rows keep the first resolution's time, half leave it empty.
        let keptResolution = life.count { id, h in
            guard let last = h.statuses.last, last.value == "reopened" else { return false }
            return life.time(id, "closed_at") == nil && (life.time(id, "resolved_at") ?? Int64.max) < last.at
        }
        #expect(keptResolution > 0 && keptResolution < stillOpen)

        // Nothing after the export (local midnight of 2026-12-01 in New York: 05:00 UTC).
        #expect(life.latestEvent < midnightUTC(2026, 12, 1) + 5 * 3600)
    }

    @Test func longGapsBetweenSupportUpdatesSpanWeekends() throws {
        let g = try GeneratedExports(LifecycleTests.options)
        defer { g.cleanUp() }
        let life = try Lifecycles(g)
        let zone = try #require(TimeZoneRules(identifier: "America/New_York"))
        func local(_ t: Int64) -> LocalDateTime { zone.localDateTime(of: Instant(seconds: t)) }
        // A support touch on a Friday afternoon (14:00-17:00 local) whose next touch is on the
        // Monday after, in the morning (09:00-12:00).
        var acrossWeekend = 0
        var longest: Int64 = 0
        for (id, history) in life.histories {
            let touches = (history.supportTouches + [life.time(id, "first_response_at")].compactMap { $0 }).sorted()
            var found = false
            for (a, b) in zip(touches, touches.dropFirst()) {
                longest = max(longest, b - a)
                let (x, y) = (local(a), local(b))
                if x.date.isoWeekday == 5 && (14 * 3600..<17 * 3600).contains(x.secondOfDay)
                    && y.date == x.date.adding(days: 3) && (9 * 3600..<12 * 3600).contains(y.secondOfDay)
                {
                    found = true
                }
            }
            if found { acrossWeekend += 1 }
        }
        #expect(acrossWeekend >= g.summary.lifecycle["long-update-gaps"] ?? 0)
        #expect((g.summary.lifecycle["long-update-gaps"] ?? 0) > 100)
        // Friday 14:00 to Monday 12:00 is 70 hours at most, Friday 17:00 to Monday 09:00 64 at
        // least; a later gap of the scenario runs 2 to 4 days.
        #expect(longest >= 64 * 3600)
    }

    @Test func incidentsAreRestoredAcrossTheDaylightSavingChange() throws {
        // New York falls back at 2026-11-01 06:00 UTC; Berlin at 2026-10-25 01:00 UTC; UTC never.
        let changes: [(String, Int64?)] = [
            ("America/New_York", midnightUTC(2026, 11, 1) + 6 * 3600),
            ("Europe/Berlin", midnightUTC(2026, 10, 25) + 3600), ("UTC", nil),
        ]
        for (zone, change) in changes {
            var options = LifecycleTests.options
            options.cases = 3000
            options.timeZone = zone
            let g = try GeneratedExports(options)
            defer { g.cleanUp() }
            let life = try Lifecycles(g)
            #expect(g.summary.lifecycle["dst-incident"] == (change == nil ? 0 : 2), "\(zone)")
            guard let change else { continue }
            let events = try g.table("case_events.csv")
            var restoredByEvent: [String: Int64] = [:]
            for row in events.rows where row[2] == "service_restored" {
                if let at = parseTestTimestamp(row[1]) {
                    restoredByEvent[row[0]] = min(restoredByEvent[row[0]] ?? at, at)
                }
            }
            // Platform incidents of severity 1, created in the 12 hours before the change and
            // restored within 6 hours after it.
            let across = life.cases.filter { id, k in
                guard k["platform_incident"] == "true", let created = life.time(id, "created_at"),
                    let restored = life.time(id, "service_restored_at") ?? restoredByEvent[id]
                else { return false }
                return created < change && created >= change - 12 * 3600 && restored > change
                    && restored <= change + 6 * 3600
            }
            #expect(across.count >= 2, "\(zone)")
            #expect(across.values.allSatisfy { $0["severity"] == "1" }, "\(zone)")
        }
    }

    @Test func theDrawsAreTheDocumentedShares() {
        // One uniform draw per case: scenario i takes [sum of the shares before it, + its share).
        #expect(abs(LifecycleScenario.allCases.map(\.share).reduce(0, +) - 0.12) < 1e-9)
        var rng = Xoshiro256(seed: 77)
        var counts: [LifecycleScenario?: Int] = [:]
        for _ in 0..<100_000 { counts[LifecycleScenario.draw(&rng), default: 0] += 1 }
        for scenario in LifecycleScenario.allCases {
            let share = Double(counts[scenario] ?? 0) / 100_000
            #expect(abs(share - scenario.share) < 0.003, "\(scenario)")
        }
        #expect(abs(Double(counts[nil] ?? 0) / 100_000 - 0.88) < 0.005)
    }

    @Test func offsetChangesAreFoundToTheSecond() throws {
        let newYork = try #require(TimeZoneRules(identifier: "America/New_York"))
        // 2026: clocks go forward on 8 March at 07:00 UTC and back on 1 November at 06:00 UTC.
        let changes = newYork.offsetChanges(from: midnightUTC(2026, 1, 1), to: midnightUTC(2027, 1, 1))
        #expect(changes == [midnightUTC(2026, 3, 8) + 7 * 3600, midnightUTC(2026, 11, 1) + 6 * 3600])
        #expect(TimeZoneRules.utc.offsetChanges(from: midnightUTC(2026, 1, 1), to: midnightUTC(2027, 1, 1)).isEmpty)
    }
}
