/// The customers' clocks and contracts of SPEC v2 (`--zones K`, K > 0): each organization's
/// time zone, calendar and contract tier as organizations.csv lists them, the rows `messy`
/// breaks and the organizations it leaves out.
///
/// Drawn from the seed alone, apart from the cases (the three export files are the same
/// whatever K), per organization of the pool:
/// - tier: 20% `premium`, 40% `standard`, 40% none (an empty field);
/// - calendar: 30% name one of their own, `emea`, `apac`, `us` or `weekend` equally often
///   (7.5% each); the others have none and use `[calendar]` (or, for `premium`, the tier's
///   `emea`);
/// - time zone: half of the organizations whose own calendar has a time zone among the K
///   zones (`emea` Europe/Berlin from K = 3, `apac` Australia/Sydney from K = 9, `us`
///   America/New_York from K = 13) leave it empty, so the calendar's zone applies. Every other
///   organization gets one of the first K of `zoneNames`, dealt round-robin over a seeded
///   shuffle of these organizations and of the K zones: each zone goes to ⌊m/K⌋ or ⌈m/K⌉ of
///   these m organizations. So the clocks of the accepted rows use exactly the K zones once
///   m ≥ K (and m of them when fewer), never another.
///
/// With `messy` and at least `messyMinimum` organizations, exactly `OrganizationQuirk.count`
/// of each quirk: 2 rows with an unknown time zone, 2 with an unknown calendar, 2 with an
/// unknown tier (those six among the smaller half of the pool), 2 extra rows repeating an
/// org_id, and 3 organizations left out (fewer only when fewer than 3 organizations have cases).
struct CustomerBase {
    /// The time zones `--zones K` takes the first K of: spread around the world, with half-hour
    /// and quarter-hour offsets, both hemispheres' daylight saving time and zones without it.
    static let zoneNames = [
        "UTC", "Europe/London", "Europe/Berlin", "Europe/Helsinki", "Asia/Kolkata", "Asia/Kathmandu",
        "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland",
        "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
        "America/St_Johns", "Pacific/Honolulu", "Africa/Johannesburg", "Asia/Dubai",
    ]

    /// The named calendars of the written configuration, with their own time zones (`weekend`
    /// has none: the top-level `timezone` is its zone).
    static let calendars: [(name: String, timeZone: String?)] = [
        ("emea", "Europe/Berlin"), ("apac", "Australia/Sydney"), ("us", "America/New_York"), ("weekend", nil),
    ]

    /// The contract tiers of the written configuration.
    static let tiers = ["premium", "standard"]

    /// The fewest organizations `messy` breaks rows of: with fewer, it leaves organizations.csv
    /// whole (there would be few good rows left).
    static let messyMinimum = 20

    /// One organizations.csv row: the pool's organization and its fields (empty: no value).
    struct Row: Equatable {
        var org: Int
        var timeZone: String
        var calendar: String
        var tier: String
    }

    /// The rows in the order written: the pool's organizations in order (largest first), without
    /// those left out, then the duplicates.
    private(set) var rows: [Row] = []
    /// The organizations left out of the file, ascending.
    private(set) var leftOut: [Int] = []
    /// How many of each quirk were applied.
    private(set) var quirks: [OrganizationQuirk: Int] = [:]

