import Foundation
import XCTest

/// The `rota` executable itself: exit codes and streams.
final class CLITests: XCTestCase {
    var binary: String {
        // The test bundle sits beside the products it was built with.
        // (On Linux the bundle URL is the build folder itself.)
        let bundle = Bundle(for: CLITests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("rota").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build the rota executable first: \(binary)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        try p.run()
        let out = o.fileHandleForReading.readDataToEndOfFile()
        let err = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func testSolveExitsZeroAndPrintsTheSummary() throws {
        let r = try run(["solve", smallScenario, "--out", temporaryFolder()])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("status     optimal"), r.out)
        XCTAssertTrue(r.out.contains("floors     all met"), r.out)
    }

    func testMissingScenarioFolderIsBadInput() throws {
        let r = try run(["solve", "/nonexistent/scenario", "--out", temporaryFolder()])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.hasPrefix("/nonexistent/scenario:0: column -: no such scenario folder\n"), r.err)
    }

    func testValidateExitCodes() throws {
        let out = temporaryFolder()
        XCTAssertEqual(try run(["solve", smallScenario, "--out", out]).code, 0)
        let ok = try run(["validate", smallScenario, out + "/rota.csv"])
        XCTAssertEqual(ok.code, 0, ok.out + ok.err)
        XCTAssertTrue(ok.out.hasPrefix("valid:"), ok.out)
    }

    func testUnknownFlagsGetOneLineAndExitOne() throws {
        let r = try run(["solve", smallScenario, "--out", temporaryFolder(), "--bogus"])
        XCTAssertEqual(r.code, 1)
        XCTAssertEqual(r.err, "rota: Unknown option '--bogus'. Did you mean '--out'? (rota solve --help lists the options)\n")
        let v = try run(["--version"])
        XCTAssertEqual(v.code, 0)
        XCTAssertEqual(v.out, "0.1.0\n")
    }

    func testBadFlagIsRejectedWithAPlainSentence() throws {
        let r = try run(["solve", smallScenario, "--out", temporaryFolder(), "--time-limit", "0"])
        XCTAssertNotEqual(r.code, 0)
        XCTAssertTrue(r.err.contains("--time-limit must be a number of seconds above 0."), r.err)
    }

    func testExplainExitsTwoAndPrintsTheBreach() throws {
        let folder = temporaryFolder()
        try "start = 2027-04-05\nweeks = 1\n".write(toFile: folder + "/scenario.toml", atomically: true, encoding: .utf8)
        try "id,kind,ics\nhub,hub,A\n".write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        try "id,grade,home\np1,specialist,hub\n".write(toFile: folder + "/staff.csv", atomically: true, encoding: .utf8)
        try "site,from_week,to_week,floor\nhub,1,1,1.5\n".write(toFile: folder + "/demand.csv", atomically: true, encoding: .utf8)
        let r = try run(["explain", folder])
        XCTAssertEqual(r.code, 2, r.out + r.err)
        XCTAssertTrue(r.out.contains("  hub week 1: short 0.5 WTE-weeks; floor 1.5 WTE, best 1, eligible supply 1; why: the eligible supply is below the floor"), r.out)
    }
}
