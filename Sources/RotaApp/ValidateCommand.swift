import RotaCore
import RotaIO

/// `rota validate`: the independent check of any rota.csv against a scenario.
public enum ValidateCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
        public var violations: [Violation]
        public var evaluation: Evaluation?
    }

    public static func run(scenario folder: String, rota path: String) -> Report {
        let scenario: Scenario
        let placements: [Placement]
        do {
            scenario = try SolveCommand.load(folder)
            placements = try RotaReader.read(path: path)
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: error.errors.map(\.description), violations: [], evaluation: nil)
        }
        let validator = Validator(scenario)
        let violations = validator.check(placements)
        let e = validator.evaluate(placements)
        func n(_ x: Double) -> String { formatDecimal(x, places: 6) }
        var lines = violations.map(\.description)
        lines.append(violations.isEmpty ? "valid: the rota keeps every hard rule (H1–H8)"
                                        : "not valid: \(violations.count) violation\(violations.count == 1 ? "" : "s") of the hard rules")
        lines.append("objective \(n(e.objective)) = shortfall \(n(e.shortfallTerm)) + changes \(n(e.changesTerm)) + travel \(n(e.travelTerm))")
        lines.append("shortfall \(n(e.shortfallWTEWeeks)) WTE-weeks, \(e.changes) changes, \(formatDecimal(e.travelKm, places: 3)) km")
        return Report(exitCode: violations.isEmpty ? .success : .badInput, lines: lines, errors: [],
                      violations: violations, evaluation: e)
    }
}
