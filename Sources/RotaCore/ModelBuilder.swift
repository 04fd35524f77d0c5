/// Builds the straightforward model of PROBLEM.md (the same one as
/// `models/rotation.mod`): a binary x per clinician, eligible site and week.
///
/// Runs are modelled with start indicators y[p,s,w] ≥ x[p,s,w] − x[p,s,w−1]
/// (continuous: with x integral, the cheapest y is the 0/1 start indicator,
/// and a larger y only tightens the rows it appears in). A change at week w
/// is exactly one start at some site, so `changes = Σ y`. The minimum run is
/// the Rajan–Takriti minimum-up-time form Σ_{t=w−L+1..w} y[t] ≤ x[w]: a run
/// that starts in week 1 has no y and is exempt; one cut off by week W is
/// exempt because its window runs out.
///
/// This builds the columns, the start indicators and the objective's links;
/// each hard rule's rows are in its file under `Rules/` (`HardRules.all`).
public struct ModelBuilder: Sendable {
    public struct Options: Sendable {
        /// Floors become soft: a breach column each, with this objective
        /// coefficient (nil = hard floors). Least-breach mode uses 0 and its
        /// own objective; the search's first phase uses a large penalty.
        public var floorPenalty: Double?
        /// Share lower bounds (H7) become soft with this penalty per week short.
        public var sharePenalty: Double?
        /// A neighbourhood: only these clinicians get columns; everyone else
        /// keeps their placement in `base`, whose cover, heads and away WTE
        /// become constants in the site-week and rollout rows.
        public var free: [Bool]?
        public var base: Rota?
        /// With `base`: the free clinicians may change only these (0-based)
        /// weeks; their other weeks are fixed to `base`.
        public var window: Range<Int>?
        /// With `base`: per clinician, the only sites a free clinician may
        /// take (besides those in `base`); nil = every eligible site.
        public var allowedSites: [Set<Int>]?
        public init(softFloors: Bool = false) { floorPenalty = softFloors ? 0 : nil }
        public init(floorPenalty: Double?, sharePenalty: Double?, free: [Bool]?, base: Rota?) {
            self.floorPenalty = floorPenalty; self.sharePenalty = sharePenalty; self.free = free; self.base = base
        }
    }

    /// Where clinician p's x and y columns are; see `place(p, k, w)`.
    public struct Layout: Sendable {
        public let weeks: Int
        public let xBase: [Int]
        public let yBase: [Int]
        /// x column of clinician p at their k-th eligible site, week w.
        public func place(_ p: Int, _ k: Int, _ w: Int) -> Int { xBase[p] + k * weeks + w }
        /// y column (w ≥ 1).
        public func start(_ p: Int, _ k: Int, _ w: Int) -> Int { yBase[p] + k * (weeks - 1) + (w - 1) }
    }

    public let instance: Instance
    public let options: Options

    public init(_ instance: Instance, options: Options = Options()) {
        self.instance = instance
        self.options = options
    }

