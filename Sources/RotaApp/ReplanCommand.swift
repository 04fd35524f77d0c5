import Foundation
import RotaCore
import RotaIO
import RotaSolver

/// `rota replan`: a new plan from week W on that keeps the weeks before W
/// exactly as the agreed rota had them and moves as few clinicians as it can
/// (each clinician-week moved costs `weights.disruption`). The solve is
/// `rota solve`'s, on the scenario with history pinned (`ReplanLoader`); the
/// moves and why go to moves.csv and the printed summary.
public enum ReplanCommand {
    public static func run(scenario folder: String, previous path: String, fromWeek: Int, out: String,
                           options: SolveCommand.Options, strategy: SolveStrategy = AutomaticStrategy()) -> SolveReport {
        let watch = Stopwatch()
        options.progress?.stage("loading and checking \(folder) and \(path)")
        let scenario: Scenario
        do {
            let tables = try SolveCommand.load(folder)
            // A wrong option is not a line of a file: said as the other option errors are.
            guard (1...tables.weeks).contains(fromWeek) else {
                options.progress?.finish()
                return SolveReport(exitCode: .badInput, lines: [], errors: [
                    "rota: --from-week \(fromWeek) is outside the scenario's weeks 1–\(tables.weeks) (scenario.toml: weeks = \(tables.weeks)); nothing was solved or written."])
            }
            let rows = try RotaReader.readWithLines(path: path)
            scenario = try ReplanLoader.apply(previous: rows, file: (path as NSString).lastPathComponent,
                                              fromWeek: fromWeek, to: tables)
        } catch {
            options.progress?.finish()
            return SolveReport(exitCode: .badInput, lines: [],
                               errors: error.errors.map(\.description) + ["\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the input; nothing was solved or written."])
        }
        return SolveCommand.run(loaded: scenario, loadSeconds: watch.seconds, out: out, options: options, strategy: strategy)
    }
}
