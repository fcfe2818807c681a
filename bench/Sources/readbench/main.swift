// Reads each file with slacheck's CSVReader and touches every field, like the C loop does.
import CSVStream

#if canImport(Glibc)
    import Glibc
#endif

var fields = 0
var fieldBytes = 0
var total: Int64 = 0
var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
for path in CommandLine.arguments.dropFirst() {
    do {
        let reader = try CSVReader(location: .path(path))
        try reader.forEachRecord { record in
            fields += record.count
            for i in 0..<record.count { fieldBytes &+= record[i].count }
        }
        total += reader.bytesRead
    } catch {
        fputs("\(error)\n", stderr)
        exit(3)
    }
}
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
print("swift-reader bytes=\(total) fields=\(fields) seconds=\(String(format: "%.3f", seconds)) "
    + "MB/s=\(String(format: "%.1f", Double(total) / seconds / 1e6))")
