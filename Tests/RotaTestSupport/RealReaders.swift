import Foundation
import XCTest

/// Runs `script` with Debian's own Python (where scripts/install-test-readers.sh
/// puts openpyxl and icalendar) and returns what it prints as JSON, failing
/// the test with the reader's error when it cannot read the file.
public func readWithPython(_ script: String, _ arguments: [String], reader: String,
                    file: StaticString = #filePath, line: UInt = #line) throws -> Any {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = ["-c", script] + arguments
    let pipe = Pipe(), errors = Pipe()
    p.standardOutput = pipe
    p.standardError = errors
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let why = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    XCTAssertEqual(p.terminationStatus, 0, "\(reader) could not read \(arguments.joined(separator: " ")) (scripts/install-test-readers.sh installs it): \(why)",
                   file: file, line: line)
    return try JSONSerialization.jsonObject(with: data)
}
