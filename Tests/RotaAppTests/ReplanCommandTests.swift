import Foundation
import RotaApp
import XCTest

/// `rota replan` as a planner runs it: bad history stops everything, with the
/// agreed rota's file, line and week, and nothing is written.
final class ReplanCommandTests: XCTestCase {
    func testHistoryErrorsStopTheReplanAndNothingIsWritten() throws {
        let dir = temporaryFolder()
        let solved = SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init())
        XCTAssertEqual(solved.exitCode, .success)
        // The agreed rota with one clinician renamed on its 3rd line (week 2 of bs-01).
        var lines = try String(contentsOfFile: dir + "/agreed/rota.csv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[2].hasPrefix("bs-01,2,"))
        lines[2] = "bs-99" + lines[2].dropFirst("bs-01".count)
        try lines.joined(separator: "\n").write(toFile: dir + "/edited.csv", atomically: false, encoding: .utf8)

        let out = dir + "/never"
        let r = ReplanCommand.run(scenario: smallScenario, previous: dir + "/edited.csv", fromWeek: 6, out: out, options: .init())
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertEqual(r.errors, [
            "edited.csv:1: column staff: bs-01 has no placement in week 2, which has happened (before week 6); if bs-01 joined later, give staff.csv a `from` date",
            "edited.csv:3: column staff: week 2: \"bs-99\" is not in staff.csv any more; keep the clinician in staff.csv with a `to` date (the last day in post) so the weeks that have happened stay as they were",
            "2 problems in the input; nothing was solved or written.",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        let late = ReplanCommand.run(scenario: smallScenario, previous: dir + "/agreed/rota.csv", fromWeek: 13, out: out, options: .init())
        XCTAssertEqual(late.exitCode, .badInput)
        XCTAssertEqual(late.errors, ["rota: --from-week 13 is outside the scenario's weeks 1–12 (scenario.toml: weeks = 12); nothing was solved or written."])
    }

    /// Re-planning the agreed rota against unchanged tables moves nobody.
    func testUnchangedTablesMoveNobody() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init()).exitCode, .success)
        let r = ReplanCommand.run(scenario: smallScenario, previous: dir + "/agreed/rota.csv", fromWeek: 5, out: dir + "/new", options: .init())
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        XCTAssertTrue(r.lines.contains("moves      none: from week 5 everyone stays where agreed"), r.lines.joined(separator: "\n"))
        XCTAssertEqual(try String(contentsOfFile: dir + "/new/rota.csv", encoding: .utf8),
                       try String(contentsOfFile: dir + "/agreed/rota.csv", encoding: .utf8))
        XCTAssertEqual(try String(contentsOfFile: dir + "/new/moves.csv", encoding: .utf8), "staff,from_week,to_week,week_start,weeks,was,now,why\n")
    }

    /// Issue 29 row 3: the agreed rota is the re-plan's input, so an --out
    /// that would replace it is refused, however the two paths are spelt.
    func testAReplanNeverWritesOverTheAgreedRota() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init()).exitCode, .success)
        let agreed = try String(contentsOfFile: dir + "/agreed/rota.csv", encoding: .utf8)
        for (previous, out) in [(dir + "/agreed/rota.csv", dir + "/agreed"), (dir + "/agreed/../agreed/rota.csv", dir + "/agreed/")] {
            let r = ReplanCommand.run(scenario: smallScenario, previous: previous, fromWeek: 5, out: out, options: .init())
            XCTAssertEqual(r.exitCode, .badInput)
            XCTAssertEqual(r.errors, ["rota: --previous \(previous) is inside --out \(out), where the re-plan writes its own rota.csv: the agreed rota would be lost. "
                + "Write the re-plan to another folder (for example --out \(dir)/agreed-week-5) or copy the agreed rota elsewhere first; nothing was solved or written."])
            XCTAssertEqual(try String(contentsOfFile: dir + "/agreed/rota.csv", encoding: .utf8), agreed)
        }
        // A copy under a name no run writes may stay in the folder: it is kept.
        try agreed.write(toFile: dir + "/agreed/agreed.csv", atomically: false, encoding: .utf8)
        let r = ReplanCommand.run(scenario: smallScenario, previous: dir + "/agreed/agreed.csv", fromWeek: 5, out: dir + "/agreed", options: .init())
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        XCTAssertEqual(try String(contentsOfFile: dir + "/agreed/agreed.csv", encoding: .utf8), agreed)
    }

    /// Issue 29 row 4: a leaver's weeks after leaving read `left` in the
    /// grid (and back as the home hub), and are no moves of the re-plan.
    func testALeaversWeeksAfterLeavingAreShownAsLeftAndAreNoMoves() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init()).exitCode, .success)
        let scenario = dir + "/scenario"
        try FileManager.default.copyItem(atPath: smallScenario, toPath: scenario)
        // bs-02 leaves at the end of week 7 (Sunday 2027-05-23).
        let staff = try String(contentsOfFile: scenario + "/staff.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let edited = [staff[0] + ",to"] + staff.dropFirst().map { $0.hasPrefix("bs-02,") ? $0 + ",2027-05-23" : $0 + "," }
        try (edited.joined(separator: "\n") + "\n").write(toFile: scenario + "/staff.csv", atomically: false, encoding: .utf8)

        let r = ReplanCommand.run(scenario: scenario, previous: dir + "/agreed/rota.csv", fromWeek: 6, out: dir + "/new", options: .init())
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        let grid = read(dir + "/new", "rota-grid.csv").split(separator: "\n").map(String.init)
        let row = try XCTUnwrap(grid.first { $0.hasPrefix("bs-02,") }).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(row.suffix(5)), Array(repeating: "left", count: 5), "weeks 8-12")
        XCTAssertNotEqual(row[3 + 6], "left", "week 7 is in post")
        // The rules still see the home hub there: rota.csv says so, and the grid reads back as the same rota.
        XCTAssertTrue(read(dir + "/new", "rota.csv").contains("bs-02,8,2027-05-24,hub-bham,"))
        // (validate sees the share as written, which the history already breaks: see the warning below.)
        let fromGrid = ValidateCommand.run(scenario: scenario, rota: dir + "/new/rota-grid.csv")
        let fromRota = ValidateCommand.run(scenario: scenario, rota: dir + "/new/rota.csv")
        XCTAssertEqual(fromGrid.exitCode, fromRota.exitCode)
        XCTAssertEqual(fromGrid.evaluation?.objective, fromRota.evaluation?.objective)
        // Five PCN weeks have happened of seven in post, over the share's 3.5: relaxed, with a warning, not a conflict.
        XCTAssertTrue(r.lines.contains { $0.contains("bs-02 has already worked 5 weeks at a PCN before week 6") && $0.contains("7 weeks in post") }, "\(r.lines)")
        // Held at home after leaving is not a move, whatever was agreed for those weeks.
        let moves = read(dir + "/new", "moves.csv").split(separator: "\n").dropFirst()
        XCTAssertFalse(moves.contains { $0.hasPrefix("bs-02,") && Int($0.split(separator: ",")[1])! >= 8 }, "\(moves)")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(dir + "/new", "summary.json").utf8)) as? [String: Any])
        let listed = moves.reduce(0) { $0 + Int($1.split(separator: ",")[4])! }
        XCTAssertEqual((json["replan"] as? [String: Any])?["moves"] as? Double, Double(listed), "the count is the weeks listed")
    }

    /// Issue 29 row 2: a run owns its output folder; an earlier run's files
    /// that this run does not write (a re-plan's moves.csv, a report of the
    /// old rota) are removed with the same step, the planner's own files kept.
    func testARunRemovesTheFilesOfAnEarlierRunThatItDoesNotWrite() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init()).exitCode, .success)
        // Both ways of writing: the folder swapped whole, and file by file (a folder holding a sub-folder).
        for (out, subfolder) in [(dir + "/swapped", false), (dir + "/each", true)] {
            XCTAssertEqual(ReplanCommand.run(scenario: smallScenario, previous: dir + "/agreed/rota.csv", fromWeek: 5, out: out, options: .init()).exitCode, .success)
            try "<html>old report</html>".write(toFile: out + "/report.html", atomically: false, encoding: .utf8)
            try "mine".write(toFile: out + "/notes.txt", atomically: false, encoding: .utf8)
            if subfolder { try FileManager.default.createDirectory(atPath: out + "/archive", withIntermediateDirectories: false) }
            let r = SolveCommand.run(scenario: smallScenario, out: out, options: .init())
            XCTAssertEqual(r.exitCode, .success)
            XCTAssertTrue(r.lines.contains("removed    moves.csv, report.html: an earlier run's, which would not match this rota"), r.lines.joined(separator: "\n"))
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                           (["coverage.csv", "notes.txt", "rota-grid.csv", "rota.csv", "rota.xlsx", "site-view.csv", "summary.json"] + (subfolder ? ["archive"] : [])).sorted())
        }
    }
}
