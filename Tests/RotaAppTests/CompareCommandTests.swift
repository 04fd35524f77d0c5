import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// `rota compare`: the KPIs it tabulates are those of the rotas it wrote.
final class CompareCommandTests: XCTestCase {
    func testComparisonReportsTheKPIsOfEachWrittenRota() throws {
        let folder = temporaryFolder()
        let demand = folder + "/pcn-plus-50.toml"
        try "base = \"\(smallScenario)\"\nname = \"PCN +50%\"\n[[demand]]\nkind = \"pcn\"\ntarget_scale = 1.5\n"
            .write(toFile: demand, atomically: false, encoding: .utf8)
        let shares = folder + "/dearer-changes.toml"
        try "base = \"\(smallScenario)\"\nname = \"dearer changes\"\n[scenario]\nweights.change = 0.5\n"
            .write(toFile: shares, atomically: false, encoding: .utf8)
        let out = temporaryFolder()
        let r = CompareCommand.run([smallScenario, demand, shares], out: out, options: .init(timeLimitSeconds: 30, jobs: 2))
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        XCTAssertEqual(r.columns.map(\.folder), ["small", "pcn-plus-50", "dearer-changes"])
        XCTAssertEqual(r.table[0], ["kpi", "small", "PCN +50%", "dearer changes"])

        // comparison.csv holds the same table.
        let csv = read(out, "comparison.csv").split(separator: "\n").map(String.init)
        XCTAssertEqual(csv.count, r.table.count)
        XCTAssertEqual(csv[0], "kpi,small,PCN +50%,dearer changes")

        // Each column against its own rota.csv, re-checked and re-evaluated independently.
        let inputs = [try ScenarioLoader.load(folder: smallScenario), try VariantLoader.load(path: demand), try VariantLoader.load(path: shares)]
        for (i, column) in r.columns.enumerated() {
            let placements = try RotaReader.read(path: out + "/" + column.folder + "/rota.csv")
            let v = Validator(inputs[i])
            XCTAssertEqual(v.check(placements), [])
            let e = v.evaluate(placements)
            func cell(_ kpi: String) -> String { r.table.first { $0[0] == kpi }![i + 1] }
            XCTAssertEqual(Double(cell("objective"))!, e.objective, accuracy: 1e-4)
            XCTAssertEqual(Double(cell("shortfall WTE-weeks: pcn"))!, e.byKind[.pcn]!.shortfall, accuracy: 1e-4)
            XCTAssertEqual(Double(cell("% of target met: pcn"))!, e.byKind[.pcn]!.percentMet!, accuracy: 0.05)
            // The small scenario's CAS has no ICS (nor a target): named for a
            // reader, not as summary.json's "(none)".
            XCTAssertEqual(cell("% of target met: sites with no ICS"), "")
            XCTAssertNil(e.byICS["(none)"]?.percentMet)
            XCTAssertFalse(r.table.contains { $0[0].contains("(none)") })
            XCTAssertEqual(Int(cell("changes"))!, e.changes)
            XCTAssertEqual(cell("floor breaches (site-weeks)"), "0")
            XCTAssertEqual(cell("status"), "optimal")
        }
        // The variants changed what they say: PCN targets up by half, changes dearer.
        XCTAssertEqual(inputs[1].demand.filter { $0.site.hasPrefix("pcn") }.compactMap(\.target),
                       inputs[0].demand.filter { $0.site.hasPrefix("pcn") }.compactMap(\.target).map { $0 * 1.5 })
        XCTAssertEqual(inputs[2].weights.change, 0.5)

        // One page side by side (well-formed, every scenario, the KPI table, a
        // chart per kind), linking to each scenario's own report.
        let page = read(out, "comparison.html")
        let parser = XMLParser(data: Data(page.dropFirst("<!DOCTYPE html>\n".count).utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        func count(_ needle: String) -> Int { page.components(separatedBy: needle).count - 1 }
        XCTAssertEqual(count("<tr><th scope=\"row\">"), r.table.count - 1, "one row per KPI")
        XCTAssertEqual(count("<figure>"), 3, "a chart per kind")
        for c in r.columns {
            XCTAssertTrue(page.contains("href=\"\(c.folder)/report.html\""), c.folder)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + c.folder + "/report.html"), c.folder)
            XCTAssertEqual(count(">\(c.name)</text>"), 3, "\(c.name) in each chart's legend")
            XCTAssertTrue(page.contains("<th scope=\"col\">\(c.name)</th>"), c.name)
        }
    }

    /// Issue 29 row 5: a line per scenario as it starts and ends, and the
    /// written list names only the folders that exist.
    func testProgressPerScenarioAndOnlyWrittenFoldersNamed() throws {
        let stuck = temporaryFolder() + "/stuck"
        try FileManager.default.createDirectory(atPath: stuck, withIntermediateDirectories: true)
        try "start = 2027-04-05\nweeks = 8\n[rotation]\nmax_run_weeks = 3\n".write(toFile: stuck + "/scenario.toml", atomically: false, encoding: .utf8)
        try "id,kind,ics\nhub,hub,A\npcn,pcn,A\n".write(toFile: stuck + "/sites.csv", atomically: false, encoding: .utf8)
        try "id,grade,home\np1,specialist,hub\n".write(toFile: stuck + "/staff.csv", atomically: false, encoding: .utf8)
        try "site,from_week,to_week,floor\n".write(toFile: stuck + "/demand.csv", atomically: false, encoding: .utf8)
        try "staff,week,site\np1,2,pcn\np1,3,pcn\np1,4,pcn\np1,5,pcn\n".write(toFile: stuck + "/pinned.csv", atomically: false, encoding: .utf8)
        let out = temporaryFolder()
        let lines = LinesSeen()
        let r = CompareCommand.run([smallScenario, stuck], out: out,
                                   options: .init(timeLimitSeconds: 20, jobs: 1, progress: { lines.add($0) }))
        XCTAssertEqual(r.exitCode, .infeasible)
        let seen = lines.all
        XCTAssertEqual(seen.count, 4, "\(seen)")
        XCTAssertEqual(seen[0], "compare    1 of 2: small: solving (up to 20 s)")
        XCTAssertTrue(seen[1].hasPrefix("compare    1 of 2: small: optimal, Z 3.6"), seen[1])
        XCTAssertEqual(seen[2], "compare    2 of 2: stuck: solving (up to 20 s)")
        XCTAssertEqual(seen[3], "compare    2 of 2: stuck: no rota (infeasible)")
        XCTAssertTrue(r.lines.contains("written    \(out)/comparison.csv, comparison.html, and a folder per scenario with its rota and report.html: small"), "\(r.lines)")
        XCTAssertTrue(r.lines.contains("not written stuck: no rota was found, so no folder (see below)"), "\(r.lines)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/stuck/rota.csv"))
    }

    func testABadVariantStopsTheComparisonBeforeAnySolve() throws {
        let folder = temporaryFolder()
        let bad = folder + "/bad.toml"
        try "base = \"\(smallScenario)\"\n[scenario]\nrotation.min_run_weeks = 0\n".write(toFile: bad, atomically: false, encoding: .utf8)
        let out = (temporaryFolder() as NSString).appendingPathComponent("never")
        let r = CompareCommand.run([smallScenario, bad], out: out, options: .init(timeLimitSeconds: 5))
        XCTAssertEqual(r.exitCode, .badInput)
        XCTAssertEqual(r.errors, ["\(bad): 1 problem:", "  \(bad):3: key scenario.rotation.min_run_weeks: 0 is below 1", "Nothing was solved or written."])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}

/// Lines a command reports from its worker threads, kept in order.
final class LinesSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
