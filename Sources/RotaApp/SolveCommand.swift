import Foundation
import RotaCore
import RotaIO
import RotaSolver
import Synchronization

/// The tool's exit codes, as the README documents them.
public enum ExitCode: Int32, Sendable {
    /// A valid rota was written (or, for validate, the rota is valid).
    case success = 0
    /// Bad input: nothing was solved or written (validate: a file cannot be read).
    case badInput = 1
    /// No valid rota exists: the least-breach rota was written, or none could be.
    case infeasible = 2
    /// The time limit passed before any valid rota was found.
    case noRotaInTime = 3
    /// A bug: the rota found failed the independent check and was not written.
    case internalError = 4

    /// `rota validate`: the rota was read, and breaks a hard rule.
    public static let brokenRule = ExitCode.infeasible
}

/// The result of `rota solve`: what to print and how to exit.
public struct SolveReport: Sendable {
    public var exitCode: ExitCode
    /// Lines for the planner (standard output).
    public var lines: [String]
    /// Lines for standard error (input errors, failures).
    public var errors: [String]
    public var evaluation: Evaluation?
    public var summary: RunSummary?
}

/// `rota solve`: load and check the scenario, solve, validate the rota
/// independently, write the run's files (`Outputs.all`), summarise.
public enum SolveCommand {
    public struct Options: Sendable {
        public var timeLimitSeconds: Double?
        public var mipGap: Double?
        public var verbose = false
        /// Where progress goes (nil: none, as with --quiet).
        public var progress: ProgressPrinter?
        /// Ctrl-C: stop and write the best valid rota found so far.
        public var stop: StopSignal?
        public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil, verbose: Bool = false,
                    progress: ProgressPrinter? = nil, stop: StopSignal? = nil) {
            self.timeLimitSeconds = timeLimitSeconds; self.mipGap = mipGap; self.verbose = verbose
            self.progress = progress; self.stop = stop
        }
    }

    /// The files a solve writes, for `--help`, from the output registry
    /// ("rota.csv, …, summary.json and rota.xlsx"; moves.csv is a re-plan's).
    public static var outputFiles: String {
        let names = Outputs.all.map(\.name).filter { $0 != "moves.csv" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// The strategies a planner can name with `--strategy`.
    public static func strategy(named name: String) -> SolveStrategy? { Strategies.named(name) }
    /// `--strategy`'s help and the names it accepts, from the registry.
    public static var strategyHelp: String { Strategies.help }
    public static var strategyChoices: String { Strategies.choices }

    public static func run(scenario folder: String, out: String, options: Options,
                           strategy: SolveStrategy = AutomaticStrategy()) -> SolveReport {
        let watch = Stopwatch()
        let scenario: Scenario
        options.progress?.stage("loading and checking \(folder)")
        do {
            scenario = try load(folder)
        } catch {
            options.progress?.finish()
            return SolveReport(exitCode: .badInput, lines: [],
                               errors: error.errors.map(\.description) + ["\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the input; nothing was solved or written."])
        }
        return run(loaded: scenario, loadSeconds: watch.seconds, out: out, options: options, strategy: strategy)
    }

    /// A scenario folder, a scenario workbook (`.xlsx`), or a variant file (`.toml`, see `rota compare`),
    /// which a planner may want to solve on its own.
    public static func load(_ path: String) throws(InputErrors) -> Scenario {
        var isFolder: ObjCBool = false
        if path.hasSuffix(".toml") && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue {
            var s = try VariantLoader.load(path: path)
            s.source = absolutePath(path)
            return s
        }
        var s = ScenarioWorkbook.isWorkbook(path) ? try ScenarioWorkbook.load(path: path) : try ScenarioLoader.load(folder: path)
        s.source = absolutePath(path)
        return s
    }

    public static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Solves a scenario already loaded and checked (a folder or a variant).
    public static func run(loaded scenario: Scenario, loadSeconds: Double, out: String, options: Options,
                           strategy: SolveStrategy = AutomaticStrategy()) -> SolveReport {
        let watch = Stopwatch()
        // Command-line flags win over [solver] in scenario.toml, which wins over the defaults.
        let timeLimit = options.timeLimitSeconds ?? scenario.solver.timeLimitSeconds ?? 60
        let gap = options.mipGap ?? scenario.solver.mipGap ?? 0
        let instance = Instance(scenario)
        let buildSeconds = watch.seconds
        let trace: (@Sendable (String) -> Void)? = options.verbose ? { @Sendable line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } : nil
        // The limit is the planner's whole wait: loading and building are
        // spent already, and re-checking and writing the rota and its
        // workbook and site view (about five seconds per 100,000 clinician-weeks)
        // must fit in it too.
        let writing = 0.2 + Double(scenario.clinicians.count * scenario.weeks) / 20_000
        let solveLimit = max(0.2, timeLimit - loadSeconds - buildSeconds - writing)
        var solveOptions = SolveOptions(timeLimitSeconds: solveLimit, mipGap: gap, verbose: options.verbose, trace: trace)
        if let stop = options.stop { solveOptions.stopRequested = { stop.requested } }
        // When the proven gap first came within 1% (the speed issue's
        // benchmark asks for it): seen in the progress the strategy reports
        // (best Z and bound; the parts of a split scenario report neither,
        // so there only the final gap counts), in seconds from the solve's
        // start like the first rota's.
        let withinOnePercent = Mutex<Double?>(nil)
        let printer = options.progress
        solveOptions.progress = { @Sendable progress in
            if let z = progress.best, let b = progress.bound, RunSummary.gap(objective: z, bound: b).map({ $0 <= 0.01 }) ?? false {
                withinOnePercent.withLock { $0 = $0 ?? watch.seconds - buildSeconds }
            }
            printer?.update(progress)
        }
        options.progress?.stage("building and solving")
        let outcome = strategy.solve(instance, solveOptions)
        let seconds = loadSeconds + watch.seconds   // the planner's whole wait
        options.progress?.stage(outcome.rota == nil ? "done" : "checking the rota against every rule")
        defer { options.progress?.finish() }

        var summary = RunSummary(status: outcome.status, scenario: scenario.name, bound: outcome.bound, seconds: seconds,
                                 timeLimitSeconds: timeLimit, mipGap: gap, stoppedByTimeLimit: outcome.stoppedByTimeLimit,
                                 modelSize: outcome.modelSize,
                                 strategy: outcome.strategy ?? strategy.name)
        summary.firstRotaSeconds = outcome.firstRotaSeconds
        summary.placementBinaries = AutomaticStrategy.binaries(instance)
        summary.boundSource = outcome.boundSource
        summary.loadSeconds = loadSeconds
        summary.buildSeconds = buildSeconds
        summary.withinOnePercentSeconds = withinOnePercent.withLock { $0 }
        summary.interrupted = outcome.interrupted
        let header = "\(scenario.name): \(scenario.clinicians.count) clinicians, \(scenario.sites.count) sites, \(scenario.weeks) weeks from \(scenario.start)"

        guard let rota = outcome.rota else {
            var report = SolveReport(exitCode: .noRotaInTime, lines: [header], errors: [], evaluation: nil, summary: summary)
            report.lines += sizeLines(outcome.modelSize) + ["seconds    \(formatDecimal(seconds, places: 2))"] + warningLines(scenario)
            if outcome.status == .infeasible {
                report.exitCode = .infeasible
                report.lines.append("status     infeasible")
                if outcome.conflicts.isEmpty {
                    report.errors.append("No valid rota exists: some floors are above what every eligible clinician together can give, "
                                         + "but no rota that breaks only floors was found within the time limit of \(formatDecimal(timeLimit, places: 1)) s. Nothing was written. "
                                         + "Run `rota explain` for the floors concerned, or try a longer --time-limit.")
                } else {
                    report.errors += Explanation.conflictLines(outcome.conflicts) + ["Nothing was written."]
                }
            } else if outcome.interrupted {
                report.lines.append("status     no_rota_in_time (stopped by Ctrl-C)")
                report.errors.append("Stopped (Ctrl-C) before any valid rota was found. Nothing was written.")
            } else {
                report.lines.append("status     no_rota_in_time")
                report.errors.append("No rota was found within the time limit of \(formatDecimal(timeLimit, places: 1)) s. Nothing was written. Try a longer --time-limit.")
            }
            return report
        }

        // Every rota is re-checked independently before it is written.
        let placements = rota.placements(instance)
        let validator = Validator(scenario)
        let violations = validator.check(placements)
        let allowed = outcome.status == .infeasible ? violations.filter { $0.rule != .floor } : violations
        if !allowed.isEmpty {
            return SolveReport(exitCode: .internalError, lines: [header],
                               errors: ["Internal error: the rota found breaks hard rules, so it was not written. Please report this with the scenario."]
                                   + allowed.prefix(20).map { "  \($0)" }, evaluation: nil, summary: summary)
        }
        let evaluation = validator.evaluate(placements)
        if outcome.status == .infeasible {
            summary.leastBreach = Explanation.leastBreach(instance, rota, outcome, breach: evaluation.breachWTEWeeks)
        }
        if let b = summary.bound, b > evaluation.objective + 1e-6 * max(1, abs(evaluation.objective)) {
            // The bound comes from GLPK's tree on the same model; it can only
            // exceed Z by rounding, so it is clamped rather than reported above Z.
            summary.bound = evaluation.objective
        }
        // The final gap within 1% with no progress that showed it (a split
        // scenario's parts, a solve that ended at once): the solve's time.
        if summary.withinOnePercentSeconds == nil, summary.gap(objective: evaluation.objective).map({ $0 <= 0.01 }) ?? false {
            summary.withinOnePercentSeconds = seconds - loadSeconds - buildSeconds
        }
        // A re-plan: every change to an agreed placement, and why.
        let moves = scenario.replan == nil ? nil : Moves.list(scenario, placements)
        options.progress?.stage("writing \(out)")
        let written: [String], removed: [String]
        do {
            (written, removed) = try OutputWriter.write(RunResult(scenario: scenario, placements: placements, evaluation: evaluation,
                                                                  summary: summary, moves: moves), to: out)
        } catch {
            return SolveReport(exitCode: .badInput, lines: [header], errors: ["Cannot write to \(out): \(error.localizedDescription)"],
                               evaluation: evaluation, summary: summary)
        }
        var report = SolveReport(exitCode: .success, lines: [header] + summaryLines(evaluation, summary, outcome, replanned: scenario.replan != nil), errors: [],
                                 evaluation: evaluation, summary: summary)
        if let moves, let replan = scenario.replan { report.lines += moveLines(moves, replan) }
        report.lines.append("written    \(written.map { (out as NSString).appendingPathComponent($0) }.joined(separator: ", "))")
        if !removed.isEmpty {
            report.lines.append("removed    \(removed.joined(separator: ", ")): an earlier run's, which would not match this rota")
        }
        report.lines += warningLines(scenario)
        if outcome.status == .infeasible, let least = summary.leastBreach {
            report.exitCode = .infeasible
            report.lines += Explanation.lines(least, evaluation)
            report.errors.append("No valid rota exists: the floors cannot all be met. The rota written is the one that breaks them least; it is NOT a valid rota.")
        }
        return report
    }

    /// The input's warnings, once, under the summary: accepted, but worth a look.
    static func warningLines(_ scenario: Scenario) -> [String] {
        guard !scenario.warnings.isEmpty else { return [] }
        let n = scenario.warnings.count
        return ["warnings   \(n) in the input, accepted but worth a look (also in summary.json):"]
            + scenario.warnings.map { "  \($0)" }
    }

    /// The moves table of a re-plan, as printed.
    static func moveLines(_ moves: [Move], _ replan: Replan) -> [String] {
        guard !moves.isEmpty else { return ["moves      none: from week \(replan.fromWeek) everyone stays where agreed"] }
        let people = Set(moves.map(\.staff)).count
        var lines = ["moves      \(moves.count) change\(moves.count == 1 ? "" : "s") to agreed placements, \(people) clinician\(people == 1 ? "" : "s") (moves.csv):"]
        for m in moves {
            let weeks = m.fromWeek == m.toWeek ? "week \(m.fromWeek)" : "weeks \(m.fromWeek)–\(m.toWeek)"
            lines.append("  \(m.staff) \(weeks): \(m.was) → \(m.now); why: \(m.why)")
        }
        return lines
    }

    static func sizeLines(_ m: ModelSize?) -> [String] {
        guard let m else { return ["model      not built whole (the search re-plans one clinician or a few at a time)"] }
        return ["model      \(m.columns) columns (\(m.integers) integer), \(m.rows) rows, \(m.nonzeros) nonzeros"]
    }

    static func summaryLines(_ e: Evaluation, _ s: RunSummary, _ o: SolveOutcome, replanned: Bool = false) -> [String] {
        func n(_ x: Double) -> String { formatDecimal(x, places: 4) }
        var lines: [String] = []
        lines.append("status     \(s.status.rawValue)\(s.stoppedByTimeLimit ? " (stopped by the time limit of \(n(s.timeLimitSeconds)) s)" : "")"
                     + (s.interrupted ? " (stopped by Ctrl-C: the best rota found so far, not proven optimal)" : ""))
        lines.append("objective  \(n(e.objective))  = shortfall \(n(e.shortfallTerm)) + changes \(n(e.changesTerm)) + travel \(n(e.travelTerm))"
                     + (replanned ? " + disruption \(n(e.disruptionTerm)) (\(e.moves) clinician-weeks moved)" : ""))
        let gap = s.gap(objective: e.objective)
        lines.append("bound      \(s.bound.map(n) ?? "unknown")   gap \(gap.map { formatDecimal(100 * $0, places: 2) + "%" } ?? "unknown")"
                     + (s.boundSource.map { "   (\($0))" } ?? ""))
        if let first = s.firstRotaSeconds, s.status == .optimal || s.status == .feasible {
            lines.append("first rota after \(formatDecimal(first, places: 1)) s")
        }
        lines.append("seconds    \(formatDecimal(s.seconds, places: 2))")
        lines.append("floors     " + (e.floorBreaches == 0 ? "all met" : "\(e.floorBreaches) site-weeks below the floor, \(n(e.breachWTEWeeks)) WTE-weeks short"))
        let kinds = SiteKind.allCases.map { k -> String in
            let t = e.byKind[k] ?? TargetMet()
            let pct = t.percentMet.map { " (\(formatDecimal($0, places: 1))% of target met)" } ?? ""
            return "\(k.rawValue) \(n(t.shortfall))\(pct)"
        }
        lines.append("shortfall  WTE-weeks: " + kinds.joined(separator: ", "))
        lines.append("changes    \(e.changes)   travel \(formatDecimal(e.travelKm, places: 1)) km")
        lines += sizeLines(o.modelSize)
        return lines
    }
}
