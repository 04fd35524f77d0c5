import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import RotaCore
import Synchronization

/// A true lower bound on Z by Lagrangian relaxation.
///
/// The rows that tie clinicians together (shortfall, floors H2, caps H3,
/// rollout H8) are moved into the objective with multipliers μ, φ, κ, ρ ≥ 0
/// (μ ≤ the shortfall weight, or the relaxation is unbounded in u). What is
/// left splits into one problem per clinician, which `ClinicianDP` solves
/// exactly with every rule of that clinician (H1, H4, H5, H6, H7). For any
/// such multipliers
///
///     L = Σ μ·T + Σ φ·(F − Floor.tolerance) − Σ κ·C − Σ ρ·limit + Σ_p min_p(...)
///
/// (the shortfall and floor rows counting each clinician's cover only up to
/// their right-hand side, which every rota allows: see `run`; with `cuts`,
/// also + Σ ν·K for the MIR cuts of `RowCuts`, whose dₚ enter the
/// clinicians' costs as − ν·dₚ; in a re-plan, + Σ α·k for the arrival cuts
/// of `ArrivalCuts`, whose α enters the cost of each arrival as − α)
/// is ≤ the optimum of the spec's model (weak duality), so the best L found
/// is a bound a planner can trust. The multipliers are improved by the
/// subgradient method with Polyak steps.
///
/// With `breachOnly` the same relaxation bounds another problem: the least
/// total floor breach Σ max(0, F − Floor.tolerance − cover) over rotas that keep H1 and
/// H3–H8 (no shortfall, change or travel cost; φ ≤ 1, the breach's price).
/// A positive value proves that no valid rota exists, in cases the eligible
/// supply alone cannot show (a rollout limit, shares and floors together).
public struct LagrangianBound: Sendable {
    public let instance: Instance
    public let breachOnly: Bool
    /// Whether the target and floor rows' MIR cuts (`RowCuts`) are priced
    /// too: as `steps` says unless given.
    public let cuts: Bool
    public let steps: Steps
    public init(instance: Instance, breachOnly: Bool = false, cuts: Bool? = nil, steps: Steps = .short) {
        self.instance = instance; self.breachOnly = breachOnly; self.cuts = (cuts ?? steps.cuts) && !breachOnly; self.steps = steps
    }

    /// The subgradient's step schedule: Polyak's step scale θ at the start of
    /// each phase, and how many iterations without a better L before θ is
    /// halved; and whether the MIR cuts are priced.
    ///
    /// The cuts come with the long schedule only: with many iterations they
    /// lift the bound a long way; with few, their thousands of extra
    /// multipliers converge too slowly to pay (measurements: bench/HISTORY.md,
    /// "Measurements behind the solver's constants").
    public struct Steps: Sendable, Equatable {
        public var pricedTheta: Double, pricedPatience: Int, exactTheta: Double, exactPatience: Int
        public var cuts: Bool

        /// For a budget of few iterations (a region in 60 s): short steps,
        /// quickly shortened, since longer schedules do not settle in time.
        /// The exact phase starts from the best multipliers with a step below
        /// where the priced phase ended, so its first step does not throw the
        /// bound back (measurements: bench/HISTORY.md).
        public static let short = Steps(pricedTheta: 0.25, pricedPatience: 20, exactTheta: 0.005, exactPatience: 5, cuts: false)

        /// For a budget of many iterations (the small scenarios, a few
        /// milliseconds each): long steps and patience, since the short
        /// schedule settles on multipliers far from the best there
        /// (measurements: bench/HISTORY.md).
        public static let long = Steps(pricedTheta: 2, pricedPatience: 100, exactTheta: 1, exactPatience: 20, cuts: true)

        /// `long` when the budget affords at least 2,000 iterations with the
        /// shares priced: the long schedule's priced phase (at most 1,000
        /// of them) then takes at most half the time, and the exact phase,
        /// about ten times slower an iteration, has the rest. Iterations are
        /// counted from the size of the clinicians' programmes (about 5
        /// million site-weeks a second on this machine), not from a clock,
        /// so the same scenario and time limit get the same schedule
        /// (the threshold's measurements: bench/HISTORY.md).
        public static func forBudget(_ I: Instance, seconds: Double) -> Steps {
            let siteWeeks = I.eligible.reduce(0) { $0 + $1.count } * I.weeks
            return seconds * 5e6 / Double(max(1, siteWeeks)) >= 2_000 ? .long : .short
        }
    }

