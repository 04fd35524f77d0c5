import RotaCore
import RotaGLPK
import Synchronization

/// What the caller asks of a solve: the spec's solver options.
public struct SolveOptions: Sendable {
    public var timeLimitSeconds: Double = 60
    public var mipGap: Double = 0
    public var verbose = false
    /// Stop at the first rota the strategy can stand behind (valid, or
    /// proven least-breach): what `rota explain` needs, not the best one.
    public var firstRotaOnly = false
    /// A valid rota to start from (the search then only improves it);
    /// strategies that cannot use one ignore it.
    public var start: Rota?
    /// A rota that keeps every rule but floors, for the least-breach solve
    /// to start from (the search's best try, when it found no valid rota).
    public var breachingStart: Rota?
    /// Bound Z while searching (the search's second core); off while the
    /// parts of a decomposed scenario look for first rotas.
    public var boundingZ = true
    /// The cores the solve may use (`Cores.available` unless set). With
    /// one, the search's bound yields the core to the search once it has
    /// the search's priced multipliers (`BackgroundBound`).
    public var cores = Cores.available
    /// Receives one line per step of a search (for --verbose and benchmarks).
    public var trace: (@Sendable (String) -> Void)?
    /// The same steps as typed values (`SolveEvent`), for tests and tools.
    public var events: (@Sendable (SolveEvent) -> Void)?
    /// True when the planner asked to stop (Ctrl-C): the strategy ends as
    /// soon as it can, with the best valid rota found so far.
    public var stopRequested: (@Sendable () -> Bool)?
    /// Progress for the planner: stage, best Z, bound, breach left.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    public init(timeLimitSeconds: Double = 60, mipGap: Double = 0, verbose: Bool = false,
                trace: (@Sendable (String) -> Void)? = nil) {
        self.timeLimitSeconds = timeLimitSeconds; self.mipGap = mipGap; self.verbose = verbose; self.trace = trace
    }
}

/// Where a solve is, for a progress line.
public struct SolveProgress: Sendable {
    public var stage: String
    /// Z of the best valid rota so far.
    public var best: Double?
    public var bound: Double?
    /// WTE-weeks of floor (and weeks of share) still broken while looking for a first rota.
    public var breachLeft: Double?
    public init(stage: String, best: Double? = nil, bound: Double? = nil, breachLeft: Double? = nil) {
        self.stage = stage; self.best = best; self.bound = bound; self.breachLeft = breachLeft
    }
}

extension SolveOptions {
    var stopNow: Bool { stopRequested?() ?? false }
}

/// The answer of a solve strategy, before validation.
public struct SolveOutcome: Sendable {
    public var status: RotaStatus
    /// The rota, when one was found (for `infeasible`, the least-breach rota).
    public var rota: Rota?
    /// A true lower bound on Z, when known.
    public var bound: Double?
    public var seconds: Double
    /// Size of the whole model, when it was built (the search builds parts).
    public var modelSize: ModelSize?
    /// True when the time limit (not proof) ended the search.
    public var stoppedByTimeLimit: Bool
    /// True when the planner's stop (Ctrl-C) ended the search.
    public var interrupted = false
    /// Total floor breach of the least-breach rota (WTE-weeks), when infeasible.
    public var leastBreach: Double?
    /// Seconds from the start of the solve to the first valid rota.
    public var firstRotaSeconds: Double?
    /// Where `bound` comes from, in words for the summary.
    public var boundSource: String?
    /// For `infeasible`: true when the rota's breach is proven least.
    public var leastBreachProven = false
    /// For `infeasible`: breach no rota can avoid (eligible supply below the floor).
    public var unavoidableBreach: Double?
    /// A rota that keeps every rule but floors, when no valid one was found
    /// (the search's best try; the least-breach answer falls back on it).
    public var breachingRota: Rota?
    /// For `infeasible` without a rota: why H1 and H3–H8 conflict.
    public var conflicts: [RuleConflict] = []
    /// What ran, for summary.json (nil: the strategy's own name).
    public var strategy: String?
}

