import RotaCore

/// Two clinicians of one ICS exchange their placements over a span of weeks,
/// when that lowers Z and every rule still holds.
///
/// Why: the one-at-a-time re-plans (`CoordinateDescent`) stop where moving
/// either clinician alone breaks a floor or costs cover, and the most common
/// such case is a mismatch of WTE: a 1.0 WTE clinician at a PCN whose target
/// is 0.6 while a 0.6 WTE colleague covers a PCN that wants 1.0 (West
/// Midlands, 60 s: 285 PCN site-weeks over target, 80 WTE-weeks of cover
/// spent where no target needs it). An exchange keeps both sites staffed and
/// every head count (caps) the same; only cover, the rollout's WTE away,
/// travel, disruption and the changes at the span's two ends move, so each
/// candidate is priced in the span's length. Spans run between weeks where
/// either clinician changes site, so runs move whole.
struct SwapSearch {
    let instance: Instance
    private(set) var rota: Rota
    private var cover: [[Double]]
    private var heads: [[Int]]
    private var away: [[Double]]
    private let limit: [[Double]]
    /// Eligible-site index of each site per clinician (nil: not eligible).
    private let siteIndex: [[Int?]]

    init(_ I: Instance, rota: Rota) {
        instance = I
        self.rota = rota
        let W = I.weeks
        cover = Array(repeating: Array(repeating: 0, count: W), count: I.sites.count)
        heads = Array(repeating: Array(repeating: 0, count: W), count: I.sites.count)
        away = Array(repeating: Array(repeating: 0, count: W), count: I.groupNames.count)
        var total = Array(repeating: 0.0, count: I.groupNames.count)
        for p in I.clinicians.indices where I.clinicians[p].rotates { total[I.group[p]] += I.clinicians[p].wte }
        limit = total.map { t in (0..<W).map { w in I.maxAway[w].map { $0 * t + 1e-9 } ?? .infinity } }
        for p in I.clinicians.indices {
            for w in 0..<W {
                let s = rota.sites[p][w]
                cover[s][w] += I.cover[p][w]
                heads[s][w] += 1
                if I.clinicians[p].rotates && I.sites[s].kind != .hub { away[I.group[p]][w] += I.clinicians[p].wte }
            }
        }
        siteIndex = I.clinicians.indices.map { p in
            var index = [Int?](repeating: nil, count: I.sites.count)
            for (k, s) in I.eligible[p].enumerated() { index[s] = k }
            return index
        }
    }

    /// Pairs that may exchange: rotating clinicians with a choice, of the
    /// same home ICS while PCNs are kept within the ICS (`same_ics_pcn`), else
    /// of the same trust. (Pairs across the ICSs of the West Midlands, who
    /// could exchange CAS weeks, gained nothing more: 3545.2 against 3544.8.)
    static func pairs(_ I: Instance) -> [(Int, Int)] {
        let movable = I.clinicians.indices.filter { I.clinicians[$0].rotates && I.eligible[$0].count > 1 }
        let sameICS = I.scenario.rotation.sameICSPCN
        var out: [(Int, Int)] = []
        for (i, a) in movable.enumerated() {
            for b in movable[(i + 1)...] where I.group[a] == I.group[b]
                && (!sameICS || I.sites[I.home[a]].ics == I.sites[I.home[b]].ics) { out.append((a, b)) }
        }
        return out
    }

    /// Exchanges until a whole pass finds none that lowers Z (or `stop`);
    /// returns the total gain.
    mutating func run(stop: () -> Bool) -> Double {
        let pairs = Self.pairs(instance)
        var total = 0.0
        while !stop() {
            var gain = 0.0
            for (n, (a, b)) in pairs.enumerated() {
                if n % 64 == 0 && stop() { break }
                gain += improve(a, b)
            }
            total += gain
            if gain < 1e-7 { break }
        }
        return total
    }

    /// The best exchange between a and b, made if it lowers Z; returns the gain.
    mutating func improve(_ a: Int, _ b: Int) -> Double {
        let I = instance
        let W = I.weeks
        let ya = rota.sites[a], yb = rota.sites[b]
        var cuts = [0]
        for w in 1..<W where ya[w] != ya[w - 1] || yb[w] != yb[w - 1] { cuts.append(w) }
        cuts.append(W)
        var best: (gain: Double, from: Int, to: Int)?
        for i in 0..<(cuts.count - 1) {
            // Spans of up to eight pieces between cuts (Yorkshire, 60 s: Z 2636.5
            // with four, 2631.2 with eight, the same with any number).
            for j in (i + 1)...min(cuts.count - 1, i + 8) {
                let (from, to) = (cuts[i], cuts[j])
                guard let delta = price(a, b, from, to), delta < -1e-7 else { continue }
                if best == nil || -delta > best!.gain + 1e-12 { best = (-delta, from, to) }
            }
        }
        guard let best else { return 0 }
        apply(a, b, best.from, best.to)
        return best.gain
    }

    /// What x does in a week the other (at `site`) gave up: the same site,
    /// or x's own home hub where the other was at theirs.
    func taken(_ site: Int, from other: Int, by x: Int) -> Int {
        site == instance.home[other] ? instance.home[x] : site
    }

