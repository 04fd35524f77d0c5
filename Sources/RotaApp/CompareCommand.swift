import Dispatch
import Foundation
import RotaCore
import RotaIO
import RotaSolver
import Synchronization

/// `rota compare BASE [VARIANT…] --out DIR`: solves a base scenario and its
/// policy variants side by side (issue #6) and tabulates the KPIs of
/// PROBLEM.md, one column per scenario. Each scenario's own rota files go in
/// a subfolder of DIR; the table goes to DIR/comparison.csv.
public enum CompareCommand {
    public struct Options: Sendable {
        public var timeLimitSeconds: Double?
        public var mipGap: Double?
        /// Scenarios solved at once (default: `Cores.available`, the cores this process may use).
        public var jobs: Int?
        /// The searches' progress on standard error (interleaved when jobs > 1).
        public var verbose = false
        /// A line as each scenario starts and ends (n of N, its name, its result),
        /// so a long comparison is never silent.
        public var progress: (@Sendable (String) -> Void)?
        public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil, jobs: Int? = nil, verbose: Bool = false,
                    progress: (@Sendable (String) -> Void)? = nil) {
            self.timeLimitSeconds = timeLimitSeconds; self.mipGap = mipGap; self.jobs = jobs; self.verbose = verbose
            self.progress = progress
        }
    }

    /// One scenario of the comparison.
    public struct Column: Sendable {
        public var name: String
        public var folder: String
        public var report: SolveReport
    }

    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
        public var columns: [Column]
        /// The table: a header row, then one row per KPI.
        public var table: [[String]]
    }

    /// `inputs`: the base scenario folder first, then variant files (.toml)
    /// or other scenario folders.
    public static func run(_ inputs: [String], out: String, options: Options,
                           strategy: @escaping @Sendable () -> SolveStrategy = { AutomaticStrategy() }) -> Report {
        // Load everything first: a bad input stops the run before any solve.
        var scenarios: [(name: String, scenario: Scenario, loadSeconds: Double)] = []
        var errors: [String] = []
        for path in inputs {
            let watch = Stopwatch()
            do {
                let s = try SolveCommand.load(path)
                scenarios.append(((path as NSString).lastPathComponent, s, watch.seconds))
            } catch {
                errors.append("\(path): \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s"):")
                errors += error.errors.map { "  \($0)" }
            }
        }
        if !errors.isEmpty {
            return Report(exitCode: .badInput, lines: [], errors: errors + ["Nothing was solved or written."], columns: [], table: [])
        }

        // One subfolder per scenario, named after its folder or variant file.
        var folders: [String] = []
        for (name, _, _) in scenarios {
            var slug = name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
            slug = String(slug.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
            var unique = slug, n = 2
            while folders.contains(unique) { unique = "\(slug)-\(n)"; n += 1 }
            folders.append(unique)
        }

        // Solve in parallel: `jobs` workers take scenarios in order; results
        // are kept by position, so the table never depends on who finished first.
        let results = Mutex<[SolveReport?]>(Array(repeating: nil, count: scenarios.count))
        let next = Mutex(0)
        let jobs = max(1, min(options.jobs ?? Cores.available, scenarios.count))
        let group = DispatchGroup()
        let work = scenarios.indices.map { (scenario: scenarios[$0].scenario, loadSeconds: scenarios[$0].loadSeconds,
                                            out: (out as NSString).appendingPathComponent(folders[$0]),
                                            limit: options.timeLimitSeconds ?? scenarios[$0].scenario.solver.timeLimitSeconds ?? 60) }
        let names = scenarios.indices.map { inputs[$0].hasSuffix(".toml") ? scenarios[$0].scenario.name : folders[$0] }
        for _ in 0..<jobs {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let i: Int = next.withLock { n in let i = n; n += 1; return i }
                    if i >= work.count { break }
                    let label = "\(i + 1) of \(work.count): \(names[i])"
                    options.progress?("compare    \(label): solving (up to \(formatDecimal(work[i].limit, places: 0)) s)")
                    let r = SolveCommand.run(loaded: work[i].scenario, loadSeconds: work[i].loadSeconds,
                                             out: work[i].out,
                                             options: .init(timeLimitSeconds: options.timeLimitSeconds, mipGap: options.mipGap, verbose: options.verbose),
                                             strategy: strategy())
                    results.withLock { $0[i] = r }
                    options.progress?("compare    \(label): \(outcome(r))")
                }
                group.leave()
            }
        }
        group.wait()
        let reports = results.withLock { $0.map { $0! } }
        // Headed by the folder's name for a scenario folder (scenario names are
        // long), by the variant's own name for a variant.
        let columns = scenarios.indices.map { i in
            Column(name: inputs[i].hasSuffix(".toml") ? scenarios[i].scenario.name : folders[i], folder: folders[i], report: reports[i])
        }

        let table = kpiTable(columns, scenarios.map(\.scenario))
        var report = Report(exitCode: .success, lines: [], errors: [], columns: columns, table: table)
        // The page: each scenario's report beside its rota, then the side-by-side one.
        var runs: [(name: String, folder: String, data: HTMLReport.RunData?)] = []
        for c in columns {
            let dir = (out as NSString).appendingPathComponent(c.folder)
            let data = c.report.evaluation == nil ? nil : ReportCommand.checked(folder: dir).data
            if let data { try? AtomicFiles.write([("report.html", HTMLReport.render(data))], to: dir) }
            runs.append((c.name, c.folder, data))
        }
        do {
            try AtomicFiles.write([("comparison.csv", SpreadsheetText.withByteOrderMarkIfNeeded(table.map(csvLine).joined())),
                                   ("comparison.html", HTMLReport.comparison(table: table, runs: runs))], to: out)
        } catch {
            report.exitCode = .badInput
            report.errors.append("Cannot write to \(out): \(error.localizedDescription)")
            return report
        }
        report.lines = textTable(table)
        // Only what is there: a scenario with no rota has no folder of files.
        let written = columns.filter { $0.report.evaluation != nil }.map(\.folder)
        let missing = columns.filter { $0.report.evaluation == nil }.map(\.name)
        report.lines.append("written    \((out as NSString).appendingPathComponent("comparison.csv")), comparison.html"
                            + (written.isEmpty ? "" : ", and a folder per scenario with its rota and report.html: \(written.joined(separator: ", "))"))
        if !missing.isEmpty {
            report.lines.append("not written \(missing.joined(separator: ", ")): no rota was found, so no folder (see below)")
        }
        // The worst outcome decides the exit code: a bug, then no rota, then no valid rota.
        for code in [ExitCode.internalError, .noRotaInTime, .infeasible] where reports.contains(where: { $0.exitCode == code }) {
            report.exitCode = code
            break
        }
        for c in columns where c.report.exitCode != .success {
            report.errors.append("\(c.name): " + (c.report.errors.first ?? "exit code \(c.report.exitCode.rawValue)"))
        }
        return report
    }

    /// One scenario's result in a progress line.
    static func outcome(_ r: SolveReport) -> String {
        guard let e = r.evaluation, let s = r.summary else {
            return r.exitCode == .badInput ? "not written: \(r.errors.first ?? "cannot write")" : "no rota (\(r.summary?.status.rawValue ?? "exit \(r.exitCode.rawValue)"))"
        }
        let gap = s.gap(objective: e.objective).map { ", proven within \(formatDecimal(100 * $0, places: 2)) %" } ?? ""
        return "\(s.status.rawValue), Z \(formatDecimal(e.objective, places: 4))\(gap), \(formatDecimal(s.seconds, places: 1)) s"
    }

    // MARK: the table

    static func kpiTable(_ columns: [Column], _ scenarios: [Scenario]) -> [[String]] {
        func n(_ x: Double?, _ places: Int = 4) -> String { x.map { formatDecimal($0, places: places) } ?? "" }
        func pct(_ x: Double?) -> String { x.map { formatDecimal($0, places: 1) } ?? "" }
        var rows: [[String]] = [["kpi"] + columns.map(\.name)]
        func row(_ name: String, _ f: (Evaluation, RunSummary) -> String) {
            rows.append([name] + columns.map { c in
                guard let e = c.report.evaluation, let s = c.report.summary else { return "" }
                return f(e, s)
            })
        }
        rows.append(["status"] + columns.map { $0.report.summary?.status.rawValue ?? "no_rota" })
        row("valid rota") { _, s in s.status == .infeasible ? "no" : "yes" }
        row("objective") { e, _ in n(e.objective) }
        row("objective: shortfall") { e, _ in n(e.shortfallTerm) }
        row("objective: changes") { e, _ in n(e.changesTerm) }
        row("objective: travel") { e, _ in n(e.travelTerm) }
        row("bound") { _, s in n(s.bound) }
        row("gap %") { e, s in s.gap(objective: e.objective).map { formatDecimal(100 * $0, places: 2) } ?? "" }
        row("floor breaches (site-weeks)") { e, _ in "\(e.floorBreaches)" }
        row("floor breach WTE-weeks") { e, _ in n(e.breachWTEWeeks) }
        for kind in SiteKind.allCases {
            row("shortfall WTE-weeks: \(kind.rawValue)") { e, _ in n(e.byKind[kind]?.shortfall) }
        }
        for kind in SiteKind.allCases {
            row("% of target met: \(kind.rawValue)") { e, _ in pct(e.byKind[kind]?.percentMet) }
        }
        let icss = Set(columns.flatMap { $0.report.evaluation?.byICS.keys.map { $0 } ?? [] }).sorted()
        for ics in icss {
            // summary.json keeps the spec's "(none)"; a board paper says what it is.
            let label = ics == "(none)" ? "sites with no ICS" : ics
            row("% of target met: \(label)") { e, _ in pct(e.byICS[ics]?.percentMet) }
        }
        row("worst-served ICS") { e, _ in
            let worst = e.byICS.filter { $0.key != "(none)" && $0.value.percentMet != nil }
                .min { ($0.value.percentMet!, $0.key) < ($1.value.percentMet!, $1.key) }
            return worst.map { "\($0.key) (\(pct($0.value.percentMet))%)" } ?? ""
        }
        // Away share: weeks at a PCN or CAS over the horizon, rotating clinicians only.
        func awayShares(_ i: Int, _ e: Evaluation) -> [Double] {
            let s = scenarios[i]
            let rotating = Set(s.clinicians.filter(\.rotates).map(\.id))
            return e.shares.filter { rotating.contains($0.staff) }.map { Double($0.pcnWeeks + $0.casWeeks) / Double(s.weeks) }
        }
        for (label, f) in [("mean", { (a: [Double]) in a.isEmpty ? nil : a.reduce(0, +) / Double(a.count) }),
                           ("lowest", { (a: [Double]) in a.min() }), ("highest", { (a: [Double]) in a.max() })] {
            rows.append(["away share % (rotating): \(label)"] + columns.indices.map { i in
                guard let e = columns[i].report.evaluation else { return "" }
                return pct(f(awayShares(i, e)).map { 100 * $0 })
            })
        }
        row("changes") { e, _ in "\(e.changes)" }
        row("travel km") { e, _ in n(e.travelKm, 1) }
        row("seconds") { _, s in n(s.seconds, 1) }
        return rows
    }

    static func csvLine(_ cells: [String]) -> String {
        cells.map(SpreadsheetText.neutralised).map { s in
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }.joined(separator: ",") + "\n"
    }

    /// The table as aligned text: the KPI column left-aligned, figures right-aligned.
    static func textTable(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = first.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in
            r.indices.map { c in
                let pad = String(repeating: " ", count: widths[c] - r[c].count)
                return c == 0 ? r[c] + pad : pad + r[c]
            }.joined(separator: "  ")
        }
    }
}
