import RotaCore
import RotaGLPK

/// One run of `NeighbourhoodSearch`, phase by phase: what the phases share
/// (the clock, the background bound, the outcome so far, the exchanges
/// ledger) lives here, and each phase is a method that `search` calls in
/// turn, so a phase can be read, traced and changed on its own.
final class SearchRun {
    let strategy: NeighbourhoodSearch
    let I: Instance
    let options: SolveOptions
    let watch = Stopwatch()
    let bound: BackgroundBound
    var outcome = SolveOutcome(status: .noRotaInTime, rota: nil, bound: nil, seconds: 0, modelSize: nil,
                               stoppedByTimeLimit: false, leastBreach: nil)
    /// The rota every phase starts from and leaves its best in.
    var rota: Rota
    /// The rotating clinicians with a choice of site.
    let movable: [Int]
    var mip: MIPOptions
    /// Which exchanges gained nothing at earlier polishes, and against what;
    /// kept for the whole search (`ExchangeLedger`).
    var exchanges = ExchangeLedger()

    init(_ strategy: NeighbourhoodSearch, _ instance: Instance, _ options: SolveOptions) {
        self.strategy = strategy
        I = instance
        self.options = options
        rota = options.start ?? NeighbourhoodSearch.homeRota(instance)
        // On one core the bound goes on from the search's priced multipliers
        // with what the search leaves of the core: the short steps, which
        // start the exact phase with short steps too.
        let oneCore = options.cores == 1
        bound = BackgroundBound(instance, deadline: watch.instant(after: options.timeLimitSeconds),
                                steps: oneCore ? .short : .forBudget(instance, seconds: options.timeLimitSeconds),
                                trace: options.trace, events: options.events, stopRequested: options.stopRequested,
                                boundingZ: options.boundingZ, oneCore: oneCore)
        mip = strategy.mipOptions(options)
        movable = instance.clinicians.indices.filter { instance.clinicians[$0].rotates && instance.eligible[$0].count > 1 }
    }

    func elapsed() -> Double { watch.seconds }

    /// Out of time, or the planner pressed Ctrl-C: which one is recorded.
    func mustStop() -> Bool {
        if options.stopNow { outcome.interrupted = true; return true }
        if elapsed() > options.timeLimitSeconds { outcome.stoppedByTimeLimit = true; return true }
        return false
    }

    func report(_ stage: String, best: Double? = nil, left: Double? = nil) {
        options.progress?(SolveProgress(stage: stage, best: best, bound: best == nil ? nil : bound.latest, breachLeft: left))
    }

    func objective(_ r: Rota) -> Double { NeighbourhoodSearch.objective(I, r) }

    // MARK: phase one: a first valid rota

