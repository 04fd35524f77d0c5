import Foundation
import RotaCore
import RotaIO
import XCTest

/// Whole-file matters of the CSV tables: presence, header, line numbers and
/// the spreadsheet leniencies of INPUTS.md "Clarifications (v1.1)".
final class CSVFileTests: XCTestCase {
    func testValidBaselineLoadsWithItsValues() throws {
        let s = try ScenarioFiles.valid.scenario()
        XCTAssertEqual(s.name, "Test scenario")
        XCTAssertEqual(s.start.description, "2027-04-05")
        XCTAssertEqual(s.weeks, 13)
        XCTAssertEqual(s.sites.map(\.id), ["H1", "H2", "P1", "P2", "C1"])
        XCTAssertEqual(s.sites[2], Site(id: "P1", name: "North PCN", kind: .pcn, ics: "ICS-A", trust: "T1",
                                        location: Coordinates(lat: 52.50, lon: -1.85), minGrade: .specialist,
                                        requires: [], priority: 1.5))
        XCTAssertEqual(s.sites[4], Site(id: "C1", name: "Clinical hub", kind: .cas, requires: ["triage"]))
        XCTAssertEqual(s.clinicians.map(\.id), ["S1", "S2", "S3"])
        XCTAssertEqual(s.clinicians[0], Clinician(id: "S1", name: "Ann", grade: .specialist, home: "H1",
                                                  skills: ["triage", "prescribing"]))
        XCTAssertEqual(s.clinicians[1], Clinician(id: "S2", name: "Bob", grade: .advanced, home: "H2", wte: 0.8,
                                                  maxTravelKm: 50, sharePCNMin: 0.1, sharePCNMax: 0.4))
        XCTAssertEqual(s.clinicians[2].rotates, false)
        XCTAssertEqual(s.demand, [DemandRow(site: "H1", fromWeek: 1, toWeek: 13, floor: 1, target: 1.5),
                                  DemandRow(site: "P1", fromWeek: 1, toWeek: 6, floor: 0, target: 1, cap: 1),
                                  DemandRow(site: "P1", fromWeek: 7, toWeek: 13, target: 0.5),
                                  DemandRow(site: "C1", fromWeek: 1, toWeek: 13)])
        XCTAssertEqual(s.leave, [Leave(staff: "S1", from: Day(iso: "2027-04-12")!, to: Day(iso: "2027-04-18")!)])
        XCTAssertEqual(s.pins, [Pin(staff: "S1", week: 2, site: "P1")])
    }

    // MARK: missing and empty files

