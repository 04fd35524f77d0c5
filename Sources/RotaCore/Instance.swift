/// A scenario turned into indexed arrays for model building and solving:
/// sites and clinicians by position (scenario order), weeks 0-based.
/// Everything that needs spec-level care (cover, share rounding, groups)
/// is computed once here so the model builders stay simple.
public struct Instance: Sendable {
    public let scenario: Scenario
    public let weeks: Int
    public let sites: [Site]
    public let clinicians: [Clinician]
    public let siteIndex: [String: Int]
    public let clinicianIndex: [String: Int]
    /// E(p) as site indices in ascending order.
    public let eligible: [[Int]]
    /// d(home(p), s) aligned with `eligible[p]`.
    public let distance: [[Double]]
    public let home: [Int]
    /// c(p, w) = wte × avail(p, w), `cover[p][w]` with w 0-based.
    public let cover: [[Double]]
    /// F, T per site and 0-based week; C is nil where unlimited.
    /// (`floor` can be lowered with `withFloors`: the least-breach search.)
    public private(set) var floor: [[Double]]
    public let target: [[Double]]
    public let cap: [[Int?]]
    /// Per site: the weight of its shortfall in Z, the shortfall weight of
    /// its kind × its priority.
    public let shortfallWeight: [Double]
    /// The pinned site index, per clinician and 0-based week.
    public let pinned: [[Int?]]
    /// H7 bounds in whole weeks for rotating clinicians: [p][kind] with kind
    /// pcn/cas; empty for clinicians who do not rotate. lo > hi is possible
    /// (bounds that admit no whole number of weeks): the rules then conflict.
    public let shareWeeks: [[SiteKind: WeekBounds]]
    /// H8 group of each clinician (index into `groupNames`).
    public let group: [Int]
    /// Trust names of the H8 groups, sorted; "" is the group of hubs without a trust.
    public let groupNames: [String]
    /// max_away_share per 0-based week, nil where no rollout applies.
    public let maxAway: [Double?]
    /// Re-planning: the agreed site index per clinician and 0-based week from
    /// the re-plan week on (nil elsewhere), and the cost of leaving it.
    public let agreed: [[Int?]]
    public let disruption: Double
    /// First and last 0-based week in post (staff.csv from/to; 0…W−1
    /// without them). H5's edge exemptions apply at these weeks: a run that
    /// starts when a clinician joins or ends when they leave is not cut short
    /// by the plan, as a run at the horizon's edges is not.
    public let post: [ClosedRange<Int>]

    /// H8's right-hand side per group and week (nil: no limit that week):
    /// max_away_share × Σ wte of the group's rotating clinicians, + ShareLimit.slack.
    public var rolloutLimit: [[Double?]] {
        var total = Array(repeating: 0.0, count: groupNames.count)
        for p in clinicians.indices where clinicians[p].rotates { total[group[p]] += clinicians[p].wte }
        return total.map { t in maxAway.map { share in share.map { $0 * t + ShareLimit.slack } } }
    }

    /// The disruption cost of placing clinician p at site s in 0-based week w.
    @inline(__always) public func moveCost(_ p: Int, _ s: Int, _ w: Int) -> Double {
        if let a = agreed[p][w], a != s { return disruption }
        return 0
    }

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        let W = scenario.weeks
        weeks = W
        let sites = scenario.sites
        let clinicians = scenario.clinicians
        self.sites = sites
        self.clinicians = clinicians
        var si: [String: Int] = [:]
        for (i, s) in sites.enumerated() { si[s.id] = i }
        siteIndex = si
        var ci: [String: Int] = [:]
        for (i, c) in clinicians.enumerated() { ci[c.id] = i }
        clinicianIndex = ci

        var eligible: [[Int]] = []
        var distance: [[Double]] = []
        var home: [Int] = []
        for c in clinicians {
            let h = si[c.home]!
            let homeSite = sites[h]
            home.append(h)
            var e: [Int] = []
            var d: [Double] = []
            for (j, s) in sites.enumerated()
            where Eligibility.reason(c, s, home: homeSite, rotation: scenario.rotation) == nil {
                e.append(j)
                d.append(Eligibility.distanceKm(home: homeSite, site: s))
            }
            eligible.append(e)
            distance.append(d)
        }
        self.eligible = eligible
        self.distance = distance
        self.home = home

