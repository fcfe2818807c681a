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
    ///
    /// With `targetTables` (`GeneratorOptions.writesTargetTables`), also the targets of SPEC
    /// 3.7-3.9, as `targetTablesText` lists them: restoration, resolution and periodic update,
    /// premium's resolution of severity 1, and the contract's update target for severity 2.
    static func configuration(timeZone: String, contractsFrom: CivilDate, targetTables: Bool = false) -> String {
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
        \(targetTables ? CustomerBase.targetTablesText : "")
        [tiers.premium]
        calendar = "emea"

        [tiers.premium.first_response]
        1 = { target = "30m", clock = "24x7" }
        2 = { target = "1h", clock = "business" }
        \(targetTables ? CustomerBase.premiumResolutionText : "")
        [tiers.standard.first_response]
        3 = { target = "3h", clock = "business" }

        [[contracts]]                        # cases created on or after `from` (local date, report time zone)
        from = "\(contractsFrom)"

        [contracts.targets.first_response]
        2 = { target = "90m", clock = "business" }
        \(targetTables ? CustomerBase.contractUpdateText : "")
        [contracts.tiers.premium.first_response]
        1 = { target = "20m", clock = "24x7" }

        """
    }
}

extension CustomerBase {
    /// The default tables of SPEC 3.7-3.9 (each text begins with the blank line before it):
    /// restoration 4h (severity 1) and 8h (2) around the clock; resolution 1d around the clock
    /// (1), then 3, 5 and 10 business days (2-4); update every 2h around the clock (1), every
    /// business day (2) and every 2 business days (3). Resolution and update pause while the
    /// case waits on the customer.
    static let targetTablesText = """

        [targets.restoration]                # SPEC 3.7: platform incidents, until service is restored
        1 = { target = "4h", clock = "24x7" }
        2 = { target = "8h", clock = "24x7" }

        [targets.resolution]                 # SPEC 3.8: until the last resolution
        pause_on = ["waiting_on_customer"]
        1 = { target = "1d", clock = "24x7" }
        2 = { target = "3d", clock = "business" }
        3 = { target = "5d", clock = "business" }
        4 = { target = "10d", clock = "business" }

        [targets.update]                     # SPEC 3.9: the longest gap between support updates
        pause_on = ["waiting_on_customer"]
        1 = { target = "2h", clock = "24x7" }
        2 = { target = "1d", clock = "business" }
        3 = { target = "2d", clock = "business" }

        """

    /// Premium's resolution of severity 1: 12h around the clock.
    static let premiumResolutionText = """

        [tiers.premium.resolution]
        1 = { target = "12h", clock = "24x7" }

        """

    /// The contract's amendment of the update target: severity 2 every 12 business hours.
    static let contractUpdateText = """

        [contracts.targets.update]
        2 = { target = "12h", clock = "business" }

        """
}
