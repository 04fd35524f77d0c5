import Foundation
import RotaGen
import RotaIO

/// `rota generate`: write a synthetic scenario (and optionally its witness rota).
public enum GenerateCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
    }

    public static var presetNames: [String] { ScenarioPreset.allCases.map(\.rawValue) }

    public static func run(preset name: String, seed: UInt64, out: String, witness: String?) -> Report {
        guard let preset = ScenarioPreset(rawValue: name) else {
            return Report(exitCode: .badInput, lines: [], errors: ["Unknown preset \"\(name)\"; choose one of \(presetNames.joined(separator: ", "))."])
        }
        let g = ScenarioGenerator.generate(preset, seed: seed)
        do {
            try AtomicFiles.write(g.files.map { ($0.name, $0.contents) }, to: out)
            if let witness { try AtomicFiles.write(Data(g.witnessRota.utf8), toFile: witness) }
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: ["Cannot write the scenario: \(error.localizedDescription)"])
        }
        return Report(exitCode: .success, lines: ["wrote \(name) (seed \(seed)) to \(out): " + g.files.map(\.name).joined(separator: ", ")], errors: [])
    }
}
