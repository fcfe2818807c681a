// Reads each file with slacheck's CSVReader and touches every field, like the C loop does.
import CSVStream
import Foundation

var fields = 0
var fieldBytes = 0
var total: Int64 = 0
let start = DispatchTime.now().uptimeNanoseconds
for path in CommandLine.arguments.dropFirst() {
    do {
        let reader = try CSVReader(location: .path(path))
        try reader.forEachRecord { record in
            fields += record.count
            for i in 0..<record.count { fieldBytes &+= record[i].count }
        }
        total += reader.bytesRead
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(3)
    }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let rate = Double(total) / seconds / 1e6
print(
    "swift-reader bytes=\(total) fields=\(fields) seconds=\(String(format: "%.3f", seconds)) MB/s=\(String(format: "%.1f", rate))"
)
