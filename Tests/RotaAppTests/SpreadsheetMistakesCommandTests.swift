import Foundation
import RotaApp
import XCTest

/// inputs/small as Excel leaves it after a planner's edits: the run writes
/// the same rota as from the clean files, and says what looks unintended.
final class SpreadsheetMistakesCommandTests: XCTestCase {
    func copyOfSmall() throws -> String {
        let folder = temporaryFolder()
        for f in ["scenario.toml", "sites.csv", "staff.csv", "demand.csv", "leave.csv", "pinned.csv"] {
            try FileManager.default.copyItem(atPath: (smallScenario as NSString).appendingPathComponent(f),
                                             toPath: (folder as NSString).appendingPathComponent(f))
        }
        return folder
    }

    func edit(_ folder: String, _ file: String, _ change: (String) -> String) throws {
        let path = (folder as NSString).appendingPathComponent(file)
        try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: false, encoding: .utf8)
    }

    func testAnExcelEditedCopyGivesTheSameRotaAndItsWarnings() throws {
        let edited = try copyOfSmall()
        try edit(edited, "staff.csv") { text in
            text.replacingOccurrences(of: "id,name,grade,home,wte,skills,rotates", with: "ID,Name,Grade,Home,WTE,Skills,Rotates")
                .replacingOccurrences(of: ",advanced,", with: ",Advanced Paramedic,")
                .replacingOccurrences(of: ",specialist,", with: ",Specialist Paramedic,")
                .replacingOccurrences(of: ",0.8,", with: ",80%,")
                .replacingOccurrences(of: ",true\n", with: ",Yes\n")
        }
        try edit(edited, "pinned.csv") { $0.replacingOccurrences(of: ",", with: ";") }
        try edit(edited, "leave.csv") { $0.replacingOccurrences(of: "bs-05,", with: "bs-05\u{00A0},") + "cw-03,2026-05-25,2026-05-26\n" }
        try edit(edited, "scenario.toml") { $0.replacingOccurrences(of: "max_away_share = 0.5", with: "max_away_share = \"50%\"") }

        let cleanOut = temporaryFolder(), editedOut = temporaryFolder()
        let a = SolveCommand.run(scenario: smallScenario, out: cleanOut, options: .init())
        let b = SolveCommand.run(scenario: edited, out: editedOut, options: .init())
        XCTAssertEqual(a.exitCode, .success, "\(a.errors)")
        XCTAssertEqual(b.exitCode, .success, "\(b.errors)")
        XCTAssertEqual(read(editedOut, "rota.csv"), read(cleanOut, "rota.csv"))
        XCTAssertFalse(read(cleanOut, "rota.csv").isEmpty)
        XCTAssertFalse(a.lines.contains { $0.hasPrefix("warnings") })
        let warning = "leave.csv:6: column to: the leave 2026-05-25 to 2026-05-26 is wholly outside the horizon (2027-04-05 to 2027-06-27), so it changes nothing (is the year right?)"
        XCTAssertEqual(Array(b.lines.drop { !$0.hasPrefix("warnings") }), [
            "warnings   1 in the input, accepted but worth a look (also in summary.json):",
            "  " + warning,
        ])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(editedOut, "summary.json").utf8)) as? [String: Any])
        let warnings = try XCTUnwrap(json["warnings"] as? [[String: Any]])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?["file"] as? String, "leave.csv")
        XCTAssertEqual(warnings.first?["line"] as? Double, 6)
        XCTAssertEqual(warnings.first?["column"] as? String, "to")
        let cleanJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(cleanOut, "summary.json").utf8)) as? [String: Any])
        XCTAssertEqual((cleanJSON["warnings"] as? [Any])?.count, 0)
    }

    func testAMistakeThatCannotBeReadWritesNothingAndSaysWhatWasMeant() throws {
        let edited = try copyOfSmall()
        try edit(edited, "pinned.csv") { $0.replacingOccurrences(of: "cw-04,1,cas-111", with: "cw-04,1,CAS-111") }
        let out = (temporaryFolder() as NSString).appendingPathComponent("never")
        let r = SolveCommand.run(scenario: edited, out: out, options: .init())
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertEqual(r.errors.first, "pinned.csv:2: column site: \"CAS-111\" is not a site in sites.csv; did you mean cas-111 (West Midlands 111 clinical hub)?")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
