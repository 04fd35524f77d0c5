import Foundation
import RotaApp
import XCTest

/// models/rotation.mod, fed by `rota export --dat`, is the same model as the
/// one the tool builds: glpsol and `rota solve` reach the same optimum.
final class MathProgTests: XCTestCase {
    func glpsol() -> String? {
        ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func testGlpsolOnTheExportedDataReachesTheToolsOptimum() throws {
        let dir = temporaryFolder()
        let glpsolZ = try glpsolObjective(scenario: smallScenario, dat: dir + "/small.dat")
        let solved = SolveCommand.run(scenario: smallScenario, out: dir + "/out", options: .init())
        XCTAssertEqual(solved.exitCode, .success)
        XCTAssertEqual(glpsolZ, try XCTUnwrap(solved.evaluation?.objective), accuracy: 1e-6)
    }

    /// The re-planning model too: history pinned, a leaver (staff.csv `to`,
    /// whose run ends when they leave: H5's exemption), and the disruption term.
    func testGlpsolAgreesOnAReplan() throws {
        let dir = temporaryFolder()
        let scenario = dir + "/replan"
        try FileManager.default.createDirectory(atPath: scenario, withIntermediateDirectories: true)
        let files = [
            "scenario.toml": "start = 2027-04-05\nweeks = 8\n[rotation]\nmin_run_weeks = 3\n[weights]\ndisruption = 2.5\n",
            "sites.csv": "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
            "staff.csv": "id,grade,home,to\np1,specialist,hub,2027-05-09\np2,specialist,hub,\np3,paramedic,hub,\n",
            "demand.csv": "site,from_week,to_week,floor,target\nhub,1,8,1.0,1.0\npcn-a,1,8,0.5,1.0\npcn-b,6,8,,1.0\n",
            "agreed.csv": "staff,week,site\n" + (1...8).map { "p1,\($0),\($0 >= 4 ? "pcn-a" : "hub")\np2,\($0),\($0 < 4 ? "pcn-a" : "hub")\np3,\($0),hub\n" }.joined(),
        ]
        for (name, text) in files { try text.write(toFile: scenario + "/" + name, atomically: false, encoding: .utf8) }
        let glpsolZ = try glpsolObjective(scenario: scenario, dat: dir + "/replan.dat", previous: scenario + "/agreed.csv", fromWeek: 5)
        let solved = ReplanCommand.run(scenario: scenario, previous: scenario + "/agreed.csv", fromWeek: 5, out: dir + "/out", options: .init())
        XCTAssertEqual(solved.exitCode, .success, solved.errors.joined(separator: "\n"))
        XCTAssertEqual(glpsolZ, try XCTUnwrap(solved.evaluation?.objective), accuracy: 1e-6)
        XCTAssertGreaterThan(try XCTUnwrap(solved.evaluation?.moves), 0)
        // moves.csv is written with the rota, and `rota validate` accepts the new rota.
        let moves = try String(contentsOfFile: dir + "/out/moves.csv", encoding: .utf8)
        XCTAssertTrue(moves.hasPrefix("\u{FEFF}staff,from_week,to_week,week_start,weeks,was,now,why\n") || moves.hasPrefix("staff,from_week"), moves)
        // p1's weeks after leaving are no move: held at home, shown as `left` in the grid.
        XCTAssertFalse(moves.contains("\np1,"), moves)
        XCTAssertEqual(ValidateCommand.run(scenario: scenario, rota: dir + "/out/rota.csv").exitCode, .success)
    }

    func glpsolObjective(scenario: String, dat: String, previous: String? = nil, fromWeek: Int? = nil) throws -> Double {
        let glpsol = try XCTUnwrap(glpsol(), "glpsol is needed (Debian package glpk-utils; scripts/install-libs.sh installs it)")
        let export = ExportCommand.run(scenario: scenario, dat: dat, mps: nil, previous: previous, fromWeek: fromWeek)
        XCTAssertEqual(export.exitCode, .success, export.errors.joined())

        let p = Process()
        p.executableURL = URL(fileURLWithPath: glpsol)
        p.arguments = ["-m", repoRoot.appendingPathComponent("models/rotation.mod").path, "-d", dat, "--tmlim", "300"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertTrue(output.contains("INTEGER OPTIMAL SOLUTION FOUND"), output)
        let zLine = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix("Z = ") }, output)
        return try XCTUnwrap(Double(zLine.dropFirst(4).trimmingCharacters(in: .whitespaces)))
    }
}