    /// The change in Z if a and b exchange weeks from..<to, or nil when a rule would break.
    func price(_ a: Int, _ b: Int, _ from: Int, _ to: Int) -> Double? {
        let I = instance
        let W = I.weeks
        let w8 = I.scenario.weights
        let ya = rota.sites[a], yb = rota.sites[b]
        var delta = 0.0
        var differs = false
        var awayDelta: [Int: Double] = [:]
        // Per week, at most four sites change: a's and b's, before and after.
        var touched: [(site: Int, cover: Double, heads: Int)] = []
        touched.reserveCapacity(4)
        func touch(_ s: Int, _ c: Double, _ h: Int) {
            if let i = touched.firstIndex(where: { $0.site == s }) { touched[i].cover += c; touched[i].heads += h }
            else { touched.append((s, c, h)) }
        }
        for w in from..<to {
            let (sa, sb) = (ya[w], yb[w])
            let (na, nb) = (taken(sb, from: b, by: a), taken(sa, from: a, by: b))
            if na == sa && nb == sb { continue }
            differs = true
            if I.pinned[a][w] != nil || I.pinned[b][w] != nil { return nil }
            guard let ka = siteIndex[a][na], let kb = siteIndex[b][nb] else { return nil }
            let (ga, gb) = (I.cover[a][w], I.cover[b][w])
            touched.removeAll(keepingCapacity: true)
            touch(sa, -ga, -1); touch(na, ga, 1); touch(sb, -gb, -1); touch(nb, gb, 1)
            for t in touched where t.heads != 0 || abs(t.cover) > 1e-12 {
                let now = cover[t.site][w] + t.cover
                if t.cover < 0 && now < I.floor[t.site][w] - 1e-6 { return nil }
                if t.heads > 0, let cap = I.cap[t.site][w], heads[t.site][w] + t.heads > cap { return nil }
                let ws = w8.shortfall(I.sites[t.site].kind) * I.sites[t.site].priority
                delta += ws * (max(0, I.target[t.site][w] - now) - max(0, I.target[t.site][w] - cover[t.site][w]))
            }
            delta += w8.travelKm * (I.distance[a][ka] - I.distance[a][siteIndex[a][sa]!]
                                    + I.distance[b][kb] - I.distance[b][siteIndex[b][sb]!])
            delta += I.moveCost(a, na, w) - I.moveCost(a, sa, w) + I.moveCost(b, nb, w) - I.moveCost(b, sb, w)
            // WTE away per trust group and week: each of the two may leave or reach a hub.
            for (x, before, after) in [(a, sa, na), (b, sb, nb)] {
                let change = (I.sites[after].kind != .hub ? 1.0 : 0) - (I.sites[before].kind != .hub ? 1.0 : 0)
                if change != 0 { awayDelta[I.group[x] * W + w, default: 0] += change * I.clinicians[x].wte }
            }
        }
        guard differs else { return nil }
        for (key, d) in awayDelta where d > 1e-12 {
            let (g, w) = (key / W, key % W)
            if away[g][w] + d > limit[g][w] { return nil }
        }
        var na = ya, nb = yb
        for w in from..<to { (na[w], nb[w]) = (taken(yb[w], from: b, by: a), taken(ya[w], from: a, by: b)) }
        // Changes, from the week before the span to the week after it.
        func changes(_ y: [Int]) -> Int {
            var n = 0
            for w in max(1, from)...min(W - 1, to) where y[w] != y[w - 1] { n += 1 }
            return n
        }
        if W > 1 { delta += w8.change * Double(changes(na) + changes(nb) - changes(ya) - changes(yb)) }
        guard delta < -1e-7 else { return delta }
        guard keepsOwnRules(a, na), keepsOwnRules(b, nb) else { return nil }
        return delta
    }

    mutating func apply(_ a: Int, _ b: Int, _ from: Int, _ to: Int) {
        let I = instance
        for w in from..<to {
            let (sa, sb) = (rota.sites[a][w], rota.sites[b][w])
            let (na, nb) = (taken(sb, from: b, by: a), taken(sa, from: a, by: b))
            for (x, before, after) in [(a, sa, na), (b, sb, nb)] where before != after {
                cover[before][w] -= I.cover[x][w]; cover[after][w] += I.cover[x][w]
                heads[before][w] -= 1; heads[after][w] += 1
                if I.sites[before].kind != .hub { away[I.group[x]][w] -= I.clinicians[x].wte }
                if I.sites[after].kind != .hub { away[I.group[x]][w] += I.clinicians[x].wte }
            }
            rota.sites[a][w] = na
            rota.sites[b][w] = nb
        }
    }

    /// H1, H4, H5, H6 and H7 for one clinician's year, as the validator checks them.
    func keepsOwnRules(_ p: Int, _ year: [Int]) -> Bool {
        let I = instance
        let W = I.weeks
        let home = I.home[p]
        let minRun = I.scenario.rotation.minRunWeeks, maxRun = I.scenario.rotation.maxRunWeeks
        var pcn = 0, cas = 0
        var w = 0
        while w < W {
            let s = year[w]
            var end = w
            while end + 1 < W && year[end + 1] == s { end += 1 }
            for v in w...end {
                if siteIndex[p][s] == nil { return false }
                if let pin = I.pinned[p][v], pin != s { return false }
            }
            if s != home {
                let length = end - w + 1
                let atEdge = w == 0 || end == W - 1 || w == I.post[p].lowerBound || end == I.post[p].upperBound
                if length < minRun && !atEdge { return false }
                if let maxRun, length > maxRun { return false }
                switch I.sites[s].kind {
                case .pcn: pcn += length
                case .cas: cas += length
                case .hub: break
                }
            }
            w = end + 1
        }
        guard let p1 = I.shareWeeks[p][.pcn], let c1 = I.shareWeeks[p][.cas] else { return true }
        return p1.lo <= pcn && pcn <= p1.hi && c1.lo <= cas && cas <= c1.hi
    }
}
