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
/// providers: one small function per rule, each reporting every match).
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
        v += eligibility(grid)
        v += floors(grid)
        v += caps(grid)
        v += pins(grid)
        v += runs(grid)
        v += shares(grid)
        v += rollout(grid)
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

    // MARK: H1 — structure and eligibility

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

    func eligibility(_ g: Grid) -> [Violation] {
        var v: [Violation] = []
        for c in scenario.clinicians {
            for w in 1...weeks {
                guard let id = g.at[c.id]![w - 1] else { continue }
                guard let site = sitesById[id] else {
                    v.append(Violation(rule: .onePlacement, subject: c.id, week: w, detail: "no site \"\(id)\" in sites.csv"))
                    continue
                }
                if !isEligible(c, site) {
                    v.append(Violation(rule: .onePlacement, subject: c.id, week: w, detail: "not eligible for \(id)"))
                }
            }
        }
        return v
    }

    // MARK: H2, H3 — floors and caps

    func placed(_ g: Grid, at site: String, week w: Int) -> [Clinician] {
        g.bySiteWeek[w - 1][site] ?? []
    }

    func floors(_ g: Grid) -> [Violation] {
        var v: [Violation] = []
        for s in scenario.sites {
            for w in 1...weeks {
                let f = demand(s.id, w).floor
                guard f > 0 else { continue }
                let cov = placed(g, at: s.id, week: w).reduce(0.0) { $0 + coverOf($1, w) }
                if Floor.isBreached(cover: cov, floor: f) {
                    v.append(Violation(rule: .floor, subject: s.id, week: w,
                                       detail: "cover \(fmt(cov)) WTE is below the floor \(fmt(f)) WTE"))
                }
            }
        }
        return v
    }

    func caps(_ g: Grid) -> [Violation] {
        var v: [Violation] = []
        for s in scenario.sites {
            for w in 1...weeks {
                guard let cap = demand(s.id, w).cap else { continue }
                let head = placed(g, at: s.id, week: w).count
                if head > cap {
                    v.append(Violation(rule: .cap, subject: s.id, week: w, detail: "\(head) clinicians placed, cap \(cap)"))
                }
            }
        }
        return v
    }

    // MARK: H4 — pins

    func pins(_ g: Grid) -> [Violation] {
        var v: [Violation] = scenario.pins.compactMap { pin in
            guard let row = g.at[pin.staff], (1...weeks).contains(pin.week) else { return nil }
            let actual = row[pin.week - 1]
            guard actual != pin.site else { return nil }
            return Violation(rule: .pinned, subject: pin.staff, week: pin.week,
                             detail: "pinned to \(pin.site) but placed at \(actual ?? "nothing")")
        }
        // Weeks out of post (staff.csv from/to) are held at the home hub, as if pinned there.
        for c in scenario.clinicians where c.from != nil || c.to != nil {
            let row = g.at[c.id]!
            for w in 1...weeks where !scenario.inPost(c, week: w) {
                if let actual = row[w - 1], actual != c.home {
                    v.append(Violation(rule: .pinned, subject: c.id, week: w,
                                       detail: "not in post that week (staff.csv from/to), so held at \(c.home), but placed at \(actual)"))
                }
            }
        }
        return v
    }

    // MARK: H5, H6 — runs at one non-home site

    func runs(_ g: Grid) -> [Violation] {
        var v: [Violation] = []
        let minRun = scenario.rotation.minRunWeeks
        let maxRun = scenario.rotation.maxRunWeeks
        for c in scenario.clinicians {
            let row = g.at[c.id]!
            let inPost = (1...weeks).filter { scenario.inPost(c, week: $0) }
            let firstInPost = inPost.first ?? 1, lastInPost = inPost.last ?? weeks
            var w = 1
            while w <= weeks {
                guard let site = row[w - 1] else { w += 1; continue }
                var end = w
                while end < weeks && row[end] == site { end += 1 }
                // The run is weeks w…end (row[end] is week end+1).
                if site != c.home {
                    let length = end - w + 1
                    // The horizon's edges, and a clinician's first and last weeks in post.
                    let atEdge = w == 1 || end == weeks || w == firstInPost || end == lastInPost
                    if length < minRun && !atEdge {
                        v.append(Violation(rule: .minRun, subject: c.id, week: w, toWeek: end,
                                           detail: "run of \(length) week\(length == 1 ? "" : "s") at \(site), minimum \(minRun)"))
                    }
                    if let maxRun, length > maxRun {
                        v.append(Violation(rule: .maxRun, subject: c.id, week: w, toWeek: end,
                                           detail: "run of \(length) weeks at \(site), maximum \(maxRun)"))
                    }
                }
                w = end + 1
            }
        }
        return v
    }

    // MARK: H7 — shares of weeks per kind

    func shares(_ g: Grid) -> [Violation] {
        var v: [Violation] = []
        let r = scenario.rotation
        for c in scenario.clinicians where c.rotates {
            // Over the weeks the clinician is in post (all W unless staff.csv has from/to).
            let W = Double(scenario.weeksInPost(c))
            let span = W == Double(weeks) ? "weeks 1-\(weeks)" : "the \(Int(W)) weeks in post"
            for kind in [SiteKind.pcn, .cas] {
                let (lo, hi) = (c.shareBounds(kind, r).lo, c.shareBounds(kind, r).hi)
                let n = g.at[c.id]!.filter { $0.flatMap { sitesById[$0] }?.kind == kind }.count
                if ShareLimit.isBelow(Double(n), least: lo * W) {
                    v.append(Violation(rule: .share, subject: c.id, week: 1,
                                       detail: "\(n) weeks at \(kind.rawValue) over \(span), at least \(fmt(lo * W)) needed (share \(fmt(lo)))"))
                }
                if ShareLimit.isAbove(Double(n), most: hi * W) {
                    v.append(Violation(rule: .share, subject: c.id, week: 1,
                                       detail: "\(n) weeks at \(kind.rawValue) over \(span), at most \(fmt(hi * W)) allowed (share \(fmt(hi)))"))
                }
            }
        }
        return v
    }

    // MARK: H8 — rollout

    func rollout(_ g: Grid) -> [Violation] {
        var v: [Violation] = []
        var groups: [String: [Clinician]] = [:]
        for c in scenario.clinicians where c.rotates {
            groups[sitesById[c.home]?.trust ?? "", default: []].append(c)
        }
        for r in scenario.rollouts {
            for w in max(1, r.fromWeek)...min(weeks, r.toWeek) {
                for (trust, members) in groups.sorted(by: { $0.key < $1.key }) {
                    let total = members.reduce(0.0) { $0 + $1.wte }
                    let away = members.filter { c in
                        guard let id = g.at[c.id]![w - 1] else { return false }
                        return sitesById[id].map { $0.kind != .hub } ?? false
                    }.reduce(0.0) { $0 + $1.wte }
                    if ShareLimit.isAbove(away, most: r.maxAwayShare * total) {
                        // One token: the trust's name with spaces as '-'.
                        let who = trust.isEmpty ? "no-trust" : trust.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: "-")
                        v.append(Violation(rule: .rollout, subject: who, week: w,
                                           detail: "\(fmt(away)) WTE away from hubs, limit \(fmt(r.maxAwayShare * total)) (\(fmt(r.maxAwayShare)) of \(fmt(total)))"))
                    }
                }
            }
        }
        return v
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
