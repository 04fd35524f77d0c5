/// H2: cover at a site in a week meets its floor, within `Floor.tolerance`.
///
/// Cover is Σ WTE × the share of the week each clinician there is available
/// (in post, not on leave). Soft floors (`Options.floorPenalty`: least
/// breach, the search's repairs) get a breach column in the row.
enum FloorRule: HardRule {
    static var rules: [RuleID] { [.floor] }
    static var rowPlace: RowPlace { .siteWeek }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = []
        for s in v.scenario.sites {
            for w in 1...v.weeks {
                let f = v.demand(s.id, w).floor
                guard f > 0 else { continue }
                let cov = v.placed(g, at: s.id, week: w).reduce(0.0) { $0 + v.coverOf($1, w) }
                if Floor.isBreached(cover: cov, floor: f) {
                    out.append(Violation(rule: .floor, subject: s.id, week: w,
                                         detail: "cover \(fmt(cov)) WTE is below the floor \(fmt(f)) WTE"))
                }
            }
        }
        return out
    }

    /// cover ≥ F − Floor.tolerance, less what the fixed clinicians already cover.
    static func addRows(_ r: ModelRows, site s: Int, week w: Int, cover: [(Int, Double)], to m: inout MIPModel) {
        let I = r.instance
        let f = I.floor[s][w] - r.baseCover[s][w]
        guard I.floor[s][w] > Floor.tolerance && f > Floor.tolerance else { return }
        var terms = cover
        if let penalty = r.options.floorPenalty {
            terms.append((m.addColumn(.breach(s: s, w: w), binary: false, upper: nil, objective: penalty), 1))
        }
        m.addRow(.floor, s: s, w: w, lower: Floor.rowLower(f), upper: nil, terms: terms)
    }
}
