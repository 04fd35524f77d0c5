import Dispatch
import Foundation
import RotaCore
import Synchronization

/// Splits a scenario into parts that share nothing and solves them side by
/// side: the England scenario is ten trusts whose clinicians can never work
/// at each other's sites (H1: a site of another trust is not eligible).
///
/// Two clinicians are in the same part when they share an eligible site
/// (they meet in its floor, target and cap), or, when a rollout limit
/// exists, when they rotate in the same H8 group (they share its limit).
/// Parts then have no rule and no objective term in common: Z is the sum of
/// the parts' Z, the best rota is the union of the parts' best rotas, and the
/// sum of the parts' lower bounds is a lower bound. So the split never
/// changes the answer; it only lets each part be solved alone, in parallel.
public struct Decomposed: SolveStrategy {
    public var inner: SolveStrategy
    /// Parts solved at once (default: the cores this process may use, so
    /// one under `taskset -c 0`).
    public var workers: Int
    public init(inner: SolveStrategy, workers: Int = Cores.available) {
        self.inner = inner; self.workers = max(1, workers)
    }
    public var name: String { "parts (\(inner.name))" }

    /// Clinician indices per part, each in scenario order, parts ordered by
    /// their first clinician; sites no clinician may work at go to part 0.
    public static func parts(_ I: Instance) -> [[Int]] {
        var parent = Array(I.clinicians.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) { let (ra, rb) = (find(a), find(b)); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
        var firstAt = Array(repeating: -1, count: I.sites.count)
        for p in I.clinicians.indices {
            for s in I.eligible[p] { if firstAt[s] < 0 { firstAt[s] = p } else { union(firstAt[s], p) } }
        }
        if I.maxAway.contains(where: { $0 != nil }) {
            var firstIn = [Int: Int]()
            for p in I.clinicians.indices where I.clinicians[p].rotates {
                if let q = firstIn[I.group[p]] { union(q, p) } else { firstIn[I.group[p]] = p }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for p in I.clinicians.indices { byRoot[find(p), default: []].append(p) }
        return byRoot.values.sorted { $0[0] < $1[0] }
    }

    /// The scenario of one part: its clinicians, the sites they may work at
    /// (plus, for part 0, sites nobody may work at), and what concerns them.
    static func scenario(of part: [Int], _ I: Instance, withOrphans: Bool) -> Scenario {
        var s = I.scenario
        let staff = Set(part.map { I.clinicians[$0].id })
        var siteSet = Set(part.flatMap { I.eligible[$0] })
        if withOrphans {
            var reached = Array(repeating: false, count: I.sites.count)
            for p in I.clinicians.indices { for k in I.eligible[p] { reached[k] = true } }
            for k in I.sites.indices where !reached[k] { siteSet.insert(k) }
        }
        let siteIds = Set(siteSet.map { I.sites[$0].id })
        s.clinicians = s.clinicians.filter { staff.contains($0.id) }
        s.sites = s.sites.filter { siteIds.contains($0.id) }
        s.demand = s.demand.filter { siteIds.contains($0.site) }
        s.leave = s.leave.filter { staff.contains($0.staff) }
        s.pins = s.pins.filter { staff.contains($0.staff) }
        if var replan = s.replan {
            replan.previous = replan.previous.filter { staff.contains($0.key) }
            s.replan = replan
        }
        return s
    }

    public func solve(_ instance: Instance, _ options: SolveOptions) -> SolveOutcome {
        let I = instance
        let parts = Self.parts(I)
        guard parts.count > 1 else { return inner.solve(I, options) }
        let watch = Stopwatch()
        let subs = parts.enumerated().map { Instance(Self.scenario(of: $0.element, I, withOrphans: $0.offset == 0)) }
        // A part's size: its placement binaries (clinicians × eligible sites × weeks).
        let size = subs.map { sub in Double(max(1, sub.clinicians.indices.reduce(0) { $0 + sub.eligible[$1].count } * sub.weeks)) }
        options.trace?("decomposed into \(parts.count) independent parts: \(parts.map(\.count)) clinicians")

        // Pass one: the parts the search solves look for a first valid rota
        // each, largest first, `workers` at a time, with both cores on
        // searches (no bound yet): the scenario has a rota only when every
        // part has one, so no part may spend its time improving while
        // another has none. Small parts the whole model solves go to pass two.
        let order = parts.indices.sorted { (parts[$0].count, $1) > (parts[$1].count, $0) }
        let searched = subs.map { _ in inner.findsARotaFirst }
        var first: [SolveOutcome?] = Array(repeating: nil, count: parts.count)
        var firstSeconds: [Double?] = Array(repeating: nil, count: parts.count)
        if searched.contains(true) {
            let board = Board(parts: parts.count, unfinished: 0, order: order.filter { searched[$0] })
            DispatchQueue.concurrentPerform(iterations: min(workers, parts.count)) { _ in
                while let i = board.next() {
                    let now = watch.seconds
                    var o = Self.options(options, part: i, of: parts.count, clinicians: parts[i].count,
                                         timeLimit: max(0.5, options.timeLimitSeconds - now))
                    o.firstRotaOnly = true
                    o.boundingZ = false
                    let r = inner.solve(subs[i], o)
                    board.finished(i, r, startedAt: now, size: 0)
                    options.trace?("part \(i + 1)/\(parts.count) first pass: \(r.status.rawValue), t=\(watch.seconds)")
                }
            }
            let (outcomes, starts) = board.all()
            for i in parts.indices where searched[i] {
                first[i] = outcomes[i]
                firstSeconds[i] = outcomes[i]?.firstRotaSeconds.map { $0 + starts[i] }
            }
        }

        // Pass two: each part gets a share of the time left in proportion to
        // its size among the parts not finished; a part with a first rota
        // improves it (the bound now on), one without keeps pass one's answer.
        let firstRotas = first.map { $0?.rota }
        // A part with no rota at all leaves the scenario without one: then
        // improving the others is wasted time.
        let hopeless = first.contains { $0 != nil && $0!.rota == nil }
        let again = order.filter { i in
            first[i].map { $0.status == .feasible && !options.firstRotaOnly && !options.stopNow && !hopeless } ?? true
        }
        let board = Board(parts: parts.count, unfinished: again.reduce(0) { $0 + size[$1] }, order: again)
        DispatchQueue.concurrentPerform(iterations: min(workers, max(1, again.count))) { _ in
            while let i = board.next() {
                let now = watch.seconds
                let left = max(0.5, options.timeLimitSeconds - now)
                var o = Self.options(options, part: i, of: parts.count, clinicians: parts[i].count,
                                     timeLimit: min(left, max(0.5, left * Double(workers) * board.share(size[i]))))
                o.start = firstRotas[i]
                let r = inner.solve(subs[i], o)
                board.finished(i, r, startedAt: now, size: size[i])
                options.trace?("part \(i + 1)/\(parts.count) done: \(r.status.rawValue), t=\(watch.seconds)")
            }
        }
        var (outcomes, starts) = board.all()
        for i in parts.indices where !again.contains(i) { outcomes[i] = first[i]; starts[i] = 0 }
        var whole = Self.combine(outcomes.map { $0! }, subs, starts, into: I, seconds: watch.seconds)
        if whole.rota != nil && whole.status != .infeasible, searched.contains(true) {
            // The whole's first rota: when the last part had its first one
            // (pass one), or finished (a part of pass two).
            let times = parts.indices.map { i in firstSeconds[i] ?? (outcomes[i]!.firstRotaSeconds ?? outcomes[i]!.seconds) + starts[i] }
            whole.firstRotaSeconds = times.max()
        }
        return whole
    }

    /// A part's options: its time, and its trace and progress labelled with the part.
    static func options(_ options: SolveOptions, part i: Int, of n: Int, clinicians: Int, timeLimit: Double) -> SolveOptions {
        var o = options
        o.timeLimitSeconds = timeLimit
        if let trace = options.trace {
            o.trace = { @Sendable (line: String) in trace("part \(i + 1)/\(n): " + line) }
        }
        if let report = options.progress {
            let label = "part \(i + 1) of \(n) (\(clinicians) clinicians)"
            o.progress = { @Sendable (p: SolveProgress) in
                report(SolveProgress(stage: "\(label): \(p.stage)", breachLeft: p.breachLeft))
            }
        }
        return o
    }

    /// The parts' shared bookkeeping while they are solved in parallel.
    final class Board: Sendable {
        private let state: Mutex<(next: Int, unfinished: Double, results: [SolveOutcome?], starts: [Double])>
        private let order: [Int]
        init(parts: Int, unfinished: Double, order: [Int]) {
            self.order = order
            state = Mutex((0, unfinished, Array(repeating: nil, count: parts), Array(repeating: 0, count: parts)))
        }
        func next() -> Int? {
            state.withLock { s in
                guard s.next < order.count else { return nil }
                s.next += 1
                return order[s.next - 1]
            }
        }
        func share(_ size: Double) -> Double { state.withLock { size / max($0.unfinished, 1e-9) } }
        func finished(_ i: Int, _ r: SolveOutcome, startedAt: Double, size: Double) {
            state.withLock { s in
                s.results[i] = r
                s.starts[i] = startedAt
                s.unfinished -= size
            }
        }
        func all() -> ([SolveOutcome?], [Double]) { state.withLock { s in (s.results, s.starts) } }
    }

    /// One outcome for the whole from the parts' outcomes.
    static func combine(_ outcomes: [SolveOutcome], _ subs: [Instance], _ starts: [Double], into I: Instance, seconds: Double) -> SolveOutcome {
        var o = SolveOutcome(status: .noRotaInTime, rota: nil, bound: nil, seconds: seconds, modelSize: nil,
                             stoppedByTimeLimit: outcomes.contains { $0.stoppedByTimeLimit }, leastBreach: nil)
        o.interrupted = outcomes.contains { $0.interrupted }
        o.conflicts = outcomes.flatMap(\.conflicts)
        if outcomes.allSatisfy({ $0.modelSize != nil }) {
            o.modelSize = outcomes.dropFirst().reduce(outcomes[0].modelSize!) { a, b in
                ModelSize(columns: a.columns + b.modelSize!.columns, rows: a.rows + b.modelSize!.rows,
                          integers: a.integers + b.modelSize!.integers, nonzeros: a.nonzeros + b.modelSize!.nonzeros)
            }
        }
        let infeasible = outcomes.contains { $0.status == .infeasible }
        guard outcomes.allSatisfy({ $0.rota != nil }) else {
            o.status = infeasible ? .infeasible : .noRotaInTime
            o.unavoidableBreach = infeasible ? outcomes.reduce(0) { $0 + ($1.unavoidableBreach ?? 0) } : nil
            return o
        }
        var sites = Array(repeating: [Int](), count: I.clinicians.count)
        for (sub, part) in zip(subs, outcomes) {
            for (q, row) in part.rota!.sites.enumerated() {
                sites[I.clinicianIndex[sub.clinicians[q].id]!] = row.map { I.siteIndex[sub.sites[$0].id]! }
            }
        }
        o.rota = Rota(sites: sites)
        o.firstRotaSeconds = zip(outcomes, starts).map { ($0.firstRotaSeconds ?? $0.seconds) + $1 }.max()
        if infeasible {
            o.status = .infeasible
            o.leastBreach = outcomes.reduce(0) { $0 + ($1.status == .infeasible ? ($1.leastBreach ?? 0) : 0) }
            o.leastBreachProven = outcomes.allSatisfy { $0.status != .infeasible || $0.leastBreachProven }
            o.unavoidableBreach = outcomes.reduce(0) { $0 + ($1.unavoidableBreach ?? 0) }
            return o
        }
        o.status = outcomes.allSatisfy { $0.status == .optimal } ? .optimal : .feasible
        if outcomes.allSatisfy({ $0.bound != nil }) {
            o.bound = outcomes.reduce(0) { $0 + $1.bound! }
            let sources = Set(outcomes.compactMap(\.boundSource)).sorted()
            o.boundSource = sources.count == 1 ? "\(sources[0]), summed over \(outcomes.count) parts"
                : "summed over \(outcomes.count) parts (" + sources.joined(separator: ", ") + ")"
        }
        return o
    }
}