    /// Reaches a valid rota by exact single-clinician re-plans with soft
    /// floors and shares, then GLPK repairs (`mend`); while one is still
    /// broken, keeps re-planning (guided local search) as the bound on the
    /// least breach looks for a proof that no valid rota exists. Returns the
    /// penalty left: 0 when `rota` is valid.
    func firstValidRota() -> Double {
        report("finding a first valid rota")
        var descent = CoordinateDescent(I, rota: rota, penalty: strategy.penalty)
        // Until a valid rota is known, aim the bound at the start's Z.
        bound.offer(objective(rota))
        // A valid start (from the caller) needs no phase one.
        var penaltyLeft = descent.penaltyLeft()
        if !(options.start != nil && penaltyLeft <= 1e-9) {
            penaltyLeft = strategy.mend(I, &descent, movable: movable, options: options, elapsed: elapsed, label: "") { repairing, left in
                report(repairing ? "finding a first valid rota (GLPK repairs)" : "finding a first valid rota", left: left)
            }
            _ = mustStop()
        }
        rota = descent.rota
        if penaltyLeft > 1e-9 { bound.lookForProofOfNoRota(bestBreach: penaltyLeft) }
        var proofRounds = 0
        while penaltyLeft > 1e-9 && !mustStop() {
            if let proof = bound.breachProof, proof > 1e-4 { break }
            descent.raiseWeightsOfBreaches()
            // Mostly those who can mend a breach; everyone every fourth round.
            proofRounds += 1
            for p in proofRounds % 4 == 0 ? movable : NeighbourhoodSearch.focus(I, descent, movable)
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
        return penaltyLeft
    }

    /// The answer when no valid rota was found: proven impossible (with the
    /// least-breach rota when it breaks floors only), or only not found in time.
    func withoutValidRota() -> SolveOutcome {
        let violations = Validator(I.scenario).check(rota.placements(I))
        let keepsOtherRules = violations.allSatisfy { $0.rule == .floor }
        options.trace?("no valid rota yet: floor breach \(NeighbourhoodSearch.breach(I, rota)) WTE-weeks; rules broken: \(Dictionary(grouping: violations, by: \.rule).mapValues(\.count).sorted { $0.key < $1.key }.map { "\($0.key.code): \($0.value)" })")
        if let proof = bound.breachProof, proof > 1e-4 {
            // Proven: no valid rota exists. The best rota found that breaks
            // only floors is the least-breach answer (least if it meets the bound).
            outcome.status = .infeasible
            outcome.unavoidableBreach = proof
            if keepsOtherRules {
                let breach = NeighbourhoodSearch.breach(I, rota)
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

    /// Records the first valid rota.
    func found() {
        bound.validRotaFound()
        outcome.status = .feasible
        outcome.rota = rota
        outcome.firstRotaSeconds = elapsed()
        options.trace?("first valid rota: Z \(objective(rota)), t=\(elapsed())")
        report("valid rota found; improving it", best: objective(rota))
    }

    // MARK: the polish

    /// Re-plans of one clinician at a time with every rule hard, and
    /// exchanges between two or three (`SwapSearch`), in turn until neither
    /// gains. `descended`: the start already comes out of the re-plans (its
    /// first round would gain nothing). `memory`: what the re-plans knew at
    /// the last polish (each clinician's last costs and year; used only where
    /// both are the same again, so any earlier descent will do). The memory
    /// of this polish comes back with its rota. `until`: seconds after which
    /// it stops (the rota it has then is valid, only less polished).
    func polish(_ start: Rota, descended: Bool = false, memory: CoordinateDescent? = nil,
                until: Double? = nil) -> (rota: Rota, memory: CoordinateDescent) {
        var hard = CoordinateDescent(I, rota: start, penalty: nil)
        if let memory { hard.remember(memory) }
        var skipRound = descended
        let end = min(until ?? options.timeLimitSeconds, options.timeLimitSeconds)
        func out() -> Bool { mustStop() || elapsed() > end }
        while !out() {
            while !skipRound && !out() {
                var gain = 0.0
                for p in movable where !options.stopNow && elapsed() <= end { gain += hard.replan(p) }
                options.trace?("hard descent: gain \(gain), Z \(objective(hard.rota)), t=\(elapsed())")
                report("improving: one clinician at a time", best: objective(hard.rota))
                if gain < 1e-6 { break }
            }
            skipRound = false
            var swaps = SwapSearch(hard)
            let (options, watch) = (self.options, self.watch)
            let gain = swaps.run(stop: { options.stopNow || watch.seconds > end }, ledger: &exchanges)
            options.trace?("exchanges: gain \(gain), Z \(objective(swaps.rota)), cycles priced \(exchanges.priced), skipped \(exchanges.skipped), t=\(elapsed())")
            report("improving: exchanges between clinicians", best: objective(swaps.rota))
            if gain < 1e-6 { return (swaps.rota, hard) }
            let last = hard
            hard = CoordinateDescent(I, rota: swaps.rota, penalty: nil)
            hard.remember(last)
        }
        return (hard.rota, hard)
    }

    // MARK: the start from the prices

    /// A second start, from the prices: each clinician's year in the relaxed
    /// solution of the bound with shares priced (run here, so that the answer
    /// does not depend on the other thread), mended like the first rota,
    /// then improved one clinician at a time, and kept when it beats the
    /// first rota, which it usually does by far. Then the polish, which is
    /// the search's most expensive step, so the first rota is not polished
    /// before its rival exists. (The start from the prices ends with the
    /// re-plans; the first rota does not.) Figures: bench/HISTORY.md,
    /// "NeighbourhoodSearch". Returns the polish's memory.
    func startFromPricesAndPolish() -> CoordinateDescent {
        var descended = false
        if !mustStop(), let other = strategy.fromPrices(I, upper: objective(rota), movable: movable, options: options,
                                                        elapsed: elapsed, handOff: bound.handOff) {
            let (z0, z1) = (objective(rota), objective(other))
            options.trace?("start from the prices: Z \(z1) against \(z0), t=\(elapsed())")
            if z1 < z0 - 1e-7 { rota = other; descended = true }
        }
        bound.handingDone()
        outcome.rota = rota
        bound.offer(objective(rota))
        let memory: CoordinateDescent
        (rota, memory) = polish(rota, descended: descended)
        outcome.rota = rota
        bound.offer(objective(rota))
        return memory
    }

    // MARK: kicks

    /// Kicks (iterated local search): the polish ends in a local optimum
    /// that neither a re-plan nor an exchange leaves. A kick re-plans the
    /// rotating clinicians of one hub once each at noisy site costs (every
    /// rule still hard), then polishes; the result is kept when its Z is
    /// lower. The hubs take turns in a shuffled order, each once before any
    /// again, since hubs drawn at random each time came up unevenly. Kicks
    /// start until 80% of the time limit and end by 88%, leaving the rest to
    /// GLPK's parts (an earlier hand-over left the parts time they did not
    /// use while kicks still gained), or stop after a run of kicks that
    /// gain nothing twice as long as all the kicks before the last gain (at
    /// least 200), so that a search that ends on its own ends the same way
    /// every run (the draws are seeded). Gains come ever further apart, yet
    /// keep coming: a fixed 40 stopped a scenario of 30 clinicians within a
    /// second, far above the rota more kicks find. The noise's amplitude, twice the
    /// mean shortfall weight, did best of those tried. Figures:
    /// bench/HISTORY.md, "NeighbourhoodSearch". Returns the last polish's memory.
    func kicks(memory start: CoordinateDescent) -> CoordinateDescent {
        var memory = start
        guard !mustStop() else { return memory }
        var rng = SplitMix64(seed: 0x6b69636b)
        let hubs = Array(Set(movable.map { I.home[$0] })).sorted()
        let meanWeight = I.shortfallWeight.reduce(0, +) / Double(max(1, I.sites.count))
        let amplitude = 2 * meanWeight
        var fails = 0, kicks = 0, patience = 200
        var order: [Int] = []
        while !hubs.isEmpty && !mustStop() && elapsed() < 0.80 * options.timeLimitSeconds && fails < patience {
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
            let (z0, z1) = (objective(rota), objective(tried))
            options.trace?("kick at hub \(I.sites[h].id) (\(group.count) clinicians): Z \(z1) against \(z0), t=\(elapsed())")
            kicks += 1
            if z1 < z0 - 1e-7 { rota = tried; fails = 0; patience = max(200, 2 * kicks); bound.offer(z1) } else { fails += 1 }
            outcome.rota = rota
        }
        return memory
    }

    // MARK: phase two: GLPK on parts

    /// GLPK on parts of a few clinicians (one hub's, or two hubs' of one
    /// ICS), each from the current rota, then the polish again, until a pass
    /// gains nothing or time runs out.
    func parts(memory: CoordinateDescent) {
        let groups = NeighbourhoodSearch.neighbourhoods(I)
        outcome.rota = rota
        var lastZ = objective(rota)
        bound.offer(lastZ)
        search: while true {
            // A part of one clinician is the re-plan the hard descent has
            // just made exactly: GLPK could not better it.
            for group in groups.single + groups.pairs where group.count > 1 {
                if mustStop() { break search }
                // GLPK can overrun its time limit by several seconds, and a
                // part this late rarely gains anything: stop here instead, in
                // the last tenth of the time (at most the last 10 s).
                if options.timeLimitSeconds - elapsed() < min(10, 0.1 * options.timeLimitSeconds) {
                    outcome.stoppedByTimeLimit = true
                    break search
                }
                mip.timeLimitSeconds = options.timeLimitSeconds - elapsed()
                let step = strategy.improve(I, rota: rota, free: group, soft: false, mip: mip)
                rota = step.rota
                bound.offer(objective(rota))
                options.trace?("phase 2 group of \(group.count): \(step.note), t=\(elapsed())")
                report("improving: GLPK on parts of the trust", best: objective(rota))
            }
            // The parts moved clinicians: one at a time and in pairs again.
            rota = polish(rota, memory: memory).rota
            let z = objective(rota)
            bound.offer(z)
            if z >= lastZ - 1e-7 { break }
            lastZ = z
        }
        outcome.rota = rota
    }

    // MARK: the final bound

    /// The bound on Z, and whether it proves the rota within the requested gap.
    func finalBound() -> SolveOutcome {
        outcome.bound = bound.finish().map { max(0, $0) }
        if !outcome.stoppedByTimeLimit && !outcome.interrupted && elapsed() < options.timeLimitSeconds {
            // The search ended on its own: the background bound's value depends
            // on how the two threads interleaved, so the same input could print
            // another bound. A bound computed now, from scratch, aimed at the
            // final Z, is the same on every run; it is used when it finishes
            // its iterations within the time left (else the background one is).
            let z = objective(rota)
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .seconds(options.timeLimitSeconds - elapsed()))
            let options = self.options
            let fresh = LagrangianBound(instance: I, steps: .forBudget(I, seconds: options.timeLimitSeconds))
                .run(deadline: deadline, iterations: 300, stop: { options.stopNow }, upper: { z })
            if clock.now < deadline && !options.stopNow, let fresh { outcome.bound = max(0, fresh) }
        }
        outcome.boundSource = "Lagrangian relaxation"
        // Proven within the requested gap? (Never with the default gap of 0
        // unless the bound meets Z.)
        if let b = outcome.bound {
            let z = objective(rota)
            if z - b <= options.mipGap * max(abs(z), 1e-12) + 1e-9 { outcome.status = .optimal }
        }
        options.trace?("bound \(outcome.bound.map { "\($0)" } ?? "none"), t=\(elapsed())")
        outcome.seconds = elapsed()
        return outcome
    }
}