    func testMissingRequiredFilesAreReportedOnLineZero() throws {
        var files = ScenarioFiles.valid
        files.toml = nil; files.sites = nil; files.staff = nil; files.demand = nil
        let folder = try files.write(into: "bare")
        XCTAssertThrowsError(try ScenarioLoader.load(folder: folder)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description), [
                "demand.csv:0: column -: required file is missing from \(folder)",
                "scenario.toml:0: column -: required file is missing from \(folder)",
                "sites.csv:0: column -: required file is missing from \(folder)",
                "staff.csv:0: column -: required file is missing from \(folder)",
            ])
        }
    }

    func testCheckReportsAbsentRequiredTexts() {
        // `check` itself says a required file is absent, so a caller never
        // gets "no scenario and no error".
        var files = ScenarioFiles.valid
        files.toml = nil; files.demand = nil
        XCTAssertEqual(files.errors(), [
            "demand.csv:0: column -: required file is missing",
            "scenario.toml:0: column -: required file is missing",
        ])
    }

    func testLeaveAndPinnedAreOptional() throws {
        var files = ScenarioFiles.valid
        files.leave = nil; files.pinned = nil
        let s = try files.scenario()
        XCTAssertEqual(s.leave, [])
        XCTAssertEqual(s.pins, [])
        // The same through a folder.
        let loaded = try ScenarioLoader.load(folder: files.write(into: "no-leave"))
        XCTAssertEqual(loaded.clinicians.count, 3)
    }

    func testFileThatIsNotUTF8() throws {
        let folder = try ScenarioFiles.valid.write(into: "latin1")
        let latin1 = "id,name,kind,ics\nH1,Caf\u{E9} hub,hub,ICS-A\n".data(using: .isoLatin1)!
        try latin1.write(to: URL(fileURLWithPath: folder).appendingPathComponent("sites.csv"))
        XCTAssertThrowsError(try ScenarioLoader.load(folder: folder)) { error in
            XCTAssertEqual((error as? InputErrors)?.errors.map(\.description),
                           ["sites.csv:0: column -: is not UTF-8 text (save it as \"CSV UTF-8\")"])
        }
    }

    func testEmptySitesFileIsReportedOnLineOne() {
        var files = ScenarioFiles.valid
        files.sites = ""
        // Nothing else: with no header, other files' site ids cannot be judged.
        XCTAssertEqual(files.errors(), ["sites.csv:1: column -: the file is empty: a header row is needed"])
    }

    func testSitesFileWithOnlyAHeaderIsReportedOnLineOne() {
        var files = ScenarioFiles.valid
        files.sites = csv("id,kind,ics")
        files.staff = csv("id,grade,home", "S1,specialist,H1")
        files.demand = csv("site,from_week,to_week")
        files.leave = nil; files.pinned = nil
        XCTAssertEqual(files.errors(), [
            "sites.csv:1: column -: no sites: at least one row is needed",
            "staff.csv:2: column home: \"H1\" is not a site in sites.csv",
        ])
    }

    func testEmptyStaffFileIsReportedOnLineOne() {
        var files = ScenarioFiles.valid
        files.staff = ""
        XCTAssertEqual(files.errors(), ["staff.csv:1: column -: the file is empty: a header row is needed"])
        files.staff = "id,grade,home\r\n\r\n"
        files.leave = nil; files.pinned = nil
        XCTAssertEqual(files.errors(), ["staff.csv:1: column -: no clinicians: at least one row is needed"])
    }

    func testDemandFileWithOnlyAHeaderIsAccepted() throws {
        var files = ScenarioFiles.valid
        files.demand = csv("site,from_week,to_week")
        XCTAssertEqual(try files.scenario().demand, [])
    }

    // MARK: header

    func testUnknownColumnIsReportedOnTheHeader() {
        var files = ScenarioFiles.valid
        files.sites = files.sites!.replacing(line: 1, with: "id,name,kind,ics,trust,lat,lon,min_grade,requires,colour")
        XCTAssertEqual(files.errors(), [
            "sites.csv:1: column colour: unknown column (known columns: id, name, kind, ics, trust, lat, lon, min_grade, requires, priority)",
        ])
    }

    func testMissingRequiredColumnIsReportedOnceOnTheHeader() {
        var files = ScenarioFiles.valid
        files.staff = csv("id,home", "S1,H1", "S2,H2", "S3,H1")
        // Once, on the header: not again as a blank cell on every row, and
        // the ids of the rows are still known to leave.csv and pinned.csv.
        XCTAssertEqual(files.errors(), ["staff.csv:1: column grade: required column is missing"])
    }

    func testMissingIDColumnDoesNotMakeEveryReferenceUnknown() {
        var files = ScenarioFiles.valid
        files.sites = csv("kind,ics", "hub,ICS-A")
        XCTAssertEqual(files.errors(), ["sites.csv:1: column id: required column is missing"])
    }

    func testColumnTwiceInTheHeader() {
        var files = ScenarioFiles.valid
        files.demand = csv("site,from_week,to_week,floor,floor", "H1,1,13,1,2")
        XCTAssertEqual(files.errors(), ["demand.csv:1: column floor: the column appears twice in the header"])
    }

    func testColumnsInAnyOrderAndOptionalColumnsAbsent() throws {
        var files = ScenarioFiles.valid
        files.sites = csv("kind,id,ics", "hub,H1,ICS-A", "hub,H2,ICS-B", "pcn,P1,ICS-A", "pcn,P2,ICS-B", "cas,C1,")
        let s = try files.scenario()
        XCTAssertEqual(s.sites.map(\.id), ["H1", "H2", "P1", "P2", "C1"])
        XCTAssertEqual(s.sites[2], Site(id: "P1", kind: .pcn, ics: "ICS-A"))
    }

    // MARK: rows and line numbers

    func testRowWithMoreCellsThanTheHeader() {
        var files = ScenarioFiles.valid
        files.demand = files.demand!.appending(row: "P2,1,13,0,1,2,extra")
        XCTAssertEqual(files.errors(), ["demand.csv:6: column -: the row has 7 cells but the header has 6"])
    }

    func testRowWithFewerCellsThanTheHeaderHasBlankCells() throws {
        var files = ScenarioFiles.valid
        files.demand = files.demand!.appending(row: "P2,1,13")
        XCTAssertEqual(try files.scenario().demand.last, DemandRow(site: "P2", fromWeek: 1, toWeek: 13))
    }

    func testQuotedNewlineShiftsLaterLineNumbers() throws {
        var files = ScenarioFiles.valid
        // Physical lines: 1 header; 2-3 H1 (a LF inside its quoted name);
        // 4-6 H2 (a CRLF and a LF inside its quoted name); 7 P1, with a bad kind.
        files.sites = "id,name,kind,ics\n"
            + "H1,\"North\nhub\",hub,ICS-A\n"
            + "H2,\"South\r\nhub,\n \"\"the big one\"\"\",hub,ICS-B\n"
            + "P1,North PCN,clinic,ICS-A\n"
            + "P2,South PCN,pcn,ICS-B\n"
            + "C1,,cas,\n"
        XCTAssertEqual(files.errors(), ["sites.csv:7: column kind: \"clinic\" is not hub, pcn or cas"])

        files.sites = files.sites!.replacingOccurrences(of: "clinic", with: "pcn")
        let s = try files.scenario()
        XCTAssertEqual(s.sites[0].name, "North\nhub")
        XCTAssertEqual(s.sites[1].name, "South\r\nhub,\n \"the big one\"")
    }

    func testUnclosedQuoteIsReportedWhereTheRecordStarts() {
        var files = ScenarioFiles.valid
        files.demand = files.demand!.appending(row: "\"P2,1,13,,,").appending(row: "P2,1,13,,,")
        XCTAssertEqual(files.errors(), ["demand.csv:6: column -: a quoted cell is not closed (a \" is missing)"])
    }

    func testQuoteInsideAnUnquotedCell() {
        var files = ScenarioFiles.valid
        files.sites = files.sites!.appending(row: "P3,The \"new\" PCN,pcn,ICS-A,,,,,,")
        XCTAssertEqual(files.errors(), [
            "sites.csv:7: column -: a \" inside an unquoted cell: quote the whole cell and write the \" as \"\"",
        ])
    }

    func testRowsAfterBadQuotingAreNotCalledUnknownElsewhere() {
        var files = ScenarioFiles.valid
        // The quote opened on line 4 is never closed: the rest of sites.csv
        // cannot be read, so other files' site ids are not judged against it.
        files.sites = files.sites!.replacing(line: 4, with: "P1,\"North PCN,pcn,ICS-A,T1,52.50,-1.85,specialist,,1.5")
        XCTAssertEqual(files.errors(), ["sites.csv:4: column -: a quoted cell is not closed (a \" is missing)"])
    }

    // MARK: one error, reported once

    func testAStaffRowWithAnErrorIsStillKnownToLeaveAndPins() {
        var files = ScenarioFiles.valid
        files.staff = files.staff!.replacing(line: 2, with: "S1,Ann,specialist,H1,1.0,triage,maybe,,,,,")
        XCTAssertEqual(files.errors(), ["staff.csv:2: column rotates: \"maybe\" is not true or false (yes/no, y/n and 1/0 are read too)"])
    }

    func testASiteRowWithAnErrorIsStillKnownToDemandStaffAndPins() {
        var files = ScenarioFiles.valid
        files.sites = files.sites!
            .replacing(line: 2, with: "H1,North hub,hub,ICS-A,T1,52.48,-1.90,,,none")   // bad priority
            .replacing(line: 4, with: "P1,North PCN,pcn,ICS-A,T1,52.50,-1.85,expert,,1.5")   // bad min_grade
        // Nor is a contradiction derived from the sites that could not be read
        // (S1's pin to P1; a PCN share bound with P1 missing).
        files.toml = files.toml!.replacingOccurrences(of: "share.pcn     = [0.0, 0.5]", with: "share.pcn     = [0.1, 0.5]")
        XCTAssertEqual(files.errors(), [
            "sites.csv:2: column priority: \"none\" is not a number",
            "sites.csv:4: column min_grade: \"expert\" is not paramedic, specialist or advanced",
        ])
    }

    // MARK: spreadsheet leniency

    /// The text as a spreadsheet might save it: BOM, CRLF, spaces around
    /// cells, and fully blank rows (empty lines and rows of empty cells).
    func spreadsheetStyle(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { " \($0)\t" }.joined(separator: ",")
        }
        let header = lines[0]
        let blankRow = String(repeating: ",", count: header.filter { $0 == "," }.count)
        return "\u{FEFF}" + ([header, "", blankRow] + lines.dropFirst() + [" , ", ""]).joined(separator: "\r\n") + "\r\n"
    }

    func testBOMCRLFBlankRowsAndSurroundingSpacesAreAccepted() throws {
        let plain = try ScenarioFiles.valid.scenario()
        var files = ScenarioFiles.valid
        files.sites = spreadsheetStyle(files.sites!)
        files.staff = spreadsheetStyle(files.staff!)
        files.demand = spreadsheetStyle(files.demand!)
        files.leave = spreadsheetStyle(files.leave!)
        files.pinned = spreadsheetStyle(files.pinned!)
        let s = try files.scenario()
        XCTAssertEqual(s.sites, plain.sites)
        XCTAssertEqual(s.clinicians, plain.clinicians)
        XCTAssertEqual(s.demand, plain.demand)
        XCTAssertEqual(s.leave, plain.leave)
        XCTAssertEqual(s.pins, plain.pins)
    }

    /// The reader cuts cells on bytes: names in other scripts, accents next
    /// to commas and quotes, and a non-breaking space at the edge all come
    /// through as written (the space trimmed).
    func testCellsInAnyScriptAreReadWhole() throws {
        var errors: [InputError] = []
        let text = "id,name\r\nS1,Zoë Ní Bhriain\r\nS2,\"Ødegård, \"\"Åse\"\"\"\nS3,\u{00A0}李明\u{00A0}\nS4,\"多行\n名前\"\nS5,é\n"
        let table = CSVTable.parse(text, file: "staff.csv", known: ["id", "name"], required: ["id"], errors: &errors)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(table.records.map { $0["name"] }, ["Zoë Ní Bhriain", "Ødegård, \"Åse\"", "李明", "多行\n名前", "é"])
        XCTAssertEqual(table.records.map(\.line), [2, 3, 4, 5, 7])
        XCTAssertEqual(table.records[1].cells, ["id": "S2", "name": "Ødegård, \"Åse\""])
    }

    func testLineNumbersCountBlankRowsAndCRLF() {
        var files = ScenarioFiles.valid
        // Header on line 1 (after the BOM), blank lines 2 and 3, the row on line 4.
        files.pinned = "\u{FEFF}staff,week,site\r\n\r\n,,\r\nS1 , 2 , X9 \r\n"
        XCTAssertEqual(files.errors(), ["pinned.csv:4: column site: \"X9\" is not a site in sites.csv"])
    }

    func testRotatesAcceptsAnyLetterCase() throws {
        var files = ScenarioFiles.valid
        files.staff = csv("id,grade,home,rotates", "S1,specialist,H1,TRUE", "S2,advanced,H2,True", "S3,paramedic,H1,False")
        XCTAssertEqual(try files.scenario().clinicians.map(\.rotates), [true, true, false])
        files.staff = files.staff!.appending(row: "S4,paramedic,H1,maybe")
        XCTAssertEqual(files.errors(), ["staff.csv:5: column rotates: \"maybe\" is not true or false (yes/no, y/n and 1/0 are read too)"])
    }
}
