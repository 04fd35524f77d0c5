import Foundation
import RotaCore
import RotaIO
import RotaSolver

/// `rota export`: the model's data for glpsol, or the whole model as MPS.
public enum ExportCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
    }

    /// With `previous` and `fromWeek`, the model of `rota replan` (history
    /// pinned, the disruption term) instead of `rota solve`'s.
    public static func run(scenario folder: String, dat: String?, mps: String?,
                           previous: String? = nil, fromWeek: Int? = nil) -> Report {
        let scenario: Scenario
        do {
            if let previous, let fromWeek {
                scenario = try ReplanLoader.apply(previous: RotaReader.readWithLines(path: previous),
                                                  file: (previous as NSString).lastPathComponent,
                                                  fromWeek: fromWeek, to: SolveCommand.load(folder))
            } else {
                scenario = try SolveCommand.load(folder)
            }
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: error.errors.map(\.description))
        }
        let instance = Instance(scenario)
        var report = Report(exitCode: .success, lines: [], errors: [])
        if let dat {
            // glpsol rejects symbols over 100 characters ("string literal too long").
            let long = (scenario.sites.map(\.id) + scenario.clinicians.map(\.id)).filter { $0.count > 100 }
            if let id = long.first {
                return Report(exitCode: .badInput, lines: [], errors: ["Cannot export MathProg data: the id \"\(id.prefix(40))…\" is longer than the 100 characters glpsol accepts."])
            }
            let parent = (dat as NSString).deletingLastPathComponent
            do {
                try AtomicFiles.write([((dat as NSString).lastPathComponent, MathProgData.text(instance))],
                                      to: parent.isEmpty ? "." : parent)
                report.lines.append("wrote \(dat) (solve with: glpsol -m models/rotation.mod -d \(dat))")
            } catch {
                report.exitCode = .badInput
                report.errors.append("Cannot write \(dat): \(error.localizedDescription)")
            }
        }
        if let mps {
            if MPSExport.write(instance, to: mps) {
                report.lines.append("wrote \(mps) (free MPS)")
            } else {
                report.exitCode = .badInput
                report.errors.append("Cannot write \(mps)")
            }
        }
        return report
    }
}
