import Foundation
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// `rota explain`: the analysis alone, writing nothing.
final class ExplainCommandTests: XCTestCase {
    /// Writes a scenario folder from its files.
    func scenario(_ files: [String: String]) throws -> String {
        let folder = temporaryFolder()
        for (name, contents) in files {
            try contents.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        return folder
    }

    func testAValidScenarioHasNothingToExplain() throws {
        let r = ExplainCommand.run(scenario: smallScenario, options: .init())
        XCTAssertEqual(r.exitCode, .success, "\(r.lines) \(r.errors)")
        XCTAssertTrue(r.lines.last!.hasPrefix("All floors can be met: a valid rota exists"), r.lines.last!)
    }

    // Two clinicians at Walsall, floor 2.0 WTE in weeks 2–3, and p2 on leave all of week 3.
    func testFloorsAboveSupplyAreExplainedSiteByWeeks() throws {
        let folder = try scenario([
            "scenario.toml": "start = 2027-04-05\nweeks = 4\n",
            "sites.csv": "id,kind,ics\nhub-walsall,hub,Black Country\npcn-1,pcn,Black Country\n",
            "staff.csv": "id,grade,home,wte\np1,specialist,hub-walsall,1.0\np2,specialist,hub-walsall,0.6\n",
            "demand.csv": "site,from_week,to_week,floor\nhub-walsall,2,3,2.0\n",
            "leave.csv": "staff,from,to\np2,2027-04-19,2027-04-25\n",
        ])
        let r = ExplainCommand.run(scenario: folder, options: .init())
        XCTAssertEqual(r.exitCode, .infeasible)
        XCTAssertTrue(r.lines[1].hasPrefix("No valid rota exists: the floors cannot all be met (analysed in "), r.lines[1])
        XCTAssertEqual(Array(r.lines.dropFirst(2)), [
            "least breach 1.4 WTE-weeks in 2 site-weeks (proven least: every breach left is a floor above what all the eligible clinicians together can give)",
            "breaches, largest first (supply = the cover of every eligible clinician not pinned elsewhere):",
            "  hub-walsall weeks 2–3: short 1.4 WTE-weeks; floor 2 WTE, best 1–1.6, eligible supply 1–1.6; on leave: p2 (week 3); why: the eligible supply is below the floor",
        ])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
                       ["demand.csv", "leave.csv", "scenario.toml", "sites.csv", "staff.csv"], "explain writes nothing")
    }

    func testConflictingRulesAreNamed() throws {
        let folder = try scenario([
            "scenario.toml": "start = 2027-04-05\nweeks = 8\n[rotation]\nmin_run_weeks = 4\n",
            "sites.csv": "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
            "staff.csv": "id,grade,home\np1,specialist,hub\n",
            "demand.csv": "site,from_week,to_week,floor\n",
            "pinned.csv": "staff,week,site\np1,3,hub\np1,4,pcn\np1,5,pcn\np1,6,hub\n",
        ])
        let r = ExplainCommand.run(scenario: folder, options: .init())
        XCTAssertEqual(r.exitCode, .infeasible)
        XCTAssertEqual(Array(r.lines.dropFirst()), [
            "No valid rota exists, not even one that breaks only floors: these hard rules cannot all hold together:",
            "  H5 p1: pinned to pcn in weeks 4–5 (2 weeks), shorter than min_run_weeks 4, and the run cannot be made longer: week 3 is pinned to hub, week 6 is pinned to hub",
        ])
        // solve says the same on standard error and writes nothing.
        let out = (temporaryFolder() as NSString).appendingPathComponent("never")
        let s = SolveCommand.run(scenario: folder, out: out, options: .init())
        XCTAssertEqual(s.exitCode, .infeasible)
        XCTAssertEqual(s.errors, [
            "No valid rota exists, not even one that breaks only floors: these hard rules cannot all hold together:",
            "  H5 p1: pinned to pcn in weeks 4–5 (2 weeks), shorter than min_run_weeks 4, and the run cannot be made longer: week 3 is pinned to hub, week 6 is pinned to hub",
            "Nothing was written.",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    // A cap below the floor is visible in the input alone: an input error, not an explanation.
    func testACapBelowTheFloorIsAnInputError() throws {
        let folder = try scenario([
            "scenario.toml": "start = 2027-04-05\nweeks = 2\n",
            "sites.csv": "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
            "staff.csv": "id,grade,home\np1,specialist,hub\np2,specialist,hub\n",
            "demand.csv": "site,from_week,to_week,floor,target,cap\npcn,1,2,1.5,,1\n",
        ])
        let r = ExplainCommand.run(scenario: folder, options: .init())
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertEqual(r.errors.count, 2)
        XCTAssertTrue(r.errors[0].hasPrefix("demand.csv:2: column cap: "), r.errors[0])
    }

    // The shipped winter scenario has floors no rota can meet (the search that
    // proves its least breach takes too long for a debug-build test;
    // docs/COMMANDS.md shows its `rota explain`).
    func testTheWinterScenarioHasFloorsAboveSupply() throws {
        let scenario = try ScenarioLoader.load(folder: repoRoot.appendingPathComponent("inputs/west-midlands-winter").path)
        let I = Instance(scenario)
        let supply = FloorSupply(I)
        XCTAssertEqual(supply.forcedBreach(I), 2.771428571, accuracy: 1e-6)
        XCTAssertEqual(BreachReport.unmeetable(I, supply), [
            "hub-worcester weeks 38–39: at least 2.77 WTE-weeks short; floor 7 WTE, eligible supply 5.4–5.83",
        ])
    }
}
