import Foundation
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// rota.xlsx, read back by a real reader: openpyxl (Debian's
/// python3-openpyxl; scripts/test.sh installs it), and compared with the
/// CSV files of the same run.
final class WorkbookTests: XCTestCase {
    /// The workbook as openpyxl reads it: per sheet its cells (dates as
    /// ISO text), freeze panes, filter range, conditional rules, and whether
    /// any cell holds a formula.
    func opened(_ path: String) throws -> [String: Any] {
        let script = """
            import datetime, json, sys, zipfile
            import openpyxl
            path = sys.argv[1]
            wb = openpyxl.load_workbook(path)
            def plain(v):
                if isinstance(v, datetime.datetime): return {"date": v.date().isoformat()}
                return v
            out = {"sheets": wb.sheetnames}
            for ws in wb.worksheets:
                rules = []
                for rng, rs in ws.conditional_formatting._cf_rules.items():
                    for r in rs: rules.append([str(rng.sqref), r.type, r.formula[0] if r.formula else None, r.dxf.fill.bgColor.rgb if r.dxf and r.dxf.fill else None])
                out[ws.title] = {"cells": [[plain(c.value) for c in row] for row in ws.iter_rows()],
                                 "types": [[c.data_type for c in row] for row in ws.iter_rows()],
                                 "looks": [[(c.fill.fgColor.rgb if c.fill.fill_type == "solid" else "") + ("/bold" if c.font.b else "") for c in row] for row in ws.iter_rows()],
                                 "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rules": rules,
                                 "landscape": ws.page_setup.orientation}
            z = zipfile.ZipFile(path)
            out["formulas"] = sum(z.read(n).count(b"<f>") + z.read(n).count(b"<f ") for n in z.namelist() if n.startswith("xl/worksheets/"))
            print(json.dumps(out))
            """
        return try XCTUnwrap(readWithPython(script, [path], reader: "openpyxl") as? [String: Any])
    }

    func cells(_ book: [String: Any], _ sheet: String) throws -> [[Any]] {
        try XCTUnwrap((book[sheet] as? [String: Any])?["cells"] as? [[Any]], sheet)
    }

