import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// `rota report`: the HTML page is well-formed, complete and marks breaches.
final class ReportTests: XCTestCase {
    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func page(_ out: String) throws -> String {
        let r = ReportCommand.run(folder: out)
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        return try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    }

    func testTheSmallScenariosPageHasEverySiteClinicianAndWeek() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        let html = try page(out)
        // Well-formed: an XML parser reads it to the end.
        let parser = XMLParser(data: Data(html.dropFirst("<!DOCTYPE html>\n".count).utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let scenario = try ScenarioLoader.load(folder: smallScenario)
        for s in scenario.sites { XCTAssertTrue(html.contains(">\(s.id)</text>"), s.id) }
        for c in scenario.clinicians { XCTAssertTrue(html.contains(">\(c.id)</th>"), c.id) }
        XCTAssertEqual(count("<rect class=\"cell", in: html), scenario.sites.count * scenario.weeks, "heatmap: sites × weeks")
        XCTAssertEqual(count("<rect class=\"placement ", in: html), scenario.clinicians.count * scenario.weeks, "grid: clinicians × weeks")
        XCTAssertEqual(count("cell breach", in: html), 0)
        XCTAssertTrue(html.contains("Status: optimal. Every hard rule holds (re-checked against \(SolveCommand.absolutePath(smallScenario)))."))
        XCTAssertFalse(html.contains("src=") || html.contains("href=\"http") || html.contains("url(") || html.contains("<script"),
                       "self-contained: nothing fetched, no script")
    }

    /// A run whose hub floor of 1.5 in weeks 2–3 one clinician cannot meet:
    /// its least-breach rota (the name tests escaping).
    func breachedRun() throws -> String {
        let scenario = temporaryFolder()
        try "start = 2027-04-05\nweeks = 3\n".write(toFile: scenario + "/scenario.toml", atomically: false, encoding: .utf8)
        try "id,kind,ics\nhub,hub,A\npcn,pcn,A\n".write(toFile: scenario + "/sites.csv", atomically: false, encoding: .utf8)
        try "id,name,grade,home\np1,<b>Ann & Co</b>,specialist,hub\n".write(toFile: scenario + "/staff.csv", atomically: false, encoding: .utf8)
        try "site,from_week,to_week,floor\nhub,2,3,1.5\n".write(toFile: scenario + "/demand.csv", atomically: false, encoding: .utf8)
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: scenario, out: out, options: .init()).exitCode, .infeasible)
        return out
    }

    func testBreachedCellsAreMarkedAndExplained() throws {
        let out = try breachedRun()
        let html = try page(out)
        XCTAssertEqual(count("<rect class=\"cell breach\"", in: html), 2, "weeks 2 and 3 of the hub")
        XCTAssertEqual(count("<path class=\"cross\"", in: html), 2)
        XCTAssertTrue(html.contains("not a valid rota"))
        XCTAssertTrue(html.contains("<li>hub weeks 2–3: short 1 WTE-weeks;"), "the explanation lines")
        XCTAssertTrue(html.contains("&lt;b&gt;Ann &amp; Co&lt;/b&gt;"), "text is escaped")
        let parser = XMLParser(data: Data(html.dropFirst("<!DOCTYPE html>\n".count).utf8))
        XCTAssertTrue(parser.parse())
    }

    /// Issue 29 row 1: a hand-edited rota.csv is re-checked, not trusted.
    func testAHandBrokenRotaIsReportedAsItIsNotAsTheSolveLeftIt() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        var lines = read(out, "rota.csv").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("bs-05,5,") })
        lines[i] = "bs-05,5,2027-05-03,pcn-b1,pcn,Birmingham and Solihull,0"
        try lines.joined(separator: "\n").write(toFile: out + "/rota.csv", atomically: false, encoding: .utf8)
        let r = ReportCommand.run(folder: out)
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        XCTAssertEqual(r.lines.dropFirst().first, "not valid  rota.csv breaks the hard rules 2 times; the page lists them")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertFalse(html.contains("Every hard rule holds"))
        XCTAssertTrue(html.contains("Status: not valid. rota.csv breaks the hard rules 2 times"), html)
        XCTAssertTrue(html.contains("<li>rota.csv:\(i + 1): H1 bs-05 week 5: not eligible for pcn-b1</li>"))
        XCTAssertTrue(html.contains("coverage.csv, rota-grid.csv, summary.json describe another rota"))
        XCTAssertTrue(html.contains("<th scope=\"row\">Lower bound</th><td>–</td>"), "the solve's bound is not shown for another rota")
        let parser = XMLParser(data: Data(html.dropFirst("<!DOCTYPE html>\n".count).utf8))
        XCTAssertTrue(parser.parse())
    }

    func testARunThatDoesNotNameItsScenarioNeedsIt() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        let summary = read(out, "summary.json").split(separator: "\n").filter { !$0.contains("\"scenario_folder\"") }.joined(separator: "\n")
        try summary.write(toFile: out + "/summary.json", atomically: false, encoding: .utf8)
        let r = ReportCommand.run(folder: out)
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertEqual(r.errors, ["\(out)/summary.json does not say which scenario the rota belongs to (a run of an older version?), so rota.csv cannot be re-checked: give it, rota report \(out) --scenario SCENARIO"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/report.html"))
        XCTAssertEqual(ReportCommand.run(folder: out, scenario: smallScenario).exitCode, .success)
        XCTAssertTrue(try String(contentsOfFile: out + "/report.html", encoding: .utf8).contains("Every hard rule holds"))
    }

    /// summary.json read back typed: every figure the page shows is the one
    /// the solve wrote (a key renamed on one side fails here, not silently).
    func testSummaryJSONReadsBackAsTheSolveWroteIt() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        let s = try SummaryFile.read(read(out, "summary.json"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read(out, "summary.json").utf8)) as? [String: Any])
        let kpis = try XCTUnwrap(json["kpis"] as? [String: Any])
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(s.validRota, true)
        XCTAssertEqual(s.scenario, json["scenario"] as? String)
        XCTAssertEqual(s.scenarioFolder, SolveCommand.absolutePath(smallScenario))
        for (value, key) in [(s.objective, "objective"), (s.shortfall, "shortfall"), (s.changes, "changes"), (s.travel, "travel"),
                             (s.seconds, "seconds")] {
            XCTAssertEqual(value, try XCTUnwrap(json[key] as? Double), key)
        }
        XCTAssertEqual(s.bound, json["bound"] as? Double)
        XCTAssertNotNil(s.bound)
        XCTAssertEqual(s.gap, json["gap"] as? Double)
        XCTAssertEqual(s.strategy, json["strategy"] as? String)
        XCTAssertEqual(s.placementBinaries, (json["placement_binaries"] as? Double).map(Int.init))
        XCTAssertEqual(s.kpis.floorBreaches, 0)
        XCTAssertEqual(s.kpis.changes, (kpis["changes"] as? Double).map(Int.init))
        XCTAssertEqual(s.kpis.travelKm, kpis["travel_km"] as? Double)
        let byKind = try XCTUnwrap(kpis["by_kind"] as? [String: [String: Any]])
        XCTAssertEqual(Set(s.kpis.byKind?.keys.map { $0 } ?? []), Set(byKind.keys))
        XCTAssertFalse(byKind.isEmpty)
        for (kind, g) in byKind {
            XCTAssertEqual(s.kpis.byKind?[kind]?.targetWTEWeeks, g["target_wte_weeks"] as? Double, kind)
            XCTAssertEqual(s.kpis.byKind?[kind]?.targetMetPercent, g["target_met_percent"] as? Double, kind)
        }
        XCTAssertNil(s.replan)
        XCTAssertNil(s.leastBreach)
    }

    func testALeastBreachSummaryReadsBackItsLines() throws {
        let out = try breachedRun()
        let s = try SummaryFile.read(read(out, "summary.json"))
        XCTAssertEqual(s.status, .infeasible)
        XCTAssertFalse(s.isValidRota)
        XCTAssertEqual(s.kpis.floorBreaches, 2)
        XCTAssertEqual(s.leastBreach?.breaches.count, 1)
        XCTAssertTrue(s.leastBreach?.breaches.first?.line.hasPrefix("hub weeks 2–3: short 1 WTE-weeks;") ?? false, "\(s.leastBreach as Any)")
    }

    /// A summary.json whose key was renamed (or a figure of the wrong type)
    /// is refused with the key named, and no page is written.
    func testASummaryWithARenamedKeyIsRefusedByName() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        let good = read(out, "summary.json")
        try good.replacingOccurrences(of: "\"floor_breaches\"", with: "\"floorBreaches\"")
            .write(toFile: out + "/summary.json", atomically: false, encoding: .utf8)
        let r = ReportCommand.run(folder: out)
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertEqual(r.errors, ["\(out)/summary.json: not a summary.json written by rota (no \"kpis.floor_breaches\")"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/report.html"))
        try good.replacingOccurrences(of: "\"status\": \"optimal\"", with: "\"status\": \"great\"")
            .write(toFile: out + "/summary.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(ReportCommand.run(folder: out).errors, ["\(out)/summary.json: not a summary.json written by rota (\"status\" is not what rota writes there)"])
        try "[1, 2]".write(toFile: out + "/summary.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(ReportCommand.run(folder: out).errors, ["\(out)/summary.json: not a summary.json written by rota (not an object of rota's keys)"])
        try "{\"status\": ".write(toFile: out + "/summary.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(ReportCommand.run(folder: out).errors, ["\(out)/summary.json: not a summary.json written by rota (not JSON)"])
    }

    func testAFolderWithoutARunIsBadInput() {
        let r = ReportCommand.run(folder: temporaryFolder())
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertTrue(r.errors[0].hasSuffix("summary.json: missing (run `rota solve … --out DIR` first)"), r.errors[0])
    }

    /// Prints `url` with Chromium's headless shell (a real browser) and
    /// returns, per PDF page, its size in points and its text (read by pypdf).
    func printed(_ url: String) throws -> [(width: Double, height: Double, text: String)] {
        let pdf = temporaryFolder() + "/page.pdf"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/chromium-headless-shell")
        p.arguments = ["--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", url]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let pages = try XCTUnwrap(readWithPython("""
            import json, sys, pypdf
            r = pypdf.PdfReader(sys.argv[1])
            print(json.dumps([[float(p.mediabox.width), float(p.mediabox.height), p.extract_text()] for p in r.pages]))
            """, [pdf], reader: "chromium-headless-shell and pypdf") as? [[Any]])
        return pages.map { ($0[0] as? Double ?? 0, $0[1] as? Double ?? 0, $0[2] as? String ?? "") }
    }

    func testEachSitesPagePrintsAloneOnA4Landscape() throws {
        let out = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: out, options: .init()).exitCode, .success)
        let html = try page(out)
        let scenario = try ScenarioLoader.load(folder: smallScenario)
        for s in scenario.sites { XCTAssertTrue(html.contains("<section class=\"site-page\" id=\"site-\(s.id)\""), s.id) }
        // Who rota.csv puts at pcn-c1, by name: the printed page must name each of them.
        let names = Dictionary(uniqueKeysWithValues: scenario.clinicians.map { ($0.id, $0.name ?? $0.id) })
        var there = Set<String>()
        for line in read(out, "rota.csv").split(separator: "\n") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells.count > 3, cells[3] == "pcn-c1", let name = names[cells[0]] { there.insert(name) }
        }
        XCTAssertFalse(there.isEmpty)

        let one = try printed("file://\(out)/report.html#site-pcn-c1")
        XCTAssertEqual(one.count, 1, "only the linked site prints")
        XCTAssertEqual(one[0].width, 842, accuracy: 1, "A4 landscape: 297 mm wide")
        XCTAssertEqual(one[0].height, 595, accuracy: 1, "210 mm high")
        // pypdf may break words where the browser kerned them; compare without spaces.
        let text = one[0].text.filter { !$0.isWhitespace }
        XCTAssertTrue(text.contains("CoventryNorthPCN(pcn-c1)"), one[0].text)
        XCTAssertFalse(text.contains("Objectiveandsolve"), "the rest of the report is not printed")
        for name in there { XCTAssertTrue(text.contains(name.filter { !$0.isWhitespace }), name) }

        // The whole report: every site starts its own page.
        let all = try printed("file://\(out)/report.html")
        for s in scenario.sites {
            let heading = ((s.name ?? s.id) + "(\(s.id))").filter { !$0.isWhitespace }
            XCTAssertTrue(all.contains { $0.text.filter { !$0.isWhitespace }.hasPrefix(heading) }, "\(s.id) starts a page")
        }
    }
}