    /// The customer base of `organizationCount` organizations with `zones` (1...20) time zones;
    /// `casesPerOrganization` (one count per organization) chooses whom `messy` leaves out.
    init(organizationCount count: Int, zones: Int, casesPerOrganization: [Int], seed: UInt64, messy: Bool) {
        let zoneNames = Array(CustomerBase.zoneNames.prefix(max(1, zones)))

        var rng = Xoshiro256(seed: seed, stream: 5)
        var tiers: [String] = []
        var calendars: [String] = []
        var calendarZoneOnly: [Bool] = []
        for _ in 0..<count {
            let u = rng.unit()
            tiers.append(u < 0.2 ? "premium" : u < 0.6 ? "standard" : "")
            let hasCalendar = rng.chance(0.3)
            let calendar = rng.element(CustomerBase.calendars)
            let emptyZone = rng.chance(0.5)
            calendars.append(hasCalendar ? calendar.name : "")
            let zoneAmongK = calendar.timeZone.map { zoneNames.contains($0) } ?? false
            calendarZoneOnly.append(hasCalendar && emptyZone && zoneAmongK)
        }

        var broken: [Int: (quirk: OrganizationQuirk, variant: Int)] = [:]
        var duplicated: [Int] = []
        if messy && count >= CustomerBase.messyMinimum {
            var messyRng = Xoshiro256(seed: seed, stream: 6)
            var order = Array(0..<count)
            messyRng.shuffle(&order)
            var tieRank = [Int](repeating: 0, count: count)
            for (position, org) in order.enumerated() { tieRank[org] = position }
            let withCases = (0..<count).filter { $0 < casesPerOrganization.count && casesPerOrganization[$0] > 0 }
            let smallest = withCases.sorted {
                (casesPerOrganization[$0], tieRank[$0]) < (casesPerOrganization[$1], tieRank[$1])
            }
            leftOut = smallest.prefix(OrganizationQuirk.leftOut.count).sorted()

            var candidates = (count / 2..<count).filter { !leftOut.contains($0) }
            messyRng.shuffle(&candidates)
            var next = 0
            for quirk in [OrganizationQuirk.unknownTimeZone, .unknownCalendar, .unknownTier] {
                for variant in 0..<quirk.count {
                    broken[candidates[next]] = (quirk, variant)
                    next += 1
                }
            }
            var good = (0..<count).filter { broken[$0] == nil && !leftOut.contains($0) }
            messyRng.shuffle(&good)
            duplicated = Array(good.prefix(OrganizationQuirk.duplicateID.count))
        }

        // The time zones, dealt round-robin over shuffled organizations and zones.
        var zoneRng = Xoshiro256(seed: seed, stream: 7)
        let skipped = Set(leftOut)
        var own = (0..<count).filter { broken[$0] == nil && !skipped.contains($0) && !calendarZoneOnly[$0] }
        zoneRng.shuffle(&own)
        var zoneOrder = Array(zoneNames.indices)
        zoneRng.shuffle(&zoneOrder)
        var timeZones = [String](repeating: "", count: count)
        for (j, org) in own.enumerated() { timeZones[org] = zoneNames[zoneOrder[j % zoneOrder.count]] }

        for org in 0..<count where !skipped.contains(org) {
            var row = Row(org: org, timeZone: timeZones[org], calendar: calendars[org], tier: tiers[org])
            if let planned = broken[org] {
                // One wrong value per row; its other fields are good (a zone among the K).
                let quirk = planned.quirk
                let bad = quirk.badValues.isEmpty ? "" : quirk.badValues[planned.variant]
                row.timeZone = quirk == .unknownTimeZone ? bad : zoneRng.element(zoneNames)
                if quirk == .unknownCalendar { row.calendar = bad }
                if quirk == .unknownTier { row.tier = bad }
                quirks[quirk, default: 0] += 1
            }
            rows.append(row)
        }
        let rowOf = Dictionary(uniqueKeysWithValues: rows.map { ($0.org, $0) })
        for org in duplicated {
            // The same customer listed again, on another contract: the later row is the duplicate.
            guard var row = rowOf[org] else { continue }
            row.tier = row.tier == "premium" ? "standard" : "premium"
            rows.append(row)
            quirks[.duplicateID, default: 0] += 1
        }
        if !leftOut.isEmpty { quirks[.leftOut] = leftOut.count }
    }
}

/// What `messy` does to organizations.csv (see `CustomerBase`): `count` of each, when the pool
/// holds at least `CustomerBase.messyMinimum` organizations.
enum OrganizationQuirk: CaseIterable {
    /// A row whose timezone is no IANA name (`badValues`): rejected as `bad-value`.
    case unknownTimeZone
    /// A row naming a calendar the configuration does not define: rejected as `bad-value`.
    case unknownCalendar
    /// A row naming a tier the configuration does not define: rejected as `bad-value`.
    case unknownTier
    /// An extra row at the end repeating an earlier row's org_id (with another tier): the
    /// later row is rejected as `duplicate-id`.
    case duplicateID
    /// An organization with cases but no row, one of those with the fewest cases: its cases
    /// are `unknown-organization`.
    case leftOut

    /// How many of this quirk a messy organizations.csv holds.
    var count: Int { self == .leftOut ? 3 : 2 }

    /// The wrong values written, one per variant (empty for the quirks that write none).
    var badValues: [String] {
        switch self {
        case .unknownTimeZone: return ["Mars/Olympus", "Europe/Munich"]
        case .unknownCalendar: return ["latam", "emea-2025"]
        case .unknownTier: return ["gold", "enterprise"]
        case .duplicateID, .leftOut: return []
        }
    }

    /// `organizations.csv: finding`, as in the summary (`left-out` counts organizations).
    var label: String {
        switch self {
        case .unknownTimeZone, .unknownCalendar, .unknownTier: return "organizations.csv: bad-value"
        case .duplicateID: return "organizations.csv: duplicate-id"
        case .leftOut: return "organizations.csv: left-out"
        }
    }
}
