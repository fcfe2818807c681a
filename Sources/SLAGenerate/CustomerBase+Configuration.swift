import SLATime

extension CustomerBase {
    /// The slacheck.toml written beside the exports, in the v2 shape of SPEC section 4: the
    /// report's `timeZone`, the customers' default `[calendar]` (the one the cases were
    /// simulated on), the calendars and tiers organizations.csv names, the default
    /// first-response targets, and one `[[contracts]]` amendment from `contractsFrom` (the
    /// first day of the last generated month).
    ///
    /// - `emea`: Europe/Berlin, holidays 2026-10-03, 2026-12-24 08:00-12:00 (a half day),
    ///   2026-12-25 and 2026-12-26;
    /// - `apac`: Australia/Sydney, a split shift 08:00-12:00 and 13:00-17:00, holiday 2026-04-03;
    /// - `us`: America/New_York, Fridays 08:00-13:00, holidays 2026-07-03 and 2026-11-26;
    /// - `weekend`: no zone of its own, 09:00-17:00 Monday to Friday and 10:00-14:00 on Saturdays;
    /// - tier `premium`: calendar `emea`, first response severity 1 in 30m (24x7) and 2 in 1h
    ///   (business); tier `standard`: severity 3 in 3h (business);
    /// - the contract: default severity 2 in 90m (business), premium severity 1 in 20m (24x7).
    static func configuration(timeZone: String, contractsFrom: CivilDate) -> String {
        """
        # Written by `slacheck generate --zones`: the contract behind the generated organizations.csv
        # (SPEC v2). Time zones are IANA names; calendar and tier names are those organizations.csv uses.

        timezone = "\(timeZone)"

        [calendar]                           # organizations without a calendar, in their own zone
        workdays = ["mon", "tue", "wed", "thu", "fri"]
        hours = "08:00-17:00"
        holidays = []

        [calendars.emea]
        timezone = "Europe/Berlin"
        holidays = ["2026-10-03", "2026-12-24 08:00-12:00", "2026-12-25", "2026-12-26"]

        [calendars.apac]
        timezone = "Australia/Sydney"
        hours = ["08:00-12:00", "13:00-17:00"]
        holidays = ["2026-04-03"]

        [calendars.us]
        timezone = "America/New_York"
        holidays = ["2026-07-03", "2026-11-26"]

        [calendars.us.days]
        fri = "08:00-13:00"

        [calendars.weekend]                  # no timezone: the top-level one
        hours = "09:00-17:00"

        [calendars.weekend.days]
        sat = ["10:00-14:00"]

        [targets.first_response]             # the built-in placeholder targets
        1 = { target = "1h", clock = "24x7" }
        2 = { target = "2h", clock = "business" }
        3 = { target = "4h", clock = "business" }
        4 = { target = "1d", clock = "business" }

        [tiers.premium]
        calendar = "emea"

        [tiers.premium.first_response]
        1 = { target = "30m", clock = "24x7" }
        2 = { target = "1h", clock = "business" }

        [tiers.standard.first_response]
        3 = { target = "3h", clock = "business" }

        [[contracts]]                        # cases created on or after `from` (local date, report time zone)
        from = "\(contractsFrom)"

        [contracts.targets.first_response]
        2 = { target = "90m", clock = "business" }

        [contracts.tiers.premium.first_response]
        1 = { target = "20m", clock = "24x7" }

        """
    }
}
