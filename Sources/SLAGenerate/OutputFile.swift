import CSVStream
import Foundation

/// One of the three files being written: CSVStream's writer streaming to it, and how many data
/// rows it holds. Cells go through `csv`; what is here is the generator's bookkeeping and its
/// errors (`GeneratorError.cannotWrite`).
final class OutputFile {
    let url: URL
    private let sink: ByteSink
    var csv: CSVWriter
    /// Data rows ended so far (the header is not counted).
    private(set) var rows = 0

    /// Creates (or truncates) the file; a byte-order mark, when asked for, comes first.
    init(url: URL, lineEnd: CSVWriter.LineEnd = .lf, byteOrderMark: Bool = false) throws {
        self.url = url
        do {
            sink = try ByteSink(path: url.path)
        } catch {
            throw GeneratorError.cannotWrite(url.path, "cannot create the file")
        }
        csv = CSVWriter(capacity: 0, sink: sink, lineEnd: lineEnd)
        if byteOrderMark { csv.raw([0xEF, 0xBB, 0xBF]) }
    }

    /// Ends the current data row.
    func endRow() throws {
        do { try csv.endRow() } catch { throw GeneratorError.cannotWrite(url.path, "\(error)") }
        rows += 1
    }

    /// Writes what is left and closes the file.
    func close() throws {
        do {
            _ = try csv.finish()
            try sink.close()
        } catch {
            throw GeneratorError.cannotWrite(url.path, "\(error)")
        }
    }

    /// Bytes written to the file so far (all of them once it is closed).
    var bytes: Int { csv.bytesWritten }
}
