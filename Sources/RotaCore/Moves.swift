/// One change to an agreed placement after a re-plan: a clinician placed
/// elsewhere than the agreed rota said, over consecutive weeks with the same
/// old and new site. Each is a conversation with a person and a PCN.
public struct Move: Sendable, Equatable {
    public var staff: String
    public var fromWeek: Int
    public var toWeek: Int
    /// The agreed site and the new one.
    public var was: String
    public var now: String
    /// Why: what putting this clinician back where agreed (these weeks only,
    /// everyone else as re-planned) would break, or what it would cost.
    public var why: String

    public var weeks: Int { toWeek - fromWeek + 1 }
}

public enum Moves {
    /// The moves of a re-planned rota against the scenario's agreed rota
    /// (`scenario.replan`), in clinician then week order. Weeks a clinician
    /// is out of post have no agreed site there (ReplanLoader), so a leaver
    /// held at home after leaving is no move.
    ///
    /// The reason for each move is found by undoing it alone: the validator
    /// checks the rota with this clinician put back for those weeks, and the
    /// rules that then break (a floor, a minimum run, a share)
    /// are why. When nothing breaks, the move was made for cover: the reason
    /// gives what undoing it would add to the weighted shortfall.
    public static func list(_ scenario: Scenario, _ placements: [Placement]) -> [Move] {
        guard let replan = scenario.replan else { return [] }
        let validator = Validator(scenario)
        var at: [String: [Int: String]] = [:]
        for p in placements { at[p.staff, default: [:]][p.week] = p.site }
        let base = validator.evaluate(placements)
        // A least-breach rota (no valid one exists) breaks floors already:
        // those are no reason for a move. Only what undoing it breaks anew,
        // or breaks further (a breach's detail gives the amount), is.
        let alreadyBroken = Set(validator.check(placements).map(\.description))
        var moves: [Move] = []
        for c in scenario.clinicians {
            var w = replan.fromWeek
            while w <= scenario.weeks {
                guard let agreed = replan.agreed(c.id, week: w), let now = at[c.id]?[w], now != agreed else { w += 1; continue }
                var end = w
                while end + 1 <= scenario.weeks, replan.agreed(c.id, week: end + 1) == agreed, at[c.id]?[end + 1] == now { end += 1 }
                let undone = placements.map { p in
                    p.staff == c.id && (w...end).contains(p.week) ? Placement(staff: p.staff, week: p.week, site: agreed) : p
                }
                moves.append(Move(staff: c.id, fromWeek: w, toWeek: end, was: agreed, now: now,
                                  why: reason(validator.check(undone).filter { !alreadyBroken.contains($0.description) },
                                              validator, undone, base, c)))
                w = end + 1
            }
        }
        return moves
    }

    static func reason(_ broken: [Violation], _ validator: Validator, _ undone: [Placement], _ base: Evaluation, _ c: Clinician) -> String {
        guard !broken.isEmpty else {
            let worse = validator.evaluate(undone).shortfallTerm - base.shortfallTerm
            if worse > 1e-9 { return "cover: undoing it adds \(formatDecimal(worse, places: 2)) to the weighted shortfall" }
            return "no rule forces it (it lowers changes or travel)"
        }
        // One phrase per rule, naming the first site-week or clinician concerned.
        var parts: [String] = []
        for (rule, vs) in Dictionary(grouping: broken, by: \.rule).sorted(by: { $0.key < $1.key }) {
            let v = vs[0]
            let weeks = vs.compactMap(\.week)
            let span = weeks.isEmpty ? "" : (weeks.min()! == weeks.max()! ? " week \(weeks.min()!)" : " weeks \(weeks.min()!)–\(weeks.max()!)")
            parts.append(rule.kept(subject: v.subject, span: span))
        }
        return parts.joined(separator: "; ")
    }
}
