/// A calendar date with no time zone (proleptic Gregorian), such as a holiday or a period bound.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int  // 1...12
    public var day: Int  // 1...31

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    ///
    /// Neri and Schneider's algorithm ("Euclidean affine functions and their application to
    /// calendar algorithms", 2022): with the years moved forward by `shiftYears`, every
    /// division is of an unsigned 32-bit number by a constant, which compiles to a multiply.
    /// Dates outside its range (before year -32,000 or far beyond 10,000), or with a month or
    /// day out of range, take Howard Hinnant's `days_from_civil` instead.
    public var daysSinceEpoch: Int {
        guard month >= 1, month <= 12, day >= 1, day <= 31, year > -CivilDate.shiftYears,
            year < 1_000_000
        else { return CivilDate.daysFromCivil(year, month, day) }
        let march: UInt32 = month <= 2 ? 1 : 0  // January and February end the year before
        let y = UInt32(year + CivilDate.shiftYears) - march
        let m = UInt32(month) + 12 * march
        let century = y / 100
        let yearDays = 1461 * y / 4 - century + century / 4
        let monthDays = (979 * m - 2919) / 32
        return Int(yearDays + monthDays + UInt32(day) - 1) - CivilDate.shiftDays
    }

    /// The date `days` days after 1970-01-01: Neri and Schneider's algorithm (see
    /// `daysSinceEpoch`), or Howard Hinnant's `civil_from_days` outside its range.
    public init(daysSinceEpoch days: Int) {
        guard days > -CivilDate.shiftDays, days < 300_000_000 else {
            self = CivilDate.civilFromDays(days)
            return
        }
        let n = UInt32(days + CivilDate.shiftDays)
        let n1 = 4 * n + 3
        let century = n1 / 146_097
        let dayOfCentury = n1 % 146_097 / 4
        let n2 = 4 * dayOfCentury + 3
        let p2 = UInt64(2_939_745) * UInt64(n2)
        let yearOfCentury = UInt32(truncatingIfNeeded: p2 >> 32)
        let dayOfYear = UInt32(truncatingIfNeeded: p2) / 2_939_745 / 4  // from March 1
        let n3 = 2141 * dayOfYear + 197_913
        let month = n3 >> 16
        let day = (n3 & 0xFFFF) / 2141 + 1
        let january: UInt32 = dayOfYear >= 306 ? 1 : 0
        self.init(
            year: Int(100 * century + yearOfCentury + january) - CivilDate.shiftYears,
            month: Int(month - 12 * january), day: Int(day))
    }

    /// Years added before the fast conversions, so that all their numbers are positive.
    static let shiftYears = 400 * 82
    /// Days from 0000-03-01 to 1970-01-01, plus the shift's 82 cycles of 146,097 days.
    static let shiftDays = 719_468 + 146_097 * 82

    /// Howard Hinnant's `days_from_civil`, for any year, month and day.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's `civil_from_days`, for any number of days.
    static func civilFromDays(_ days: Int) -> CivilDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        let d = daysSinceEpoch  // 1970-01-01 was a Thursday (4)
        return ((d % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// Whether `year`/`month`/`day` name a real date.
    public var isValid: Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date `n` days later (or earlier when negative).
    public func adding(days n: Int) -> CivilDate {
        // The business clock steps day by day, and the full conversion has several divisions:
        // a step within the month, or to the first of the next, needs none of them.
        let sameMonth = day + n
        if sameMonth >= 1 && sameMonth <= 28 { return CivilDate(year: year, month: month, day: sameMonth) }
        if month >= 1 && month <= 12 && day >= 1 {
            let length = CivilDate.daysIn(month: month, year: year)
            if day <= length && sameMonth >= 1 {
                if sameMonth <= length { return CivilDate(year: year, month: month, day: sameMonth) }
                if sameMonth == length + 1 {
                    return month == 12
                        ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
                }
            }
        }
        return CivilDate(daysSinceEpoch: daysSinceEpoch + n)
    }

    /// Parses `YYYY-MM-DD`; nil unless it is a real date.
    public init?(iso text: Substring) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
        guard isValid else { return nil }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
