import Foundation
import RotaApp
import RotaIO
import RotaSolver
import XCTest

/// Issue #9: the same input gives the same files, and a run killed at any
/// moment leaves the old files or the new ones, never a mix.
final class DurabilityTests: XCTestCase {
    let outputs = ["rota.csv", "rota-grid.csv", "coverage.csv", "site-view.csv", "summary.json", "rota.xlsx"]

    /// summary.json without the keys that measure time (they are the only
    /// lines allowed to differ between two runs of the same input).
    func timeless(_ json: String) -> String {
        json.split(separator: "\n").filter { !$0.contains("seconds\"") }.joined(separator: "\n")
    }

    func files(_ dir: String) -> [String: String] {
        var out: [String: String] = [:]
        for f in outputs {
            // The workbook is bytes: compared as such (decoding keeps equal files equal).
            out[f] = (try? Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))).map { String(decoding: $0, as: UTF8.self) }
        }
        return out
    }

    func testSameInputAndOptionsGiveTheSameFiles() throws {
        let dir = temporaryFolder()
        for strategy in ["auto", "search"] {
            var runs: [[String: String]] = []
            for i in 0..<2 {
                let r = SolveCommand.run(scenario: smallScenario, out: "\(dir)/\(strategy)\(i)", options: .init(timeLimitSeconds: 60),
                                         strategy: SolveCommand.strategy(named: strategy)!)
                XCTAssertEqual(r.exitCode, .success)
                runs.append(files("\(dir)/\(strategy)\(i)"))
            }
            for f in ["rota.csv", "rota-grid.csv", "coverage.csv", "rota.xlsx"] {
                XCTAssertNotNil(runs[0][f])
                XCTAssertEqual(runs[0][f], runs[1][f], "\(strategy): \(f) differs between two runs")
            }
            XCTAssertEqual(timeless(runs[0]["summary.json"]!), timeless(runs[1]["summary.json"]!), strategy)
        }
    }

    func testAFolderOfOutputsIsReplacedWholeAndKeepsThePlannersOtherFiles() throws {
        let dir = temporaryFolder() + "/out"
        try AtomicFiles.write([("a.csv", "old a"), ("b.csv", "old b")], to: dir)
        try "mine".write(toFile: dir + "/notes.txt", atomically: false, encoding: .utf8)
        try AtomicFiles.write([("a.csv", "new a"), ("b.csv", "new b")], to: dir)
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.csv", encoding: .utf8), "new a")
        XCTAssertEqual(try String(contentsOfFile: dir + "/b.csv", encoding: .utf8), "new b")
        XCTAssertEqual(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8), "mine")
        let parent = (dir as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent).sorted(), ["out"], "no staging folder is left behind")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.csv", "b.csv", "notes.txt"])
    }

    /// In a folder of many files of ours (calendars), a file whose bytes are
    /// unchanged is kept as it was (the same file, its date too), a changed
    /// one is new, and a removed one is gone, with nothing left behind.
    func testUnchangedFilesAreKeptAndChangedOnesReplacedInAFolderOfMany() throws {
        let dir = temporaryFolder() + "/calendars"
        let names = (1...300).map { String(format: "p%03d.ics", $0) }
        try AtomicFiles.write(names.map { ($0, "old \($0)") }, to: dir)
        let inode = { (name: String) in try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.systemFileNumber] as? Int }
        let before = try inode("p001.ics"), beforeChanged = try inode("p002.ics")
        var next = names.map { ($0, "old \($0)") }
        next[1].1 = "new p002.ics"
        try AtomicFiles.write(next.dropLast(), to: dir, removing: ["p300.ics"])
        XCTAssertEqual(try inode("p001.ics"), before, "an unchanged calendar is the same file")
        XCTAssertNotEqual(try inode("p002.ics"), beforeChanged)
        XCTAssertEqual(try String(contentsOfFile: dir + "/p002.ics", encoding: .utf8), "new p002.ics")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), Array(names.dropLast()))
        let parent = (dir as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), ["calendars"], "no staging folder is left behind")
    }

    /// The "written" line and the folder come from one registry: every file
    /// it lists for a solve is there, and only moves.csv waits for a re-plan.
    func testTheWrittenLineListsTheRegistrysFiles() throws {
        let out = temporaryFolder()
        let r = SolveCommand.run(scenario: smallScenario, out: out, options: .init(timeLimitSeconds: 60))
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        let expected = Outputs.all.map(\.name).filter { $0 != "moves.csv" }
        let line = try XCTUnwrap(r.lines.first { $0.hasPrefix("written") })
        XCTAssertEqual(line, "written    " + expected.map { (out as NSString).appendingPathComponent($0) }.joined(separator: ", "))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), expected.sorted())
        XCTAssertTrue(Outputs.runFiles.contains("moves.csv") && Outputs.runFiles.contains("report.html"))
    }

    /// A binary file (a workbook) goes through the atomic writer byte for byte.
    func testTheAtomicWriterKeepsBytes() throws {
        let dir = temporaryFolder() + "/out"
        let bytes = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x0A, 0x0D])
        try AtomicFiles.write([(name: "a.bin", contents: bytes), (name: "b.csv", contents: Data("b".utf8))], to: dir)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.bin")), bytes)
    }

    /// Kills `rota solve` (SIGKILL, no chance to clean up) at moments spread
    /// over a whole run, writing over a complete older set of outputs: each
    /// time the folder holds the old set or the new one, whole.
    func testARunKilledAtAnyMomentLeavesTheOldFilesOrTheNewOnes() throws {
        let bundle = Bundle(for: DurabilityTests.self).bundleURL
        let binary = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("rota").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "rota"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build the rota executable first: \(binary)")
        let dir = temporaryFolder()
        let reference = dir + "/reference", out = dir + "/out"
        func solve(into folder: String, killAfter seconds: Double? = nil) throws -> Double {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["solve", smallScenario, "--out", folder, "--quiet"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let start = Date()
            try p.run()
            if let seconds {
                Thread.sleep(forTimeInterval: seconds)
                kill(p.processIdentifier, SIGKILL)
            }
            p.waitUntilExit()
            return Date().timeIntervalSince(start)
        }
        let whole = try solve(into: reference)
        let new = files(reference)
        let old = Dictionary(uniqueKeysWithValues: outputs.map { ($0, "old \($0)\n") })
        var sawOld = 0, sawNew = 0
        // Kills spread over 0 to 1.25 times the reference run, then one run
        // left to finish: a loaded CI machine can make every killed run
        // slower than the reference, and the last run still shows the new set.
        for i in 0...16 {
            try? FileManager.default.removeItem(atPath: out)
            try AtomicFiles.write(outputs.map { ($0, old[$0]!) }, to: out)
            _ = try solve(into: out, killAfter: i == 16 ? nil : whole * Double(i) / 12)
            let now = files(out)
            if now == old {
                sawOld += 1
            } else {
                for f in ["rota.csv", "rota-grid.csv", "coverage.csv", "site-view.csv", "rota.xlsx"] { XCTAssertEqual(now[f], new[f], "kill \(i): \(f) is neither old nor new") }
                XCTAssertEqual(timeless(now["summary.json"] ?? ""), timeless(new["summary.json"]!), "kill \(i): summary.json")
                sawNew += 1
            }
            let strays = try FileManager.default.contentsOfDirectory(atPath: out).filter { !outputs.contains($0) }
            XCTAssertEqual(strays, [], "kill \(i): no temporary file inside the output folder")
        }
        XCTAssertGreaterThan(sawOld, 0)
        XCTAssertGreaterThan(sawNew, 0)
    }
}
