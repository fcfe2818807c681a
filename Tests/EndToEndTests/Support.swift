import Foundation
import TestSupport

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The built `slacheck` binary (`swift build` puts it beside the tests); `SLACHECK_BIN` overrides.
let slacheckBinary: String = {
    if let path = ProcessInfo.processInfo.environment["SLACHECK_BIN"] { return path }
    return packageRoot.appendingPathComponent(".build/debug/slacheck").path
}()

/// What a finished process left behind.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments`, feeding `stdin`, and waits for it.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdin: Data? = nil, cwd: URL? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = cwd }
    let out = Pipe()
    // Standard error goes to a file, so a chatty child cannot block on a second full pipe.
    let errURL = scratchRoot.appendingPathComponent("stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let err = try FileHandle(forWritingTo: errURL)
    defer { try? FileManager.default.removeItem(at: errURL) }
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try err.close()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    return RunResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the slacheck binary.
@discardableResult
func slacheck(_ arguments: String..., stdin: Data? = nil) throws -> RunResult {
    try run(slacheckBinary, arguments, stdin: stdin)
}

/// A fresh temporary folder.
func temporaryFolder(_ name: String = "e2e") -> URL {
    let url = scratchRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` in `folder` and returns its path.
@discardableResult
func write(_ text: String, _ name: String, in folder: URL) -> String {
    let url = folder.appendingPathComponent(name)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
    return url.path
}

/// Parses a JSON document into Foundation values.
func jsonObject(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return value as? [String: Any] ?? [:]
}

/// The value at a dotted path (`a.b.0.c`) in a parsed JSON document.
func value(_ root: Any, _ path: String) -> Any? {
    var current: Any? = root
    for key in path.split(separator: ".") {
        if let i = Int(key), let array = current as? [Any] {
            current = i < array.count ? array[i] : nil
        } else {
            current = (current as? [String: Any])?[String(key)]
        }
    }
    return current
}

/// Reads a simple CSV (as slacheck writes it) into rows of fields; handles quotes.
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    field.unicodeScalars.append("\"")
                    chars.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\r" {
            continue
        } else if c == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
}

/// This test process's scratch folder (see `TestSupport.scratchRoot(named:)`).
let scratchRoot = TestSupport.scratchRoot(named: "slacheck-e2e-tests")
