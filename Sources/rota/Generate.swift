import ArgumentParser
import RotaApp

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a realistic synthetic scenario from public figures.",
        discussion: """
        The same preset and seed always give byte-identical files.

        Example:
          rota generate --preset west-midlands --seed 1 --out inputs/west-midlands
        """)

    @Option(name: .long, help: "One of: \(GenerateCommand.presetNames.joined(separator: ", ")).")
    var preset: String

    @Option(name: .long, help: "Random seed (a whole number).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "The folder to write the scenario into.")
    var out: String

    @Option(name: .long, help: "Also write a valid rota of the scenario (the generator's witness) to this file.")
    var witness: String?

    func validate() throws {
        if !GenerateCommand.presetNames.contains(preset) {
            throw ValidationError("Unknown preset \"\(preset)\"; choose one of \(GenerateCommand.presetNames.joined(separator: ", ")).")
        }
    }

    func run() throws {
        let r = GenerateCommand.run(preset: preset, seed: seed, out: out, witness: witness)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
