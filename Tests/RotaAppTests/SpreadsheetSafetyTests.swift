import Foundation
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// Outputs that are safe and friendly in Excel and LibreOffice.
final class SpreadsheetSafetyTests: XCTestCase {
    /// A scenario whose ids and names a spreadsheet would take for formulas.
    func scenario() throws -> String {
        let folder = temporaryFolder()
        try "start = 2027-04-05\nweeks = 2\n".write(toFile: folder + "/scenario.toml", atomically: false, encoding: .utf8)
        try "id,kind,ics\n-hub,hub,=ICS\n-pcn,pcn,+ICS\n".write(toFile: folder + "/sites.csv", atomically: false, encoding: .utf8)
        try "id,name,grade,home\n-p1,\"=HYPERLINK(\"\"http://x\"\")\",specialist,-hub\n-p2,Siân,specialist,-hub\n"
            .write(toFile: folder + "/staff.csv", atomically: false, encoding: .utf8)
        try "site,from_week,to_week,target\n-pcn,1,2,1\n".write(toFile: folder + "/demand.csv", atomically: false, encoding: .utf8)
        return folder
    }

    func testFormulaLikeCellsAreNeutralisedAndReadBack() throws {
        let folder = try scenario()
        let out = temporaryFolder()
        let r = SolveCommand.run(scenario: folder, out: out, options: .init())
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        let rota = read(out, "rota.csv")
        XCTAssertTrue(rota.hasPrefix("staff,week,"), "ASCII only: no byte order mark")
        XCTAssertTrue(rota.contains("'-p1,1,2027-04-05,"), rota)
        XCTAssertTrue(rota.contains(",'=ICS,"), rota)
        XCTAssertFalse(rota.split(separator: "\n").contains { line in line.split(separator: ",").contains { ["=", "+", "-", "@"].contains($0.first) } },
                       "no cell starts a formula: \(rota)")
        let grid = read(out, "rota-grid.csv")
        let gridBytes = try Data(contentsOf: URL(fileURLWithPath: out + "/rota-grid.csv"))
        XCTAssertEqual(Array(gridBytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a name beyond ASCII: the byte order mark Excel needs")
        let rotaBytes = try Data(contentsOf: URL(fileURLWithPath: out + "/rota.csv"))
        XCTAssertEqual(Array(rotaBytes.prefix(5)), Array("staff".utf8), "ASCII only: no byte order mark")
        XCTAssertTrue(grid.contains("'-p1,\"'=HYPERLINK(\"\"http://x\"\")\",'-hub,"), grid)
        XCTAssertTrue(grid.contains("'-p2,Siân,'-hub,"), grid)
        XCTAssertTrue(read(out, "coverage.csv").contains("'-pcn,pcn,'+ICS,1,"))
        // The tool reads its own rota back exactly: the check passes.
        let v = ValidateCommand.run(scenario: folder, rota: out + "/rota.csv")
        XCTAssertEqual(v.exitCode, .success, "\(v.lines) \(v.errors)")
    }

    func testNeutralisingIsUndoneOnlyWhereItWasDone() {
        for s in ["=A1", "+1", "-x", "@sum", "\tx", "plain", "'quoted", "'plain", ""] {
            XCTAssertEqual(SpreadsheetText.restored(SpreadsheetText.neutralised(s)), s)
        }
        XCTAssertEqual(SpreadsheetText.neutralised("plain"), "plain")
        XCTAssertEqual(SpreadsheetText.restored("'plain"), "'plain")
    }
}
