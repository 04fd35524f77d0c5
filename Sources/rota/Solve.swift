import ArgumentParser
import Foundation
import RotaApp

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a scenario and write the rota as CSV and an Excel workbook.",
        discussion: """
        Writes \(SolveCommand.outputFiles) to --out. \
        Every rota is re-checked against the hard rules H1–H8 before it is written.

        Progress goes to standard error (one live line on a terminal; --quiet for none). \
        Ctrl-C stops the search and writes the best valid rota found so far, marked as not proven \
        optimal ("stopped_by": "interrupt" in summary.json); a second Ctrl-C quits at once.

        Exit codes: 0 a valid rota was written; 1 bad input (nothing written); \
        2 no valid rota exists (the rota that breaks the floors least is written, marked infeasible); \
        3 the time limit passed with no rota found.

        Example:
          rota solve inputs/small --out out/small --time-limit 30
          rota solve inputs/west-midlands-variants/winter-uplift.toml --out out/winter
        """)

    @Argument(help: "The scenario folder (scenario.toml, sites.csv, staff.csv, demand.csv, …), one workbook with those sheets (.xlsx, see rota template), or a variant file (.toml).")
    var scenario: String

    @Option(name: .long, help: "The folder to write the rota into (created if missing).")
    var out: String

    @Option(name: .long, help: "Stop when the rota is proven within this relative gap (default: [solver] mip_gap, else 0).")
    var mipGap: Double?

    @Flag(name: .long, help: "Also write report.html (see `rota report`).")
    var report = false

    @OptionGroup var flags: SolveFlags

    func validate() throws {
        if let g = mipGap, !(g >= 0) { throw ValidationError("--mip-gap must be 0 or more (0.01 means 1%).") }
    }

    func run() throws {
        var r = SolveCommand.run(scenario: scenario, out: out, options: flags.options(mipGap: mipGap), strategy: SolveCommand.strategy(named: flags.strategy)!)
        // A rota was written (valid, or least-breach): the page goes beside it.
        if report && (r.exitCode == .success || (r.exitCode == .infeasible && r.evaluation != nil)) {
            let page = ReportCommand.run(folder: out)
            r.lines += page.lines
            r.errors += page.errors
        }
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