    /// F' = F − Floor.tolerance per site and week (H2's tolerance), the right-hand side
    /// of the relaxed floor rows and of the cuts on them.
    static func floorRHS(_ I: Instance) -> [[Double]] { I.floor.map { $0.map(Floor.rowLower) } }

    /// The multipliers of the shared rows where the phase with shares priced
    /// found its best L (`value`, itself a true bound): what the search's start
    /// from the prices computes anyway, handed to the background bound so
    /// that it goes straight on with the exact programme (`BackgroundBound`).
    struct PricedPoint: Sendable {
        var mu: [[Double]], phi: [[Double]], kappa: [[Double]], rho: [[Double]], nu: [Double]
        var alpha: [Double] = []
        var value: Double
    }

    /// The best bound found before `deadline`, or nil when a clinician has no
    /// valid year at all (the rules conflict) or no iteration finished.
    /// `upper` gives the best Z known so far (from the search), which aims
    /// the Polyak steps; without one the target is twice the bound.
    /// `years` receives each clinician's year (site indices) in the relaxed
    /// solution whenever the bound improves; `pricedOnly` stops at the end of
    /// the phase with shares priced (the search's start from the prices), and
    /// then hands its best multipliers to `handOff`; `start` skips that phase,
    /// going on from multipliers another run handed off; `firstOnly` stops
    /// after the first whole iteration, whichever phase it is in.
    public func run(deadline: ContinuousClock.Instant, iterations: Int = 500, stop: @Sendable () -> Bool = { false },
             upper: @Sendable () -> Double? = { nil }, trace: ((String) -> Void)? = nil,
             improved: ((Double) -> Void)? = nil, years: (([[Int]]) -> Void)? = nil, pricedOnly: Bool = false) -> Double? {
        run(deadline: deadline, iterations: iterations, stop: stop, upper: upper, trace: trace, improved: improved,
            years: years, pricedOnly: pricedOnly, handOff: nil, from: nil)
    }

    func run(deadline: ContinuousClock.Instant, iterations: Int = 500, stop: @Sendable () -> Bool = { false },
             upper: @Sendable () -> Double? = { nil }, trace: ((String) -> Void)? = nil,
             improved: ((Double) -> Void)? = nil, years: (([[Int]]) -> Void)? = nil, pricedOnly: Bool = false,
             handOff: ((PricedPoint) -> Void)?, from start: PricedPoint?, firstOnly: Bool = false,
             events: ((SolveEvent) -> Void)? = nil) -> Double? {
        let R = Relaxation(self)
        let clock = ContinuousClock()
        trace?("bound: \(R.mir.count) cuts on targets and floors")
        if R.arrive.count > 0 { trace?("bound: \(R.arrive.count) arrival cuts (re-plan)") }
        var m = R.startingPrices()
        var best: Double?
        // Polyak's step scale (see `Steps`).
        var theta = steps.pricedTheta
        var sinceBest = 0
        var direction: Prices?
        // First the shares (H7) are priced too, per clinician: σ ≥ 0 on
        // "PCN weeks ≥ lo", τ ≥ 0 on "PCN weeks ≤ hi", and the same for CAS
        // ([σ_pcn, τ_pcn, σ_cas, τ_cas]). The per-clinician programme then
        // needs no week counters and an iteration is many times cheaper, so
        // the multipliers of the shared rows converge in seconds, not minutes
        // (bench/HISTORY.md, "LagrangianBound.run (shares priced)").
        // That bound is weaker (H7 is only kept on average), so once its step
        // has shrunk the counters come back, from the multipliers reached:
        // the exact programme's L at the same multipliers is never lower.
        var priced = true
        var pricedIterations = 0
        var exactIterations = 0
        var bestPoint: Prices?
        if let start {
            // Straight to the exact programme, as below at the end of the
            // priced phase; a point priced without the cuts starts them at 0.
            bestPoint = Prices(mu: start.mu, phi: start.phi, kappa: start.kappa, rho: start.rho, share: m.share,
                               nu: start.nu.count == R.mir.count ? start.nu : [Double](repeating: 0, count: R.mir.count),
                               alpha: start.alpha.count == R.arrive.count ? start.alpha : [Double](repeating: 0, count: R.arrive.count))
            best = start.value
            improved?(start.value)
            pricedIterations = 1_001
        }

        while exactIterations < iterations {
            if clock.now >= deadline || stop() { break }
            if firstOnly && pricedIterations + exactIterations > 0 && best != nil { break }
            if priced {
                pricedIterations += 1
                if theta < 0.01 || pricedIterations > 1000 {
                    if pricedOnly { break }
                    // From the best multipliers found (a last long step may
                    // have left them): there the exact L is at least the best.
                    if let b = bestPoint { m.restore(b) }
                    priced = false
                    theta = steps.exactTheta
                    sinceBest = 0
                    direction = nil
                }
            }
            if !priced { exactIterations += 1 }
            let relaxed: Relaxed
            switch R.solve(m, priced: priced, keepYears: years != nil, stop: stop) {
            case .solved(let r): relaxed = r
            // A half-priced iteration is no bound: on a stop, keep the best whole one.
            case .stopped: return best
            case .noYear: return nil
            }
            let value = relaxed.value
            if best == nil || value > best! + 1e-9 {
                best = value; sinceBest = 0; improved?(value); years?(relaxed.chosen)
                if priced { bestPoint = m }
            } else { sinceBest += 1 }
            trace?("bound iteration\(priced ? " (shares priced)" : ""): L = \(value), best \(best!), theta \(theta)")
            events?(.boundIteration(sharesPriced: priced, value: value))
            // Patience before the step is halved (see `Steps`): longer while
            // the shares are priced (cheap iterations) than for the exact
            // programme: with the short schedule's 5 throughout, the priced
            // phase stopped short of its optimum and the exact phase never
            // made up the difference (bench/HISTORY.md).
            if sinceBest >= (priced ? steps.pricedPatience : steps.exactPatience) { theta /= 2; sinceBest = 0 }

            var (g, norm) = R.subgradient(relaxed, at: m)
            if norm < 1e-12 {
                // The relaxed solution is feasible and complementary: L is
                // optimal for this relaxation (priced: go on with the exact one).
                if priced { theta = 0; continue }
                break
            }
            if let d = direction { norm = R.deflect(&g, norm: norm, last: d) }
            direction = g
            // Polyak's step towards a target a little above the best bound.
            let target = upper().map { max($0, best! + 1e-6) } ?? (best! + max(1, abs(best!)))
            R.step(&m, along: g, by: theta * (target - value) / max(norm, 1e-12), priced: priced)
        }
        // The best priced multipliers, also when the time ran out before the
        // priced phase ended: any L is a true bound.
        if pricedOnly, let b = bestPoint, let best {
            handOff?(PricedPoint(mu: b.mu, phi: b.phi, kappa: b.kappa, rho: b.rho, nu: b.nu, alpha: b.alpha, value: best))
        }
        return best
    }

