/// The exact best year for one clinician when everyone else is fixed: a
/// dynamic programme over weeks with state (site, run length, PCN weeks so
/// far, CAS weeks so far). It keeps H1 (only eligible sites), H4 (pins, as
/// forbidden weeks), H5 with its edge exemptions, H6 and H7; the site-week
/// rules (H2, H3, H8) and the objective reach it through `cost`, which the
/// caller computes from everyone else's placements.
struct ClinicianDP {
    /// Number of candidate sites (the clinician's eligible sites).
    let sites: Int
    let weeks: Int
    /// cost[k * weeks + w]: cost of site k in week w; .infinity = forbidden.
    let cost: [Double]
    /// 0 = hub, 1 = PCN, 2 = CAS, per site.
    let kind: [UInt8]
    let home: Int
    let minRun: Int
    let maxRun: Int?
    let changeCost: Double
    /// H7 week bounds (hi is hard; lo is hard unless `shortPenalty` is given).
    let pcn: ClosedRange<Int>
    let cas: ClosedRange<Int>
    /// Cost per week short of a lower share bound (soft lower bounds), or nil.
    let shortPenalty: Double?

    /// The best site index per week and its cost, or nil when no year keeps the rules.
    func solve() -> (sites: [Int], cost: Double)? {
        let W = weeks, K = sites
        let C = max(minRun, maxRun ?? minRun, 1)
        let A = pcn.upperBound + 1, B = cas.upperBound + 1
        let perSite = C * A * B
        let S = K * perSite
        @inline(__always) func index(_ k: Int, _ r: Int, _ a: Int, _ b: Int) -> Int { ((k * C + (r - 1)) * A + a) * B + b }

        var cur = [Double](repeating: .infinity, count: S)
        var nxt = cur
        var back = [Int32](repeating: -1, count: S * W)
        for k in 0..<K where cost[k * W].isFinite {
            let a = kind[k] == 1 ? 1 : 0, b = kind[k] == 2 ? 1 : 0
            if a < A && b < B { cur[index(k, 1, a, b)] = cost[k * W] }
        }
        // Best and second-best (by site) cost of leaving, per (a, b).
        var best1 = [Double](repeating: .infinity, count: A * B), best2 = best1
        var arg1 = [Int32](repeating: -1, count: A * B), arg2 = arg1
        var site1 = [Int](repeating: -1, count: A * B)

        for w in 1..<max(W, 1) {
            for i in 0..<(A * B) { best1[i] = .infinity; best2[i] = .infinity; arg1[i] = -1; arg2[i] = -1; site1[i] = -1 }
            for i in 0..<S { nxt[i] = .infinity }
            let backBase = w * S
            // Stay, and collect the states that may end their run after week w−1.
            for k in 0..<K {
                let stayCost = cost[k * W + w]
                let isHome = k == home
                let da = kind[k] == 1 ? 1 : 0, db = kind[k] == 2 ? 1 : 0
                for r in 1...C {
                    let mayLeave = isHome || r >= minRun || r == w   // a run from week 0 is exempt
                    let mayStay = isHome || maxRun == nil || r < maxRun!
                    let r2 = min(r + 1, C)
                    for a in 0..<A {
                        for b in 0..<B {
                            let i = index(k, r, a, b)
                            let v = cur[i]
                            if !v.isFinite { continue }
                            if mayStay && stayCost.isFinite && a + da < A && b + db < B {
                                let j = index(k, r2, a + da, b + db)
                                let c = v + stayCost
                                if c < nxt[j] { nxt[j] = c; back[backBase + j] = Int32(i) }
                            }
                            if mayLeave {
                                let ab = a * B + b
                                if k == site1[ab] {
                                    if v < best1[ab] { best1[ab] = v; arg1[ab] = Int32(i) }
                                } else if v < best1[ab] {
                                    best2[ab] = best1[ab]; arg2[ab] = arg1[ab]
                                    best1[ab] = v; arg1[ab] = Int32(i); site1[ab] = k
                                } else if v < best2[ab] {
                                    best2[ab] = v; arg2[ab] = Int32(i)
                                }
                            }
                        }
                    }
                }
            }
            // Start a new run at another site.
            for k in 0..<K {
                let c0 = cost[k * W + w]
                if !c0.isFinite { continue }
                let da = kind[k] == 1 ? 1 : 0, db = kind[k] == 2 ? 1 : 0
                for a in 0..<(A - da) {
                    for b in 0..<(B - db) {
                        let ab = a * B + b
                        let (v, from) = site1[ab] != k ? (best1[ab], arg1[ab]) : (best2[ab], arg2[ab])
                        if from < 0 || !v.isFinite { continue }
                        let j = index(k, 1, a + da, b + db)
                        let c = v + changeCost + c0
                        if c < nxt[j] { nxt[j] = c; back[backBase + j] = from }
                    }
                }
            }
            swap(&cur, &nxt)
        }

        // The end: every run may end in week W (exempt from the minimum).
        var bestEnd = Double.infinity, bestState = -1
        for k in 0..<K {
            for r in 1...C {
                for a in 0..<A {
                    for b in 0..<B {
                        let i = index(k, r, a, b)
                        var v = cur[i]
                        if !v.isFinite { continue }
                        if let penalty = shortPenalty {
                            v += penalty * Double(max(0, pcn.lowerBound - a) + max(0, cas.lowerBound - b))
                        } else if a < pcn.lowerBound || b < cas.lowerBound {
                            continue
                        }
                        if v < bestEnd { bestEnd = v; bestState = i }
                    }
                }
            }
        }
        guard bestState >= 0 else { return nil }
        var out = [Int](repeating: 0, count: W)
        var state = bestState
        for w in stride(from: W - 1, through: 0, by: -1) {
            out[w] = state / perSite
            if w > 0 { state = Int(back[w * S + state]) }
        }
        return (out, bestEnd)
    }
}
