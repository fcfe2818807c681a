import CSVStream
import FuzzSupport
import SLAConfig
import SLAEngine
import SLAModel
import SLARules
import SLATime

// Fuzz target (b): the whole Loader over arbitrary cases, events and escalations files.
//
// Input: byte 0 picks the configuration (low two bits) and a small chunk size (next three);
// the rest is cases.csv, then case_events.csv, then escalations.csv, separated by the byte
// 0x1E (fewer separators: fewer files). When byte 0 is 0xFC or more and the input small, the
// data rows are repeated with distinct prefixes, past the id tables' first capacity. The files
// are written to a scratch folder and loaded twice, in one large chunk and in the small one. Checked: no crash or memory error; per
// file, every data row is accepted, rejected or counted as naming an unknown case
// (rows_read = accepted + rejected + unknown); every rejection carries a reason, a detail, the
// row's fields and a line inside its file; ids and indexes are consistent; and both loads give
// the same dataset, or both fail (only the small chunk may trip the field cap alone).

/// The configurations tried, by the low two bits of the first byte.
private let configs: [SLAConfig] = {
    let texts = [
        // The defaults: UTC, comma, 1 MiB field cap.
        "",
        // Berlin, semicolon, extra formats, a small field cap.
        """
        timezone = "Europe/Berlin"
        [input]
        delimiter = ";"
        timestamp_formats = ["%d.%m.%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%Y%m%dT%H%M%S%z", "%b %e %Y %T %Z", "%y-%m-%d %H:%M:%S.%f"]
        max_field_bytes = 48
        """,
        // A renamed, value-mapped export in a zone with half-hour DST.
        """
        timezone = "Australia/Lord_Howe"
        [input]
        max_field_bytes = 32
        [input.cases.columns]
        case_id = "Ticket"
        severity = "Sev"
        created_at = "Opened"
        [input.cases.values.severity]
        "P1" = 1
        "urgent" = 1
        "P4" = 4
        "bogus" = 9
        [input.cases.values.platform_incident]
        "Y" = true
        "x" = "maybe"
        [input.events.columns]
        at = "When"
        [input.events.values.type]
        "note" = "update"
        "S" = "status"
        [input.escalations.values.decision]
        "ok" = "approved"
        "?" = "nonsense"
        """,
        // Tab-separated, New York, a date-only format.
        """
        timezone = "America/New_York"
        [input]
        delimiter = "tab"
        timestamp_formats = ["%Y/%m/%d", "%e %B %Y %I:%M %p"]
        """,
    ]
    return texts.map { text in
        do {
            return try SLAConfig.parse(text: text, fileName: "fuzz.toml")
        } catch {
            check(false, "fuzz config does not parse: \(error)\n\(text)")
            return SLAConfig.defaults
        }
    }
}()

/// One loader per configuration, built once: a zone's rules take a few hundred Foundation calls.
/// libFuzzer calls the target from one thread only, so sharing them is safe.
nonisolated(unsafe) private let loaders: [Loader] = configs.map { Loader(config: $0, chunkSize: 1 << 20) }

private let chunkSizes = [1, 2, 3, 7, 64, 512, 4096, 1 << 16]
private let fileNames = ["cases.csv", "case_events.csv", "escalations.csv"]

/// Checks one loaded dataset against the files it came from.
private func verify(_ data: Dataset, _ inputs: [ArraySlice<UInt8>], _ paths: [String]) {
    check(data.files.count == inputs.count, "\(data.files.count) file stats for \(inputs.count) files")
    check(data.unknownCaseRows.count == data.unknownCaseCount, "unknown-case rows sampled below the limit")
    check(data.caseIDs.count == data.cases.count, "\(data.caseIDs.count) case ids, \(data.cases.count) cases")
    for (index, stats) in data.files.enumerated() {
        let kind: SLAConfig.InputFile = [.cases, .events, .escalations][index]
        check(stats.kind == kind && stats.path == paths[index], "file \(index) is \(stats.kind) \(stats.path)")
        check(stats.bytes <= Int64(inputs[index].count), "\(stats.bytes) bytes read of \(inputs[index].count)")
        let breaks = lineBreakCount(inputs[index])
        let rejections = data.rejections.filter { $0.file == stats.path }
        check(
            rejections.count == stats.rowsRejected, "\(rejections.count) rejections, rowsRejected \(stats.rowsRejected)"
        )
        var lastLine = 1
        for r in rejections {
            check(r.kind == kind, "a \(r.kind) rejection in \(stats.path)")
            check(
                r.line > lastLine && r.line <= 1 + breaks,
                "rejection at line \(r.line) after \(lastLine), \(breaks) breaks")
            lastLine = r.line
            check(!r.detail.isEmpty && !r.description.isEmpty, "rejection without a reason at line \(r.line)")
            check(!r.fields.isEmpty, "rejection without fields at line \(r.line)")
            check(r.column.isEmpty == (r.reason == .wrongFieldCount), "column \"\(r.column)\" for \(r.reason)")
            check(r.value.count <= 200, "rejected value of \(r.value.count) characters")
        }
        let unknown = data.unknownCaseRows.filter { $0.file == stats.path }
        for u in unknown { check(u.line >= 2 && u.line <= 1 + breaks, "unknown-case row at line \(u.line)") }
        let accepted: Int
        switch kind {
        case .cases:
            accepted = data.cases.count
            var last: Int32 = 1
            for c in data.cases {
                check(c.source.file == Int32(index), "case from file \(c.source.file)")
                check(c.source.line > last && Int(c.source.line) <= 1 + breaks, "case at line \(c.source.line)")
                last = c.source.line
                check(data.latestInstant.map { c.createdAt <= $0 } ?? false, "created_at after the latest instant")
            }
        case .events:
            accepted = data.events.count
            for e in data.events { check(e.caseIndex >= 0 && Int(e.caseIndex) < data.cases.count, "event case index") }
        case .escalations:
            accepted = data.escalations.count
            check(data.escalationIDs.count == accepted + unknown.count, "escalation ids vs escalations")
            for e in data.escalations {
                check(e.caseIndex >= 0 && Int(e.caseIndex) < data.cases.count, "escalation case index")
            }
        }
        check(
            stats.rowsRead == accepted + stats.rowsRejected + unknown.count,
            "\(stats.path): rows_read \(stats.rowsRead) != accepted \(accepted) + rejected \(stats.rowsRejected) + unknown \(unknown.count)"
        )
    }
}