    /// The model and where its placement columns are.
    public func build() -> (model: MIPModel, layout: Layout) {
        let I = instance
        let W = I.weeks
        let weights = I.scenario.weights
        var m = MIPModel()
        let free = options.free ?? Array(repeating: true, count: I.clinicians.count)
        let freeClinicians = I.clinicians.indices.filter { free[$0] }

        // What the clinicians outside the neighbourhood contribute, as constants.
        var baseCover = Array(repeating: Array(repeating: 0.0, count: W), count: I.sites.count)
        var baseHead = Array(repeating: Array(repeating: 0, count: W), count: I.sites.count)
        var baseAway = Array(repeating: Array(repeating: 0.0, count: W), count: I.groupNames.count)
        if let base = options.base {
            for p in I.clinicians.indices where !free[p] {
                for w in 0..<W {
                    let s = base.sites[p][w]
                    baseCover[s][w] += I.cover[p][w]
                    baseHead[s][w] += 1
                    if I.clinicians[p].rotates && I.sites[s].kind != .hub { baseAway[I.group[p]][w] += I.clinicians[p].wte }
                }
            }
        }

        // x then y per clinician, so one clinician's columns are contiguous.
        var xBase = Array(repeating: -1, count: I.clinicians.count), yBase = xBase
        for p in freeClinicians {
            xBase[p] = m.columns.count
            for (k, s) in I.eligible[p].enumerated() {
                let travel = weights.travelKm * I.distance[p][k]
                for w in 0..<W {
                    var fixed = PinRule.fixedPlacement(I, p, s, w)
                    if let window = options.window, let base = options.base, !window.contains(w) {
                        fixed = base.sites[p][w] == s ? 1 : 0
                    }
                    if fixed == nil, let allowed = options.allowedSites, let base = options.base,
                       !allowed[p].contains(s), base.sites[p][w] != s {
                        fixed = 0
                    }
                    _ = m.addColumn(.place(p: p, s: s, w: w), binary: true, lower: fixed ?? 0,
                                    upper: fixed ?? 1, objective: travel + I.moveCost(p, s, w))
                }
            }
            yBase[p] = m.columns.count
            for (k, s) in I.eligible[p].enumerated() where W > 1 {
                for w in 1..<W {
                    // Where both weeks' placements are fixed (outside a window,
                    // pins, a site the part may not use) the start indicator is
                    // known: its least value, max(0, x[w] − x[w−1]), since a
                    // larger y only costs and tightens. Fixed, it and its rows
                    // drop out of the part GLPK sees (a repair of 20 London
                    // clinicians had 37,746 rows before, most of them y ≥ 0).
                    let now = m.columns[xBase[p] + k * W + w], before = m.columns[xBase[p] + k * W + w - 1]
                    if now.lower == now.upper, before.lower == before.upper, options.free != nil {
                        let v = max(0, now.lower - before.lower)
                        _ = m.addColumn(.start(p: p, s: s, w: w), binary: false, lower: v, upper: v, objective: weights.change)
                        continue
                    }
                    _ = m.addColumn(.start(p: p, s: s, w: w), binary: false, upper: nil, objective: weights.change)
                }
            }
        }
        let L = Layout(weeks: W, xBase: xBase, yBase: yBase)

        // Who can be at each site: (p, k) pairs, for the site-week rows.
        var atSite = Array(repeating: [(p: Int, k: Int)](), count: I.sites.count)
        for p in freeClinicians {
            for (k, s) in I.eligible[p].enumerated() { atSite[s].append((p, k)) }
        }
        let rows = ModelRows(instance: I, options: options, layout: L, free: free, freeClinicians: freeClinicians,
                             atSite: atSite, weeks: options.window ?? 0..<W,
                             baseCover: baseCover, baseHead: baseHead, baseAway: baseAway)
        // The rows in their fixed order (`RowPlace`).
        let rules = HardRules.all
        for rule in rules where rule.rowPlace == .first { rule.addRows(rows, to: &m) }

        // Start indicators: y[w] − x[w] + x[w−1] ≥ 0.
        for p in freeClinicians {
            for (k, s) in I.eligible[p].enumerated() where W > 1 {
                for w in 1..<W {
                    m.addRow(.start, p: p, s: s, w: w, lower: 0, upper: nil,
                             terms: [(L.start(p, k, w), 1), (L.place(p, k, w), -1), (L.place(p, k, w - 1), 1)])
                }
            }
        }

        // Per site and week (only where a placement can change): the rules'
        // rows, then the shortfall u ≥ T − cover, the objective's link to the targets.
        let siteWeekRules = rules.filter { $0.rowPlace == .siteWeek }
        for s in rows.rowSites {
            let sw = I.shortfallWeight[s]
            for w in rows.weeks {
                let cover = rows.coverTerms(s, w)
                for rule in siteWeekRules { rule.addRows(rows, site: s, week: w, cover: cover, to: &m) }
                let t = I.target[s][w] - baseCover[s][w]
                if t > 1e-12 {
                    let u = m.addColumn(.shortfall(s: s, w: w), binary: false, upper: nil, objective: sw)
                    m.addRow(.shortfall, s: s, w: w, lower: t, upper: nil, terms: cover + [(u, 1)])
                }
            }
        }
        for rule in rules where rule.rowPlace == .beforeChangeCut { rule.addRows(rows, to: &m) }

        // A valid inequality (not a rule): a clinician who cannot spend all W
        // weeks at any one eligible site changes placement at least once.
        // Without it the LP relaxation spreads a fractional PCN share over
        // every week and pays for no change at all, and the bound is weak.
        for p in freeClinicians where W > 1 && mustChange(p) {
            var terms: [(Int, Double)] = []
            for k in I.eligible[p].indices { for w in 1..<W { terms.append((L.start(p, k, w), 1)) } }
            m.addRow(.changeCut, p: p, lower: 1, upper: nil, terms: terms)
        }
        for rule in rules where rule.rowPlace == .last { rule.addRows(rows, to: &m) }

        return (m, L)
    }

    /// True when no valid rota keeps clinician p at one site all W weeks
    /// (H4 pins to two sites, H6, or H7 rule each site out).
    func mustChange(_ p: Int) -> Bool {
        let I = instance
        let W = I.weeks
        let pinnedSites = Set(I.pinned[p].compactMap { $0 })
        if pinnedSites.count > 1 { return true }
        for s in I.eligible[p] {
            if let only = pinnedSites.first, only != s { continue }
            let kind = I.sites[s].kind
            if s != I.home[p], let maxRun = I.scenario.rotation.maxRunWeeks, maxRun < W { continue }
            if let share = I.shareWeeks[p][.pcn], !(share.lo...max(share.lo, share.hi)).contains(kind == .pcn ? W : 0) { continue }
            if let share = I.shareWeeks[p][.cas], !(share.lo...max(share.lo, share.hi)).contains(kind == .cas ? W : 0) { continue }
            return false
        }
        return true
    }

    /// Reads a rota (site index per clinician and 0-based week) from the x values.
    /// Clinicians outside the neighbourhood keep their row of `base`.
    public static func placements(_ instance: Instance, layout: Layout, values: [Double], base: Rota? = nil) -> [[Int]] {
        instance.clinicians.indices.map { p in
            if layout.xBase[p] < 0, let base { return base.sites[p] }
            return (0..<instance.weeks).map { w in
                var best = instance.eligible[p][0], bestValue = -1.0
                for (k, s) in instance.eligible[p].enumerated() {
                    let v = values[layout.place(p, k, w)]
                    if v > bestValue { best = s; bestValue = v }
                }
                return best
            }
        }
    }
}
