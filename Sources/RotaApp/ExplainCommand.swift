import Foundation
import RotaCore
import RotaIO
import RotaSolver

/// `rota explain`: only the analysis of "When no valid rota exists"
/// (PROBLEM.md) — can the floors be met, and if not, where, by how much and
/// why; or which hard rules conflict. It writes nothing.
public enum ExplainCommand {
    public static func run(scenario folder: String, options: SolveCommand.Options,
                           strategy: SolveStrategy = AutomaticStrategy()) -> SolveReport {
        let watch = Stopwatch()
        let scenario: Scenario
        do {
            scenario = try SolveCommand.load(folder)
        } catch {
            return SolveReport(exitCode: .badInput, lines: [],
                               errors: error.errors.map(\.description) + ["\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the input; nothing was analysed."])
        }
        let timeLimit = options.timeLimitSeconds ?? scenario.solver.timeLimitSeconds ?? 60
        let instance = Instance(scenario)
        var report = SolveReport(exitCode: .success, lines: ["\(scenario.name): \(scenario.clinicians.count) clinicians, \(scenario.sites.count) sites, \(scenario.weeks) weeks from \(scenario.start)"],
                                 errors: [], evaluation: nil, summary: nil)

        let conflicts = RuleConflicts.structural(instance)
        if !conflicts.isEmpty {
            report.exitCode = .infeasible
            report.lines += Explanation.conflictLines(conflicts)
            return report
        }
        let trace: (@Sendable (String) -> Void)? = options.verbose ? { @Sendable line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } : nil
        var solveOptions = SolveOptions(timeLimitSeconds: max(1, timeLimit - watch.seconds), mipGap: 1, verbose: options.verbose, trace: trace)
        solveOptions.firstRotaOnly = true
        let outcome = strategy.solve(instance, solveOptions)
        let seconds = formatDecimal(watch.seconds, places: 1)

        switch outcome.status {
        case .optimal, .feasible:
            report.lines.append("All floors can be met: a valid rota exists (one was found in \(seconds) s; `rota solve` finds the best). Nothing to explain.")
        case .infeasible:
            report.exitCode = .infeasible
            if let rota = outcome.rota {
                let placements = rota.placements(instance)
                let validator = Validator(scenario)
                let broken = validator.check(placements).filter { $0.rule != .floor }
                guard broken.isEmpty else {
                    report.exitCode = .internalError
                    report.errors = ["Internal error: the least-breach rota breaks rules other than floors. Please report this with the scenario."]
                        + broken.prefix(20).map { "  \($0)" }
                    return report
                }
                let e = validator.evaluate(placements)
                let least = Explanation.leastBreach(instance, rota, outcome, breach: e.breachWTEWeeks)
                report.lines.append("No valid rota exists: the floors cannot all be met (analysed in \(seconds) s).")
                report.lines += Explanation.lines(least, e)
            } else if !outcome.conflicts.isEmpty {
                report.lines += Explanation.conflictLines(outcome.conflicts)
            } else {
                report.lines += unmeetableLines(instance, seconds)
            }
        case .noRotaInTime:
            report.exitCode = .noRotaInTime
            let supply = FloorSupply(instance)
            if supply.forcedBreach(instance) > 0 {
                report.exitCode = .infeasible
                report.lines += unmeetableLines(instance, seconds)
            } else {
                report.lines.append("No rota was found within the time limit of \(formatDecimal(timeLimit, places: 1)) s, and no floor is above its eligible supply, so the analysis is inconclusive. Try a longer --time-limit.")
            }
        }
        return report
    }

    static func unmeetableLines(_ I: Instance, _ seconds: String) -> [String] {
        ["No valid rota exists: these floors are above what every eligible clinician together can give (no least-breach rota was found in \(seconds) s):"]
            + BreachReport.unmeetable(I, FloorSupply(I)).map { "  \($0)" }
    }
}
