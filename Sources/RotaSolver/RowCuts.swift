import RotaCore

/// Mixed-integer rounding (MIR) cuts on the target and floor rows, for the
/// Lagrangian bound.
///
/// Why: much of the gap between rotas and the bound is cover above target
/// ("waste"): a PCN that wants 1.0 WTE gets a 0.8 and a 0.6 clinician (0.4
/// too much) or one of them (0.2 or 0.4 short). The relaxation has no such
/// choice: it meets the 1.0 with all of one clinician and a quarter of
/// another's year, and so never pays for the rounding. The bound prices these
/// cuts with its long step schedule only (`LagrangianBound.Steps`): with few
/// iterations their extra multipliers converge too slowly to pay.
///
/// Each target row, with every clinician's cover counted up to the target
/// (c'ₚ = min(cₚ, T), see `LagrangianBound`), reads u + Σ c'ₚ xₚ ≥ T with
/// u ≥ 0 the shortfall and xₚ ∈ {0, 1}. Divided by δ > 0 it is
/// Σ aₚ xₚ + u/δ ≥ b with aₚ = c'ₚ/δ and b = T/δ, and the MIR inequality
///
///     Σ F(aₚ) xₚ + u/(δ f) ≥ ⌈b⌉,   F(a) = ⌊a⌋ + min(a − ⌊a⌋, f)/f,  f = b − ⌊b⌋ > 0
///
/// holds for every integer x ≥ 0 and u ≥ 0 (Nemhauser and Wolsey, *Integer
/// and Combinatorial Optimization*, II.1.7; the ≥ form follows from the ≤
/// form applied to the negated row). Times δf it is a row of the same shape
/// as the target row: u ≥ K − Σ dₚ xₚ with K = δ f ⌈b⌉ and dₚ = δ f F(aₚ).
/// With T = 1.0 and δ = 0.8: u ≥ 0.2·(2 − 2x₁.₀ − x₀.₈ − x₀.₆), so a lone 0.8
/// pays 0.2, and a 0.8 with a quarter of another 0.8 pays 0.15, not 0.
///
/// δ runs over the WTEs (capped at T) of the clinicians who may work at the
/// site, and the cut is kept when f is between 0.05 and 0.95 (near an
/// integer b the cut is weak and 1/f would magnify rounding errors). F is
/// continuous, so floating-point error in F stays of the order of 1e-15 per
/// clinician; `K` is lowered by `safety` to keep every cut valid.
struct RowCuts: Sendable {
    /// Per cut: the row's right-hand side (T, or the floor F' = F − Floor.tolerance),
    /// δ, f, K, and whether it is a target row's cut (which shares the
    /// shortfall u with the row) or a floor's.
    let row: [Double], delta: [Double], frac: [Double], rhs: [Double], onTarget: [Bool]
    /// The cuts of site s in week w: `first[s * W + w] ..< first[s * W + w + 1]`.
    let first: [Int]
    let weeks: Int
    static let safety = 1e-9

    /// `floorRHS` is F' per site and week, as the bound's floor rows use it.
    init(_ I: Instance, floorRHS: [[Double]]) {
        let W = I.weeks
        var wtes = Array(repeating: Set<Double>(), count: I.sites.count)
        for p in I.clinicians.indices { for s in I.eligible[p] { wtes[s].insert(I.clinicians[p].wte) } }
        var row: [Double] = [], delta: [Double] = [], frac: [Double] = []
        var rhs: [Double] = [], onTarget: [Bool] = []
        var first: [Int] = []
        first.reserveCapacity(I.sites.count * W + 1)
        for s in I.sites.indices {
            // Sorted, so that the cuts come out the same every run.
            let values = wtes[s].sorted()
            for w in 0..<W {
                first.append(rhs.count)
                for (T, isTarget) in [(I.target[s][w], true), (floorRHS[s][w], false)] where T > 0 {
                    for cut in Self.cuts(row: T, wtes: values) {
                        row.append(T); delta.append(cut.delta); frac.append(cut.frac)
                        rhs.append(cut.rhs); onTarget.append(isTarget)
                    }
                }
            }
        }
        first.append(rhs.count)
        (self.row, self.delta, self.frac, self.rhs, self.onTarget, self.first, self.weeks) =
            (row, delta, frac, rhs, onTarget, first, W)
    }

