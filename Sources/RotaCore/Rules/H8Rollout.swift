/// H8: in a rollout's weeks, the WTE of a trust's rotating clinicians away
/// from hubs is at most `max_away_share` of their total WTE.
enum RolloutRule: HardRule {
    static var rules: [RuleID] { [.rollout] }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = []
        var groups: [String: [Clinician]] = [:]
        for c in v.scenario.clinicians where c.rotates {
            groups[v.sitesById[c.home]?.trust ?? "", default: []].append(c)
        }
        for r in v.scenario.rollouts {
            for w in max(1, r.fromWeek)...min(v.weeks, r.toWeek) {
                for (trust, members) in groups.sorted(by: { $0.key < $1.key }) {
                    let total = members.reduce(0.0) { $0 + $1.wte }
                    let away = members.filter { c in
                        guard let id = g.at[c.id]![w - 1] else { return false }
                        return v.sitesById[id].map { $0.kind != .hub } ?? false
                    }.reduce(0.0) { $0 + $1.wte }
                    if ShareLimit.isAbove(away, most: r.maxAwayShare * total) {
                        // One token: the trust's name with spaces as '-'.
                        let who = trust.isEmpty ? "no-trust" : trust.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: "-")
                        out.append(Violation(rule: .rollout, subject: who, week: w,
                                             detail: "\(fmt(away)) WTE away from hubs, limit \(fmt(r.maxAwayShare * total)) (\(fmt(r.maxAwayShare)) of \(fmt(total)))"))
                    }
                }
            }
        }
        return out
    }

    /// Per trust group and rollout week: Σ WTE·x over non-hub sites ≤
    /// share × the group's WTE + ShareLimit.slack, less the fixed clinicians' WTE away.
    static func addRows(_ r: ModelRows, to m: inout MIPModel) {
        let I = r.instance
        for w in r.weeks {
            guard let share = I.maxAway[w] else { continue }
            for g in I.groupNames.indices {
                let members = I.clinicians.indices.filter { I.group[$0] == g && I.clinicians[$0].rotates }
                let total = members.reduce(0.0) { $0 + I.clinicians[$1].wte }
                var terms: [(Int, Double)] = []
                for p in members where r.free[p] {
                    for (k, s) in I.eligible[p].enumerated() where I.sites[s].kind != .hub {
                        terms.append((r.layout.place(p, k, w), I.clinicians[p].wte))
                    }
                }
                if terms.isEmpty { continue }
                m.addRow(.rollout, s: g, w: w, lower: nil, upper: share * total + ShareLimit.slack - r.baseAway[g][w], terms: terms)
            }
        }
    }
}