    /// The tool's CSV (RFC 4180: quoted cells may hold commas; no line breaks in these files).
    func csv(_ folder: String, _ file: String) -> [[String]] {
        read(folder, file).replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\n").map { line in
            var cells: [String] = [], cell = "", quoted = false, chars = Array(line), i = 0
            while i < chars.count {
                let ch = chars[i]
                if quoted {
                    if ch == "\"" { if i + 1 < chars.count && chars[i + 1] == "\"" { cell.append("\""); i += 1 } else { quoted = false } } else { cell.append(ch) }
                } else if ch == "\"" { quoted = true } else if ch == "," { cells.append(cell); cell = "" } else { cell.append(ch) }
                i += 1
            }
            return cells + [cell]
        }
    }

    func testTheWorkbookMatchesTheCSVFilesCellForCell() throws {
        let out = temporaryFolder()
        let r = SolveCommand.run(scenario: smallScenario, out: out, options: .init())
        XCTAssertEqual(r.exitCode, .success, r.errors.joined(separator: "\n"))
        let book = try opened(out + "/rota.xlsx")
        XCTAssertEqual(book["sheets"] as? [String], ["Summary", "Rota", "Sites", "Clinicians", "Site view"])
        XCTAssertEqual(book["formulas"] as? Int, 0, "no cell is a formula")

        // Rota: week starts are real dates; every rota.csv placement is its cell.
        let rota = try cells(book, "Rota")
        let scenario = try ScenarioLoader.load(folder: smallScenario)
        XCTAssertEqual(rota[0].prefix(5).map { $0 as? String }, ["staff", "name", "grade", "home", "ics"])
        XCTAssertEqual(rota[0].dropFirst(5).map { ($0 as? [String: String])?["date"] }, (1...12).map { scenario.weekStart($0).description })
        var site: [String: [String]] = [:]
        for row in rota.dropFirst() { site[row[0] as! String] = row.dropFirst(5).map { $0 as? String ?? "" } }
        let placements = csv(out, "rota.csv").dropFirst()
        XCTAssertEqual(placements.count, 144)
        for p in placements { XCTAssertEqual(site[p[0]]?[Int(p[1])! - 1], p[3], "\(p[0]) week \(p[1])") }
        XCTAssertEqual(rota.count, 1 + 12)
        XCTAssertEqual(rota[1][1] as? String, "Amira Khan")
        XCTAssertEqual(rota[1][4] as? String, "Birmingham and Solihull")
        let rotaSheet = try XCTUnwrap(book["Rota"] as? [String: Any])
        XCTAssertEqual(rotaSheet["freeze"] as? String, "B2", "ids and header frozen")
        XCTAssertEqual(rotaSheet["filter"] as? String, "A1:Q13", "filters on grade, home and ICS")
        XCTAssertEqual(rotaSheet["landscape"] as? String, "landscape")
        // A colour per kind; pinned weeks in bold (cw-04 is pinned to cas-111 in week 1).
        let looks = try XCTUnwrap(rotaSheet["looks"] as? [[String]])
        let cw04 = try XCTUnwrap(rota.firstIndex { $0.first as? String == "cw-04" })
        XCTAssertTrue(looks[cw04][5].hasSuffix("FCE4D6/bold"), looks[cw04][5])
        XCTAssertTrue(looks[1][5].hasSuffix("DDEBF7"), "a hub week: \(looks[1][5])")

        // Sites: the cover rows are coverage.csv's cover, as numbers; floor and target rows beside them.
        let sites = try cells(book, "Sites")
        var byMeasure: [String: [Double]] = [:]
        for row in sites.dropFirst() { byMeasure["\(row[0])/\(row[4])"] = row.dropFirst(5).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
        let coverage = csv(out, "coverage.csv").dropFirst()
        XCTAssertEqual(coverage.count, 84)
        for c in coverage {
            let w = Int(c[3])! - 1
            XCTAssertEqual(byMeasure["\(c[0])/cover"]?[w] ?? .nan, Double(c[5])!, accuracy: 1e-6, "\(c[0]) week \(c[3]) cover")
            XCTAssertEqual(byMeasure["\(c[0])/floor"]?[w] ?? .nan, Double(c[7])!, accuracy: 1e-6, "\(c[0]) week \(c[3]) floor")
            XCTAssertEqual(byMeasure["\(c[0])/target"]?[w] ?? .nan, Double(c[8])!, accuracy: 1e-6, "\(c[0]) week \(c[3]) target")
        }
        // Red below the floor, amber below the target, as Excel rules (so edits recolour).
        let rules = try XCTUnwrap((book["Sites"] as? [String: Any])?["rules"] as? [[Any]])
        XCTAssertEqual(rules.map { $0[0] as? String }, ["F2:Q22", "F2:Q22"])
        XCTAssertEqual(rules.map { $0[2] as? String }, ["AND($E2=\"cover\",F2<F3-0.000001)", "AND($E2=\"cover\",F2<F4-0.000001)"])
        XCTAssertEqual(rules.map { ($0[3] as? String)?.suffix(6) }, ["FFC7CE", "FFEB9C"])

        // Summary: Z and the status as summary.json has them.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(out, "summary.json").utf8)) as? [String: Any])
        var summary: [String: Any] = [:]
        for row in try cells(book, "Summary") { if let k = row.first as? String, row.count > 1 { summary[k] = row[1] } }
        XCTAssertEqual((summary["Objective Z"] as? NSNumber)?.doubleValue ?? .nan, json["objective"] as! Double, accuracy: 1e-9)
        XCTAssertEqual(summary["Valid rota"] as? Bool, true)
        XCTAssertEqual(summary["Floors met"] as? Bool, true)
        XCTAssertEqual(summary["Status"] as? String, "Optimal: no valid rota scores better")
        XCTAssertEqual((summary["First week starts"] as? [String: String])?["date"], "2027-04-05")
        XCTAssertNotNil(summary["Worst-served ICS"] as? String)

        // Clinicians: weeks per kind as summary.json's shares, as numbers.
        let people = try cells(book, "Clinicians")
        let shares = try XCTUnwrap((json["kpis"] as? [String: Any])?["clinician_shares"] as? [[String: Any]])
        for (row, share) in zip(people.dropFirst(), shares) {
            XCTAssertEqual(row[0] as? String, share["staff"] as? String)
            XCTAssertEqual((row[9] as? NSNumber)?.doubleValue, share["pcn_weeks"] as? Double)
            XCTAssertEqual((row[10] as? NSNumber)?.doubleValue, share["cas_weeks"] as? Double)
        }
        let changes = people.dropFirst().reduce(0.0) { $0 + (($1[17] as? NSNumber)?.doubleValue ?? .nan) }
        XCTAssertEqual(changes, (json["kpis"] as? [String: Any])?["changes"] as? Double)

        // The same rota gives the same bytes.
        let again = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: again, options: .init()).exitCode, .success)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/rota.xlsx")), try Data(contentsOf: URL(fileURLWithPath: again + "/rota.xlsx")))
    }

    /// Text that looks like a formula is stored as text, as the planner typed it.
    func testTextThatLooksLikeAFormulaStaysText() throws {
        let scenario = temporaryFolder() + "/scenario"
        try FileManager.default.copyItem(atPath: smallScenario, toPath: scenario)
        let staff = read(scenario, "staff.csv").replacingOccurrences(of: "Amira Khan", with: "=SUM(1+2)")
        try staff.write(toFile: scenario + "/staff.csv", atomically: false, encoding: .utf8)
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: scenario, out: out, options: .init()).exitCode, .success)
        let book = try opened(out + "/rota.xlsx")
        XCTAssertEqual(book["formulas"] as? Int, 0)
        let rota = try cells(book, "Rota")
        XCTAssertEqual(rota[1][1] as? String, "=SUM(1+2)")
        XCTAssertEqual(((book["Rota"] as? [String: Any])?["types"] as? [[String]])?[1][1], "s")
    }

    /// A re-plan's workbook has a Changes sheet that is moves.csv.
    func testAReplanWorkbookListsTheChanges() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init()).exitCode, .success)
        let scenario = dir + "/scenario"
        try FileManager.default.copyItem(atPath: smallScenario, toPath: scenario)
        // bs-02, at a PCN in week 6, is away from then on: others move to keep its floor.
        try "staff,from,to\nbs-02,2027-05-10,2027-06-27\n".write(toFile: scenario + "/leave.csv", atomically: false, encoding: .utf8)
        let r = ReplanCommand.run(scenario: scenario, previous: dir + "/agreed/rota.csv", fromWeek: 6, out: dir + "/new", options: .init())
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        let book = try opened(dir + "/new/rota.xlsx")
        XCTAssertEqual(book["sheets"] as? [String], ["Summary", "Rota", "Sites", "Clinicians", "Site view", "Changes"])
        let changes = try cells(book, "Changes")
        let moves = csv(dir + "/new", "moves.csv")
        XCTAssertGreaterThan(moves.count, 1)
        XCTAssertEqual(changes.count, moves.count)
        XCTAssertEqual(changes[0].map { $0 as? String }, moves[0])
        for (row, m) in zip(changes.dropFirst(), moves.dropFirst()) {
            XCTAssertEqual(row[0] as? String, m[0])
            XCTAssertEqual((row[1] as? NSNumber)?.intValue, Int(m[1]))
            XCTAssertEqual((row[3] as? [String: String])?["date"], m[3])
            XCTAssertEqual(row[5] as? String, m[5])
            XCTAssertEqual(row[6] as? String, m[6])
        }
        // bs-02 is on leave from week 6 (10 May): those weeks are shaded grey; the weeks before are agreed, so pinned (bold).
        XCTAssertEqual(try cells(book, "Rota")[2][0] as? String, "bs-02")
        let looks = try XCTUnwrap((book["Rota"] as? [String: Any])?["looks"] as? [[String]])
        XCTAssertEqual(looks[2].dropFirst(5).map { $0.hasPrefix("00BFBFBF") || $0.hasPrefix("FFBFBFBF") }, (1...12).map { $0 >= 6 })
        XCTAssertEqual(looks[2].dropFirst(5).map { $0.hasSuffix("/bold") }, (1...12).map { $0 < 6 })
    }

    /// `rota export --xlsx`: a rota on file (edited by hand, say) as the same
    /// workbook, with the validator's verdict and no bound; a rota that breaks
    /// a rule gets none.
    func testARotaOnFileExportsAsAWorkbookOnlyWhenItKeepsTheRules() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/run", options: .init()).exitCode, .success)
        let r = ExportCommand.run(scenario: smallScenario, dat: nil, mps: nil, rota: dir + "/run/rota.csv", xlsx: dir + "/edited.xlsx")
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        XCTAssertEqual(r.lines, ["written    \(dir)/edited.xlsx (the rota in rota.csv as a workbook)"])
        let book = try opened(dir + "/edited.xlsx")
        var summary: [String: Any] = [:]
        for row in try cells(book, "Summary") { if let k = row.first as? String, row.count > 1 { summary[k] = row[1] } }
        XCTAssertEqual(summary["Status"] as? String, "Valid rota: rota.csv keeps every rule (read from the file, not solved: how close to the best is unknown)")
        XCTAssertTrue(summary["Lower bound"] is NSNull, "no bound: nothing was solved")
        XCTAssertEqual(summary["Rota read from"] as? String, "rota.csv")
        XCTAssertEqual(try cells(book, "Rota").dropFirst().map { $0[5] as? String }, try cells(opened(dir + "/run/rota.xlsx"), "Rota").dropFirst().map { $0[5] as? String })

        // cw-04 is pinned to cas-111 in week 1: moved to its hub, the rota breaks H4.
        let broken = read(dir + "/run", "rota.csv").replacingOccurrences(of: "cw-04,1,2027-04-05,cas-111,cas,,0.6", with: "cw-04,1,2027-04-05,hub-cov,hub,Coventry and Warwickshire,0.6")
        try broken.write(toFile: dir + "/broken.csv", atomically: false, encoding: .utf8)
        let refused = ExportCommand.run(scenario: smallScenario, dat: nil, mps: nil, rota: dir + "/broken.csv", xlsx: dir + "/broken.xlsx")
        XCTAssertEqual(refused.exitCode, .brokenRule)
        XCTAssertTrue(refused.errors.last?.hasSuffix("breaks the hard rules, so no workbook was written: a clinician would be sent where the rota cannot hold.") ?? false, "\(refused.errors)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/broken.xlsx"))
    }

    /// site-view.csv: every placement in post under its site and week, the
    /// site's cover their sum, every site-week present (nobody there: one
    /// row without staff), and the workbook's "Site view" sheet the same, one row per site-week.
    func testTheSiteViewListsWhoIsAtEachSiteEachWeek() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        let view = csv(out, "site-view.csv")
        XCTAssertEqual(view[0], ["site", "site_name", "kind", "ics", "week", "week_start", "staff", "name", "grade", "cover_wte",
                                 "site_cover_wte", "floor", "target", "status"])
        let rows = view.dropFirst().map { $0 }
        // Every rota.csv placement once, under its site and week (the small scenario's staff are all in post).
        let placed = Set(csv(out, "rota.csv").dropFirst().map { "\($0[0])@\($0[3])#\($0[1])" })
        XCTAssertEqual(Set(rows.filter { !$0[6].isEmpty }.map { "\($0[6])@\($0[0])#\($0[4])" }), placed)
        XCTAssertEqual(rows.filter { !$0[6].isEmpty }.count, placed.count)
        // Each site-week: its cover is coverage.csv's and the sum of its rows.
        let coverage = csv(out, "coverage.csv").dropFirst()
        for c in coverage {
            let here = rows.filter { $0[0] == c[0] && $0[4] == c[3] }
            XCTAssertFalse(here.isEmpty, "\(c[0]) week \(c[3]) has a row")
            XCTAssertEqual(Double(here[0][10])!, Double(c[5])!, accuracy: 1e-6)
            XCTAssertEqual(here.reduce(0.0) { $0 + (Double($1[9]) ?? 0) }, Double(c[5])!, accuracy: 1e-5)
            let expected = Double(c[5])! < Double(c[7])! - 1e-6 ? "below floor" : Double(c[5])! < Double(c[8])! - 1e-6 ? "below target" : "met"
            XCTAssertTrue(here.allSatisfy { $0[13] == expected }, "\(c[0]) week \(c[3])")
        }
        // pcn-b2 is empty in week 1 (target 0.5): one row, no staff, below target.
        XCTAssertEqual(rows.filter { $0[0] == "pcn-b2" && $0[4] == "1" }.map { [$0[6], $0[13]] }, [["", "below target"]])
        // The sheet: one row per site-week (coverage.csv's order), everyone there named in one cell;
        // numbers as numbers and dates as dates.
        let sheet = try cells(opened(out + "/rota.xlsx"), "Site view")
        XCTAssertEqual(sheet[0].map { $0 as? String }, ["site", "site_name", "kind", "ics", "week", "week_start", "who", "heads",
                                                        "cover_wte", "floor", "target", "status"])
        XCTAssertEqual(sheet.count, 1 + coverage.count)
        let names = Dictionary(uniqueKeysWithValues: try ScenarioLoader.load(folder: smallScenario).clinicians.map { ($0.id, $0.name ?? $0.id) })
        for cellsRow in sheet.dropFirst() {
            let site = try XCTUnwrap(cellsRow[0] as? String), week = try XCTUnwrap((cellsRow[4] as? NSNumber)?.intValue)
            let here = rows.filter { $0[0] == site && $0[4] == String(week) }
            XCTAssertEqual((cellsRow[5] as? [String: String])?["date"], here[0][5])
            let staff = here.map { $0[6] }.filter { !$0.isEmpty }
            XCTAssertEqual((cellsRow[7] as? NSNumber)?.intValue, staff.count, "\(site) week \(week) heads")
            let who = try XCTUnwrap(cellsRow[6] as? String)
            if staff.isEmpty { XCTAssertEqual(who, "nobody") }
            for id in staff { XCTAssertTrue(who.contains(names[id]!), "\(site) week \(week): \(who) names \(id)") }
            XCTAssertEqual((cellsRow[8] as? NSNumber)?.doubleValue ?? .nan, Double(here[0][10])!, accuracy: 1e-6)
            XCTAssertEqual(cellsRow[11] as? String, here[0][13])
        }
    }
}
