/// H3: at most `cap` clinicians at a site in a week, whatever their WTE.
enum CapRule: HardRule {
    static var rules: [RuleID] { [.cap] }
    static var rowPlace: RowPlace { .siteWeek }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = []
        for s in v.scenario.sites {
            for w in 1...v.weeks {
                guard let cap = v.demand(s.id, w).cap else { continue }
                let head = v.placed(g, at: s.id, week: w).count
                if head > cap {
                    out.append(Violation(rule: .cap, subject: s.id, week: w, detail: "\(head) clinicians placed, cap \(cap)"))
                }
            }
        }
        return out
    }

    /// Σ x ≤ cap, where the cap can bind (fewer heads allowed than can come).
    static func addRows(_ r: ModelRows, site s: Int, week w: Int, cover: [(Int, Double)], to m: inout MIPModel) {
        guard let c = r.instance.cap[s][w], c - r.baseHead[s][w] < r.atSite[s].count else { return }
        m.addRow(.cap, s: s, w: w, lower: nil, upper: Double(c - r.baseHead[s][w]),
                 terms: r.atSite[s].map { (r.layout.place($0.p, $0.k, w), 1.0) })
    }
}
