import CSVStream
import SLAConfig
import SLAModel
import SLARules
import SLATime

/// Typed access to the fields of one data row, by our column names.
///
/// Values are parsed from the field bytes; a `String` is built only for a column that has a
/// configured value map, or to describe a problem. An empty field is a missing value.
struct RowFields {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    let record: CSVRecord
    /// What every row of the file shares: one reference, so a row costs one retain, not one per
    /// array in the layout and the parser.
    let decoder: RowDecoder

    var file: String { decoder.file }

    /// The trimmed bytes of column `name`; nil when the column is absent or the field empty.
    func bytes(_ name: Column) -> Bytes? {
        decoder.bytes(name, record)
    }

    /// Column `name` parsed by `parse`; nil when missing (an error when `required`).
    func value<T>(
        _ name: Column, required: Bool = false, expected: String, _ parse: (Bytes) -> T?
    ) throws(FieldProblem) -> T? {
        guard let i = decoder.layout.position(name) else {
            if required { throw missing(name) }
            return nil
        }
        let b = decoder.layout.missing.clean(record[i])
        if b.isEmpty {
            if required { throw missing(name) }
            return nil
        }
        if decoder.hasValueMaps, let map = decoder.layout.valueMaps[i],
            let mapped = map[CSVHeader.normalize(String(decoding: b, as: UTF8.self))]
        {
            var text = mapped
            if let v = text.withUTF8({ parse($0) }) { return v }
            throw problem(name, b, .badValue, "the configured value \"\(mapped)\" is not \(expected)")
        }
        if let v = parse(b) { return v }
        throw problem(name, b, .badValue, "is not \(expected)")
    }

    /// Column `name` as a timestamp; nil when missing (an error when `required`).
    func instant(_ name: Column, required: Bool = false) throws(FieldProblem) -> Instant? {
        guard let b = bytes(name) else {
            if required { throw missing(name) }
            return nil
        }
        if let t = decoder.timestamps.parse(b) { return t }
        throw problem(
            name, b, .badTimestamp,
            "is not a timestamp (expected ISO 8601 such as 2026-10-03T14:05:00Z, or one of input.timestamp_formats)")
    }

    /// Column `name` parsed by `parse`; an error when missing.
    func required<T>(_ name: Column, expected: String, _ parse: (Bytes) -> T?) throws(FieldProblem) -> T {
        guard let v = try value(name, required: true, expected: expected, parse) else { throw missing(name) }
        return v
    }

    /// Column `name` as a timestamp; an error when missing.
    func requiredInstant(_ name: Column) throws(FieldProblem) -> Instant {
        guard let v = try instant(name, required: true) else { throw missing(name) }
        return v
    }

    /// Column `name` as text (after its value map, if it has one); nil when missing.
    func text(_ name: Column) throws(FieldProblem) -> String? {
        try value(name, expected: "text") { String(decoding: $0, as: UTF8.self) }
    }

    /// A `bad-value` problem of column `name` whose value is `text`, and why.
    func badValue(_ name: Column, _ text: String, _ why: String) -> FieldProblem {
        let cut = FieldProblem.cut(text)
        return FieldProblem(column: name.name, value: cut, reason: .badValue, detail: "\"\(cut)\" \(why)")
    }

    /// Column `name` as bytes that must be present (ids).
    func requiredBytes(_ name: Column) throws(FieldProblem) -> Bytes {
        guard let b = bytes(name) else { throw missing(name) }
        return b
    }

    private func missing(_ name: Column) -> FieldProblem {
        FieldProblem(column: name.name, value: "", reason: .missingRequired, detail: "required value is missing")
    }

    private func problem(_ name: Column, _ b: Bytes, _ reason: RejectReason, _ what: String) -> FieldProblem {
        let text = FieldProblem.cut(String(decoding: b, as: UTF8.self))
        return FieldProblem(column: name.name, value: text, reason: reason, detail: "\"\(text)\" \(what)")
    }
}

/// What decoding the rows of one file needs: its column layout, the timestamp parser and its name.
final class RowDecoder {
    let layout: ColumnLayout
    let timestamps: TimestampParser
    /// The input's name, for messages.
    let file: String
    /// Whether any column has a configured value map.
    let hasValueMaps: Bool

    init(layout: ColumnLayout, timestamps: TimestampParser, file: String) {
        self.layout = layout
        self.timestamps = timestamps
        self.file = file
        hasValueMaps = layout.valueMaps.contains { $0 != nil }
    }

    /// The trimmed bytes of column `name` in `record`; nil when absent or empty.
    @inline(__always)
    func bytes(_ name: Column, _ record: CSVRecord) -> UnsafeBufferPointer<UInt8>? {
        guard let i = layout.position(name) else { return nil }
        let b = layout.missing.clean(record[i])
        return b.isEmpty ? nil : b
    }
}

/// The "expected" phrases used in messages, one place for all of them.
enum Expected {
    static let severity = "a severity (1-4, S1, Sev 1, Severity 1, critical/high/medium/low)"
    static let priority = "a priority (critical/high/medium/low, 1-4, P1)"
    static let bool = "a boolean (true/false/yes/no/1/0/y/n)"
    static let channel = "a channel (phone/portal/email/chat/web)"
    static let deployment = "a deployment (commercial/fedramp)"
    static let status = "a status (new/open/reopened/waiting_on_customer/waiting_on_support/resolved/closed)"
    static let eventType =
        "an event type (status/severity/priority/update/assigned/first_response/service_restored/rca_delivered)"
    static let actor = "an actor (customer/support/system)"
    static let reason = "a reason (business_impact/no_progress/rca_request/urgency_change/impact_change/other)"
    static let decision = "a decision (approved/rejected/pending)"
    static let exclusionTarget = "a target (first_response/restoration/resolution/update/rca/all)"
}
