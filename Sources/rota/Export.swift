import ArgumentParser
import RotaApp

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the scenario's model: MathProg data for models/rotation.mod, or MPS.",
        discussion: """
        Examples:
          rota export inputs/small --dat small.dat && glpsol -m models/rotation.mod -d small.dat
          rota export inputs/west-midlands --mps wm.mps
          rota export inputs/west-midlands-replan --previous inputs/west-midlands-replan/agreed-rota.csv \\
            --from-week 30 --dat replan.dat
        """)

    @Argument(help: "The scenario folder.")
    var scenario: String

    @Option(name: .long, help: "Write GNU MathProg data for models/rotation.mod to this file.")
    var dat: String?

    @Option(name: .long, help: "Write the whole model in free MPS to this file.")
    var mps: String?

    @Option(name: .long, help: "With --from-week: export the model of `rota replan` against this agreed rota.")
    var previous: String?

    @Option(name: .long, help: "With --previous: the first week that may change.")
    var fromWeek: Int?

    func validate() throws {
        if dat == nil && mps == nil { throw ValidationError("Give --dat FILE or --mps FILE (or both).") }
        if (previous == nil) != (fromWeek == nil) { throw ValidationError("--previous and --from-week go together.") }
    }

    func run() throws {
        let r = ExportCommand.run(scenario: scenario, dat: dat, mps: mps, previous: previous, fromWeek: fromWeek)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