        // Cover: count each leave date inside the horizon once.
        var leaveDays = Array(repeating: [Bool](), count: clinicians.count)
        let first = scenario.start.ordinal
        let lastDay = first + 7 * W - 1
        for l in scenario.leave {
            guard let p = ci[l.staff] else { continue }
            if leaveDays[p].isEmpty { leaveDays[p] = Array(repeating: false, count: 7 * W) }
            let a = max(first, l.from.ordinal), b = min(lastDay, l.to.ordinal)
            if a > b { continue }
            for d in a...b { leaveDays[p][d - first] = true }
        }
        // Days out of post (staff.csv from/to) give no cover, like leave.
        for (p, c) in clinicians.enumerated() where c.from != nil || c.to != nil {
            if leaveDays[p].isEmpty { leaveDays[p] = Array(repeating: false, count: 7 * W) }
            for d in 0..<(7 * W) where (c.from.map { first + d < $0.ordinal } ?? false) || (c.to.map { first + d > $0.ordinal } ?? false) {
                leaveDays[p][d] = true
            }
        }
        cover = clinicians.indices.map { p in
            let wte = clinicians[p].wte
            guard !leaveDays[p].isEmpty else { return Array(repeating: wte, count: W) }
            return (0..<W).map { w in
                let away = (0..<7).reduce(0) { $0 + (leaveDays[p][7 * w + $1] ? 1 : 0) }
                return wte * (1 - Double(away) / 7)
            }
        }

        var floor = Array(repeating: Array(repeating: 0.0, count: W), count: sites.count)
        var target = floor
        var cap = Array(repeating: Array(repeating: Int?.none, count: W), count: sites.count)
        for row in scenario.demand {
            guard let s = si[row.site] else { continue }
            for w in (row.fromWeek - 1)..<row.toWeek {
                if let f = row.floor { floor[s][w] = f }
                if let t = row.target { target[s][w] = t }
                if let c = row.cap { cap[s][w] = c }
            }
        }
        self.floor = floor
        self.target = target
        self.cap = cap

        var pinned = Array(repeating: Array(repeating: Int?.none, count: W), count: clinicians.count)
        for pin in scenario.pins {
            if let p = ci[pin.staff], let s = si[pin.site] { pinned[p][pin.week - 1] = s }
        }
        // Out of post: held at the home hub (the loader rejects pins elsewhere in those weeks).
        for (p, c) in clinicians.enumerated() where c.from != nil || c.to != nil {
            for w in 1...W where !scenario.inPost(c, week: w) { pinned[p][w - 1] = home[p] }
        }
        self.pinned = pinned

        var agreed = Array(repeating: Array(repeating: Int?.none, count: W), count: clinicians.count)
        if let replan = scenario.replan {
            for (p, c) in clinicians.enumerated() {
                for w in 1...W { if let id = replan.agreed(c.id, week: w) { agreed[p][w - 1] = si[id] } }
            }
        }
        self.agreed = agreed
        post = clinicians.map { c in
            let weeks = (1...W).filter { scenario.inPost(c, week: $0) }
            guard let a = weeks.first, let b = weeks.last else { return 0...(W - 1) }
            return (a - 1)...(b - 1)
        }
        disruption = scenario.replan == nil ? 0 : scenario.weights.disruption
        shortfallWeight = sites.map { scenario.weights.shortfall($0.kind) * $0.priority }

        let rotation = scenario.rotation
        shareWeeks = clinicians.map { c in
            guard c.rotates else { return [:] }
            // W is the weeks in post (all of them without staff.csv from/to).
            let Wp = scenario.weeksInPost(c)
            return [.pcn: c.shareBounds(.pcn, rotation).weeks(of: Wp), .cas: c.shareBounds(.cas, rotation).weeks(of: Wp)]
        }

        let groupNames = Array(Set(clinicians.map { sites[si[$0.home]!].trust ?? "" })).sorted()
        var gi: [String: Int] = [:]
        for (i, g) in groupNames.enumerated() { gi[g] = i }
        self.groupNames = groupNames
        group = clinicians.map { gi[sites[si[$0.home]!].trust ?? ""]! }

        var maxAway = Array(repeating: Double?.none, count: W)
        for r in scenario.rollouts {
            for w in max(1, r.fromWeek)...min(W, r.toWeek) { maxAway[w - 1] = r.maxAwayShare }
        }
        self.maxAway = maxAway
    }
}

extension Instance {
    /// The same instance with other floors (the scenario itself, which the
    /// validator reads, keeps its own): how a search for the least-breach
    /// rota asks for a valid rota of floors lowered to what can be met.
    public func withFloors(_ floors: [[Double]]) -> Instance {
        var copy = self
        copy.floor = floors
        return copy
    }
}

/// A whole-week range for H7; `lo > hi` when the share bounds admit no week count.
public struct WeekBounds: Sendable, Equatable {
    public var lo: Int
    public var hi: Int
    public init(lo: Int, hi: Int) { self.lo = lo; self.hi = hi }
}
