/// H1: each clinician has exactly one placement a week, at a site in E(p).
///
/// The validator reads the rota into a grid first (`structure`: unknown
/// clinicians, weeks outside the horizon, two placements or none), then
/// checks each placement's site against eligibility derived again from the
/// scenario. The model has one row per clinician and week, Σ_s x = 1, over
/// columns that exist only for eligible sites (`Instance.eligible`).
enum OnePlacementRule: HardRule {
    static var rules: [RuleID] { [.onePlacement] }
    static var rowPlace: RowPlace { .first }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = []
        for c in v.scenario.clinicians {
            for w in 1...v.weeks {
                guard let id = g.at[c.id]![w - 1] else { continue }
                guard let site = v.sitesById[id] else {
                    out.append(Violation(rule: .onePlacement, subject: c.id, week: w, detail: "no site \"\(id)\" in sites.csv"))
                    continue
                }
                if !v.isEligible(c, site) {
                    out.append(Violation(rule: .onePlacement, subject: c.id, week: w, detail: "not eligible for \(id)"))
                }
            }
        }
        return out
    }

    static func addRows(_ r: ModelRows, to m: inout MIPModel) {
        for p in r.freeClinicians {
            for w in 0..<r.instance.weeks {
                m.addRow(.onePlacement, p: p, w: w, lower: 1, upper: 1,
                         terms: r.instance.eligible[p].indices.map { (r.layout.place(p, $0, w), 1.0) })
            }
        }
    }
}

extension Validator {
    /// The rota as a grid, with H1's structural breaches.
    func structure(_ placements: [Placement], _ v: inout [Violation]) -> Grid {
        var at: [String: [String?]] = [:]
        for c in scenario.clinicians { at[c.id] = Array(repeating: nil, count: weeks) }
        var reportedUnknown = Set<String>()
        for pl in placements {
            guard at[pl.staff] != nil else {
                if reportedUnknown.insert(pl.staff).inserted {
                    v.append(Violation(rule: .onePlacement, subject: pl.staff, week: pl.week, detail: "no clinician \"\(pl.staff)\" in staff.csv"))
                }
                continue
            }
            guard (1...weeks).contains(pl.week) else {
                v.append(Violation(rule: .onePlacement, subject: pl.staff, week: pl.week, detail: "week is outside 1…\(weeks)"))
                continue
            }
            if let existing = at[pl.staff]![pl.week - 1] {
                v.append(Violation(rule: .onePlacement, subject: pl.staff, week: pl.week,
                                   detail: "two placements (\(existing) and \(pl.site))"))
                continue
            }
            at[pl.staff]![pl.week - 1] = pl.site
        }
        for c in scenario.clinicians {
            for w in 1...weeks where at[c.id]![w - 1] == nil {
                v.append(Violation(rule: .onePlacement, subject: c.id, week: w, detail: "no placement"))
            }
        }
        var grid = Grid(at: at)
        grid.bySiteWeek = (1...weeks).map { w in
            var m: [String: [Clinician]] = [:]
            for c in scenario.clinicians { if let s = at[c.id]![w - 1] { m[s, default: []].append(c) } }
            return m
        }
        return grid
    }

    /// E(p) as PROBLEM.md states it, from the scenario (not `Instance.eligible`).
    func isEligible(_ c: Clinician, _ s: Site) -> Bool {
        if s.id == c.home { return true }
        guard s.kind != .hub, c.rotates, let home = sitesById[c.home] else { return false }
        if let g = s.minGrade, c.grade.rawValue < g.rawValue { return false }
        if !Set(s.requires).isSubset(of: c.skills) { return false }
        if s.kind == .pcn && scenario.rotation.sameICSPCN && s.ics != home.ics { return false }
        if let a = s.trust, let b = home.trust, a != b { return false }
        if let limit = c.maxTravelKm, let a = home.location, let b = s.location, haversineKm(a, b) > limit { return false }
        return true
    }
}
