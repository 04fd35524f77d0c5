import ArgumentParser
import RotaApp

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check any rota.csv against a scenario's hard rules and recompute its objective.",
        discussion: """
        Prints each violation on its own line as `H<n> <who/where> week <w>: <detail>`, \
        then the objective and its terms. Exit 0 when the rota is valid, 2 when it breaks a rule, 1 when a file cannot be read.

        Example:
          rota validate inputs/small out/small/rota.csv
        """)

    @Argument(help: "The scenario folder or workbook (.xlsx).")
    var scenario: String

    @Argument(help: "The rota to check: a CSV with columns staff, week, site (others are ignored).")
    var rota: String

    func run() throws {
        let r = ValidateCommand.run(scenario: scenario, rota: rota)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
