/// H4: a pinned week is at its pinned site, and a week out of post
/// (staff.csv from/to) is at the home hub, as if pinned there.
///
/// The model has no rows for it: a pinned week's columns are fixed
/// (`fixedPlacement`), which `Instance.pinned` already holds for the weeks
/// out of post.
enum PinRule: HardRule {
    static var rules: [RuleID] { [.pinned] }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = v.scenario.pins.compactMap { pin in
            guard let row = g.at[pin.staff], (1...v.weeks).contains(pin.week) else { return nil }
            let actual = row[pin.week - 1]
            guard actual != pin.site else { return nil }
            return Violation(rule: .pinned, subject: pin.staff, week: pin.week,
                             detail: "pinned to \(pin.site) but placed at \(actual ?? "nothing")")
        }
        for c in v.scenario.clinicians where c.from != nil || c.to != nil {
            let row = g.at[c.id]!
            for w in 1...v.weeks where !v.scenario.inPost(c, week: w) {
                if let actual = row[w - 1], actual != c.home {
                    out.append(Violation(rule: .pinned, subject: c.id, week: w,
                                         detail: "not in post that week (staff.csv from/to), so held at \(c.home), but placed at \(actual)"))
                }
            }
        }
        return out
    }

    /// x[p, s, w]'s fixed value in a pinned week (1 at the pin, 0 elsewhere), nil when free.
    static func fixedPlacement(_ I: Instance, _ p: Int, _ s: Int, _ w: Int) -> Double? {
        I.pinned[p][w].map { $0 == s ? 1 : 0 }
    }
}
