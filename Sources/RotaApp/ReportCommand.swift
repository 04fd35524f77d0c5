import Foundation
import RotaCore
import RotaIO

/// `rota report RUN_DIR`: the HTML page of a run (see `HTMLReport`). The
/// page trusts only rota.csv: it re-checks it against the scenario and
/// recomputes every figure from it, so a hand-edited rota is never shown
/// with the solve's old verdict; where the folder's other files describe
/// another rota, the page says so.
public enum ReportCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
    }

    /// Writes `file` (default RUN_DIR/report.html). `scenario` overrides the
    /// folder summary.json names (`scenario_folder`).
    public static func run(folder: String, file: String? = nil, scenario scenarioPath: String? = nil) -> Report {
        let target = file ?? (folder as NSString).appendingPathComponent("report.html")
        let page = checked(folder: folder, scenario: scenarioPath)
        guard let data = page.data else { return Report(exitCode: .badInput, lines: [], errors: page.errors) }
        do {
            let dir = (target as NSString).deletingLastPathComponent
            try AtomicFiles.write([((target as NSString).lastPathComponent, HTMLReport.render(data))], to: dir.isEmpty ? "." : dir)
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: ["Cannot write \(target): \(error.localizedDescription)"])
        }
        return Report(exitCode: .success, lines: ["written    \(target)"] + page.lines, errors: [])
    }

    /// The page's data for a run folder, rota.csv re-checked against the
    /// scenario; nil with the reasons when it cannot be re-checked.
    public static func checked(folder: String, scenario scenarioPath: String? = nil)
        -> (data: HTMLReport.RunData?, lines: [String], errors: [String]) {
        func fail(_ errors: [String]) -> (data: HTMLReport.RunData?, lines: [String], errors: [String]) { (nil, [], errors) }
        do {
            guard let summaryText = try HTMLReport.text(folder, "summary.json") else {
                return fail([HTMLReport.ReportError.missing((folder as NSString).appendingPathComponent("summary.json")).description])
            }
            let json = try HTMLReport.summary(summaryText, folder: folder)
            guard let path = scenarioPath ?? json.scenarioFolder else {
                return fail(["\((folder as NSString).appendingPathComponent("summary.json")) does not say which scenario the rota belongs to "
                             + "(a run of an older version?), so rota.csv cannot be re-checked: give it, rota report \(folder) --scenario SCENARIO"])
            }
            let rotaPath = (folder as NSString).appendingPathComponent("rota.csv")
            guard let rotaText = try HTMLReport.text(folder, "rota.csv") else { return fail([HTMLReport.ReportError.missing(rotaPath).description]) }
            var scenario: Scenario
            let rows: [(placement: Placement, line: Int)]
            do {
                scenario = try SolveCommand.load(path)
                if let replan = json.replan, let previous = replan.previousPath {
                    scenario = try ReplanLoader.apply(previous: RotaReader.readWithLines(path: previous),
                                                      file: (previous as NSString).lastPathComponent, fromWeek: replan.fromWeek, to: scenario)
                }
                rows = try RotaReader.parse(rotaText, file: "rota.csv", for: scenario)
            } catch {
                return fail(error.errors.map(\.description) + ["rota.csv cannot be re-checked against \(path), so no report was written."])
            }
            let placements = rows.map(\.placement)
            let validator = Validator(scenario)
            let leastBreach = json.status == .infeasible
            // A least-breach rota breaks floors by design; every other rule still holds.
            let breaches = validator.check(placements).filter { !(leastBreach && $0.rule == .floor) }
            let e = validator.evaluate(placements)
            let coverage = OutputWriter.coverageCSV(e), grid = OutputWriter.gridCSV(scenario, placements)

            var stale: [String] = []
            if let old = try HTMLReport.text(folder, "coverage.csv"), old != coverage { stale.append("coverage.csv") }
            if let old = try HTMLReport.text(folder, "rota-grid.csv"), old != grid { stale.append("rota-grid.csv") }
            if abs(json.objective - e.objective) > 1e-6 * max(1, abs(e.objective)) { stale.append("summary.json") }
            let summary = stale.isEmpty ? summaryText : recomputedSummary(json, scenario, e, breaches: breaches, leastBreach: leastBreach)

            let check = HTMLReport.RotaCheck(
                breaches: breaches.isEmpty ? [] : ValidateCommand.violationLines(breaches, file: "rota.csv", rows: rows),
                breachCount: breaches.count, stale: stale, scenario: path)
            let data = try HTMLReport.parse(summary: summary, coverage: coverage, grid: grid, rota: rotaText, folder: folder, check: check,
                                           siteView: SiteView.rows(scenario, placements, e))
            var lines: [String] = []
            if !breaches.isEmpty { lines.append("not valid  rota.csv breaks the hard rules \(breaches.count) time\(breaches.count == 1 ? "" : "s"); the page lists them") }
            if !stale.isEmpty { lines.append("changed    rota.csv is not the rota the solve wrote: \(stale.joined(separator: ", ")) describe another; the page is recomputed from rota.csv") }
            return (data, lines, [])
        } catch {
            return fail([error.description])
        }
    }

    /// summary.json for a rota.csv the solve did not write: its figures from
    /// the rota, the solve's settings kept, no bound (it was the solve's).
    static func recomputedSummary(_ json: SummaryFile, _ scenario: Scenario, _ e: Evaluation,
                                  breaches: [Violation], leastBreach: Bool) -> String {
        let status: RotaStatus = leastBreach && breaches.isEmpty && e.floorBreaches > 0 ? .infeasible : .feasible
        var s = RunSummary(status: status, scenario: scenario.name, bound: nil,
                           seconds: json.seconds, timeLimitSeconds: json.timeLimitSeconds ?? 0,
                           mipGap: json.mipGap ?? 0, stoppedByTimeLimit: false, modelSize: nil,
                           strategy: json.strategy ?? "")
        s.placementBinaries = json.placementBinaries
        return OutputWriter.summaryJSON(scenario, e, s)
    }
}