private func load(_ loader: Loader, _ paths: [String]) -> Result<Dataset, InputError> {
    let locations = paths.map { InputLocation.path($0) }
    let files = InputFiles(
        cases: Array(locations.prefix(1)), events: Array(locations.dropFirst(1).prefix(1)),
        escalations: Array(locations.dropFirst(2).prefix(1)))
    do {
        return .success(try loader.load(files))
    } catch {
        return .failure(error)
    }
}

private func same(_ a: Dataset, _ b: Dataset) -> Bool {
    a.cases == b.cases && a.events == b.events && a.escalations == b.escalations && a.files == b.files
        && a.rejections == b.rejections && a.unknownCaseRows == b.unknownCaseRows && a.latestInstant == b.latestInstant
}

/// The header line of `part`, then each following line `copies` times, copy k prefixed "k~".
private func amplify(_ part: ArraySlice<UInt8>, copies: Int) -> ArraySlice<UInt8> {
    guard let newline = part.firstIndex(of: 0x0A) else { return part }
    var out = Array(part[...newline])
    let body = part[(newline + 1)...]
    out.reserveCapacity(out.count + copies * (body.count + 8))
    for k in 0..<copies {
        var rest = body
        while !rest.isEmpty {
            let end = rest.firstIndex(of: 0x0A).map { $0 + 1 } ?? rest.endIndex
            out.append(contentsOf: "\(k)~".utf8)
            out.append(contentsOf: rest[..<end])
            rest = rest[end...]
        }
    }
    return out[...]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let start, count >= 1 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    let mode = Int(input[0])
    var parts = splitParts(input[1...], parts: 3)
    var amplified = false
    if mode >= 0xFC, input.count <= 1_024 {
        // One input in 64 (a small one with a few rows) gets its data rows repeated past 1,024
        // distinct ids, so that the id tables grow: copy k of a row starts with "k~", which
        // keeps the joins between the files.
        let dataRows = parts[0].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
        if dataRows >= 4 {
            parts = parts.map { amplify($0, copies: (1_300 + dataRows - 1) / dataRows) }
            amplified = true
        }
    }
    let paths = parts.indices.map { scratchFolder + "/" + fileNames[$0] }
    for (path, part) in zip(paths, parts) { writeFile(path, part) }

    var whole = loaders[mode & 3]
    let reference = load(whole, paths)
    if amplified {
        // Large: one load, checked alone (the chunk sizes are what the other inputs are for).
        if case .success(let data) = reference { verify(data, parts, paths) }
        return 0
    }
    whole.readerOptions.chunkSize = chunkSizes[(mode >> 2) & 7]
    let chunked = load(whole, paths)

    switch (reference, chunked) {
    case (.success(let a), .success(let b)):
        verify(a, parts, paths)
        check(same(a, b), "chunk size \(whole.readerOptions.chunkSize) changed the dataset")
    case (.success(let a), .failure(let error)):
        verify(a, parts, paths)
        check(error.message.contains("longer than"), "only the chunked load failed: \(error)")
    case (.failure(let error), .success):
        check(false, "only the whole load failed: \(error)")
    case (.failure(let a), .failure(let b)):
        // Which error comes first may differ: the reader parses a whole chunk before it hands
        // over the header, so a bad quote later in the chunk can be found before a bad header.
        // The same kind of CSV error must be found at the same place, though.
        check(!a.description.isEmpty && !b.description.isEmpty, "an empty error")
        for kind in ["malformed quoting", "the input ends inside it"]
        where a.message.contains(kind) && b.message.contains(kind) {
            check(a.description == b.description, "errors differ: \(a) vs \(b)")
        }
    }
    return 0
}