    /// The multipliers of the relaxed rows (μ targets, φ floors, κ caps, ρ
    /// rollout, per clinician σ/τ on the shares, ν the MIR cuts, α a
    /// re-plan's arrival cuts), or a step's direction in their space.
    struct Prices {
        var mu: [[Double]], phi: [[Double]], kappa: [[Double]], rho: [[Double]]
        var share: [[Double]], nu: [Double], alpha: [Double]

        /// Back to `b`'s prices of the shared rows (the shares' own stay: the
        /// exact programme, which comes next, does not price them).
        mutating func restore(_ b: Prices) { (mu, phi, kappa, rho, nu, alpha) = (b.mu, b.phi, b.kappa, b.rho, b.nu, b.alpha) }
    }

    /// One iteration's relaxed solution: its L, and what the clinicians'
    /// years put into each relaxed row (for the subgradient).
    struct Relaxed {
        var value: Double
        /// Each clinician's cover counted up to the row's right-hand side (see `floorRHS`).
        var cover: [[Double]], floorCover: [[Double]]
        var heads: [[Int]], away: [[Double]]
        var gShare: [[Double]], cutCover: [Double], arrivals: [Double]
        /// Each clinician's year (site indices), when asked for.
        var chosen: [[Int]]
    }

    enum Solved { case solved(Relaxed), stopped, noYear }

    /// The relaxation's data, fixed for a run: the instance's arrays, the
    /// terms the mode prices, the cuts.
    struct Relaxation {
        let I: Instance
        let breachOnly: Bool
        let W: Int, S: Int
        let ws: [Double]
        let travelKm: Double, changeCost: Double, phiCap: Double
        let limit: [[Double?]]
        let floorRHS: [[Double]]
        let mir: RowCuts
        let arrive: ArrivalCuts

