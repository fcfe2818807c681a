import Foundation
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime
import Testing

@testable import SLAReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small month of exports for the chart tests, loaded through the real pipeline
/// (CSV text in a temporary folder → `Loader` → `Analysis.run` → `Report`).
///
/// Default configuration (UTC; targets 1h 24x7, 2h, 4h and 1d business). October 2026:
/// severity 1 met once and breached once (50%), severity 2 and 3 met (100%), no severity 4
/// case (no data), one RCA on time, three escalations. One case in August, none in September,
/// so the trend is Aug–Oct with a gap. The organization and customer of S1A are `<script>&"Org`
/// and `<script>&"Cust`.
enum SVGFixture {
    static let hostileOrg = "<script>&\"Org"

    static let cases = """
        case_id,org_id,customer,created_at,severity,priority,channel,deployment,first_response_at,platform_incident,service_restored_at,rca_delivered_at
        A2,o-acme,Acme,2026-08-03T09:00:00Z,2,medium,phone,commercial,2026-08-03T09:30:00Z,no,,
        S1A,"<script>&""Org","<script>&""Cust",2026-10-05T09:00:00Z,1,critical,phone,commercial,2026-10-05T09:10:00Z,yes,2026-10-05T11:00:00Z,2026-10-07T10:00:00Z
        S1B,o-acme,Acme,2026-10-05T10:00:00Z,1,critical,phone,commercial,2026-10-05T12:00:00Z,no,,
        S2A,o-acme,Acme,2026-10-05T09:00:00Z,2,medium,phone,commercial,2026-10-05T09:30:00Z,no,,
        S3A,o-beta,Beta,2026-10-05T09:00:00Z,3,low,portal,commercial,2026-10-05T10:00:00Z,no,,
        """

    static let escalations = """
        escalation_id,case_id,requested_at,reason,channel,decision,decided_at,closed_at
        E1,S1A,2026-10-05T09:30:00Z,business_impact,phone,approved,2026-10-05T09:40:00Z,
        E2,S1B,2026-10-05T10:30:00Z,business_impact,portal,,,
        E3,S3A,2026-10-05T09:30:00Z,business_impact,phone,,,
        """

    /// The October 2026 report of the fixture, as of 2026-10-31T12:00:00Z.
    static func report() throws -> Report {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slacheck-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let config = SLAConfig.defaults
        let data = try Loader(config: config).load(
            InputFiles(
                cases: [.path(try write("cases.csv", cases))],
                escalations: [.path(try write("escalations.csv", escalations))]))
        // Every fixture row is meant to be valid: a rejection is a mistake in the test.
        #expect(data.rejections.map { "\($0.line) \($0.reason.rawValue) \($0.column)" } == [])
        let asOf = try #require(TimestampParser(zone: .utc).parse("2026-10-31T12:00:00Z"))
        let context = MetricsContext(config: config, asOf: asOf)
        let period = ReportPeriod.month(year: 2026, month: 10, zone: context.zone)
        return Report(Analysis.run(data, context: context, period: period), data: data, context: context)
    }
}

/// An SVG document parsed with Foundation's `XMLParser`: proof that it is well-formed XML, and a
/// tree to count bars, points and labels in.
final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    /// The text directly inside this element.
    var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All text inside, spans included.
    var text: String { ownText + children.map(\.text).joined() }

    /// This node and every node under it, in document order.
    var all: [SVGNode] { [self] + children.flatMap(\.all) }

    /// Descendants with this element name and, if given, this word in their `class`.
    func find(_ name: String, class word: String? = nil) -> [SVGNode] {
        all.filter { node in
            node.name == name
                && (word.map { (node.attributes["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }

    /// The text of every `<text>` element, in document order.
    var texts: [String] { find("text").map(\.text) }

    /// Parses `svg`; fails the test (and returns nil) when it is not well-formed.
    static func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGNode? {
        let delegate = TreeBuilder()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        let ok = parser.parse()
        #expect(ok, "not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        return ok ? delegate.root : nil
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: SVGNode?
        var stack: [SVGNode] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let node = SVGNode(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.ownText += string
        }
    }
}
