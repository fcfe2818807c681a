import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

extension ExplanationBuilder {
    /// Which organization, tier, contract terms, calendar and zone judge the case, each with
    /// where it comes from: the choices `Judging` makes (`clockChoice`), put in words.
    func judgementExplanation() -> JudgementExplanation {
        let config = context.config
        let judging = context.judging
        let j = judgement
        let organization = judging.organization(j)
        let orgID = record.org >= 0 ? data.orgs.string(record.org) : ""
        let organizationText: String
        if let organization {
            let file = data.files[Int(organization.source.file)].path
            organizationText =
                "\(orgID) (\(organization.name ?? "no name")), \(file):\(organization.source.line)"
        } else if data.organizationsGiven {
            organizationText =
                "\(orgID) is not in organizations.csv: judged on the defaults (finding unknown-organization)"
        } else {
            organizationText = "no organizations.csv given: every case is judged on the defaults"
        }
        let tierText = j.tier >= 0 ? "\(config.tiers[Int(j.tier)].name) (organizations.csv)" : "none"
        let created = format.instant(record.createdAt)
        let terms = judging.terms[Int(j.terms)]
        let termsText: String
        if let from = terms.from {
            termsText =
                "the contract from \(from) (created \(created), a local date in \(config.timezone) on or after it)"
        } else if let first = config.contracts.first {
            termsText = "the top-level targets (created \(created), before the first contract from \(first.from))"
        } else {
            termsText = "the top-level targets (no [[contracts]])"
        }
        let choice = Judging.clockChoice(organization, zones: data.zones, terms: terms, config: config)
        let calendarName = choice.calendar.map { config.calendars[$0].name }
        let calendarText: String
        switch choice.calendarSource {
        case .organization: calendarText = "\(calendarName ?? "") (the organization's calendar)"
        case .tier: calendarText = "\(calendarName ?? "") (the calendar of tier \(tierText.split(separator: " ")[0]))"
        case .calendar, .configuration: calendarText = "[calendar] (no calendar named for the organization or its tier)"
        }
        let zoneText: String
        switch choice.zoneSource {
        case .organization: zoneText = "\(choice.zone.identifier) (the organization's timezone)"
        case .calendar: zoneText = "\(choice.zone.identifier) (the timezone of calendar \(calendarName ?? ""))"
        case .tier, .configuration: zoneText = "\(choice.zone.identifier) (the top-level timezone)"
        }
        let basis =
            config.severityBasis == .creation
            ? "creation: the severity at created_at judges the case"
            : "highest: the most severe level the case reached before each target stopped judges it"
        return JudgementExplanation(
            organization: organizationText, tier: tierText, terms: termsText, calendar: calendarText, zone: zoneText,
            severityBasis: basis)
    }
}
