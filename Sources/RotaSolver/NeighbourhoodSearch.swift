import RotaCore
import RotaGLPK

/// The search for scenarios too large for GLPK whole (a trust or more):
/// GLPK does not finish the West Midlands' root LP in a minute, but one
/// clinician's best year, with everyone else fixed, is an exact dynamic
/// programme (`ClinicianDP`), and a few clinicians' part of the model, with
/// everyone else fixed, is a MIP GLPK solves in seconds.
///
/// 1. Start from everyone at home (pins kept, pinned runs stretched to the
///    minimum run): hub floors, caps, H6 and H8 hold; shares and PCN floors
///    do not.
/// 2. Re-plan one clinician at a time (`CoordinateDescent`), shares hard,
///    floors and the rollout limit soft; a breach no round could mend weighs
///    twice as much in the next (guided local search). After two full rounds
///    only those who can mend a breach are re-planned, with a full round
///    whenever that stalls. If a breach is still left, GLPK re-solves the
///    clinicians who can serve there over the weeks around it (a repair).
/// 3. Once valid: a second start from the bound's prices (`fromPrices`),
///    kept if better; the polish: the re-plans with every rule hard and
///    exchanges between two or three clinicians (`SwapSearch`), in turn
///    until neither gains; kicks (one hub's clinicians re-planned at noisy
///    costs, then the polish, kept if better); then GLPK on parts (a few
///    clinicians of one hub, or of two hubs of one ICS), each started from
///    the current rota, and the polish
///    again, until a pass gains nothing or time runs out.
/// 4. Meanwhile, on the other core, a Lagrangian bound (`LagrangianBound`).
///
/// GLPK's parts are limited in work (nodes, simplex iterations), not time,
/// so the search repeats itself exactly unless the overall time limit is
/// what stops it (summary.json then says so).
public struct NeighbourhoodSearch: SolveStrategy {
    /// Penalty per WTE-week of floor breach and per week of share shortfall in phase one.
    public var penalty = 1000.0
    public var nodeLimit = 200
    public var simplexIterationLimit = 200_000
    public init() {}
    public var name: String { "search" }
    public var findsARotaFirst: Bool { true }
    public var summary: String { "the search only" }

