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

    func search(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome {
        let watch = Stopwatch()
        func elapsed() -> Double { watch.seconds }
        let I = instance
        var rota = options.start ?? Self.homeRota(I)
        var outcome = SolveOutcome(status: .noRotaInTime, rota: nil, bound: nil, seconds: 0, modelSize: nil,
                                   stoppedByTimeLimit: false, leastBreach: nil)
        let groups = Self.neighbourhoods(I)
        // On one core the bound goes on from the search's priced multipliers
        // with what the search leaves of the core: the short steps, which
        // start the exact phase with short steps too.
        let oneCore = options.cores == 1
        let bound = BackgroundBound(I, deadline: watch.instant(after: options.timeLimitSeconds),
                                    steps: oneCore ? .short : .forBudget(I, seconds: options.timeLimitSeconds),
                                    trace: options.trace, events: options.events, stopRequested: options.stopRequested, boundingZ: options.boundingZ,
                                    oneCore: oneCore)
        defer { _ = bound.finish() }
        var mip = mipOptions(options)
        // Out of time, or the planner pressed Ctrl-C: which one is recorded.
        func mustStop() -> Bool {
            if options.stopNow { outcome.interrupted = true; return true }
            if elapsed() > options.timeLimitSeconds { outcome.stoppedByTimeLimit = true; return true }
            return false
        }
        func report(_ stage: String, best: Double? = nil, left: Double? = nil) {
            options.progress?(SolveProgress(stage: stage, best: best, bound: best == nil ? nil : bound.latest, breachLeft: left))
        }
        report("finding a first valid rota")

        // Phase one: reach a valid rota by exact single-clinician re-plans
        // with soft floors and shares, then GLPK repairs (`mend`).
        var descent = CoordinateDescent(I, rota: rota, penalty: penalty)
        // Until a valid rota is known, aim the bound at the start's Z.
        bound.offer(Self.objective(I, rota))
        let movable = I.clinicians.indices.filter { I.clinicians[$0].rotates && I.eligible[$0].count > 1 }
        // A valid start (from the caller) needs no phase one.
        var penaltyLeft = descent.penaltyLeft()
        if !(options.start != nil && penaltyLeft <= 1e-9) {
            penaltyLeft = mend(I, &descent, movable: movable, options: options, elapsed: elapsed, label: "") { repairing, left in
                report(repairing ? "finding a first valid rota (GLPK repairs)" : "finding a first valid rota", left: left)
            }
            _ = mustStop()
        }
        rota = descent.rota
        // Still broken after the repairs: keep re-planning (guided local
        // search) while the bound on the least breach looks for a proof that
        // no valid rota exists, until one or the other turns up.
        if penaltyLeft > 1e-9 { bound.lookForProofOfNoRota(bestBreach: penaltyLeft) }
        var proofRounds = 0
        while penaltyLeft > 1e-9 && !mustStop() {
            if let proof = bound.breachProof, proof > 1e-4 { break }
            descent.raiseWeightsOfBreaches()
            // Mostly those who can mend a breach; everyone every fourth round.
            proofRounds += 1
            for p in proofRounds % 4 == 0 ? movable : Self.focus(I, descent, movable)
            where !options.stopNow && elapsed() <= options.timeLimitSeconds { _ = descent.replan(p) }
            let left = descent.penaltyLeft()
            options.trace?("descent while looking for a proof: penalty left \(left), breach bound \(bound.breachProof.map { "\($0)" } ?? "none"), t=\(elapsed())")
            report("finding a first valid rota (or a proof there is none)", left: left)
            if left < penaltyLeft - 1e-9 {
                penaltyLeft = left
                rota = descent.rota
                bound.lookForProofOfNoRota(bestBreach: left)
            }
        }
        guard penaltyLeft <= 1e-9 else {
            let violations = Validator(I.scenario).check(rota.placements(I))
            let keepsOtherRules = violations.allSatisfy { $0.rule == .floor }
            options.trace?("no valid rota yet: floor breach \(Self.breach(I, rota)) WTE-weeks; rules broken: \(Dictionary(grouping: violations, by: \.rule).mapValues(\.count).sorted { $0.key < $1.key }.map { "\($0.key.code): \($0.value)" })")
            if let proof = bound.breachProof, proof > 1e-4 {
                // Proven: no valid rota exists. The best rota found that breaks
                // only floors is the least-breach answer (least if it meets the bound).
                outcome.status = .infeasible
                outcome.unavoidableBreach = proof
                if keepsOtherRules {
                    let breach = Self.breach(I, rota)
                    outcome.rota = rota
                    outcome.leastBreach = breach
                    outcome.leastBreachProven = breach <= proof + 1e-6
                }
                options.trace?("no valid rota exists: the least breach is at least \(proof) WTE-weeks (Lagrangian bound), t=\(elapsed())")
            } else if keepsOtherRules {
                // Kept for a least-breach answer, if the caller can prove there is no valid rota.
                outcome.breachingRota = rota
            }
            outcome.bound = bound.finish().map { max(0, $0) }
            if outcome.status == .infeasible { outcome.bound = nil }
            outcome.seconds = elapsed()
            return outcome
        }
        bound.validRotaFound()
        outcome.status = .feasible
        outcome.rota = rota
        outcome.firstRotaSeconds = elapsed()
        options.trace?("first valid rota: Z \(Self.objective(I, rota)), t=\(elapsed())")
        report("valid rota found; improving it", best: Self.objective(I, rota))
        if options.firstRotaOnly {
            outcome.seconds = elapsed()
            return outcome
        }

        // The polish: re-plans of one clinician at a time with every rule
        // hard, and exchanges between two or three (`SwapSearch`), in turn
        // until neither gains. `descended`: the start already comes out of the
        // re-plans (its first round would gain nothing).
        // `memory`: what the re-plans knew at the last polish (each
        // clinician's last costs and year; used only where both are the same
        // again, so any earlier descent will do). The memory of this polish
        // comes back with its rota. `until`: seconds after which it stops
        // (the rota it has then is valid, only less polished).
        // `exchanges`: which exchanges gained nothing at earlier polishes,
        // and against what; kept for the whole search (`ExchangeLedger`).
        var exchanges = ExchangeLedger()
        func polish(_ start: Rota, descended: Bool = false, memory: CoordinateDescent? = nil,
                    until: Double = options.timeLimitSeconds) -> (rota: Rota, memory: CoordinateDescent) {
            var hard = CoordinateDescent(I, rota: start, penalty: nil)
            if let memory { hard.remember(memory) }
            var skipRound = descended
            let end = min(until, options.timeLimitSeconds)
            func out() -> Bool { mustStop() || elapsed() > end }
            while !out() {
                while !skipRound && !out() {
                    var gain = 0.0
                    for p in movable where !options.stopNow && elapsed() <= end { gain += hard.replan(p) }
                    options.trace?("hard descent: gain \(gain), Z \(Self.objective(I, hard.rota)), t=\(elapsed())")
                    report("improving: one clinician at a time", best: Self.objective(I, hard.rota))
                    if gain < 1e-6 { break }
                }
                skipRound = false
                var swaps = SwapSearch(hard)
                let gain = swaps.run(stop: { options.stopNow || elapsed() > end }, ledger: &exchanges)
                options.trace?("exchanges: gain \(gain), Z \(Self.objective(I, swaps.rota)), cycles priced \(exchanges.priced), skipped \(exchanges.skipped), t=\(elapsed())")
                report("improving: exchanges between clinicians", best: Self.objective(I, swaps.rota))
                if gain < 1e-6 { return (swaps.rota, hard) }
                let last = hard
                hard = CoordinateDescent(I, rota: swaps.rota, penalty: nil)
                hard.remember(last)
            }
            return (hard.rota, hard)
        }

        // A second start, from the prices: each clinician's year in the
        // relaxed solution of the bound with shares priced (a few seconds at
        // West Midlands size, run here, so that the answer does not depend on
        // the other thread), mended like the first rota, then improved one
        // clinician at a time. Kept when it beats the first rota (West
        // Midlands, 60 s: Z 3646 at the end, against 3720 without it).
        // Polished (`polish`) only then: the polish takes 20 to 25 s at West
        // Midlands size, so the start from the prices is made first, and the
        // first rota, far worse, is not polished before it. (The start from
        // the prices ends with the re-plans; the first rota does not.)
        var descended = false
        if !mustStop(), let other = fromPrices(I, upper: Self.objective(I, rota), movable: movable, options: options,
                                               elapsed: elapsed, handOff: bound.handOff) {
            let (z0, z1) = (Self.objective(I, rota), Self.objective(I, other))
            options.trace?("start from the prices: Z \(z1) against \(z0), t=\(elapsed())")
            if z1 < z0 - 1e-7 { rota = other; descended = true }
        }
        bound.handingDone()
        outcome.rota = rota
        bound.offer(Self.objective(I, rota))
        var memory: CoordinateDescent
        (rota, memory) = polish(rota, descended: descended)
        outcome.rota = rota
        bound.offer(Self.objective(I, rota))
        // Kicks (iterated local search): the polish ends in a local optimum
        // that neither a re-plan nor an exchange leaves (Yorkshire sat at Z
        // 2608.15 from 25 s to the end of a 300 s run). A kick re-plans the
        // rotating clinicians of one hub once each at noisy site costs (every
        // rule still hard), then polishes; the result is kept when its Z is
        // lower. The hubs take turns in a shuffled order, each once before
        // any again (drawn at random each time, Yorkshire's 10 hubs came up
        // unevenly: 60 s, Z 2597.2 against 2577.6 in turns). Kicks start
        // until 80% of the time limit and end by 88% (GLPK's parts have the
        // rest; with 75% and 85%, the parts' last 13 s at West Midlands and
        // Yorkshire gained 0.08 and nothing while kicks still gained: 3495.9
        // against 3498.9 and 2571.5 against 2577.6), or stop after 40 kicks
        // in a row that gain nothing (so that a search that ends on its own
        // ends the same way every run: the draws are seeded). Measured at
        // Yorkshire, 60 s, noise of ±a per WTE-week (a in units of the mean
        // shortfall weight): a = 0.25 gave Z 2600.1, 0.5 2603.5, 1.0 2598.2,
        // 2.0 2596.9, where the second start from the prices that this
        // replaced gave 2608.15.
        if !mustStop() {
            var rng = SplitMix64(seed: 0x6b69636b)
            let hubs = Array(Set(movable.map { I.home[$0] })).sorted()
            let meanWeight = I.shortfallWeight.reduce(0, +) / Double(max(1, I.sites.count))
            let amplitude = 2 * meanWeight
            var fails = 0
            var order: [Int] = []
            while !hubs.isEmpty && !mustStop() && elapsed() < 0.80 * options.timeLimitSeconds && fails < 40 {
                // Each hub once, in a shuffled order, before any hub again.
                if order.isEmpty {
                    order = hubs
                    for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
                }
                let h = order.removeLast()
                let group = movable.filter { I.home[$0] == h }
                var kicked = CoordinateDescent(I, rota: rota, penalty: nil)
                kicked.remember(memory)
                kicked.noise = (0..<I.sites.count).map { _ in (0..<I.weeks).map { _ in amplitude * (2 * rng.unit() - 1) } }
                for p in group { _ = kicked.replan(p) }
                kicked.noise = nil
                let tried: Rota
                (tried, memory) = polish(kicked.rota, memory: kicked, until: 0.88 * options.timeLimitSeconds)
                let (z0, z1) = (Self.objective(I, rota), Self.objective(I, tried))
                options.trace?("kick at hub \(I.sites[h].id) (\(group.count) clinicians): Z \(z1) against \(z0), t=\(elapsed())")
                if z1 < z0 - 1e-7 { rota = tried; fails = 0; bound.offer(z1) } else { fails += 1 }
                outcome.rota = rota
            }
        }

        // Phase two: GLPK on parts of a few clinicians, then the polish again.
        outcome.rota = rota
        var lastZ = Self.objective(I, rota)
        bound.offer(lastZ)
        search: while true {
            // A part of one clinician is the re-plan the hard descent has
            // just made exactly: GLPK could not better it.
            for group in groups.single + groups.pairs where group.count > 1 {
                if mustStop() { break search }
                // GLPK can overrun its time limit by several seconds (England:
                // a part told 4 s took 14 s, and the run ended 10 s late), and
                // a part this late rarely gains anything: stop here instead,
                // in the last tenth of the time (at most the last 10 s).
                if options.timeLimitSeconds - elapsed() < min(10, 0.1 * options.timeLimitSeconds) {
                    outcome.stoppedByTimeLimit = true
                    break search
                }
                mip.timeLimitSeconds = options.timeLimitSeconds - elapsed()
                let step = improve(I, rota: rota, free: group, soft: false, mip: mip)
                rota = step.rota
                bound.offer(Self.objective(I, rota))
                options.trace?("phase 2 group of \(group.count): \(step.note), t=\(elapsed())")
                report("improving: GLPK on parts of the trust", best: Self.objective(I, rota))
            }
            // The parts moved clinicians: one at a time and in pairs again.
            rota = polish(rota, memory: memory).rota
            let z = Self.objective(I, rota)
            bound.offer(z)
            if z >= lastZ - 1e-7 { break }
            lastZ = z
        }
        outcome.rota = rota
        outcome.bound = bound.finish().map { max(0, $0) }
        if !outcome.stoppedByTimeLimit && !outcome.interrupted && elapsed() < options.timeLimitSeconds {
            // The search ended on its own: the background bound's value depends
            // on how the two threads interleaved, so the same input could print
            // another bound. A bound computed now, from scratch, aimed at the
            // final Z, is the same on every run; it is used when it finishes
            // its iterations within the time left (else the background one is).
            let z = Self.objective(I, rota)
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .seconds(options.timeLimitSeconds - elapsed()))
            let fresh = LagrangianBound(instance: I, steps: .forBudget(I, seconds: options.timeLimitSeconds))
                .run(deadline: deadline, iterations: 300, stop: { options.stopNow }, upper: { z })
            if clock.now < deadline && !options.stopNow, let fresh { outcome.bound = max(0, fresh) }
        }
        outcome.boundSource = "Lagrangian relaxation"
        // Proven within the requested gap? (Never with the default gap of 0
        // unless the bound meets Z.)
        if let b = outcome.bound {
            let z = Self.objective(I, rota)
            if z - b <= options.mipGap * max(abs(z), 1e-12) + 1e-9 { outcome.status = .optimal }
        }
        options.trace?("bound \(outcome.bound.map { "\($0)" } ?? "none"), t=\(elapsed())")
        outcome.seconds = elapsed()
        return outcome
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
        // much (West Midlands at 30% abstraction, unlimited: 5 to 8 s a run
        // with 25 WTE-weeks of breach, where the least-breach answer needed
        // the time more: 93.3 WTE-weeks in 30 s against 73.8 without them).
        // Counted in work, not seconds, so that a search that ends on its
        // own repeats itself exactly; one pass takes about a second at West
        // Midlands size, so this is about a tenth of the time limit there.
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
                    // makes. Generated West Midlands scenarios (seeds 2, 3
                    // and 12, Yorkshire 6) stayed 0.1 to 0.2 WTE short
                    // through every re-plan and GLPK repair and had no
                    // valid rota in 30 s: at one PCN, at its cap of 3 heads
                    // with two of them on leave, a 1.0 WTE colleague had to
                    // take the place of a 0.6 one, who went back to a hub
                    // with room above its floor. With these exchanges each
                    // had a valid rota within 2.7 s.
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
                    // Then 32 more guided rounds before GLPK: the
                    // scenario of the 50:50 split variant found its valid
                    // rota in 5.1 s instead of 23 s, after three fruitless
                    // repairs, in the guided rounds that follow them.
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
        // prices give are the start measured best for the search (with the
        // cuts, West Midlands 60 s ended at Z 3529.3 against 3518.7).
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
        let minRun = I.scenario.rotation.minRunWeeks
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
                if s != I.home[p] && end - w + 1 < minRun && w > I.post[p].lowerBound && end < I.post[p].upperBound {
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
                // (at least one from each): half of two Yorkshire hubs, 15
                // clinicians, was a part GLPK spent 44 s on for nothing.
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