        init(_ b: LagrangianBound) {
            I = b.instance
            breachOnly = b.breachOnly
            W = I.weeks; S = I.sites.count
            let w8 = I.scenario.weights
            ws = breachOnly ? I.shortfallWeight.map { _ in 0 } : I.shortfallWeight
            travelKm = breachOnly ? 0 : w8.travelKm; changeCost = breachOnly ? 0 : w8.change
            phiCap = breachOnly ? 1.0 : .infinity
            limit = I.rolloutLimit
            // One clinician's cover counts in a row only up to the row's
            // right-hand side: u ≥ T − Σ min(c, T)·x and Σ min(c, F')·x ≥ F'
            // (F' = F − Floor.tolerance, H2's tolerance) hold for every rota, since one
            // clinician with c ≥ T (or F') alone meets the row, and otherwise
            // nothing is capped. Without the caps the relaxation met a floor of
            // 0.6 with 60% of a 1.0 WTE clinician and spent the other 40%
            // elsewhere; with them it has to place the whole clinician, as a rota does.
            floorRHS = LagrangianBound.floorRHS(I)
            // The MIR cuts on the target and floor rows (`RowCuts`), each with its
            // multiplier ν ≥ 0; a target row and its cuts share the shortfall u,
            // so μ + Σ ν ≤ ws.
            mir = b.cuts ? RowCuts(I, floorRHS: floorRHS) : RowCuts.none(W)
            // A re-plan's arrival cuts (`ArrivalCuts`), each with its multiplier α ≥ 0.
            arrive = breachOnly ? ArrivalCuts.none(W) : ArrivalCuts(I, floorRHS: floorRHS)
        }

        func startingPrices() -> Prices {
            // Start where the LP usually is: every target short, so μ = ws.
            // Floors start unpriced: in breach mode that is L = 0 exactly, the
            // bound's natural start (starting from full prices was far below 0 and
            // climbed back slowly at West Midlands size).
            // Caps get a price only where there is a cap: a price on an uncapped
            // site-week would add cost with no constraint behind it (not a bound).
            Prices(mu: (0..<S).map { s in (0..<W).map { I.target[s][$0] > 0 ? ws[s] : 0 } },
                   phi: Array(repeating: Array(repeating: 0.0, count: W), count: S),
                   kappa: Array(repeating: Array(repeating: 0.0, count: W), count: S),
                   rho: Array(repeating: Array(repeating: 0.0, count: W), count: I.groupNames.count),
                   share: Array(repeating: [0.0, 0.0, 0.0, 0.0], count: I.clinicians.count),
                   nu: [Double](repeating: 0, count: mir.count),
                   alpha: [Double](repeating: 0, count: arrive.count))
        }

