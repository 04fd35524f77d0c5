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
        let I = instance
        let W = I.weeks
        let S = I.sites.count
        let w8 = I.scenario.weights
        let clock = ContinuousClock()
        let ws = breachOnly ? I.shortfallWeight.map { _ in 0 } : I.shortfallWeight
        let travelKm = breachOnly ? 0 : w8.travelKm, changeCost = breachOnly ? 0 : w8.change
        let phiCap = breachOnly ? 1.0 : .infinity
        let limit = I.rolloutLimit
        // One clinician's cover counts in a row only up to the row's
        // right-hand side: u ≥ T − Σ min(c, T)·x and Σ min(c, F')·x ≥ F'
        // (F' = F − Floor.tolerance, H2's tolerance) hold for every rota, since one
        // clinician with c ≥ T (or F') alone meets the row, and otherwise
        // nothing is capped. Without the caps the relaxation met a floor of
        // 0.6 with 60% of a 1.0 WTE clinician and spent the other 40%
        // elsewhere; with them it has to place the whole clinician, as a rota does.
        let floorRHS = Self.floorRHS(I)
        // The MIR cuts on the target and floor rows (`RowCuts`), each with its
        // multiplier ν ≥ 0; a target row and its cuts share the shortfall u,
        // so μ + Σ ν ≤ ws.
        let mir = cuts ? RowCuts(I, floorRHS: floorRHS) : RowCuts.none(W)
        var nu = [Double](repeating: 0, count: mir.count)
        trace?("bound: \(mir.count) cuts on targets and floors")
        // A re-plan's arrival cuts (`ArrivalCuts`), each with its multiplier α ≥ 0.
        let arrive = breachOnly ? ArrivalCuts.none(W) : ArrivalCuts(I, floorRHS: floorRHS)
        var alpha = [Double](repeating: 0, count: arrive.count)
        if arrive.count > 0 { trace?("bound: \(arrive.count) arrival cuts (re-plan)") }

        // Start where the LP usually is: every target short, so μ = ws.
        var mu = (0..<S).map { s in (0..<W).map { I.target[s][$0] > 0 ? ws[s] : 0 } }
        // Floors start unpriced: in breach mode that is L = 0 exactly, the
        // bound's natural start (starting from full prices was far below 0 and
        // climbed back slowly at West Midlands size).
        var phi = Array(repeating: Array(repeating: 0.0, count: W), count: S)
        // Caps get a price only where there is a cap: a price on an uncapped
        // site-week would add cost with no constraint behind it (not a bound).
        var kappa = Array(repeating: Array(repeating: 0.0, count: W), count: S)
        var rho = Array(repeating: Array(repeating: 0.0, count: W), count: I.groupNames.count)
        var best: Double?
        // Polyak's step scale (see `Steps`).
        var theta = steps.pricedTheta
        var sinceBest = 0
        var direction: (mu: [[Double]], phi: [[Double]], kappa: [[Double]], rho: [[Double]], share: [[Double]], nu: [Double],
                        alpha: [Double])?
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
        var share = Array(repeating: [0.0, 0.0, 0.0, 0.0], count: I.clinicians.count)
        var exactIterations = 0
        var bestPoint: (mu: [[Double]], phi: [[Double]], kappa: [[Double]], rho: [[Double]], nu: [Double], alpha: [Double])?
        if let start {
            // Straight to the exact programme, as below at the end of the
            // priced phase; a point priced without the cuts starts them at 0.
            bestPoint = (start.mu, start.phi, start.kappa, start.rho,
                         start.nu.count == mir.count ? start.nu : [Double](repeating: 0, count: mir.count),
                         start.alpha.count == arrive.count ? start.alpha : [Double](repeating: 0, count: arrive.count))
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
                    if let b = bestPoint { (mu, phi, kappa, rho, nu, alpha) = b }
                    priced = false
                    theta = steps.exactTheta
                    sinceBest = 0
                    direction = nil
                }
            }
            if !priced { exactIterations += 1 }
            var value = 0.0
            // Each clinician's cover counted up to the row's right-hand side (see `floorRHS`).
            var cover = Array(repeating: Array(repeating: 0.0, count: W), count: S)
            var floorCover = cover
            var heads = Array(repeating: Array(repeating: 0, count: W), count: S)
            var away = Array(repeating: Array(repeating: 0.0, count: W), count: I.groupNames.count)
            var gShare = Array(repeating: [0.0, 0.0, 0.0, 0.0], count: I.clinicians.count)
            var cutCover = [Double](repeating: 0, count: mir.count)
            var arrivals = [Double](repeating: 0, count: arrive.count)
            // Each clinician's year in the relaxed solution (site indices).
            var chosen = Array(repeating: [Int](), count: years == nil ? 0 : I.clinicians.count)
            for s in 0..<S {
                for w in 0..<W {
                    value += mu[s][w] * I.target[s][w] + phi[s][w] * floorRHS[s][w]
                    if let c = I.cap[s][w] { value -= kappa[s][w] * Double(c) }
                }
            }
            for g in rho.indices { for w in 0..<W { if let l = limit[g][w] { value -= rho[g][w] * l } } }
            for k in nu.indices { value += nu[k] * mir.rhs[k] }
            for k in alpha.indices { value += alpha[k] * arrive.need[k] }

            for p in I.clinicians.indices {
                // A half-priced iteration is no bound: on a stop, keep the best whole one.
                if p % 16 == 0 && stop() { return best }
                let c = I.clinicians[p]
                let eligible = I.eligible[p]
                var cost = [Double](repeating: .infinity, count: eligible.count * W)
                for (k, s) in eligible.enumerated() {
                    let isAway = c.rotates && I.sites[s].kind != .hub
                    for w in 0..<W {
                        if let pin = I.pinned[p][w], pin != s { continue }
                        let given = I.cover[p][w]
                        var v = travelKm * I.distance[p][k] - mu[s][w] * min(given, I.target[s][w])
                            - phi[s][w] * min(given, floorRHS[s][w]) + kappa[s][w]
                        if !breachOnly { v += I.moveCost(p, s, w) }
                        if isAway { v += rho[I.group[p]][w] * c.wte }
                        for k in mir.range(s, w) where nu[k] > 0 {
                            v -= nu[k] * mir.coefficient(k, cover: given)
                        }
                        if let k = arrive.cut(s, w), ArrivalCuts.arrives(I, p, s, w) { v -= alpha[k] }
                        if priced {
                            switch I.sites[s].kind {
                            case .pcn: v += share[p][1] - share[p][0]
                            case .cas: v += share[p][3] - share[p][2]
                            case .hub: break
                            }
                        }
                        cost[k * W + w] = v
                    }
                }
                let pcn = I.shareWeeks[p][.pcn] ?? WeekBounds(lo: 0, hi: W)
                let cas = I.shareWeeks[p][.cas] ?? WeekBounds(lo: 0, hi: W)
                guard pcn.lo <= pcn.hi, cas.lo <= cas.hi else { return nil }
                let kind: [UInt8] = eligible.map { I.sites[$0].kind == .hub ? 0 : (I.sites[$0].kind == .pcn ? 1 : 2) }
                // Priced: no counters (every site counts as kind 0 for the programme).
                let dp = ClinicianDP(sites: eligible.count, weeks: W, cost: cost,
                                     kind: priced ? kind.map { _ in 0 } : kind,
                                     home: eligible.firstIndex(of: I.home[p])!, minRun: I.scenario.rotation.minRunWeeks,
                                     maxRun: I.scenario.rotation.maxRunWeeks, changeCost: changeCost,
                                     pcn: priced ? 0...W : pcn.lo...pcn.hi, cas: priced ? 0...W : cas.lo...cas.hi,
                                     shortPenalty: nil, post: I.post[p])
                guard let year = dp.solve() else { return nil }
                value += year.cost
                if priced {
                    let a = year.sites.filter { kind[$0] == 1 }.count, b = year.sites.filter { kind[$0] == 2 }.count
                    value += share[p][0] * Double(pcn.lo) - share[p][1] * Double(pcn.hi)
                        + share[p][2] * Double(cas.lo) - share[p][3] * Double(cas.hi)
                    gShare[p] = [Double(pcn.lo - a), Double(a - pcn.hi), Double(cas.lo - b), Double(b - cas.hi)]
                    for i in 0..<4 where share[p][i] <= 0 && gShare[p][i] < 0 { gShare[p][i] = 0 }
                }
                for w in 0..<W {
                    let s = eligible[year.sites[w]]
                    if years != nil { if w == 0 { chosen[p] = Array(repeating: s, count: W) } else { chosen[p][w] = s } }
                    cover[s][w] += min(I.cover[p][w], I.target[s][w])
                    floorCover[s][w] += min(I.cover[p][w], floorRHS[s][w])
                    heads[s][w] += 1
                    for k in mir.range(s, w) { cutCover[k] += mir.coefficient(k, cover: I.cover[p][w]) }
                    if let k = arrive.cut(s, w), ArrivalCuts.arrives(I, p, s, w) { arrivals[k] += 1 }
                    if c.rotates && I.sites[s].kind != .hub { away[I.group[p]][w] += c.wte }
                }
            }
            if best == nil || value > best! + 1e-9 {
                best = value; sinceBest = 0; improved?(value); years?(chosen)
                if priced { bestPoint = (mu, phi, kappa, rho, nu, alpha) }
            } else { sinceBest += 1 }
            trace?("bound iteration\(priced ? " (shares priced)" : ""): L = \(value), best \(best!), theta \(theta)")
            events?(.boundIteration(sharesPriced: priced, value: value))
            // Patience before the step is halved (see `Steps`): longer while
            // the shares are priced (cheap iterations) than for the exact
            // programme: with the short schedule's 5 throughout, the priced
            // phase stopped short of its optimum and the exact phase never
            // made up the difference (bench/HISTORY.md).
            if sinceBest >= (priced ? steps.pricedPatience : steps.exactPatience) { theta /= 2; sinceBest = 0 }

            // Subgradients, projected onto the multipliers' ranges.
            var norm = 0.0
            var gMu = mu, gPhi = phi, gKappa = kappa, gRho = rho
            for s in 0..<S {
                for w in 0..<W {
                    gMu[s][w] = I.target[s][w] > 0 ? I.target[s][w] - cover[s][w] : 0
                    if (mu[s][w] <= 0 && gMu[s][w] < 0) || (mu[s][w] >= ws[s] && gMu[s][w] > 0) { gMu[s][w] = 0 }
                    gPhi[s][w] = I.floor[s][w] > 0 ? floorRHS[s][w] - floorCover[s][w] : 0
                    if (phi[s][w] <= 0 && gPhi[s][w] < 0) || (phi[s][w] >= phiCap && gPhi[s][w] > 0) { gPhi[s][w] = 0 }
                    gKappa[s][w] = I.cap[s][w].map { Double(heads[s][w] - $0) } ?? 0
                    if kappa[s][w] <= 0 && gKappa[s][w] < 0 { gKappa[s][w] = 0 }
                    norm += gMu[s][w] * gMu[s][w] + gPhi[s][w] * gPhi[s][w] + gKappa[s][w] * gKappa[s][w]
                }
            }
            for g in rho.indices {
                for w in 0..<W {
                    gRho[g][w] = limit[g][w].map { away[g][w] - $0 } ?? 0
                    if rho[g][w] <= 0 && gRho[g][w] < 0 { gRho[g][w] = 0 }
                    norm += gRho[g][w] * gRho[g][w]
                }
            }
            for p in gShare.indices { for i in 0..<4 { norm += gShare[p][i] * gShare[p][i] } }
            var gNu = nu
            for k in nu.indices {
                gNu[k] = mir.rhs[k] - cutCover[k]
                if nu[k] <= 0 && gNu[k] < 0 { gNu[k] = 0 }
                norm += gNu[k] * gNu[k]
            }
            var gAlpha = alpha
            for k in alpha.indices {
                gAlpha[k] = arrive.need[k] - arrivals[k]
                if alpha[k] <= 0 && gAlpha[k] < 0 { gAlpha[k] = 0 }
                norm += gAlpha[k] * gAlpha[k]
            }
            if norm < 1e-12 {
                // The relaxed solution is feasible and complementary: L is
                // optimal for this relaxation (priced: go on with the exact one).
                if priced { theta = 0; continue }
                break
            }
            // Camerini–Fratta–Maffioli deflection: when the new subgradient
            // points back against the last direction (the zig-zag that made
            // the plain method crawl at West Midlands size), part of the last
            // direction is kept. Any direction is fine for the bound's
            // validity: every L computed is a true bound.
            var dot = 0.0, lastNorm = 0.0
            if let d = direction {
                for s in 0..<S {
                    for w in 0..<W {
                        dot += gMu[s][w] * d.mu[s][w] + gPhi[s][w] * d.phi[s][w] + gKappa[s][w] * d.kappa[s][w]
                        lastNorm += d.mu[s][w] * d.mu[s][w] + d.phi[s][w] * d.phi[s][w] + d.kappa[s][w] * d.kappa[s][w]
                    }
                }
                for g in rho.indices { for w in 0..<W { dot += gRho[g][w] * d.rho[g][w]; lastNorm += d.rho[g][w] * d.rho[g][w] } }
                for p in gShare.indices { for i in 0..<4 { dot += gShare[p][i] * d.share[p][i]; lastNorm += d.share[p][i] * d.share[p][i] } }
                for k in nu.indices { dot += gNu[k] * d.nu[k]; lastNorm += d.nu[k] * d.nu[k] }
                for k in alpha.indices { dot += gAlpha[k] * d.alpha[k]; lastNorm += d.alpha[k] * d.alpha[k] }
            }
            let beta = dot < 0 && lastNorm > 0 ? -1.5 * dot / lastNorm : 0
            if beta > 0, let d = direction {
                norm = 0
                for s in 0..<S {
                    for w in 0..<W {
                        gMu[s][w] += beta * d.mu[s][w]; gPhi[s][w] += beta * d.phi[s][w]; gKappa[s][w] += beta * d.kappa[s][w]
                        norm += gMu[s][w] * gMu[s][w] + gPhi[s][w] * gPhi[s][w] + gKappa[s][w] * gKappa[s][w]
                    }
                }
                for g in rho.indices { for w in 0..<W { gRho[g][w] += beta * d.rho[g][w]; norm += gRho[g][w] * gRho[g][w] } }
                for p in gShare.indices { for i in 0..<4 { gShare[p][i] += beta * d.share[p][i]; norm += gShare[p][i] * gShare[p][i] } }
                for k in nu.indices { gNu[k] += beta * d.nu[k]; norm += gNu[k] * gNu[k] }
                for k in alpha.indices { gAlpha[k] += beta * d.alpha[k]; norm += gAlpha[k] * gAlpha[k] }
            }
            direction = (gMu, gPhi, gKappa, gRho, gShare, gNu, gAlpha)
            // Polyak's step towards a target a little above the best bound.
            let target = upper().map { max($0, best! + 1e-6) } ?? (best! + max(1, abs(best!)))
            let step = theta * (target - value) / max(norm, 1e-12)
            for s in 0..<S {
                for w in 0..<W {
                    mu[s][w] = min(ws[s], max(0, mu[s][w] + step * gMu[s][w]))
                    phi[s][w] = min(phiCap, max(0, phi[s][w] + step * gPhi[s][w]))
                    kappa[s][w] = max(0, kappa[s][w] + step * gKappa[s][w])
                }
            }
            for g in rho.indices { for w in 0..<W { rho[g][w] = max(0, rho[g][w] + step * gRho[g][w]) } }
            if priced { for p in share.indices { for i in 0..<4 { share[p][i] = max(0, share[p][i] + step * gShare[p][i]) } } }
            for k in alpha.indices { alpha[k] = max(0, alpha[k] + step * gAlpha[k]) }
            if !nu.isEmpty {
                for s in 0..<S {
                    for w in 0..<W {
                        let r = mir.range(s, w)
                        guard !r.isEmpty else { continue }
                        for k in r { nu[k] = max(0, nu[k] + step * gNu[k]) }
                        // A target row's cuts share its u: μ + Σ ν ≤ ws (μ
                        // was stepped and clamped to [0, ws] above).
                        let shared = r.filter { mir.onTarget[$0] }
                        guard !shared.isEmpty else { continue }
                        var point = [mu[s][w]] + shared.map { nu[$0] }
                        RowCuts.project(&point, cap: ws[s])
                        mu[s][w] = point[0]
                        for (i, k) in shared.enumerated() { nu[k] = point[i + 1] }
                    }
                }
            }
        }
        // The best priced multipliers, also when the time ran out before the
        // priced phase ended: any L is a true bound.
        if pricedOnly, let b = bestPoint, let best {
            handOff?(PricedPoint(mu: b.mu, phi: b.phi, kappa: b.kappa, rho: b.rho, nu: b.nu, alpha: b.alpha, value: best))
        }
        return best
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
