import RotaCore

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
    /// Weeks in post (0-based): a run that starts in the first or ends in the
    /// last is exempt from the minimum, like runs at the horizon's edges.
    var post: ClosedRange<Int>? = nil

    /// The best site index per week and its cost, or nil when no year keeps the rules.
    ///
    /// Sites that cannot be in any best year are left out first (see
    /// `undominatedSites`): in a large ICS most of a clinician's 30 to 60 PCNs
    /// cost the same but for travel, and the programme's work grows with the
    /// number of sites.
    func solve() -> (sites: [Int], cost: Double)? {
        let keep = undominatedSites()
        guard keep.count < sites else { return solveCounting() }
        var reduced = [Double](repeating: .infinity, count: keep.count * weeks)
        for (i, k) in keep.enumerated() { for w in 0..<weeks { reduced[i * weeks + w] = cost[k * weeks + w] } }
        var sub = ClinicianDP(sites: keep.count, weeks: weeks, cost: reduced, kind: keep.map { kind[$0] },
                              home: keep.firstIndex(of: home)!, minRun: minRun, maxRun: maxRun, changeCost: changeCost,
                              pcn: pcn, cas: cas, shortPenalty: shortPenalty)
        sub.post = post
        guard let best = sub.solveCounting() else { return nil }
        return (best.sites.map { keep[$0] }, best.cost)
    }

    /// The programme with as few share-week counters as it can prove enough.
    ///
    /// The counters multiply the states: West Midlands' shares (PCN 0.2–0.5,
    /// CAS 0–0.3 of 52 weeks) make 27 × 16 copies of every (site, run) state.
    /// Leaving a counter out (its sites count as hubs, its bounds dropped)
    /// relaxes the programme, so its best year costs no more than the exact
    /// one; when that year keeps the dropped bounds anyway it is feasible,
    /// so it is an exact best year (and, with soft lower bounds, it owes no
    /// penalty, so its cost is its exact cost). Tried cheapest first: no
    /// counter, the CAS counter only, the PCN counter only, then both; the
    /// failed tries cost at most a tenth of the full programme. Most best
    /// years sit at their lower CAS bound, mostly 0 weeks, so the CAS
    /// counter is seldom needed and the exact iterations of the bound and
    /// the hard re-plans became several times faster (bench/HISTORY.md,
    /// "ClinicianDP").
    func solveCounting() -> (sites: [Int], cost: Double)? {
        let hasPCN = kind.contains(1), hasCAS = kind.contains(2)
        guard hasPCN || hasCAS else { return solveAll() }
        var drops: [(pcn: Bool, cas: Bool)] = [(hasPCN, hasCAS)]
        if hasPCN && hasCAS { drops += [(true, false), (false, true)] }
        for drop in drops {
            var relaxed = ClinicianDP(sites: sites, weeks: weeks, cost: cost,
                                      kind: kind.map { ($0 == 1 && drop.pcn) || ($0 == 2 && drop.cas) ? 0 : $0 },
                                      home: home, minRun: minRun, maxRun: maxRun, changeCost: changeCost,
                                      pcn: drop.pcn ? 0...weeks : pcn, cas: drop.cas ? 0...weeks : cas,
                                      shortPenalty: shortPenalty)
            relaxed.post = post
            // No year keeps the relaxed rules: none keeps the exact ones.
            guard let year = relaxed.solveAll() else { return nil }
            let a = year.sites.filter { kind[$0] == 1 }.count, b = year.sites.filter { kind[$0] == 2 }.count
            if (!drop.pcn || pcn.contains(a)) && (!drop.cas || cas.contains(b)) { return year }
        }
        return solveAll()
    }

    /// The sites (ascending) a best year may need. A site other than home is
    /// left out when three kept sites of its kind cost no more in every week:
    /// in any year, each run there can move to one of the three that is not
    /// the site of the run before or after it, with the same length, the same
    /// share counts (same kind), the same changes and no higher cost, so some
    /// best year never uses it. (Forbidden weeks cost +∞, so the three are
    /// allowed wherever it is.) Sites are examined cheapest first, so a site's
    /// dominators come before it and the kept set does not depend on ties.
    func undominatedSites() -> [Int] {
        let W = weeks, K = sites
        guard K > 4 else { return Array(0..<K) }
        var forbidden = [Int](repeating: 0, count: K), total = [Double](repeating: 0, count: K)
        for k in 0..<K {
            for w in 0..<W { let c = cost[k * W + w]; if c.isFinite { total[k] += c } else { forbidden[k] += 1 } }
        }
        let order = (0..<K).filter { $0 != home }.sorted { (forbidden[$0], total[$0], $0) < (forbidden[$1], total[$1], $1) }
        var kept = [home]
        var keptByKind: [[Int]] = [[], [], []]
        cost.withUnsafeBufferPointer { c in
            for j in order {
                var dominators = 0
                for i in keptByKind[Int(kind[j])] {
                    var all = true
                    for w in 0..<W where c[i * W + w] > c[j * W + w] { all = false; break }
                    if all { dominators += 1; if dominators == 3 { break } }
                }
                if dominators < 3 { kept.append(j); keptByKind[Int(kind[j])].append(j) }
            }
        }
        return kept.sorted()
    }

    /// The programme itself, on every site.
    func solveAll() -> (sites: [Int], cost: Double)? {
        let W = weeks, K = sites
        let C = max(minRun, maxRun ?? minRun, 1)
        // A share counter is needed only when some site counts towards it
        // (a clinician with no CAS site has CAS weeks 0 throughout): without
        // this, most England clinicians carried 16 copies of every state.
        let A = kind.contains(1) ? pcn.upperBound + 1 : 1, B = kind.contains(2) ? cas.upperBound + 1 : 1
        let perSite = C * A * B
        let S = K * perSite
        @inline(__always) func index(_ k: Int, _ r: Int, _ a: Int, _ b: Int) -> Int { ((k * C + (r - 1)) * A + a) * B + b }

        var curArray = [Double](repeating: .infinity, count: S)
        var nxtArray = curArray
        // Back pointers are read only along the best path, and every one on
        // it was written, so the 30-odd MB need no clearing (that memset was
        // a third of the time of a call at West Midlands size).
        var backArray = [Int32](unsafeUninitializedCapacity: S * W) { _, count in count = S * W }
        for k in 0..<K where cost[k * W].isFinite {
            let a = kind[k] == 1 ? 1 : 0, b = kind[k] == 2 ? 1 : 0
            if a < A && b < B { curArray[index(k, 1, a, b)] = cost[k * W] }
        }
        // Best and second-best (by site) cost of leaving, per (a, b).
        var best1 = [Double](repeating: .infinity, count: A * B), best2 = best1
        var arg1 = [Int32](repeating: -1, count: A * B), arg2 = arg1
        var site1 = [Int](repeating: -1, count: A * B)
        let AB = A * B

        // The hot loop works on raw buffers: Swift's copy-on-write checks on
        // every store were most of the time here (measured with perf).
        curArray.withUnsafeMutableBufferPointer { curBuf in
        nxtArray.withUnsafeMutableBufferPointer { nxtBuf in
        backArray.withUnsafeMutableBufferPointer { back in
        best1.withUnsafeMutableBufferPointer { best1 in
        best2.withUnsafeMutableBufferPointer { best2 in
        arg1.withUnsafeMutableBufferPointer { arg1 in
        arg2.withUnsafeMutableBufferPointer { arg2 in
        site1.withUnsafeMutableBufferPointer { site1 in
        var cur = curBuf.baseAddress!, nxt = nxtBuf.baseAddress!
        let joins = post?.lowerBound ?? 0, leavesAfter = (post?.upperBound ?? (W - 1)) + 1
        for w in 1..<max(W, 1) {
            for i in 0..<AB { best1[i] = .infinity; best2[i] = .infinity; arg1[i] = -1; arg2[i] = -1; site1[i] = -1 }
            nxt.update(repeating: .infinity, count: S)
            let backBase = w * S
            // Counts cannot exceed the weeks so far.
            let aMax = min(A, w + 1), bMax = min(B, w + 1)
            // Stay, and collect the states that may end their run after week w−1.
            for k in 0..<K {
                let stayCost = cost[k * W + w]
                let isHome = k == home
                let da = kind[k] == 1 ? 1 : 0, db = kind[k] == 2 ? 1 : 0
                // At home the run's length never matters (H5 and H6 do not
                // apply there), so home keeps one length, 1: the other C − 1
                // copies of every home state were dead weight.
                for r in 1...(isHome ? 1 : C) {
                    // Runs from week 0 (or the first week in post), and runs
                    // ending at the last week in post, are exempt.
                    let mayLeave = isHome || r >= minRun || r == w - joins || w == leavesAfter
                    let mayStay = stayCost.isFinite && (isHome || maxRun == nil || r < maxRun!)
                    let r2 = isHome ? 1 : min(r + 1, C)
                    let rowBase = (k * C + (r - 1)) * AB
                    let stayBase = (k * C + (r2 - 1)) * AB + da * B + db
                    for a in 0..<aMax {
                        let stayA = mayStay && a + da < A
                        for b in 0..<bMax {
                            let i = rowBase + a * B + b
                            let v = cur[i]
                            if v == .infinity { continue }
                            if stayA && b + db < B {
                                let j = stayBase + a * B + b
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
                let base = (k * C) * AB + da * B + db
                for a in 0..<min(aMax, A - da) {
                    for b in 0..<min(bMax, B - db) {
                        let ab = a * B + b
                        let (v, from) = site1[ab] != k ? (best1[ab], arg1[ab]) : (best2[ab], arg2[ab])
                        if from < 0 || v == .infinity { continue }
                        let j = base + ab
                        let c = v + changeCost + c0
                        // A tie at home goes to the arrival, as it did when
                        // home kept every length (the shortest run won ties).
                        if c < nxt[j] || (k == home && c == nxt[j]) { nxt[j] = c; back[backBase + j] = from }
                    }
                }
            }
            swap(&cur, &nxt)
        }
        if cur != curBuf.baseAddress! { curBuf.baseAddress!.update(from: cur, count: S) }
        }}}}}}}}
        let cur = curArray
        let back = backArray

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

extension ClinicianDP {
    /// How the programme holds a clinician's H7 bounds.
    enum Shares {
        /// Both bounds hard.
        case hard
        /// Upper bounds hard, lower bounds owed at `penalty` per week short.
        case soft(penalty: Double)
        /// Neither: the bound's priced phase prices them, and a conflict
        /// check asks whether a year exists without them.
        case none
    }

    /// Clinician p's programme over `sites` (site indices, the home hub among
    /// them): H4's pins come in `cost`; H5 and H6 are the scenario's unless
    /// `minRun` or `maxRun` say otherwise; the weeks in post are theirs; H7 as
    /// `shares` says. `countKinds: false` counts every site as a hub (no
    /// week counters), which only `.none` makes exact.
    ///
    /// nil when the clinician's share bounds, in whole weeks, cross (lo > hi)
    /// and are to be kept: no year keeps them (the conflict check names it);
    /// owed at a penalty, the lower bound is lowered to the upper.
    init?(_ I: Instance, _ p: Int, sites: [Int], cost: [Double], changeCost: Double, shares: Shares,
          countKinds: Bool = true, minRun: Int? = nil, maxRun: Int?? = nil) {
        let W = I.weeks
        let pcn = I.shareWeeks[p][.pcn] ?? WeekBounds(lo: 0, hi: W)
        let cas = I.shareWeeks[p][.cas] ?? WeekBounds(lo: 0, hi: W)
        var penalty: Double?
        switch shares {
        case .hard, .none: if pcn.lo > pcn.hi || cas.lo > cas.hi { return nil }
        case .soft(let p): penalty = p
        }
        let kept: (ClosedRange<Int>, ClosedRange<Int>) = if case .none = shares {
            (0...W, 0...W)
        } else {
            (min(pcn.lo, pcn.hi)...pcn.hi, min(cas.lo, cas.hi)...cas.hi)
        }
        let run = RunLength(I.scenario.rotation)
        self.init(sites: sites.count, weeks: W, cost: cost,
                  kind: sites.map { s in !countKinds || I.sites[s].kind == .hub ? 0 : (I.sites[s].kind == .pcn ? 1 : 2) },
                  home: sites.firstIndex(of: I.home[p])!, minRun: minRun ?? run.minimum, maxRun: maxRun ?? run.maximum,
                  changeCost: changeCost, pcn: kept.0, cas: kept.1, shortPenalty: penalty, post: I.post[p])
    }
}