        /// L at prices `m`: the constant terms, then each clinician's best
        /// year at the prices (`ClinicianDP`; `priced`: the shares priced,
        /// no week counters).
        func solve(_ m: Prices, priced: Bool, keepYears: Bool, stop: () -> Bool) -> Solved {
            // Locals for the hot loop: unoptimised (test) builds copy a property's struct on each access.
            let (I, W, S, floorRHS, mir, arrive, limit) = (self.I, self.W, self.S, self.floorRHS, self.mir, self.arrive, self.limit)
            let (travelKm, changeCost, breachOnly) = (self.travelKm, self.changeCost, self.breachOnly)
            var value = 0.0
            var cover = Array(repeating: Array(repeating: 0.0, count: W), count: S)
            var floorCover = cover
            var heads = Array(repeating: Array(repeating: 0, count: W), count: S)
            var away = Array(repeating: Array(repeating: 0.0, count: W), count: I.groupNames.count)
            var gShare = Array(repeating: [0.0, 0.0, 0.0, 0.0], count: I.clinicians.count)
            var cutCover = [Double](repeating: 0, count: mir.count)
            var arrivals = [Double](repeating: 0, count: arrive.count)
            var chosen = Array(repeating: [Int](), count: keepYears ? I.clinicians.count : 0)
            for s in 0..<S {
                for w in 0..<W {
                    value += m.mu[s][w] * I.target[s][w] + m.phi[s][w] * floorRHS[s][w]
                    if let c = I.cap[s][w] { value -= m.kappa[s][w] * Double(c) }
                }
            }
            for g in m.rho.indices { for w in 0..<W { if let l = limit[g][w] { value -= m.rho[g][w] * l } } }
            for k in m.nu.indices { value += m.nu[k] * mir.rhs[k] }
            for k in m.alpha.indices { value += m.alpha[k] * arrive.need[k] }

            for p in I.clinicians.indices {
                if p % 16 == 0 && stop() { return .stopped }
                let c = I.clinicians[p]
                let eligible = I.eligible[p]
                var cost = [Double](repeating: .infinity, count: eligible.count * W)
                for (k, s) in eligible.enumerated() {
                    let isAway = c.rotates && I.sites[s].kind != .hub
                    for w in 0..<W {
                        if let pin = I.pinned[p][w], pin != s { continue }
                        let given = I.cover[p][w]
                        var v = travelKm * I.distance[p][k] - m.mu[s][w] * min(given, I.target[s][w])
                            - m.phi[s][w] * min(given, floorRHS[s][w]) + m.kappa[s][w]
                        if !breachOnly { v += I.moveCost(p, s, w) }
                        if isAway { v += m.rho[I.group[p]][w] * c.wte }
                        for k in mir.range(s, w) where m.nu[k] > 0 {
                            v -= m.nu[k] * mir.coefficient(k, cover: given)
                        }
                        if let k = arrive.cut(s, w), ArrivalCuts.arrives(I, p, s, w) { v -= m.alpha[k] }
                        if priced {
                            switch I.sites[s].kind {
                            case .pcn: v += m.share[p][1] - m.share[p][0]
                            case .cas: v += m.share[p][3] - m.share[p][2]
                            case .hub: break
                            }
                        }
                        cost[k * W + w] = v
                    }
                }
                // Priced: the shares are in the costs, so no counters.
                guard let dp = ClinicianDP(I, p, sites: eligible, cost: cost, changeCost: changeCost,
                                           shares: priced ? .none : .hard, countKinds: !priced),
                      let year = dp.solve() else { return .noYear }
                value += year.cost
                if priced {
                    let pcn = I.shareWeeks[p][.pcn] ?? WeekBounds(lo: 0, hi: W)
                    let cas = I.shareWeeks[p][.cas] ?? WeekBounds(lo: 0, hi: W)
                    let a = year.sites.filter { I.sites[eligible[$0]].kind == .pcn }.count
                    let b = year.sites.filter { I.sites[eligible[$0]].kind == .cas }.count
                    let share = m.share[p]
                    value += share[0] * Double(pcn.lo) - share[1] * Double(pcn.hi)
                        + share[2] * Double(cas.lo) - share[3] * Double(cas.hi)
                    gShare[p] = [Double(pcn.lo - a), Double(a - pcn.hi), Double(cas.lo - b), Double(b - cas.hi)]
                    for i in 0..<4 where share[i] <= 0 && gShare[p][i] < 0 { gShare[p][i] = 0 }
                }
                for w in 0..<W {
                    let s = eligible[year.sites[w]]
                    if keepYears { if w == 0 { chosen[p] = Array(repeating: s, count: W) } else { chosen[p][w] = s } }
                    cover[s][w] += min(I.cover[p][w], I.target[s][w])
                    floorCover[s][w] += min(I.cover[p][w], floorRHS[s][w])
                    heads[s][w] += 1
                    for k in mir.range(s, w) { cutCover[k] += mir.coefficient(k, cover: I.cover[p][w]) }
                    if let k = arrive.cut(s, w), ArrivalCuts.arrives(I, p, s, w) { arrivals[k] += 1 }
                    if c.rotates && I.sites[s].kind != .hub { away[I.group[p]][w] += c.wte }
                }
            }
            return .solved(Relaxed(value: value, cover: cover, floorCover: floorCover, heads: heads, away: away,
                                   gShare: gShare, cutCover: cutCover, arrivals: arrivals, chosen: chosen))
        }

