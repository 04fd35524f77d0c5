import ArgumentParser
import RotaApp

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a scenario has no valid rota: which floors break, by how much, and why.",
        discussion: """
        Runs only the analysis of `rota solve` for scenarios with no valid rota, and writes nothing. \
        Each breached site gets one line per run of weeks, largest breach first: the breach, the floor, \
        the best cover, the eligible supply, who is on leave, and why. When even the rules other than \
        floors conflict, it names the rule family and the clinicians, sites and weeks involved.

        Exit codes: 0 every floor can be met; 1 bad input; 2 no valid rota exists (explained); \
        3 the time limit passed before the analysis could conclude.

        Example:
          rota explain inputs/west-midlands-winter
        """)

    @Argument(help: "The scenario folder or workbook (.xlsx).")
    var scenario: String

    @Option(name: .long, help: "Seconds the analysis may take (default: [solver] time_limit_s, else 60).")
    var timeLimit: Double?

    @Flag(name: .long, help: "Print the search's progress to standard error.")
    var verbose = false

    func run() throws {
        let r = ExplainCommand.run(scenario: scenario, options: .init(timeLimitSeconds: timeLimit, verbose: verbose))
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
