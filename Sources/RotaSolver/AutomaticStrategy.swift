import RotaCore

/// The default of `rota solve`: one composition for every size, not a
/// switch on size. The search finds a valid rota in seconds at any size,
/// but never proves optimality; GLPK's branch and bound proves small models
/// optimal but, alone, finds no rota in minutes for a trust-sized scenario,
/// or even for a year of a dozen clinicians. So:
///
/// 1. The search (`NeighbourhoodSearch`) looks for a first valid rota; where
///    GLPK can take over (the whole model has at most `wholeModelLimit`
///    placement binaries) it has `searchShare` of the limit for that.
/// 2. The search improves that rota, with its Lagrangian bound, until it
///    gains nothing more (tiny models: well under a second) or time is up;
///    where GLPK follows, steps 1 and 2 together stop at `searchShare` of
///    the limit, so that the whole model always gets its turn.
/// 3. Where GLPK can take over, GLPK on the whole model for the time left:
///    from the search's rota (an incumbent from the first node, so its tree
///    only proves or improves), or, with no valid rota yet, the whole solve
///    from scratch and the least-breach solve from the search's best try.
/// 4. The answer is the best rota of both phases and the best bound either
///    proved (`merge`), with the bound's source.
///
/// A valid rota from either phase is never lost: the run ends with a rota
/// whenever one phase holds one.
public struct AutomaticStrategy: SolveStrategy {
    /// Placement binaries up to which GLPK's whole model follows the search.
    /// Above it GLPK's root LP alone takes longer than a planner waits.
    public var wholeModelLimit = 20_000
    /// The search's share of the time limit when GLPK follows it: for its
    /// first rota, and for the first rota and its improvement together.
    public var searchShare = 0.5
    /// Split into independent parts first (see `Decomposed`), each then
    /// solved by this composition on its own.
    public var decompose = true
    public init(decompose: Bool = true) { self.decompose = decompose }
    public var name: String { "auto" }
    public var findsARotaFirst: Bool { true }
    public var summary: String {
        "the search finds and improves a rota, then GLPK on the whole model where it is small (at most 20,000 placement binaries) proves or betters it"
    }

    /// Placement binaries of the whole model (clinicians × eligible sites × weeks).
    public static func binaries(_ I: Instance) -> Int {
        I.clinicians.indices.reduce(0) { $0 + I.eligible[$1].count } * I.weeks
    }

    /// Splitting pays only where some part is small enough for GLPK to prove
    /// or improve on its own; where every part is searched, the search on the
    /// whole spends the limit where it gains most instead of by fixed shares.
    static func decomposingHelps(_ I: Instance, _ parts: [[Int]], wholeModelLimit: Int) -> Bool {
        parts.contains { part in part.reduce(0) { $0 + I.eligible[$1].count } * I.weeks <= wholeModelLimit }
    }