        /// The subgradient at `m`, projected onto the multipliers' ranges, and its squared norm.
        func subgradient(_ r: Relaxed, at m: Prices) -> (Prices, Double) {
            let (I, W, S, floorRHS, mir, arrive, limit, ws, phiCap) = (self.I, self.W, self.S, self.floorRHS, self.mir, self.arrive, self.limit, self.ws, self.phiCap)
            var norm = 0.0
            var g = Prices(mu: m.mu, phi: m.phi, kappa: m.kappa, rho: m.rho, share: r.gShare, nu: m.nu, alpha: m.alpha)
            for s in 0..<S {
                for w in 0..<W {
                    g.mu[s][w] = I.target[s][w] > 0 ? I.target[s][w] - r.cover[s][w] : 0
                    if (m.mu[s][w] <= 0 && g.mu[s][w] < 0) || (m.mu[s][w] >= ws[s] && g.mu[s][w] > 0) { g.mu[s][w] = 0 }
                    g.phi[s][w] = I.floor[s][w] > 0 ? floorRHS[s][w] - r.floorCover[s][w] : 0
                    if (m.phi[s][w] <= 0 && g.phi[s][w] < 0) || (m.phi[s][w] >= phiCap && g.phi[s][w] > 0) { g.phi[s][w] = 0 }
                    g.kappa[s][w] = I.cap[s][w].map { Double(r.heads[s][w] - $0) } ?? 0
                    if m.kappa[s][w] <= 0 && g.kappa[s][w] < 0 { g.kappa[s][w] = 0 }
                    norm += g.mu[s][w] * g.mu[s][w] + g.phi[s][w] * g.phi[s][w] + g.kappa[s][w] * g.kappa[s][w]
                }
            }
            for q in m.rho.indices {
                for w in 0..<W {
                    g.rho[q][w] = limit[q][w].map { r.away[q][w] - $0 } ?? 0
                    if m.rho[q][w] <= 0 && g.rho[q][w] < 0 { g.rho[q][w] = 0 }
                    norm += g.rho[q][w] * g.rho[q][w]
                }
            }
            for p in g.share.indices { for i in 0..<4 { norm += g.share[p][i] * g.share[p][i] } }
            for k in m.nu.indices {
                g.nu[k] = mir.rhs[k] - r.cutCover[k]
                if m.nu[k] <= 0 && g.nu[k] < 0 { g.nu[k] = 0 }
                norm += g.nu[k] * g.nu[k]
            }
            for k in m.alpha.indices {
                g.alpha[k] = arrive.need[k] - r.arrivals[k]
                if m.alpha[k] <= 0 && g.alpha[k] < 0 { g.alpha[k] = 0 }
                norm += g.alpha[k] * g.alpha[k]
            }
            return (g, norm)
        }

        /// Camerini–Fratta–Maffioli deflection: when the new subgradient
        /// points back against the last direction (the zig-zag that made the
        /// plain method crawl at West Midlands size), part of the last
        /// direction is kept. Any direction is fine for the bound's validity:
        /// every L computed is a true bound. Returns the squared norm of `g`.
        func deflect(_ g: inout Prices, norm: Double, last d: Prices) -> Double {
            let (W, S) = (self.W, self.S)
            var dot = 0.0, lastNorm = 0.0
            for s in 0..<S {
                for w in 0..<W {
                    dot += g.mu[s][w] * d.mu[s][w] + g.phi[s][w] * d.phi[s][w] + g.kappa[s][w] * d.kappa[s][w]
                    lastNorm += d.mu[s][w] * d.mu[s][w] + d.phi[s][w] * d.phi[s][w] + d.kappa[s][w] * d.kappa[s][w]
                }
            }
            for q in g.rho.indices { for w in 0..<W { dot += g.rho[q][w] * d.rho[q][w]; lastNorm += d.rho[q][w] * d.rho[q][w] } }
            for p in g.share.indices { for i in 0..<4 { dot += g.share[p][i] * d.share[p][i]; lastNorm += d.share[p][i] * d.share[p][i] } }
            for k in g.nu.indices { dot += g.nu[k] * d.nu[k]; lastNorm += d.nu[k] * d.nu[k] }
            for k in g.alpha.indices { dot += g.alpha[k] * d.alpha[k]; lastNorm += d.alpha[k] * d.alpha[k] }
            let beta = dot < 0 && lastNorm > 0 ? -1.5 * dot / lastNorm : 0
            guard beta > 0 else { return norm }
            var norm = 0.0
            for s in 0..<S {
                for w in 0..<W {
                    g.mu[s][w] += beta * d.mu[s][w]; g.phi[s][w] += beta * d.phi[s][w]; g.kappa[s][w] += beta * d.kappa[s][w]
                    norm += g.mu[s][w] * g.mu[s][w] + g.phi[s][w] * g.phi[s][w] + g.kappa[s][w] * g.kappa[s][w]
                }
            }
            for q in g.rho.indices { for w in 0..<W { g.rho[q][w] += beta * d.rho[q][w]; norm += g.rho[q][w] * g.rho[q][w] } }
            for p in g.share.indices { for i in 0..<4 { g.share[p][i] += beta * d.share[p][i]; norm += g.share[p][i] * g.share[p][i] } }
            for k in g.nu.indices { g.nu[k] += beta * d.nu[k]; norm += g.nu[k] * g.nu[k] }
            for k in g.alpha.indices { g.alpha[k] += beta * d.alpha[k]; norm += g.alpha[k] * g.alpha[k] }
            return norm
        }

