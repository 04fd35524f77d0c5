import Foundation
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// A scenario in one workbook: made the way Excel saves one (by openpyxl,
/// a real writer), read by `rota`, and every bad workbook refused by name.
final class ScenarioWorkbookTests: XCTestCase {
    /// Builds a workbook from a scenario folder as Excel would store it:
    /// numbers as floats, dates as date-formatted serials, TRUE/FALSE as
    /// booleans, a stray blank row in each table, share pairs as "0.2, 0.5".
    /// argv: folder, out.xlsx, "1904" for the Mac date system or "1900".
    static let excelLike = """
        import csv, sys, os, datetime, tomllib
        from openpyxl import Workbook
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        folder, out, system = sys.argv[1], sys.argv[2], sys.argv[3]
        wb = Workbook(); wb.remove(wb.active)
        if system == "1904": wb.epoch = CALENDAR_MAC_1904
        settings = tomllib.load(open(os.path.join(folder, "scenario.toml"), "rb"))
        ws = wb.create_sheet("scenario"); ws.append(["key", "value"])
        def flat(prefix, d):
            for k, v in d.items():
                if k == "rollout":
                    for i, r in enumerate(v, 1):
                        for kk, vv in r.items(): ws.append([f"rollout[{i}].{kk}", float(vv)])
                elif isinstance(v, dict): flat(prefix + k + ".", v)
                elif isinstance(v, list): ws.append([prefix + k, ", ".join(str(x) for x in v)])
                elif isinstance(v, (int, float)) and not isinstance(v, bool): ws.append([prefix + k, float(v)])
                else: ws.append([prefix + k, v])
        flat("", settings)
        numeric = {"lat","lon","priority","wte","max_travel_km","share_pcn_min","share_pcn_max","share_cas_min","share_cas_max","from_week","to_week","floor","target","cap","week"}
        for name in ["sites","staff","demand","leave","pinned"]:
            p = os.path.join(folder, name + ".csv")
            if not os.path.exists(p): continue
            ws = wb.create_sheet(name)
            rows = list(csv.reader(open(p, encoding="utf-8-sig")))
            ws.append(rows[0])
            for i, r in enumerate(rows[1:]):
                cells = []
                for h, v in zip(rows[0], r):
                    if v == "": cells.append(None)
                    elif h in numeric: cells.append(float(v))
                    elif h in ("from", "to"): cells.append(datetime.date.fromisoformat(v))
                    elif h == "rotates": cells.append(v.lower() == "true")
                    else: cells.append(v)
                ws.append(cells)
                if i == 1: ws.append([])
        wb.save(out)
        print("{}")
        """

    func excelLikeWorkbook(_ folder: String, system: String = "1900") throws -> String {
        let out = temporaryFolder() + "/plan.xlsx"
        _ = try readWithPython(Self.excelLike, [folder, out, system], reader: "openpyxl")
        return out
    }

    /// Changes one workbook with openpyxl: `edit` is Python run with `wb` open.
    func edited(_ path: String, _ edit: String) throws -> String {
        let out = temporaryFolder() + "/edited.xlsx"
        let script = "import sys, datetime\nfrom openpyxl import load_workbook\nwb = load_workbook(sys.argv[1])\n" + edit + "\nwb.save(sys.argv[2])\nprint('{}')\n"
        _ = try readWithPython(script, [path, out], reader: "openpyxl")
        return out
    }

    /// Everything the model is built from, as text: equal texts, equal scenarios.
    func modelData(_ s: Scenario) -> String { MathProgData.text(Instance(s)) }

    func testAnExcelSavedWorkbookLoadsToTheSameScenarioAsItsFolder() throws {
        let folder = try ScenarioLoader.load(folder: smallScenario)
        for system in ["1900", "1904"] {
            let book = try ScenarioWorkbook.load(path: try excelLikeWorkbook(smallScenario, system: system))
            XCTAssertEqual(book.name, folder.name, system)
            XCTAssertEqual(book.start, folder.start, system)
            XCTAssertEqual(book.leave.map(\.from), folder.leave.map(\.from), "leave dates read from \(system) serials")
            XCTAssertEqual(modelData(book), modelData(folder), system)
        }
    }

