import ArgumentParser
import RotaApp

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter scenario workbook (.xlsx) with a worked example to fill in.",
        discussion: """
        The workbook has sheets scenario, sites, staff, demand, leave and pinned, with
        exactly the columns of the CSV files (docs/INPUTS.md); each header has a note,
        and kind, grade and TRUE/FALSE columns have drop-down lists.

        Example:
          rota template --out plan.xlsx
          rota solve plan.xlsx --out out/plan
        """)

    @Option(name: .long, help: "The workbook to write (ending in .xlsx).")
    var out: String

    @Flag(name: .long, help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        if !out.lowercased().hasSuffix(".xlsx") { throw ValidationError("--out \(out): give a file name ending in .xlsx.") }
    }

    func run() throws {
        let r = TemplateCommand.run(out: out, force: force)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
