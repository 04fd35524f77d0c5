/// One broken hard rule, named as a planner reads it:
/// `H<n> <who/where> week <w>: <detail>`.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public var rule: RuleID
    /// The clinician or site concerned.
    public var subject: String
    /// The week (or first week of a run); nil for rules over the whole horizon.
    public var week: Int?
    /// Last week, for rules over a span (runs, shares).
    public var toWeek: Int?
    public var detail: String

    /// Always `H<n> <who/where> week <w>: <detail>` (one token for who/where,
    /// so the line can be split reliably); a rule over a span of weeks gives
    /// its first week and names the span in the detail.
    public var description: String {
        var detail = self.detail
        if let w = week, let t = toWeek, t != w { detail += " (weeks \(w)-\(t))" }
        return "\(rule.code) \(subject) week \(week ?? 1): \(detail)"
    }
}

/// The independent check of a rota against H1–H8 (Timefold's constraint
/// providers: each rule's check in its file under `Rules/`, reporting every
/// match; this type holds what they share).
///
/// It shares no code with the model builder on purpose: eligibility, cover
/// and demand are derived again here from the scenario, so a bug in one is
/// caught by the other. It accepts any rota, including a hand-made one
/// with unknown ids, gaps and duplicates.
public struct Validator: Sendable {
    public let scenario: Scenario
    let sitesById: [String: Site]
    let staffById: [String: Clinician]
    let weeks: Int
    let leaveByStaff: [String: [Leave]]
    let demandBySite: [String: [DemandRow]]
    /// First and last day in post as ordinals (open ends as Int.min, Int.max).
    let inPostByStaff: [String: (from: Int, to: Int)]

    public init(_ scenario: Scenario) {
        leaveByStaff = Dictionary(grouping: scenario.leave, by: \.staff)
        demandBySite = Dictionary(grouping: scenario.demand, by: \.site)
        self.scenario = scenario
        var s: [String: Site] = [:]
        for site in scenario.sites { s[site.id] = site }
        sitesById = s
        var c: [String: Clinician] = [:]
        for p in scenario.clinicians { c[p.id] = p }
        staffById = c
        inPostByStaff = c.mapValues { ($0.from?.ordinal ?? Int.min, $0.to?.ordinal ?? Int.max) }
        weeks = scenario.weeks
    }

    /// The rota as staff → week → site, after H1's structural checks.
    struct Grid {
        var at: [String: [String?]]
        /// Clinicians placed at a site in a week: [week-1][site id].
        var bySiteWeek: [[String: [Clinician]]] = []
    }

    /// Every violation of H1–H8, sorted by rule, then subject, then week.
    public func check(_ placements: [Placement]) -> [Violation] {
        var v: [Violation] = []
        let grid = structure(placements, &v)
        for rule in HardRules.all { v += rule.check(self, grid) }
        return v.sorted { ($0.rule, $0.subject, $0.week ?? 0) < ($1.rule, $1.subject, $1.week ?? 0) }
    }

    // MARK: derived facts, computed here independently of Instance

    /// Fraction of week w's seven dates a clinician is in post and not on leave.
    func availability(_ staff: String, _ w: Int) -> Double {
        let first = scenario.start.ordinal + 7 * (w - 1)
        let post = inPostByStaff[staff] ?? (Int.min, Int.max)
        let from = max(first, post.from), to = min(first + 6, post.to)
        guard from <= to else { return 0 }
        // Most clinician-weeks have no leave: the days in post are the answer.
        guard let ranges = leaveByStaff[staff] else { return Double(to - from + 1) / 7 }
        var present = 0
        for day in from...to where !ranges.contains(where: { $0.from.ordinal <= day && day <= $0.to.ordinal }) { present += 1 }
        return Double(present) / 7
    }

    public func coverOf(_ c: Clinician, _ w: Int) -> Double { c.wte * availability(c.id, w) }

    /// The demand row values in force for a site and week (nil = default).
    func demand(_ site: String, _ w: Int) -> (floor: Double, target: Double, cap: Int?) {
        var f = 0.0, t = 0.0, cap: Int? = nil
        for row in demandBySite[site] ?? [] where row.fromWeek <= w && w <= row.toWeek {
            if let x = row.floor { f = x }
            if let x = row.target { t = x }
            if let x = row.cap { cap = x }
        }
        return (f, t, cap)
    }

    /// Who is placed at a site in a week (1-based).
    func placed(_ g: Grid, at site: String, week w: Int) -> [Clinician] {
        g.bySiteWeek[w - 1][site] ?? []
    }
}

/// Numbers in messages: up to 6 decimals, no trailing zeros.
public func fmt(_ x: Double) -> String { formatDecimal(x, places: 6) }

/// A fixed, locale-free decimal rendering, so outputs are byte-identical
/// across runs and machines.
public func formatDecimal(_ x: Double, places: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (abs(x) * scale).rounded()
    if rounded == 0 { return "0" }
    // Beyond what an Int holds (GLPK's "no bound" is ±1.8e308): no fixed
    // decimals, but never a crash.
    guard rounded < 9e18 else { return "\(x)" }
    let sign = x < 0 ? "-" : ""
    let intPart = (rounded / scale).rounded(.down)
    var frac = Int(rounded - intPart * scale)
    var digits = ""
    if frac > 0 {
        var s = String(frac)
        s = String(repeating: "0", count: places - s.count) + s
        while s.hasSuffix("0") { s.removeLast() }
        digits = "." + s
        frac = 0
    }
    return sign + String(Int(intPart)) + digits
}
