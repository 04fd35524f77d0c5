import RotaCore
import RotaIO
import RotaSolver

/// The words a planner reads when no valid rota exists: shared by
/// `rota solve` and `rota explain`.
enum Explanation {
    /// The least-breach summary of a rota that breaks floors.
    static func leastBreach(_ I: Instance, _ rota: Rota, _ outcome: SolveOutcome, breach: Double) -> LeastBreachSummary {
        let supply = FloorSupply(I)
        let unavoidable = outcome.unavoidableBreach ?? supply.forcedBreach(I)
        let proof: String
        if outcome.leastBreachProven && unavoidable > 0 && abs(breach - unavoidable) <= 1e-5 {
            proof = "proven least: every breach left is a floor above what all the eligible clinicians together can give"
        } else if outcome.leastBreachProven {
            proof = "proven least by GLPK over every rota that keeps H1 and H3–H8"
        } else if unavoidable > 0 {
            proof = "not proven least: the best the search found; at least \(formatDecimal(unavoidable, places: 2)) WTE-weeks cannot be avoided"
        } else {
            proof = "not proven least: the best the search found"
        }
        return LeastBreachSummary(proven: outcome.leastBreachProven, proof: proof, unavoidable: unavoidable,
                                  groups: BreachReport.groups(I, rota, supply: supply))
    }

    /// The lines that explain a least-breach rota.
    static func lines(_ least: LeastBreachSummary, _ e: Evaluation) -> [String] {
        var lines = ["least breach \(formatDecimal(e.breachWTEWeeks, places: 2)) WTE-weeks in \(e.floorBreaches) site-week\(e.floorBreaches == 1 ? "" : "s") (\(least.proof))",
                     "breaches, largest first (supply = the cover of every eligible clinician not pinned elsewhere):"]
        lines += least.groups.map { "  \($0)" }
        return lines
    }

    /// The lines that explain why H1 and H3–H8 conflict.
    static func conflictLines(_ conflicts: [RuleConflict]) -> [String] {
        ["No valid rota exists, not even one that breaks only floors: these hard rules cannot all hold together:"]
            + conflicts.map { "  \($0)" }
    }
}
