import ArgumentParser
import RotaApp

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the scenario as CSV files or one workbook, its model (MathProg data or MPS), or a rota as a workbook or calendars (one .ics per clinician).",
        discussion: """
        Examples:
          rota export plan.xlsx --csv plan-folder
          rota export inputs/small --plan small-plan.xlsx
          rota export inputs/small --dat small.dat && glpsol -m models/rotation.mod -d small.dat
          rota export inputs/west-midlands --mps wm.mps
          rota export inputs/two-ics --rota out/two-ics/rota.csv --ics out/two-ics/calendars
          rota export inputs/two-ics --rota edited-rota-grid.csv --xlsx edited.xlsx
          rota export inputs/west-midlands-replan --previous inputs/west-midlands-replan/agreed-rota.csv \\
            --from-week 30 --dat replan.dat
        """)

    @Argument(help: "The scenario folder or workbook (.xlsx).")
    var scenario: String

    @Option(name: .long, help: "Write GNU MathProg data for models/rotation.mod to this file.")
    var dat: String?

    @Option(name: .long, help: "Write the whole model in free MPS to this file.")
    var mps: String?

    @Option(name: .long, help: "Write one iCalendar file per clinician (an all-day event per run of weeks at a site) into this folder; needs --rota.")
    var ics: String?

    @Option(name: .long, help: "Write the rota given with --rota as a workbook (the rota.xlsx a solve writes, without a bound) to this file.")
    var xlsx: String?

    @Option(name: .long, help: "With --ics or --xlsx: the rota (rota.csv or rota-grid.csv) to turn into calendars or a workbook.")
    var rota: String?

    @Option(name: .long, help: "Write the scenario as a folder of CSV files and scenario.toml (from a workbook, say) into this folder.")
    var csv: String?

    @Option(name: .long, help: "Write the scenario as one workbook (sheets scenario, sites, staff, demand, leave, pinned) to this .xlsx file.")
    var plan: String?

    @Option(name: .long, help: "With --from-week: export the model of `rota replan` against this agreed rota.")
    var previous: String?

    @Option(name: .long, help: "With --previous: the first week that may change.")
    var fromWeek: Int?

    func validate() throws {
        if dat == nil && mps == nil && ics == nil && xlsx == nil && csv == nil && plan == nil {
            throw ValidationError("Give --csv DIR, --plan FILE, --dat FILE, --mps FILE, --ics DIR --rota ROTA_CSV or --xlsx FILE --rota ROTA_CSV.")
        }
        if let plan, !plan.lowercased().hasSuffix(".xlsx") { throw ValidationError("--plan \(plan): give a file name ending in .xlsx.") }
        if rota != nil && ics == nil && xlsx == nil { throw ValidationError("--rota goes with --ics DIR or --xlsx FILE.") }
        if (ics != nil || xlsx != nil) && rota == nil { throw ValidationError("--ics and --xlsx need --rota ROTA_CSV.") }
        if let xlsx, !xlsx.lowercased().hasSuffix(".xlsx") { throw ValidationError("--xlsx \(xlsx): give a file name ending in .xlsx.") }
        if (previous == nil) != (fromWeek == nil) { throw ValidationError("--previous and --from-week go together.") }
    }

    func run() throws {
        let r = ExportCommand.run(scenario: scenario, dat: dat, mps: mps, previous: previous, fromWeek: fromWeek, ics: ics, rota: rota, xlsx: xlsx, csv: csv, plan: plan)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
