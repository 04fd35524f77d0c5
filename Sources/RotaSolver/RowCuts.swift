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
    /// Per cut: the row's right-hand side (T, or the floor F' = F − 1e-6),
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