        /// A step of length `step` along `g`, each multiplier kept in its range.
        func step(_ m: inout Prices, along g: Prices, by step: Double, priced: Bool) {
            let (W, S, mir, ws, phiCap) = (self.W, self.S, self.mir, self.ws, self.phiCap)
            for s in 0..<S {
                for w in 0..<W {
                    m.mu[s][w] = min(ws[s], max(0, m.mu[s][w] + step * g.mu[s][w]))
                    m.phi[s][w] = min(phiCap, max(0, m.phi[s][w] + step * g.phi[s][w]))
                    m.kappa[s][w] = max(0, m.kappa[s][w] + step * g.kappa[s][w])
                }
            }
            for q in m.rho.indices { for w in 0..<W { m.rho[q][w] = max(0, m.rho[q][w] + step * g.rho[q][w]) } }
            if priced { for p in m.share.indices { for i in 0..<4 { m.share[p][i] = max(0, m.share[p][i] + step * g.share[p][i]) } } }
            for k in m.alpha.indices { m.alpha[k] = max(0, m.alpha[k] + step * g.alpha[k]) }
            if !m.nu.isEmpty {
                for s in 0..<S {
                    for w in 0..<W {
                        let r = mir.range(s, w)
                        guard !r.isEmpty else { continue }
                        for k in r { m.nu[k] = max(0, m.nu[k] + step * g.nu[k]) }
                        // A target row's cuts share its u: μ + Σ ν ≤ ws (μ
                        // was stepped and clamped to [0, ws] above).
                        let shared = r.filter { mir.onTarget[$0] }
                        guard !shared.isEmpty else { continue }
                        var point = [m.mu[s][w]] + shared.map { m.nu[$0] }
                        RowCuts.project(&point, cap: ws[s])
                        m.mu[s][w] = point[0]
                        for (i, k) in shared.enumerated() { m.nu[k] = point[i + 1] }
                    }
                }
            }
        }
    }
}

/// Runs the bound on another thread while the search runs on this one
/// (the machine has two cores), and hands it over when asked.
///
/// It bounds Z; but while the search cannot find a valid rota, it can be
/// asked to bound the least floor breach instead (`lookForProofOfNoRota`),
/// whose positive value proves that no valid rota exists. It goes back to Z
/// when a valid rota turns up (`validRotaFound`).
///
/// Without `boundingZ` it bounds nothing (and takes no core) unless asked
/// for a proof: parts of a decomposed scenario look for their first rotas
/// that way, both cores on searches, and bound Z later.
final class BackgroundBound: Sendable {
    private enum Mode { case idle, objective, breach }
    private let result = Mutex<Double?>(nil)
    private let stopped = Mutex(false)
    private let upper = Mutex<Double?>(nil)
    private let breachUpper = Mutex<Double?>(nil)
    private let latestBound = Mutex<Double?>(nil)
    private let latestBreach = Mutex<Double?>(nil)
    private let mode: Mutex<Mode>
    private let boundingZ: Bool
    private let done = DispatchSemaphore(value: 0)
    /// The search's priced multipliers (`handOff`), and whether the search
    /// has said that it will hand none (more).
    private let handed = Mutex<LagrangianBound.PricedPoint?>(nil)
    private let handingSettled = Mutex(false)

    private let instance: Instance
    private let stopRequested: (@Sendable () -> Bool)?

