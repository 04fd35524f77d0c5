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
        if let clash = wouldReplace(previous: path, out: out, fromWeek: fromWeek) {
            return SolveReport(exitCode: .badInput, lines: [], errors: [clash])
        }
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
            var replanned = try ReplanLoader.apply(previous: rows, file: (path as NSString).lastPathComponent,
                                                   fromWeek: fromWeek, to: tables)
            replanned.replan?.path = SolveCommand.absolutePath(path)
            scenario = replanned
        } catch {
            options.progress?.finish()
            return SolveReport(exitCode: .badInput, lines: [],
                               errors: error.errors.map(\.description) + ["\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the input; nothing was solved or written."])
        }
        return SolveCommand.run(loaded: scenario, loadSeconds: watch.seconds, out: out, options: options, strategy: strategy)
    }

    /// The agreed rota is the re-plan's input: writing the re-plan over it
    /// would leave no copy of what was agreed, so such an --out is refused.
    static func wouldReplace(previous path: String, out: String, fromWeek: Int) -> String? {
        func resolved(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let name = (path as NSString).lastPathComponent
        guard Outputs.runFiles.contains(name),
              resolved((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) == resolved(out)
        else { return nil }
        return "rota: --previous \(path) is inside --out \(out), where the re-plan writes its own \(name): the agreed rota would be lost. "
            + "Write the re-plan to another folder (for example --out \((out as NSString).standardizingPath)-week-\(fromWeek)) "
            + "or copy the agreed rota elsewhere first; nothing was solved or written."
    }
}