    /// The cuts of one row with right-hand side `T`, one per δ among `wtes`
    /// (capped at T) with f between 0.05 and 0.95: δ, f and K (lowered by
    /// `safety`).
    static func cuts(row T: Double, wtes: [Double]) -> [(delta: Double, frac: Double, rhs: Double)] {
        var out: [(delta: Double, frac: Double, rhs: Double)] = []
        var seen = Set<Double>()
        for v in wtes {
            let d = min(v, T)
            guard d > 0, seen.insert(d).inserted else { continue }
            let b = T / d
            let f = b - b.rounded(.down)
            guard f >= 0.05 && f <= 0.95 else { continue }
            out.append((d, f, d * f * b.rounded(.up) - safety))
        }
        return out
    }

    /// dₚ of a cut with δ `delta` and f `frac` on a row with right-hand side
    /// `row`, for a clinician who gives `cover`.
    static func coefficient(delta d: Double, frac f: Double, row: Double, cover: Double) -> Double {
        let a = min(cover, row) / d
        let whole = a.rounded(.down)
        return d * f * (whole + min(a - whole, f) / f)
    }

    var count: Int { rhs.count }

    func range(_ s: Int, _ w: Int) -> Range<Int> {
        first.isEmpty ? 0..<0 : first[s * weeks + w]..<first[s * weeks + w + 1]
    }

    /// dₚ of cut `k` for a clinician who gives `cover` (counted up to the row's right-hand side here).
    func coefficient(_ k: Int, cover: Double) -> Double {
        Self.coefficient(delta: delta[k], frac: frac[k], row: row[k], cover: cover)
    }
}

extension RowCuts {
    /// No cuts (the bound without them, and the breach bound).
    static func none(_ weeks: Int) -> RowCuts { RowCuts(weeks: weeks) }

    private init(weeks: Int) {
        (row, delta, frac, rhs, onTarget, first, self.weeks) = ([], [], [], [], [], [], weeks)
    }

    /// Projects `point` (every entry ≥ 0) onto {x ≥ 0, Σ x ≤ cap}, the
    /// multipliers a target row and its cuts may take together: nothing moves
    /// when the sum is within the cap; otherwise the Euclidean projection onto
    /// the face Σ x = cap (sort, then subtract one threshold).
    static func project(_ point: inout [Double], cap: Double) {
        // Aimed a hair inside the cap: the sum of the results, rounded, is
        // then within it too (u's price must not go negative, or L is no
        // bound; the test found sums an ulp above when aimed at the cap).
        let limit = cap * (1 - 1e-12)
        guard point.reduce(0, +) > limit else { return }
        let sorted = point.sorted(by: >)
        var sum = 0.0, theta = 0.0
        for (i, v) in sorted.enumerated() {
            sum += v
            let t = (sum - limit) / Double(i + 1)
            if v - t > 0 { theta = t }
        }
        for i in point.indices { point[i] = max(0, point[i] - theta) }
        let total = point.reduce(0, +)
        if total > limit { for i in point.indices { point[i] *= limit / total } }
    }
}

/// Arrival cuts for a re-plan, for the Lagrangian bound: where the clinicians
/// agreed at a site in a week cannot meet its floor on their own (a leaver,
/// new leave, a raised floor), at least k clinicians not agreed there must
/// come:
///
///     Σ_{p : agreed(p, w) ≠ s} x(p, s, w) ≥ k
///
/// with k the fewest of those who may come whose cover, the largest first,
/// makes up the difference. Every valid rota keeps it: with fewer arrivals
/// the site's cover is at most the agreed clinicians' cover and the k − 1
/// largest arrivals', which is below F − Floor.tolerance.
///
/// Why: a floor short by 0.1 WTE is met in the relaxation by a tenth of a
/// clinician, who pays a tenth of the disruption weight (10 of 100); any rota
/// moves a whole clinician and pays 100. With disruption weighted far above
/// the rest, the re-plan's bound was far below its rota (bench/HISTORY.md,
/// "Re-plan: how far from the best re-plan").
/// (Only floors: a rota may leave a target short, so targets give no cut.
/// Not for the breach bound either, whose rotas may break floors.)
struct ArrivalCuts: Sendable {
    /// Per cut: its site, 0-based week and k.
    let site: [Int], week: [Int], need: [Double]
    /// The cut of site s in week w, or −1: `index[s * weeks + w]`.
    private let index: [Int]
    let weeks: Int