    /// Checks first that a valid rota can exist. When H1 and H3–H8 conflict,
    /// it says why and stops. When some floor is above what every eligible
    /// clinician together can give, no valid rota exists: the search then
    /// looks for a valid rota of the floors lowered to that supply, whose
    /// breach is the least possible (see `FloorSupply`); failing that, it
    /// returns the rota of least breach it found, not proven least.
    public func solve(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome {
        let watch = Stopwatch()
        let conflicts = RuleConflicts.structural(instance)
        if !conflicts.isEmpty {
            var o = SolveOutcome(status: .infeasible, rota: nil, bound: nil, seconds: watch.seconds, modelSize: nil,
                                 stoppedByTimeLimit: false, leastBreach: nil)
            o.conflicts = conflicts
            return o
        }
        let supply = FloorSupply(instance)
        let unavoidable = supply.forcedBreach(instance)
        var inner = options
        inner.timeLimitSeconds = max(0.1, options.timeLimitSeconds - watch.seconds)
        guard unavoidable > 0 else { return search(instance, inner) }
        options.trace?("no valid rota: \(unavoidable) WTE-weeks of floor above the eligible supply; searching with the floors lowered to it")
        var o = search(instance.withFloors(supply.reachableFloors(instance)), inner)
        let lowered = o.status == .infeasible
        o.status = .infeasible
        o.bound = nil
        o.boundSource = nil
        if lowered {
            // Even the lowered floors cannot all be met: their breach comes on
            // top of the supply's (below the lowered floors, cover is short of
            // both by the same amount).
            o.unavoidableBreach = unavoidable + (o.unavoidableBreach ?? 0)
            o.leastBreach = o.leastBreach.map { $0 + unavoidable }
        } else if o.rota != nil {
            o.unavoidableBreach = unavoidable
            o.leastBreach = unavoidable
            o.leastBreachProven = true
        } else {
            o.unavoidableBreach = unavoidable
            if let r = o.breachingRota {
                o.rota = r
                o.breachingRota = nil
            }
        }
        o.seconds = watch.seconds
        return o
    }

    /// The phases in turn (`SearchRun`): a first valid rota, the start from
    /// the prices and the polish, kicks, GLPK on parts, the final bound.
    func search(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome {
        let run = SearchRun(self, instance, options)
        defer { _ = run.bound.finish() }
        guard run.firstValidRota() <= 1e-9 else { return run.withoutValidRota() }
        run.found()
        if options.firstRotaOnly {
            run.outcome.seconds = run.elapsed()
            return run.outcome
        }
        let memory = run.kicks(memory: run.startFromPricesAndPolish())
        run.parts(memory: memory)
        return run.finalBound()
    }

    /// GLPK's settings for the parts and repairs: limited in work (nodes,
    /// simplex iterations), no cuts; the caller sets the time left.
    func mipOptions(_ options: SolveOptions) -> MIPOptions {
        var mip = MIPOptions()
        mip.nodeLimit = nodeLimit
        mip.simplexIterationLimit = simplexIterationLimit
        mip.cuts = false
        mip.verbose = options.verbose
        mip.stop = options.stopRequested
        return mip
    }

    /// Lowers the penalty of `descent` (floors, share lower bounds and the
    /// rollout limit soft) towards 0, the way to a valid rota: exact re-plans
    /// of one clinician at a time, where a breach no round could mend weighs
    /// twice as much in the next (guided local search); after two full
    /// rounds only those who can mend a breach are re-planned, with a full
    /// round whenever that gains nothing, since the rollout limit ties every
    /// ICS of a trust together. Every 16 rounds with no progress, exchanges
    /// between two clinicians with the floors soft (`exchangesMending`, at
    /// most one pass over the pairs per 8 s of the time limit in all); after 48, GLPK
    /// repairs what one clinician alone cannot: the worst breached site-week
    /// is re-solved with the clinicians who can serve there, over a few weeks
    /// around it; three repairs in a row that mend nothing end it. Used for
    /// the first rota and for the start from the prices. Returns the penalty
    /// left (0: the rota is valid, as the validator will confirm).
    func mend(_ I: Instance, _ descent: inout CoordinateDescent, movable: [Int], options: SolveOptions,
              elapsed: () -> Double, label: String, report: (_ repairing: Bool, _ left: Double) -> Void) -> Double {
        func out() -> Bool { options.stopNow || elapsed() > options.timeLimitSeconds }
        var round = 0
        var lastLeft = Double.infinity
        var lastGain = Double.infinity
        var stalled = 0
        // The exchanges' share of the work (see below), in passes over all
        // pairs: on a scenario with no valid rota they gain little and cost
        // much, time the least-breach answer needs more. Counted in work, not
        // seconds, so that a search that ends on its own repeats itself
        // exactly; at region size it comes to about a tenth of the time
        // limit. Figures: bench/HISTORY.md, "NeighbourhoodSearch".
        var exchangePasses = max(2, Int(options.timeLimitSeconds / 8))
        while round < 200 {
            round += 1
            var gain = 0.0
            let focused = round > 2 && lastGain > 1e-7
            for p in focused ? Self.focus(I, descent, movable) : movable {
                // Ctrl-C or the time limit: a round can take many seconds.
                if out() { break }
                gain += descent.replan(p)
            }
            lastGain = focused ? gain : .infinity
            let left = descent.penaltyLeft()
            options.trace?("\(label)descent round \(round): gain \(gain), penalty left \(left), Z \(Self.objective(I, descent.rota)), t=\(elapsed())")
            report(false, left)
            if out() || left <= 1e-9 { return left }
            if left > lastLeft - 1e-9 {
                if stalled == 0, let trace = options.trace { trace("\(label)breached: " + Self.breaches(I, descent).joined(separator: "; ")) }
                descent.raiseWeightsOfBreaches()
                stalled += 1
                if stalled % 16 == 0 {
                    // Every 16 stalled rounds, before GLPK: exchanges between
                    // two clinicians (`SwapSearch`; pairs only, as triples
                    // doubled the time and were not needed) with the floors
                    // soft at the penalty's price, a move no single re-plan
                    // makes: at a PCN at its cap of heads, a full-time
                    // colleague takes the place of a part-time one, who goes
                    // back to a hub with room above its floor. Without them
                    // some generated regions had no valid rota in 30 s
                    // (bench/HISTORY.md, "NeighbourhoodSearch").
                    let mended = exchangePasses <= 0 ? nil
                        : exchangesMending(I, descent, label: label, options: options, passes: &exchangePasses,
                                           stop: out, elapsed: elapsed)
                    if let mended, mended.left < min(left, lastLeft) - 1e-9 {
                        descent = mended.descent
                        if mended.left <= 1e-9 { return mended.left }
                        stalled = 0
                        lastLeft = mended.left
                        continue
                    }
                    // Then 32 more guided rounds before GLPK: the guided
                    // rounds after a failed exchange often mend what GLPK's
                    // repairs would not (bench/HISTORY.md, "NeighbourhoodSearch").
                    if stalled >= 48 { break }
                }
            } else {
                stalled = 0
            }
            lastLeft = min(lastLeft, left)
        }
        var left = descent.penaltyLeft()
        var mip = mipOptions(options)
        var repairs = 0, fruitless = 0
        while left > 1e-9 && repairs < 40 && !out() {
            guard let (group, window) = repairNeighbourhood(I, descent, attempt: repairs) else { break }
            repairs += 1
            mip.timeLimitSeconds = max(0.1, options.timeLimitSeconds - elapsed())
            let step = improve(I, rota: descent.rota, free: group, window: window, soft: true, ownSitesOnly: true, mip: mip)
            descent = CoordinateDescent(I, rota: step.rota, penalty: penalty)
            for p in movable where !out() { _ = descent.replan(p) }
            let now = descent.penaltyLeft()
            options.trace?("\(label)repair \(repairs): \(group.count) clinicians, weeks \(window), \(step.note); penalty left \(now), t=\(elapsed())")
            options.events?(.repair(clinicians: group.count))
            report(true, now)
            // Three repairs in a row that mend nothing: the caller's guided
            // re-plans move on where a repair stays stuck.
            fruitless = now >= left - 1e-9 ? fruitless + 1 : 0
            left = now
            if fruitless >= 3 { break }
        }
        return left
    }

    /// Exchanges (`SwapSearch`) from the rota of `descent`, with the floors
    /// soft at the penalty's price (and every other rule hard): `descent`
    /// moved to the rota they end on (`CoordinateDescent.adopt`), and its
    /// penalty left; nil when no exchange gained. At most `passes` passes over
    /// all pairs (counted by the questions `SwapSearch.run` asks `stop`:
    /// one before each pass and one every 64 pairs); what is used is taken off.
    func exchangesMending(_ I: Instance, _ descent: CoordinateDescent, label: String, options: SolveOptions,
                          passes: inout Int, stop: () -> Bool, elapsed: () -> Double) -> (descent: CoordinateDescent, left: Double)? {
        var swaps = SwapSearch(descent)
        swaps.floorPenalty = descent.penalty
        let questionsPerPass = 1 + (SwapSearch.pairs(I).count + 63) / 64
        let budget = passes * questionsPerPass
        var asked = 0
        let gain = swaps.run(stop: { asked += 1; return asked > budget || stop() }, triples: false)
        let used = min(passes, (asked + questionsPerPass - 1) / questionsPerPass)
        passes -= used
        guard gain > 1e-9 else { return nil }
        var next = descent
        next.adopt(swaps.rota)
        let left = next.penaltyLeft()
        options.trace?("\(label)exchanges with the floors soft: gain \(gain), penalty left \(left), \(used) passes, t=\(elapsed())")
        options.events?(.exchangesWithSoftFloors(gain: gain, penaltyLeft: left))
        return (next, left)
    }

    /// A valid rota from the relaxed solution of the bound with shares priced,
    /// mended like the first rota (`mend`, GLPK repairs included) and
    /// improved by the hard re-plans; nil when the mending fails or time runs out.
    func fromPrices(_ I: Instance, upper: Double, movable: [Int], options: SolveOptions, elapsed: () -> Double,
                    handOff: ((LagrangianBound.PricedPoint) -> Void)? = nil) -> Rota? {
        var relaxed: [[Int]]?
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(max(0, options.timeLimitSeconds - elapsed())))
        // Without the cuts, and with the short steps: the relaxed years these
        // prices give are the start measured best for the search
        // (bench/HISTORY.md, "NeighbourhoodSearch").
        _ = LagrangianBound(instance: I, cuts: false).run(deadline: deadline, iterations: 1, stop: { options.stopNow }, upper: { upper },
                                             years: { relaxed = $0 }, pricedOnly: true, handOff: handOff, from: nil)
        guard let relaxed else { return nil }
        options.trace?("start from the prices: relaxed years, t=\(elapsed())")
        func out() -> Bool { options.stopNow || elapsed() > options.timeLimitSeconds }
        var d = CoordinateDescent(I, rota: Rota(sites: relaxed), penalty: penalty)
        let left = mend(I, &d, movable: movable, options: options, elapsed: elapsed, label: "start from the prices, ") { _, _ in }
        guard !out(), left <= 1e-9 else { return nil }
        var h = CoordinateDescent(I, rota: d.rota, penalty: nil)
        while !out() {
            var gain = 0.0
            for p in movable where !out() { gain += h.replan(p) }
            if gain < 1e-6 { break }
        }
        // Mended by re-plans that keep caps only for the clinician re-planned:
        // the validator has the last word.
        let broken = Validator(I.scenario).check(h.rota.placements(I))
        guard broken.isEmpty else {
            options.trace?("start from the prices: not valid after mending (\(broken.prefix(3).map(\.description))), t=\(elapsed())")
            return nil
        }
        return h.rota
    }

    /// Re-solves the neighbourhood `free` with everyone else fixed, starting
    /// from `rota`; returns the better rota and, in soft mode, its penalty left.
    func improve(_ I: Instance, rota: Rota, free group: [Int], window: Range<Int>? = nil, soft: Bool,
                 ownSitesOnly: Bool = false, mip: MIPOptions) -> (rota: Rota, penalty: Double, note: String) {
        var free = Array(repeating: false, count: I.clinicians.count)
        for p in group { free[p] = true }
        var options = ModelBuilder.Options(floorPenalty: soft ? penalty : nil, sharePenalty: soft ? penalty : nil,
                                           free: free, base: rota)
        options.window = window
        // For a repair each clinician keeps to the sites of their own year
        // (and home): the part stays small enough for GLPK's branch and bound.
        if ownSitesOnly { options.allowedSites = I.clinicians.indices.map { p in Set(rota.sites[p]).union([I.home[p]]) } }
        let (model, layout) = ModelBuilder(I, options: options).build()
        var binary = Array(repeating: 0.0, count: model.columns.count)
        for p in group {
            for (k, s) in I.eligible[p].enumerated() {
                for w in 0..<I.weeks where rota.sites[p][w] == s { binary[layout.place(p, k, w)] = 1 }
            }
        }
        let start = model.startValues(binary: binary)
        let reduced = GLPKBridge.loadReduced(model)
        let startZ = reduced.objective(start)
        let result = reduced.glpk.solve(mip, start: reduced.reduce(start))
        var values = start
        if let z = result.objective, z + reduced.constant < startZ - 1e-9, !result.values.isEmpty { values = reduced.expand(result.values) }
        let penaltyLeft = soft ? model.columns.indices.reduce(0.0) { sum, j in
            switch model.columns[j].ref {
            case .breach, .shareSlack: sum + values[j]
            default: sum
            }
        } : 0
        let next = Rota(sites: ModelBuilder.placements(I, layout: layout, values: values, base: rota))
        let note = "\(reduced.kept.count) of \(model.columns.count) cols \(reduced.glpk.numberOfRows) rows, start \(startZ) -> \(result.objective.map { "\($0)" } ?? "none") [\(result.status) \(result.returnCode)] in \(result.seconds)s"
        return (next, penaltyLeft, note)
    }

    /// The clinicians who can mend a breach: those eligible at a site-week
    /// below its floor, and those away in a week their trust is over its
    /// rollout limit (all movable clinicians when that finds nobody). A
    /// focused round re-plans a few dozen clinicians where a full round
    /// re-plans hundreds (the London part of England: 338).
    static func focus(_ I: Instance, _ d: CoordinateDescent, _ movable: [Int]) -> [Int] {
        var breachedSite = Array(repeating: false, count: I.sites.count)
        for s in I.sites.indices { for w in 0..<I.weeks where Floor.isBreached(cover: d.cover[s][w], floor: I.floor[s][w]) { breachedSite[s] = true } }
        let over = d.away.indices.map { g in (0..<I.weeks).filter { d.away[g][$0] > d.limit[g][$0] } }
        let inFocus = movable.filter { p in
            I.eligible[p].contains { breachedSite[$0] }
                || over[I.group[p]].contains { w in I.sites[d.rota.sites[p][w]].kind != .hub }
        }
        return inFocus.isEmpty ? movable : inFocus
    }

    /// The worst breached floor (or the clinician furthest below a share):
    /// who can serve there and which weeks around it to free. Besides up to
    /// 12 of those who can serve there (a different 12 on each attempt), the
    /// part frees up to 8 of the trust's clinicians who are away from hubs
    /// that week where their site would still meet its floor without them:
    /// when the rollout limit is reached, someone has to come back before
    /// anyone else may leave, a move of two clinicians no single re-plan makes.
    func repairNeighbourhood(_ I: Instance, _ d: CoordinateDescent, attempt: Int = 0) -> ([Int], Range<Int>)? {
        var worst: (s: Int, w: Int, breach: Double)?
        for s in I.sites.indices {
            for w in 0..<I.weeks where Floor.isBreached(cover: d.cover[s][w], floor: I.floor[s][w]) {
                let b = I.floor[s][w] - d.cover[s][w]
                if worst == nil || b > worst!.breach { worst = (s, w, b) }
            }
        }
        if let worst {
            let servers = I.clinicians.indices.filter { I.clinicians[$0].rotates && I.eligible[$0].contains(worst.s) }
            let offset = servers.isEmpty ? 0 : (attempt * 7) % servers.count
            var group = Array((servers[offset...] + servers[..<offset]).prefix(12))
            if I.sites[worst.s].kind != .hub, I.maxAway[worst.w] != nil {
                let groups = Set(servers.map { I.group[$0] })
                let w = worst.w
                let spare = I.clinicians.indices.filter { p in
                    let s = d.rota.sites[p][w]
                    return I.clinicians[p].rotates && groups.contains(I.group[p]) && I.sites[s].kind != .hub
                        && s != worst.s && I.pinned[p][w] == nil && !Floor.isBreached(cover: d.cover[s][w] - I.cover[p][w], floor: I.floor[s][w])
                        && !group.contains(p)
                }
                group += spare.prefix(8)
            }
            return (group, max(0, worst.w - 6)..<min(I.weeks, worst.w + 7))
        }
        for p in I.clinicians.indices where I.clinicians[p].rotates {
            let pcn = d.rota.sites[p].filter { I.sites[$0].kind == .pcn }.count
            let cas = d.rota.sites[p].filter { I.sites[$0].kind == .cas }.count
            if pcn < I.shareWeeks[p][.pcn]!.lo || cas < I.shareWeeks[p][.cas]!.lo {
                let mates = I.clinicians.indices.filter { I.home[$0] == I.home[p] && I.clinicians[$0].rotates }
                return (Array(mates.prefix(8)), 0..<I.weeks)
            }
        }
        return nil
    }

    /// Everyone at home, pins kept; a pinned run at a non-home site shorter
    /// than the minimum run is stretched into free weeks after (or before) it.
    static func homeRota(_ I: Instance) -> Rota {
        let W = I.weeks
        let run = RunLength(I.scenario.rotation), minRun = run.minimum
        // Re-planning starts from the agreed rota (where it is still eligible):
        // usually most of it can stay.
        var sites = I.clinicians.indices.map { p in
            (0..<W).map { w in I.pinned[p][w] ?? I.agreed[p][w].flatMap { I.eligible[p].contains($0) ? $0 : nil } ?? I.home[p] }
        }
        for p in I.clinicians.indices {
            var w = 0
            while w < W {
                let s = sites[p][w]
                var end = w
                while end + 1 < W && sites[p][end + 1] == s { end += 1 }
                if s != I.home[p] && run.isTooShort(first: w, last: end, weeks: W, inPost: I.post[p]) {
                    // Stretch forward over unpinned home weeks, then backward.
                    var e = end
                    while e - w + 1 < minRun && e + 1 < W && I.pinned[p][e + 1] == nil { e += 1; sites[p][e] = s }
                    var b = w
                    while e - b + 1 < minRun && b - 1 >= 0 && I.pinned[p][b - 1] == nil { b -= 1; sites[p][b] = s }
                    end = e
                }
                w = end + 1
            }
        }
        return Rota(sites: sites)
    }

    /// Neighbourhoods: the rotating clinicians of each hub (large hubs split),
    /// and pairs of hubs in one ICS.
    static func neighbourhoods(_ I: Instance) -> (single: [[Int]], pairs: [[Int]]) {
        // About 2,000 placement binaries per part: GLPK's branch and bound
        // stays quick below that (measured on the West Midlands scenario).
        let perClinician = max(1, I.clinicians.indices.reduce(0) { $0 + I.eligible[$1].count } * I.weeks / max(1, I.clinicians.count))
        let maxSize = max(1, 2000 / perClinician)
        var byHub: [Int: [Int]] = [:]
        for p in I.clinicians.indices where I.clinicians[p].rotates && I.eligible[p].count > 1 {
            byHub[I.home[p], default: []].append(p)
        }
        let hubs = byHub.keys.sorted()
        var single: [[Int]] = []
        for h in hubs {
            let members = byHub[h]!
            let chunks = (members.count + maxSize - 1) / maxSize
            for c in 0..<chunks { single.append(stride(from: c, to: members.count, by: chunks).map { members[$0] }) }
        }
        var pairs: [[Int]] = []
        for (i, a) in hubs.enumerated() {
            for b in hubs[(i + 1)...] where I.sites[a].ics == I.sites[b].ics {
                // Alternately from each hub, as many as a single part holds
                // (at least one from each): larger pairs cost GLPK far more
                // time than they gained (bench/HISTORY.md, "NeighbourhoodSearch").
                let (x, y) = (byHub[a]!, byHub[b]!)
                var both: [Int] = []
                for k in 0..<max(x.count, y.count) {
                    if k < x.count { both.append(x[k]) }
                    if k < y.count { both.append(y[k]) }
                }
                pairs.append(Array(both.prefix(max(2, maxSize))))
            }
        }
        return (single, pairs)
    }

    /// The breached floors, in words (for the trace).
    static func breaches(_ I: Instance, _ d: CoordinateDescent) -> [String] {
        var out: [String] = []
        for s in I.sites.indices {
            for w in 0..<I.weeks where Floor.isBreached(cover: d.cover[s][w], floor: I.floor[s][w]) {
                let g = I.sites[s].kind == .hub ? nil : d.instance.groupNames.firstIndex(of: I.sites[s].trust ?? "")
                let away = g.map { " away \(d.away[$0][w])/\(d.limit[$0][w])" } ?? ""
                out.append("\(I.sites[s].id) week \(w + 1): cover \(d.cover[s][w]) < floor \(I.floor[s][w])\(away)")
            }
        }
        return out
    }

    /// Total floor breach of a rota on the instance's floors (WTE-weeks).
    static func breach(_ I: Instance, _ rota: Rota) -> Double {
        var cov = Array(repeating: Array(repeating: 0.0, count: I.weeks), count: I.sites.count)
        for p in I.clinicians.indices { for w in 0..<I.weeks { cov[rota.sites[p][w]][w] += I.cover[p][w] } }
        var total = 0.0
        for s in I.sites.indices { for w in 0..<I.weeks { total += Floor.shortfall(cover: cov[s][w], floor: I.floor[s][w]) } }
        return total
    }

    /// Z of a rota on the instance's own data (shortfall, changes, travel, disruption).
    static func objective(_ I: Instance, _ rota: Rota) -> Double {
        let W = I.weeks
        let w8 = I.scenario.weights
        var cov = Array(repeating: Array(repeating: 0.0, count: W), count: I.sites.count)
        var z = 0.0
        for p in I.clinicians.indices {
            for w in 0..<W {
                let s = rota.sites[p][w]
                cov[s][w] += I.cover[p][w]
                if w > 0 && s != rota.sites[p][w - 1] { z += w8.change }
                if let k = I.eligible[p].firstIndex(of: s) { z += w8.travelKm * I.distance[p][k] }
                z += I.moveCost(p, s, w)
            }
        }
        for s in I.sites.indices {
            for w in 0..<W { z += I.shortfallWeight[s] * max(0, I.target[s][w] - cov[s][w]) }
        }
        return z
    }
}