/// A way to turn an instance into a rota. The model builder and the
/// strategy are separate so that a better algorithm can replace the plain
/// solve without touching the model.
public protocol SolveStrategy: Sendable {
    /// The name summary.json reports.
    var name: String { get }
    /// One line for `--strategy`'s help.
    var summary: String { get }
    /// True when it looks for a first valid rota before anything else (and
    /// can start from one), so a scenario split into parts runs every part's
    /// first rota before any part improves its own.
    var findsARotaFirst: Bool { get }
    func solve(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome
}

/// The straightforward model of PROBLEM.md, solved whole by GLPK.
///
/// When GLPK proves there is no valid rota, a second solve finds the rota
/// that breaks the floors least: first the least total breach (WTE-weeks),
/// then the best Z among rotas within that breach (a lexicographic pair of
/// solves, so no big-M weight can distort either level).
public struct PlainSolve: SolveStrategy {
    public init() {}
    public var name: String { "whole" }
    public var summary: String { "GLPK on the whole model only" }

    public func solve(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome {
        let watch = Stopwatch()
        func elapsed() -> Double { watch.seconds }
        let (model, layout) = ModelBuilder(instance).build()
        let size = ModelSize(model)
        var mip = MIPOptions()
        // The limit is the planner's whole wait: building and loading count.
        mip.timeLimitSeconds = max(1, options.timeLimitSeconds - elapsed())
        mip.mipGap = options.mipGap
        mip.verbose = options.verbose
        mip.stop = options.stopRequested
        // GLPK tells its incumbents through the progress callback (at each new
        // one): the first one's time is the first rota's.
        let firstIncumbent = Mutex<Double?>(nil)
        options.progress?(SolveProgress(stage: "solving the whole model with GLPK"))
        mip.onProgress = { [progress = options.progress] best, bound in
            if best != nil { firstIncumbent.withLock { $0 = $0 ?? watch.seconds } }
            progress?(SolveProgress(stage: "solving the whole model with GLPK", best: best, bound: bound))
        }
        // From the caller's rota, GLPK starts with an incumbent (and a bound
        // to prune by) instead of looking for a first rota itself.
        let result = GLPKBridge.load(model).solve(mip, start: options.start.map { Self.startValues(model, layout, instance, $0) })
        var outcome = SolveOutcome(status: .noRotaInTime, rota: nil, bound: result.bound.map { max(0, $0) },
                                   seconds: elapsed(), modelSize: size, stoppedByTimeLimit: false, leastBreach: nil)
        switch result.status {
        case .optimal, .feasible:
            outcome.boundSource = "GLPK branch and bound"
            outcome.status = result.status == .optimal ? .optimal : .feasible
            outcome.interrupted = result.status == .feasible && options.stopNow
            outcome.stoppedByTimeLimit = result.status == .feasible && !outcome.interrupted
            outcome.rota = Rota(sites: ModelBuilder.placements(instance, layout: layout, values: result.values))
            outcome.firstRotaSeconds = firstIncumbent.withLock { $0 } ?? elapsed()
        case .noSolutionInTime, .failed:
            outcome.status = .noRotaInTime
            outcome.interrupted = options.stopNow
            outcome.stoppedByTimeLimit = result.status == .noSolutionInTime && !outcome.interrupted
        case .infeasible:
            outcome.status = .infeasible
            outcome.bound = nil
            let remaining = max(1, options.timeLimitSeconds - elapsed())
            switch leastBreach(instance, options, timeLimit: remaining, start: options.breachingStart) {
            case let .found(least):
                outcome.rota = least.rota
                outcome.leastBreach = least.breach
                outcome.leastBreachProven = least.proven
                outcome.unavoidableBreach = least.unavoidable
            case .rulesConflict:
                outcome.conflicts = RuleConflicts.explain(instance, timeLimit: max(1, options.timeLimitSeconds - elapsed()))
            case .outOfTime:
                // Proven infeasible, but no least-breach rota in time.
                outcome.stoppedByTimeLimit = true
            }
        }
        outcome.seconds = elapsed()
        return outcome
    }

    /// Least total floor breach, then least Z, with H1 and H3–H8 hard.
    ///
    /// First the quick proof: where the eligible supply (within the cap) is
    /// below a floor, every rota breaks it by at least the difference; if a
    /// rota meets every floor lowered to that supply, its breach is that
    /// least, and GLPK's best such rota is the answer in one solve. Otherwise
    /// two solves: the least total breach, then the least Z within it.
    func leastBreach(_ instance: Instance, _ options: SolveOptions, timeLimit: Double, start: Rota? = nil) -> LeastBreach {
        let watch = Stopwatch()
        let supply = FloorSupply(instance)
        let unavoidable = supply.forcedBreach(instance)
        if unavoidable > 0 {
            let lowered = instance.withFloors(supply.reachableFloors(instance))
            let (model, layout) = ModelBuilder(lowered).build()
            var mip = MIPOptions()
            mip.timeLimitSeconds = timeLimit / 2
            mip.mipGap = options.mipGap
            mip.verbose = options.verbose
            mip.stop = options.stopRequested
            let r = GLPKBridge.load(model).solve(mip)
            if r.status == .optimal || r.status == .feasible {
                return .found((Rota(sites: ModelBuilder.placements(instance, layout: layout, values: r.values)), unavoidable, true, unavoidable))
            }
        }
        let left = max(1, timeLimit - watch.seconds)
        let (model, layout) = ModelBuilder(instance, options: .init(softFloors: true)).build()
        var mip = MIPOptions()
        mip.timeLimitSeconds = left / 2
        mip.verbose = options.verbose
        mip.stop = options.stopRequested
        var breachOnly = [Double](repeating: 0, count: model.columns.count)
        var breachColumns: [Int] = []
        for (j, c) in model.columns.enumerated() {
            if case .breach = c.ref { breachOnly[j] = 1; breachColumns.append(j) }
        }
        let first = GLPKBridge.load(model, objective: breachOnly).solve(mip, start: start.map { Self.startValues(model, layout, instance, $0) })
        if first.status == .infeasible { return .rulesConflict }
        guard first.status == .optimal || first.status == .feasible, let best = first.objective else { return .outOfTime }
        // Second level: keep the breach at its least and minimise Z.
        var capped = model
        capped.addRow(.floor, lower: nil, upper: best + 1e-6, terms: breachColumns.map { ($0, 1.0) })
        mip.timeLimitSeconds = max(1, timeLimit - watch.seconds)
        let second = GLPKBridge.load(capped).solve(mip, start: first.values.isEmpty ? nil : first.values)
        let values = (second.status == .optimal || second.status == .feasible) ? second.values : first.values
        return .found((Rota(sites: ModelBuilder.placements(instance, layout: layout, values: values)), best,
                       first.status == .optimal, unavoidable))
    }

    /// The model's values for `rota`: its placements, and the continuous
    /// columns (changes, shortfall, breach) at the least the rows allow.
    static func startValues(_ model: MIPModel, _ layout: ModelBuilder.Layout, _ I: Instance, _ rota: Rota) -> [Double] {
        var binary = Array(repeating: 0.0, count: model.columns.count)
        for p in I.clinicians.indices {
            for (k, s) in I.eligible[p].enumerated() {
                for w in 0..<I.weeks where rota.sites[p][w] == s { binary[layout.place(p, k, w)] = 1 }
            }
        }
        return model.startValues(binary: binary)
    }

    enum LeastBreach {
        case found((rota: Rota, breach: Double, proven: Bool, unavoidable: Double))
        /// H1 and H3–H8 cannot hold together, whatever the floors.
        case rulesConflict
        case outOfTime
    }
}
