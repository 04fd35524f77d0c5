import Foundation
import RotaCore
import RotaIO
import XCTest

/// `ScenarioLoader.load(folder:)`: a folder in, a scenario or every problem out.
final class LoadFolderTests: XCTestCase {
    func testValidFolderLoads() throws {
        let s = try ScenarioLoader.load(folder: ScenarioFiles.valid.write(into: "valid"))
        XCTAssertEqual(s.name, "Test scenario")
        XCTAssertEqual(s.sites.count, 5)
        XCTAssertEqual(s.clinicians.count, 3)
        XCTAssertEqual(s.pins.count, 1)
    }

    func testAllProblemsAreReportedAtOnceSortedByFileThenLine() throws {
        var files = ScenarioFiles.valid
        files.toml = files.toml!
            .replacingOccurrences(of: "start = 2027-04-05", with: "start = 2027-04-06")   // line 2
            .replacingOccurrences(of: "min_run_weeks = 2", with: "min_run_weeks = 0")     // line 6
        files.sites = files.sites!
            .appending(row: "P3,,pcn,,,,,,,")                 // line 7: no ics
            .replacing(line: 2, with: "H1,North hub,hub,ICS-A,T1,52.48,-1.90,,,-1")   // line 2: priority
        files.staff = files.staff!.appending(row: "S4,,specialist,P2,2,,,,,,,")   // line 5: home, wte
        files.demand = files.demand!.appending(row: "P2,9,3,,,")                  // line 6
        files.leave = files.leave!.appending(row: "S1,2027-04-20,2027-4-21")      // line 3
        files.pinned = files.pinned!.appending(row: "S9,1,P1")                    // line 3
        let folder = try files.write(into: "many-problems")
        XCTAssertThrowsError(try ScenarioLoader.load(folder: folder)) { error in
            XCTAssertEqual((error as? InputErrors)?.description, """
                demand.csv:6: column to_week: week 3 is before from_week 9
                leave.csv:3: column to: "2027-4-21" is not a date in the form YYYY-MM-DD or DD/MM/YYYY
                pinned.csv:3: column staff: "S9" is not in staff.csv
                scenario.toml:2: key start: 2027-04-06 is not a Monday (week 1 must start on a Monday)
                scenario.toml:6: key rotation.min_run_weeks: 0 is below 1
                sites.csv:2: column priority: -1 must be above 0
                sites.csv:7: column ics: is required for a pcn
                staff.csv:5: column home: "P2" is not a hub (it is a pcn)
                staff.csv:5: column wte: 2 must be at most 1
                """)
        }
    }

    func testInputErrorsSortStablyByFileAndLine() {
        let sorted = InputErrors([
            InputError(file: "staff.csv", line: 2, column: "b", "second on line 2"),
            InputError(file: "sites.csv", line: 9, column: "a", "x"),
            InputError(file: "staff.csv", line: 1, column: "-", "y"),
            InputError(file: "staff.csv", line: 2, column: "a", "third on line 2"),
            InputError(file: "scenario.toml", line: 3, key: "weeks", "z"),
        ])
        XCTAssertEqual(sorted.errors.map(\.description), [
            "scenario.toml:3: key weeks: z",
            "sites.csv:9: column a: x",
            "staff.csv:1: column -: y",
            "staff.csv:2: column b: second on line 2",
            "staff.csv:2: column a: third on line 2",
        ])
    }
}
