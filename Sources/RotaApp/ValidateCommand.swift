import Foundation
import RotaCore
import RotaIO

/// `rota validate`: the independent check of any rota (rota.csv or
/// rota-grid.csv) against a scenario. A file that cannot be read, or names
/// ids the scenario does not have, is bad input (exit 1); a rota that breaks
/// a hard rule exits 2.
public enum ValidateCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
        public var violations: [Violation]
        public var evaluation: Evaluation?
    }

    /// Violations listed in full up to this many; the rest counted per rule.
    public static let listed = 20

    public static func run(scenario folder: String, rota path: String) -> Report {
        let scenario: Scenario
        let rows: [(placement: Placement, line: Int)]
        do {
            scenario = try SolveCommand.load(folder)
            rows = try RotaReader.read(path: path, for: scenario)
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: error.errors.map(\.description)
                          + ["\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the input; the rota was not checked."],
                          violations: [], evaluation: nil)
        }
        let placements = rows.map(\.placement)
        let validator = Validator(scenario)
        let violations = validator.check(placements)
        let e = validator.evaluate(placements)
        func n(_ x: Double) -> String { formatDecimal(x, places: 6) }
        let file = (path as NSString).lastPathComponent
        var lines = violationLines(violations, file: file, rows: rows)
        lines.append("objective \(n(e.objective)) = shortfall \(n(e.shortfallTerm)) + changes \(n(e.changesTerm)) + travel \(n(e.travelTerm))")
        lines.append("shortfall \(n(e.shortfallWTEWeeks)) WTE-weeks, \(e.changes) changes, \(formatDecimal(e.travelKm, places: 3)) km")
        return Report(exitCode: violations.isEmpty ? .success : .brokenRule, lines: lines, errors: [],
                      violations: violations, evaluation: e)
    }

    /// The first `listed` violations, each with the line of its row where it
    /// concerns one clinician's week, then the count per rule in words.
    public static func violationLines(_ violations: [Violation], file: String, rows: [(placement: Placement, line: Int)]) -> [String] {
        guard !violations.isEmpty else { return ["valid: the rota keeps every hard rule (H1–H8)"] }
        var lineOf: [String: Int] = [:]
        for (p, line) in rows where lineOf["\(p.staff)\u{0}\(p.week)"] == nil { lineOf["\(p.staff)\u{0}\(p.week)"] = line }
        var lines = violations.prefix(listed).map { v in
            v.week.flatMap { lineOf["\(v.subject)\u{0}\($0)"] }.map { "\(file):\($0): \(v)" } ?? v.description
        }
        var count: [RuleID: Int] = [:]
        for v in violations { count[v.rule, default: 0] += 1 }
        if violations.count > listed {
            var rest: [RuleID: Int] = [:]
            for v in violations.dropFirst(listed) { rest[v.rule, default: 0] += 1 }
            lines += rest.keys.sorted().map { "… and \(rest[$0]!) more of \($0.code) (\($0.name))" }
        }
        lines.append("not valid: \(violations.count) breach\(violations.count == 1 ? "" : "es") of the hard rules: "
                     + count.keys.sorted().map { "\(count[$0]!) of \($0.code) (\($0.name))" }.joined(separator: ", "))
        return lines
    }
}