    func testSolvingAWorkbookGivesTheFoldersRota() throws {
        let a = temporaryFolder(), b = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: a, options: .init()).exitCode, .success)
        let r = SolveCommand.run(scenario: try excelLikeWorkbook(smallScenario), out: b, options: .init())
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        XCTAssertEqual(read(a, "rota.csv"), read(b, "rota.csv"))
        XCTAssertEqual(read(a, "coverage.csv"), read(b, "coverage.csv"))
    }

    /// Runs `rota solve` on a bad workbook: exit 1, the errors, nothing written.
    func refused(_ workbook: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let out = temporaryFolder() + "/out"
        let r = SolveCommand.run(scenario: workbook, out: out, options: .init())
        XCTAssertEqual(r.exitCode, .badInput, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing written", file: file, line: line)
        return Array(r.errors.dropLast())
    }

    func testBadCellsAreToldBySheetRowAndColumn() throws {
        let good = try excelLikeWorkbook(smallScenario)
        // Row 12 of staff: the header, two rows, the stray blank row, then eight more.
        XCTAssertEqual(refused(try edited(good, "wb['staff'].cell(row=12, column=5, value='full time')")),
                       ["edited.xlsx: sheet staff, row 12, column wte: \"full time\" is not a number"])
        XCTAssertEqual(refused(try edited(good, "wb['staff'].cell(row=3, column=5, value='=1/2')")),
                       ["edited.xlsx: sheet staff, row 3, column wte: is a formula (=1/2): type its value instead; rota reads values and does not work formulas out"])
        XCTAssertEqual(refused(try edited(good, "wb['pinned'].cell(row=2, column=1, value='nobody')")),
                       ["edited.xlsx: sheet pinned, row 2, column staff: \"nobody\" is not in sheet staff"])
        XCTAssertEqual(refused(try edited(good, "wb.remove(wb['demand'])")),
                       ["edited.xlsx: sheet demand: the workbook has no sheet named demand (it has: scenario, sites, staff, leave, pinned); a scenario needs sheets scenario, sites, staff and demand, and may have leave and pinned"])
        XCTAssertEqual(refused(try edited(good, "wb['sites'].merge_cells('A1:B1')")).first,
                       "edited.xlsx: sheet sites, row 1: the header has merged cells A1:B1: unmerge them, one column name per cell")
        let settings = """
            ws = wb['scenario']
            for r in ws.iter_rows(min_row=2):
                if r[0].value == 'rotation.min_run_weeks': r[1].value = 0
            ws.append(['rotation.colour', 'red'])   # row 20: the header and 18 settings come first
            """
        XCTAssertEqual(refused(try edited(good, settings)), [
            "edited.xlsx: sheet scenario, row 5, key rotation.min_run_weeks: 0 is below 1",
            "edited.xlsx: sheet scenario, row 20, key rotation.colour: unknown key (known here: min_run_weeks, max_run_weeks, same_ics_pcn, share)",
        ])
    }

    func testWarningsNameTheSheetAndRow() throws {
        // Row 5 of demand: the header, two rows, the stray blank row, then this one.
        let book = try edited(try excelLikeWorkbook(smallScenario), "wb['demand'].cell(row=5, column=5, value=0.5)")
        let scenario = try ScenarioWorkbook.load(path: book)
        XCTAssertEqual(scenario.warnings.map(\.description), [
            "edited.xlsx: sheet demand, row 5, column target: the target 0.5 is below the floor 1: the floor must be met anyway, so the target adds nothing (were the two swapped?)",
        ])
    }

    func testFilesThatAreNotWorkbooksAreRefusedWithWhatToDo() throws {
        let dir = temporaryFolder()
        // An Excel 97-2003 file and a password-protected .xlsx are both OLE2
        // compound files; the protected one holds an EncryptionInfo stream.
        // (No Debian tool writes an encrypted .xlsx, so its header and stream name are made here.)
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        FileManager.default.createFile(atPath: dir + "/old.xlsx", contents: Data(ole2 + Array("Workbook".utf16.flatMap { [UInt8($0 & 0xFF), 0] })))
        FileManager.default.createFile(atPath: dir + "/locked.xlsx", contents: Data(ole2 + Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), 0] })))
        FileManager.default.createFile(atPath: dir + "/notes.xlsx", contents: Data("id,name\n".utf8))
        // A zip bomb: 300 MB of spaces packed into a few hundred kB.
        _ = try readWithPython("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", "<Types/>")
                z.writestr("xl/workbook.xml", b"<workbook>" + b" " * (300 << 20) + b"</workbook>")
            print("{}")
            """, [dir + "/bomb.xlsx"], reader: "Python's zipfile")
        XCTAssertEqual(refused(dir + "/old.xlsx"), ["old.xlsx: is an Excel 97–2003 workbook (.xls) under an .xlsx name: open it in Excel and save it as \"Excel Workbook (.xlsx)\""])
        XCTAssertEqual(refused(dir + "/locked.xlsx"), ["locked.xlsx: is protected by a password: remove it (File > Info > Protect Workbook > Encrypt with Password, clear the box) and save again"])
        XCTAssertEqual(refused(dir + "/notes.xlsx"), ["notes.xlsx: is not an Excel workbook (.xlsx): save the file from Excel as \"Excel Workbook (.xlsx)\""])
        XCTAssertEqual(refused(dir + "/bomb.xlsx"), ["bomb.xlsx: unpacks to more than 64 MB (xl/workbook.xml); a scenario workbook is far smaller, so the file is refused as damaged or hostile"])
    }

    /// The template as openpyxl sees it: sheets, headers, notes, drop-downs.
    func testTheTemplateHasEveryColumnANoteOnEachAndDropDowns() throws {
        let plan = temporaryFolder() + "/plan.xlsx"
        let r = TemplateCommand.run(out: plan, force: false)
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        let seen = try XCTUnwrap(readWithPython("""
            import json, sys
            from openpyxl import load_workbook
            wb = load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames}
            for ws in wb.worksheets:
                out[ws.title] = {"header": [c.value for c in ws[1]],
                                 "notes": [bool(c.comment and c.comment.text) for c in ws[1]],
                                 "lists": sorted(v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"),
                                 "rows": ws.max_row}
            print(json.dumps(out))
            """, [plan], reader: "openpyxl") as? [String: Any])
        XCTAssertEqual(seen["sheets"] as? [String], ["scenario", "sites", "staff", "demand", "leave", "pinned"])
        for (sheet, columns) in [("sites", ScenarioColumns.sites), ("staff", ScenarioColumns.staff), ("demand", ScenarioColumns.demand),
                                 ("leave", ScenarioColumns.leave), ("pinned", ScenarioColumns.pinned)] {
            let s = try XCTUnwrap(seen[sheet] as? [String: Any], sheet)
            XCTAssertEqual(s["header"] as? [String], columns.map(\.name), sheet)
            XCTAssertEqual(s["notes"] as? [Bool], columns.map { _ in true }, "a note on every column of \(sheet)")
            XCTAssertGreaterThan(s["rows"] as? Int ?? 0, 1, "\(sheet) has a worked example")
        }
        XCTAssertEqual((seen["sites"] as? [String: Any])?["lists"] as? [String], ["\"hub,pcn,cas\"", "\"paramedic,specialist,advanced\""])
        XCTAssertEqual((seen["staff"] as? [String: Any])?["lists"] as? [String], ["\"TRUE,FALSE\"", "\"paramedic,specialist,advanced\""])
        XCTAssertEqual((seen["scenario"] as? [String: Any])?["header"] as? [String], ["key", "value", "note"])
        // A second template over the first would lose a planner's work.
        XCTAssertEqual(TemplateCommand.run(out: plan, force: false).exitCode, .badInput)
        XCTAssertEqual(TemplateCommand.run(out: plan, force: true).exitCode, .success)
    }

    /// The planner's round trip: template → filled in → solve → a workbook and calendars that real readers open.
    func testTemplateFilledInSolvesAndItsOutputsOpen() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(TemplateCommand.run(out: dir + "/plan.xlsx", force: false).exitCode, .success)
        // A planner adds a part-time clinician (TRUE typed as a boolean, WTE as a float) and her leave (a real date).
        let filled = try edited(dir + "/plan.xlsx", """
            st = wb['staff']
            st.append(['tn-p006', 'Priya Shah', 'specialist', 'hub-worcester', 0.6, None, True])
            wb['leave'].append(['tn-p006', datetime.date(2027, 6, 7), datetime.date(2027, 6, 18)])
            for r in wb['scenario'].iter_rows(min_row=2):
                if r[0].value == 'name': r[1].value = 'Worcester rotation 2027'
            """)
        let out = dir + "/out"
        let r = SolveCommand.run(scenario: filled, out: out, options: .init())
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        XCTAssertTrue(read(out, "rota.csv").contains("tn-p006,"), "the added clinician is in the rota")
        XCTAssertTrue(read(out, "summary.json").contains("Worcester rotation 2027"))
        let scenario = try SolveCommand.load(filled)
        XCTAssertEqual(scenario.clinicians.last?.wte, 0.6)
        XCTAssertEqual(scenario.leave.last?.from, Day(year: 2027, month: 6, day: 7))
        let sheets = try XCTUnwrap(readWithPython("""
            import json, sys
            from openpyxl import load_workbook
            print(json.dumps(load_workbook(sys.argv[1]).sheetnames))
            """, [out + "/rota.xlsx"], reader: "openpyxl") as? [String])
        XCTAssertEqual(sheets.first, "Summary")
        let ics = ExportCommand.run(scenario: filled, dat: nil, mps: nil, ics: dir + "/calendars", rota: out + "/rota.csv")
        XCTAssertEqual(ics.exitCode, .success, ics.errors.joined(separator: "\n"))
        let events = try XCTUnwrap(readWithPython("""
            import json, sys
            from icalendar import Calendar
            cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
            print(json.dumps([str(e.get("summary")) for e in cal.walk("VEVENT")]))
            """, [dir + "/calendars/tn-p006.ics"], reader: "icalendar") as? [String])
        XCTAssertFalse(events.isEmpty)
    }

    /// Folder → workbook (--plan) → folder (--csv): the same scenario all the way.
    func testExportTurnsAFolderIntoAWorkbookAndBack() throws {
        let dir = temporaryFolder()
        let toBook = ExportCommand.run(scenario: smallScenario, dat: nil, mps: nil, plan: dir + "/small.xlsx")
        XCTAssertEqual(toBook.exitCode, .success, toBook.errors.joined(separator: "\n"))
        // A leave.csv left in the target by an older export must not outlive a scenario without leave.
        try FileManager.default.createDirectory(atPath: dir + "/back", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/back/leave.csv", contents: Data("staff,from,to\nghost,2027-01-01,2027-01-02\n".utf8))
        let noLeave = try edited(dir + "/small.xlsx", "wb.remove(wb['leave'])")
        let toFolder = ExportCommand.run(scenario: noLeave, dat: nil, mps: nil, csv: dir + "/back")
        XCTAssertEqual(toFolder.exitCode, .success, toFolder.errors.joined(separator: "\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/back/leave.csv"))
        var original = try ScenarioLoader.load(folder: smallScenario)
        original.leave = []
        XCTAssertEqual(modelData(try ScenarioLoader.load(folder: dir + "/back")), modelData(original))
        XCTAssertEqual(modelData(try ScenarioWorkbook.load(path: dir + "/small.xlsx")), modelData(try ScenarioLoader.load(folder: smallScenario)))
    }
}