    public func solve(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome {
        let parts = decompose ? Decomposed.parts(instance) : [Array(instance.clinicians.indices)]
        if parts.count > 1 && Self.decomposingHelps(instance, parts, wholeModelLimit: wholeModelLimit) {
            var o = Decomposed(inner: AutomaticStrategy(decompose: false)).solve(instance, options)
            o.strategy = "auto: \(parts.count) independent parts, each searched (then GLPK on the whole part where it is small)"
            return o
        }
        let watch = Stopwatch()
        let binaries = Self.binaries(instance)
        let glpkFollows = binaries <= wholeModelLimit
        if !glpkFollows {
            // The search alone, in one run: its bound keeps what it learnt
            // while finding the first rota.
            options.trace?("whole model skipped: \(binaries) binaries (GLPK follows the search up to \(wholeModelLimit))")
            var o = NeighbourhoodSearch().solve(instance, options)
            o.strategy = "auto: search (whole model skipped: \(binaries) binaries)"
            return o
        }
        // Phase one: a first valid rota, within a share of the limit so that
        // GLPK can take over from a search that finds none.
        var first = options
        first.firstRotaOnly = true
        first.timeLimitSeconds = options.timeLimitSeconds * searchShare
        var searched = NeighbourhoodSearch().solve(instance, first)
        let foundValid = searched.rota != nil && (searched.status == .feasible || searched.status == .optimal)
        if foundValid && !options.firstRotaOnly && !options.stopNow {
            // Phase two: the search improves its rota up to its share of the
            // limit (it ends sooner on its own where it can gain nothing more).
            // Its GLPK parts would take all of a mid-size limit, and there the
            // whole model's tree proves a better bound than the search's.
            var improve = options
            improve.start = searched.rota
            improve.timeLimitSeconds = options.timeLimitSeconds * searchShare - watch.seconds
            let firstSeconds = searched.firstRotaSeconds
            searched = NeighbourhoodSearch().solve(instance, improve)
            searched.firstRotaSeconds = firstSeconds
            searched.seconds = watch.seconds
        }
        searched.strategy = "auto: search"
        let done = searched.status == .optimal || !searched.conflicts.isEmpty || options.stopNow
            || (options.firstRotaOnly && searched.rota != nil)
        let left = options.timeLimitSeconds - watch.seconds
        if done || left < 1 { return searched }

        var whole = options
        whole.timeLimitSeconds = left
        switch searched.status {
        case .feasible, .optimal: whole.start = searched.rota
        case .infeasible: whole.breachingStart = searched.rota
        case .noRotaInTime: whole.breachingStart = searched.breachingRota
        }
        options.trace?("whole model with GLPK for \(left) s, from \(whole.start != nil ? "the search's rota" : whole.breachingStart != nil ? "the search's least breach" : "scratch"), t=\(watch.seconds)")
        var solved = PlainSolve().solve(instance, whole)
        if solved.firstRotaSeconds != nil { solved.firstRotaSeconds! += options.timeLimitSeconds - left }
        var merged = Self.merge(search: searched, whole: solved, mipGap: options.mipGap,
                                objective: { NeighbourhoodSearch.objective(instance, $0) },
                                breach: { NeighbourhoodSearch.breach(instance, $0) })
        merged.seconds = watch.seconds
        merged.strategy = "auto: search, then GLPK on the whole model"
        return merged
    }

    /// One answer from the search's and the whole model's: the better rota
    /// (valid before least-breach, then lower breach, then lower Z), the
    /// higher true bound, and what each proved. Both answers are for the
    /// same instance, so either's bound bounds the other's rotas.
    static func merge(search s: SolveOutcome, whole g: SolveOutcome, mipGap: Double,
                      objective: (Rota) -> Double, breach: (Rota) -> Double) -> SolveOutcome {
        func valid(_ o: SolveOutcome) -> Bool { o.rota != nil && (o.status == .optimal || o.status == .feasible) }
        var o: SolveOutcome
        switch (valid(s), valid(g)) {
        case (true, true):
            o = objective(g.rota!) < objective(s.rota!) - 1e-9 ? g : s
            o.firstRotaSeconds = s.firstRotaSeconds ?? g.firstRotaSeconds
        case (true, false):
            o = s
        case (false, true):
            o = g
        case (false, false):
            // No valid rota from either: a least-breach answer, if any.
            let answers = [s, g].filter { $0.status == .infeasible && $0.rota != nil }
            if let best = answers.min(by: { a, b in
                let (x, y) = (breach(a.rota!), breach(b.rota!))
                return abs(x - y) > 1e-9 ? x < y : objective(a.rota!) < objective(b.rota!)
            }) {
                o = best
                let least = breach(best.rota!)
                o.leastBreach = least
                // Proven when either answer proved a least breach this rota meets.
                o.leastBreachProven = answers.contains { $0.leastBreachProven && ($0.leastBreach ?? .infinity) >= least - 1e-6 }
            } else {
                o = g.status == .infeasible ? g : s
                if o.status != .infeasible {
                    o.conflicts = g.conflicts.isEmpty ? s.conflicts : g.conflicts
                }
                o.breachingRota = o.breachingRota ?? s.breachingRota
            }
            o.unavoidableBreach = [s.unavoidableBreach, g.unavoidableBreach].compactMap { $0 }.max()
            o.modelSize = g.modelSize ?? s.modelSize
            o.interrupted = s.interrupted || g.interrupted
            o.stoppedByTimeLimit = g.stoppedByTimeLimit
            return o
        }
        o.modelSize = g.modelSize ?? s.modelSize
        o.interrupted = s.interrupted || g.interrupted
        // The bound: the higher of the two, with its source.
        let bounds = [(s.bound, s.boundSource), (g.bound, g.boundSource)].compactMap { b, src in b.map { ($0, src) } }
        if let best = bounds.max(by: { $0.0 < $1.0 }) { o.bound = best.0; o.boundSource = best.1 } else { o.bound = nil; o.boundSource = nil }
        let z = objective(o.rota!)
        let proven = g.status == .optimal && valid(g) && objective(g.rota!) <= z + 1e-9
        let closed = o.bound.map { z - $0 <= mipGap * max(abs(z), 1e-12) + 1e-9 } ?? false
        o.status = proven || closed ? .optimal : .feasible
        o.stoppedByTimeLimit = o.status == .feasible && !o.interrupted && (g.stoppedByTimeLimit || s.stoppedByTimeLimit)
        return o
    }
}