    /// `floorRHS` is F' per site and week, as the bound's floor rows use it
    /// (each clinician's cover counted up to it).
    init(_ I: Instance, floorRHS: [[Double]]) {
        let W = I.weeks, S = I.sites.count
        var site: [Int] = [], week: [Int] = [], need: [Double] = []
        var index = [Int](repeating: -1, count: I.disruption > 0 ? S * W : 0)
        if I.disruption > 0 {
            // The cover of the clinicians agreed at each site-week who may stay there.
            var staying = Array(repeating: Array(repeating: 0.0, count: W), count: S)
            var replanned = [Bool](repeating: false, count: W)
            for p in I.clinicians.indices {
                for w in 0..<W {
                    guard let a = I.agreed[p][w] else { continue }
                    replanned[w] = true
                    if let pin = I.pinned[p][w], pin != a { continue }
                    guard I.eligible[p].contains(a) else { continue }
                    staying[a][w] += min(I.cover[p][w], floorRHS[a][w])
                }
            }
            // The cover each clinician who may arrive would bring.
            var arriving = Array(repeating: Array(repeating: [Double](), count: W), count: S)
            for p in I.clinicians.indices {
                for s in I.eligible[p] {
                    for w in 0..<W where replanned[w] && I.agreed[p][w] != s && floorRHS[s][w] > 0
                        && staying[s][w] < floorRHS[s][w] - 1e-9 {
                        if let pin = I.pinned[p][w], pin != s { continue }
                        guard I.cover[p][w] > 0 else { continue }
                        arriving[s][w].append(min(I.cover[p][w], floorRHS[s][w]))
                    }
                }
            }
            for s in 0..<S {
                for w in 0..<W where replanned[w] && floorRHS[s][w] > 0 && staying[s][w] < floorRHS[s][w] - 1e-9 {
                    // k: the fewest arrivals that can reach the floor (the
                    // 1e-9 errs towards fewer, which keeps the cut valid). No
                    // cut where none can come: no valid rota exists then,
                    // and a cut with no terms would send its price up forever.
                    let covers = arriving[s][w].sorted(by: >)
                    guard !covers.isEmpty else { continue }
                    var k = 0, total = staying[s][w]
                    while k < covers.count && total < floorRHS[s][w] - 1e-9 { total += covers[k]; k += 1 }
                    index[s * W + w] = site.count
                    site.append(s); week.append(w); need.append(Double(k))
                }
            }
        }
        (self.site, self.week, self.need, self.index, self.weeks) = (site, week, need, index, W)
    }

    /// No cuts (the breach bound).
    static func none(_ weeks: Int) -> ArrivalCuts { ArrivalCuts(weeks: weeks) }

    private init(weeks: Int) { (site, week, need, index, self.weeks) = ([], [], [], [], weeks) }

    var count: Int { site.count }

    /// The cut of site s in 0-based week w, if any.
    @inline(__always) func cut(_ s: Int, _ w: Int) -> Int? {
        guard !index.isEmpty else { return nil }
        let k = index[s * weeks + w]
        return k < 0 ? nil : k
    }

    /// Whether clinician p placed at s in week w counts as an arrival there.
    /// One who brings no cover that week (out of post, a whole week of
    /// leave) cannot help meet the floor: counting them, a leaver held at
    /// home would meet a hub's cut for nothing.
    @inline(__always) static func arrives(_ I: Instance, _ p: Int, _ s: Int, _ w: Int) -> Bool {
        I.agreed[p][w] != s && I.cover[p][w] > 0
    }
}
