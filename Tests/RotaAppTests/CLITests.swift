import Foundation
import Synchronization
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
        XCTAssertTrue(r.err.contains("/nonexistent/scenario:0: column -: no such scenario folder\n"), r.err)
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
        try "start = 2027-04-05\nweeks = 1\n".write(toFile: folder + "/scenario.toml", atomically: false, encoding: .utf8)
        try "id,kind,ics\nhub,hub,A\n".write(toFile: folder + "/sites.csv", atomically: false, encoding: .utf8)
        try "id,grade,home\np1,specialist,hub\n".write(toFile: folder + "/staff.csv", atomically: false, encoding: .utf8)
        try "site,from_week,to_week,floor\nhub,1,1,1.5\n".write(toFile: folder + "/demand.csv", atomically: false, encoding: .utf8)
        let r = try run(["explain", folder])
        XCTAssertEqual(r.code, 2, r.out + r.err)
        XCTAssertTrue(r.out.contains("  hub week 1: short 0.5 WTE-weeks; floor 1.5 WTE, best 1, eligible supply 1; why: the eligible supply is below the floor"), r.out)
    }

    // Ctrl-C during a long search, before any valid rota: the process stops
    // soon, says so, exits 3 and writes nothing. (That a stop after the first
    // valid rota writes it is tested in ProgressAndStopTests.)
    func testCtrlCStopsTheSearchAndWritesNothingHalfDone() throws {
        let out = (temporaryFolder() as NSString).appendingPathComponent("never")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["solve", repoRoot.appendingPathComponent("inputs/west-midlands").path, "--out", out,
                       "--strategy", "search", "--time-limit", "600"]
        let e = Pipe()
        p.standardError = e
        p.standardOutput = Pipe()
        let seen = Mutex("")
        let searching = DispatchSemaphore(value: 0), ended = DispatchSemaphore(value: 0)
        let reader = e.fileHandleForReading
        // One reader thread until end of file (no readabilityHandler: mixing it
        // with other reads of the pipe is unsafe in Foundation on Linux).
        Thread.detachNewThread {
            var signalled = false
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                let now = seen.withLock { text -> Bool in
                    text += String(decoding: chunk, as: UTF8.self)
                    return text.contains("finding a first valid rota")
                }
                if now && !signalled { signalled = true; searching.signal() }
            }
            if !signalled { searching.signal() }
            ended.signal()
        }
        try p.run()
        XCTAssertEqual(searching.wait(timeout: .now() + 120), .success, "the search started")
        let sent = Date()
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        _ = ended.wait(timeout: .now() + 10)
        let err = seen.withLock { $0 }
        XCTAssertEqual(p.terminationStatus, 3, err)
        XCTAssertTrue(err.contains("Stopping: finishing with the best rota found so far"), err)
        XCTAssertTrue(err.contains("Stopped (Ctrl-C) before any valid rota was found. Nothing was written."), err)
        XCTAssertLessThan(Date().timeIntervalSince(sent), 60, "it stopped soon after Ctrl-C")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