    init(_ instance: Instance, deadline: ContinuousClock.Instant, steps: LagrangianBound.Steps = .short,
         trace: (@Sendable (String) -> Void)?, events: (@Sendable (SolveEvent) -> Void)? = nil,
         stopRequested: (@Sendable () -> Bool)? = nil, boundingZ: Bool = true, oneCore: Bool = false) {
        self.instance = instance
        self.stopRequested = stopRequested
        self.boundingZ = boundingZ
        mode = Mutex(boundingZ ? .objective : .idle)
        // A thread of its own, not a block on Dispatch's global queue: when
        // the solves themselves run on that queue (`rota compare`, parts solved
        // in parallel), its few threads are all busy and the bound would not
        // start until a solve ended (measured: no iteration in 60 s).
        Thread.detachNewThread { [self] in
            let clock = ContinuousClock()
            while true {
                let current = mode.withLock { $0 }
                let halt: @Sendable () -> Bool = { [self] in
                    stopped.withLock { $0 } || (stopRequested?() ?? false) || mode.withLock { $0 } != current
                }
                switch current {
                case .idle:
                    // Until asked for a proof (or stopped).
                    while mode.withLock({ $0 }) == .idle && !halt() && clock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
                case .objective:
                    var start: LagrangianBound.PricedPoint?
                    if oneCore {
                        // One core, shared with the search: the search runs the
                        // phase with shares priced for its start from the
                        // prices anyway, so wait for its multipliers rather
                        // than run it a second time, then go on at the lowest
                        // priority, with what the search leaves of the core.
                        while !handingSettled.withLock({ $0 }) && !halt() && clock.now < deadline {
                            Thread.sleep(forTimeInterval: 0.02)
                        }
                        if halt() || clock.now >= deadline { break }
                        start = handed.withLock { $0 }
                        // (Without them, as when the time ran out before the
                        // search's priced phase ended, at the usual priority.)
                        if start != nil { Self.yieldToOtherThreads() }
                        trace?("bound: \(start.map { "from the search's priced multipliers, L = \($0.value), at the lowest priority" } ?? "no priced multipliers from the search")")
                        events?(.boundResumed(fromPricedValue: start?.value))
                    }
                    let value = LagrangianBound(instance: instance, steps: steps).run(
                        deadline: deadline, stop: halt, upper: { [self] in upper.withLock { $0 } }, trace: trace,
                        improved: { [self] b in latestBound.withLock { $0 = max($0 ?? -.infinity, b) } },
                        handOff: nil, from: start)
                    if let value { result.withLock { $0 = max($0 ?? -.infinity, value) } }
                case .breach:
                    _ = LagrangianBound(instance: instance, breachOnly: true).run(
                        deadline: deadline, stop: halt, upper: { [self] in breachUpper.withLock { $0 } },
                        trace: trace.map { t in { t("breach " + $0) } },
                        improved: { [self] b in latestBreach.withLock { $0 = max($0 ?? -.infinity, b) } })
                }
                // Again only when the mode changed under it (not at the deadline, a stop or convergence).
                if stopped.withLock({ $0 }) || (stopRequested?() ?? false) || clock.now >= deadline { break }
                if mode.withLock({ $0 }) == current { break }
            }
            done.signal()
        }
    }

    /// Lowers the calling thread's priority to the least (nice 19): on Linux
    /// the nice value belongs to the thread, so the search keeps its own.
    private static func yieldToOtherThreads() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }

    /// The search's best multipliers with shares priced (with `oneCore`,
    /// the bound goes on from them).
    func handOff(_ point: LagrangianBound.PricedPoint) {
        handed.withLock { $0 = point }
        latestBound.withLock { $0 = max($0 ?? -.infinity, point.value) }
    }

    /// The search will hand no (more) multipliers: with `oneCore`,
    /// the bound starts now, from them if any were handed.
    func handingDone() { handingSettled.withLock { $0 = true } }

    /// The best bound on Z so far (for progress), while it runs.
    var latest: Double? { latestBound.withLock { $0 } }

    /// The best lower bound on the least total floor breach so far.
    var breachProof: Double? { latestBreach.withLock { $0 } }

    /// Tells the bound the best Z found so far.
    func offer(_ z: Double) { upper.withLock { $0 = min($0 ?? .infinity, z) } }

    /// No valid rota yet and the search is stuck: bound the breach instead.
    func lookForProofOfNoRota(bestBreach: Double) {
        breachUpper.withLock { $0 = min($0 ?? .infinity, bestBreach) }
        mode.withLock { $0 = .breach }
    }

    /// A valid rota exists after all: back to bounding Z.
    func validRotaFound() { mode.withLock { $0 = boundingZ ? .objective : .idle } }

    /// Stops the subgradient iterations and returns the best bound on Z so far.
    func finish() -> Double? {
        stopped.withLock { $0 = true }
        done.wait()
        done.signal()   // so that a second call returns at once
        // The best whole iteration of any run on Z (a run cut short by a
        // switch to the breach bound still counts).
        let best = [result.withLock { $0 }, latestBound.withLock { $0 }].compactMap { $0 }.max()
        if let best { return best }
        guard boundingZ else { return nil }
        // No whole iteration finished (a search that ended at once, or a
        // machine busy with other work): one iteration at the starting
        // multipliers is still a true bound, and costs well under a second
        // at West Midlands size. Not after Ctrl-C: the planner wants out.
        if stopRequested?() ?? false { return nil }
        let clock = ContinuousClock()
        // (One iteration of either phase: `iterations` counts the exact
        // phase's only, so `iterations: 1` would run the whole priced phase first.)
        let value = LagrangianBound(instance: instance).run(deadline: clock.now.advanced(by: .seconds(10)),
                                                            handOff: nil, from: nil, firstOnly: true)
        result.withLock { $0 = value }
        return value
    }
}
