import ArgumentParser
import Foundation
import RotaApp

struct Replan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-plan from a week on: keep what has happened, move as few people as possible.",
        discussion: """
        SCENARIO holds the updated tables (a clinician with a `to` date in staff.csv, new leave, \
        new demand). Weeks before --from-week are held exactly as in --previous (they have happened, \
        and still count for runs, shares and rollout limits). From --from-week on, every clinician-week \
        placed elsewhere than --previous costs weights.disruption (scenario.toml, default 100), so people \
        move only to keep a floor or a rule. Writes the usual files plus moves.csv (who, which weeks, \
        from where to where, and why), and prints the moves.

        Where --previous contradicts the new tables in the weeks that have happened (a clinician or site \
        no longer there, a new pin, a clinician out of post), that is reported with file, line and week, \
        and nothing is solved: history is not rewritten.

        Exit codes as for `rota solve`.

        Example:
          rota replan inputs/west-midlands-replan --previous inputs/west-midlands-replan/agreed-rota.csv \\
            --from-week 30 --out out/replan
        """)

    @Argument(help: "The scenario folder or workbook (.xlsx) with the updated tables, or a variant file (.toml).")
    var scenario: String

    @Option(name: .long, help: "The agreed rota (a rota.csv written by rota solve, or typed by hand).")
    var previous: String

    @Option(name: .long, help: "The first week that may change (1-based); earlier weeks have happened.")
    var fromWeek: Int

    @Option(name: .long, help: "The folder to write the new rota into (created if missing).")
    var out: String

    @OptionGroup var flags: SolveFlags

    func validate() throws {
        if fromWeek < 1 { throw ValidationError("--from-week must be a week number, 1 or more.") }
    }

    func run() throws {
        let r = ReplanCommand.run(scenario: scenario, previous: previous, fromWeek: fromWeek, out: out,
                                  options: flags.options(), strategy: SolveCommand.strategy(named: flags.strategy)!)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
