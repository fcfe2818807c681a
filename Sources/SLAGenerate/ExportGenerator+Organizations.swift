import CSVStream
import Foundation

/// organizations.csv and slacheck.toml (`zones > 0`), written once the cases are.
extension ExportGenerator {
    /// The columns of organizations.csv (SPEC section 1, v2) the generator writes.
    static let organizationColumns = ["org_id", "name", "timezone", "calendar", "tier"]

    /// Writes organizations.csv (one row per organization of the pool, as `CustomerBase` has
    /// them) and slacheck.toml beside it, and records both in `summary`.
    func writeCustomerBase(into summary: inout GenerationSummary) throws {
        let base = CustomerBase(
            organizationCount: orgs.ids.count, zones: options.zones, casesPerOrganization: casesPerOrganization,
            seed: options.seed, messy: options.messy)

        let out = try OutputFile(url: directory.appendingPathComponent("organizations.csv"))
        out.csv.header(ExportGenerator.organizationColumns)
        for row in base.rows {
            out.csv.raw(orgs.ids[row.org])
            out.csv.comma()
            out.csv.text(orgs.names[row.org])
            for value in [row.timeZone, row.calendar, row.tier] {
                out.csv.comma()
                out.csv.raw(Array(value.utf8))
            }
            try out.endRow()
        }
        try out.close()
        summary.organizations = GenerationSummary.File(
            name: out.url.lastPathComponent, url: out.url, rows: out.rows, bytes: out.bytes)
        summary.organizationsLeftOut = base.leftOut.map { String(decoding: orgs.ids[$0], as: UTF8.self) }.sorted()
        for (quirk, count) in base.quirks { quirksApplied[quirk.label, default: 0] += count }

        let url = directory.appendingPathComponent("slacheck.toml")
        let text = Data(
            CustomerBase.configuration(
                timeZone: options.timeZone, contractsFrom: options.lastMonthStart,
                targetTables: options.writesTargetTables
            ).utf8)
        do {
            try text.write(to: url)
        } catch {
            throw GeneratorError.cannotWrite(url.path, "\(error)")
        }
        summary.configuration = url
        summary.configurationBytes = text.count
    }
}
