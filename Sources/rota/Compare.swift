import Foundation
import ArgumentParser
import RotaApp

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a base scenario and its policy variants, and compare their KPIs side by side.",
        discussion: """
        The first argument is the base scenario folder; each further one is a variant file (.toml, \
        see docs/COMMANDS.md, "Policy variants") or another scenario folder. Each is solved (several at once), \
        its rota files are written to a subfolder of --out, and the KPIs are printed as a table, one \
        column per scenario, and written to comparison.csv.

        Exit codes: 0 every scenario has a valid rota; 1 bad input in any of them (nothing solved); \
        2 some scenario has no valid rota (its least-breach rota is written); 3 some scenario found \
        no rota in time.

        Example:
          rota compare inputs/west-midlands inputs/west-midlands-variants/*.toml --out out/compare
        """)

    @Argument(help: "The base scenario folder (or workbook), then variant files or other scenario folders or workbooks.")
    var scenarios: [String]

    @Option(name: .long, help: "The folder for comparison.csv and one subfolder per scenario.")
    var out: String

    @Option(name: .long, help: "Seconds each solve may take (default: each scenario's [solver] time_limit_s, else 60).")
    var timeLimit: Double?

    @Option(name: .long, help: "Relative gap at which a solve may stop (default: [solver] mip_gap, else 0).")
    var mipGap: Double?

    @Option(name: .long, help: "Scenarios solved at once (default: the number of cores it may use).")
    var jobs: Int?

    @Flag(name: .long, help: "Print each search's progress to standard error.")
    var verbose = false

    @Flag(name: .long, help: "No line on standard error as each scenario starts and ends.")
    var quiet = false

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("Give the base scenario folder, then any variant files.") }
        if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be a number of seconds above 0.") }
        if let g = mipGap, !(g >= 0) { throw ValidationError("--mip-gap must be 0 or more.") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be 1 or more.") }
    }

    func run() throws {
        let progress: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let r = CompareCommand.run(scenarios, out: out, options: .init(timeLimitSeconds: timeLimit, mipGap: mipGap, jobs: jobs,
                                                                        verbose: verbose, progress: quiet ? nil : progress))
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
