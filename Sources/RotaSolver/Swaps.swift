import RotaCore

/// Two or three clinicians of one ICS exchange their placements over a span
/// of weeks, when that lowers Z and every rule still holds: each takes over
/// the next one's sites, and where that one was at their home hub, goes to
/// their own (no clinician may work at another's hub).
///
/// Why: the one-at-a-time re-plans (`CoordinateDescent`) stop where moving
/// either clinician alone breaks a floor or costs cover, and the most common
/// such case is a mismatch of WTE: a 1.0 WTE clinician at a PCN whose target
/// is 0.6 while a 0.6 WTE colleague covers a PCN that wants 1.0. An exchange moves cover, head counts,
/// the rollout's WTE away, travel and disruption only in the span's weeks,
/// and the changes only at its two ends, so a candidate is priced in the
/// span's length; runs and shares are checked last, for candidates that gain.
/// Rotations of three are tried when the pairs stall (gains: bench/HISTORY.md).
///
/// Like the re-plans it repeats itself exactly: pairs and triples in a fixed
/// order, the best span of each taken at once. A ledger (`ExchangeLedger`)
/// kept from run to run skips the cycles that would gain nothing again.
struct SwapSearch {
    let instance: Instance
    private(set) var rota: Rota
    private var cover: [[Double]]
    private var heads: [[Int]]
    private var away: [[Double]]
    private let limit: [[Double]]
    /// Eligible-site index of each site per clinician (nil: not eligible).
    private let siteIndex: [[Int?]]
    /// Which cycles gained nothing, against what (see `ExchangeLedger`).
    private var ledger = ExchangeLedger()
    /// Per site: whether a clinician there is away from the hubs (not a hub).
    private let awaySite: [Bool]
    /// Re-planning (only then can a placement cost disruption).
    private let replanning: Bool
    /// While looking for a first valid rota (`NeighbourhoodSearch.mend`):
    /// floors are soft, each WTE-week below one costing this much, so an
    /// exchange may leave a floor short where it mends a worse breach; nil:
    /// an exchange never takes a floor below (every rule hard).
    var floorPenalty: Double?

    /// From the running totals of the re-plans (`CoordinateDescent`) at the
    /// same rota: cover, head counts, WTE away and the rollout limit.
    init(_ descent: CoordinateDescent) {
        let I = descent.instance
        instance = I
        rota = descent.rota
        cover = descent.cover
        heads = descent.heads
        away = descent.away
        limit = descent.limit
        siteIndex = I.clinicians.indices.map { p in
            var index = [Int?](repeating: nil, count: I.sites.count)
            for (k, s) in I.eligible[p].enumerated() { index[s] = k }
            return index
        }
        awaySite = I.sites.map { $0.kind != .hub }
        replanning = I.scenario.replan != nil
    }

    init(_ I: Instance, rota: Rota) { self.init(CoordinateDescent(I, rota: rota, penalty: nil)) }

    /// Pairs that may exchange: rotating clinicians with a choice, of the
    /// same home ICS while PCNs are kept within the ICS (`same_ics_pcn`), else
    /// of the same trust (pairs across ICSs gained nothing measurable).
    static func pairs(_ I: Instance) -> [(Int, Int)] {
        let movable = I.clinicians.indices.filter { I.clinicians[$0].rotates && I.eligible[$0].count > 1 }
        var out: [(Int, Int)] = []
        for (i, a) in movable.enumerated() {
            for b in movable[(i + 1)...] where partners(I, a, b) { out.append((a, b)) }
        }
        return out
    }

    static func partners(_ I: Instance, _ a: Int, _ b: Int) -> Bool {
        I.group[a] == I.group[b] && (!I.scenario.rotation.sameICSPCN || I.sites[I.home[a]].ics == I.sites[I.home[b]].ics)
    }

    /// Exchanges until a whole pass finds none that lowers Z (or `stop`);
    /// returns the total gain. When a pass of pairs gains nothing, rotations
    /// among three clinicians are tried, and the pairs again after one gains.
    /// `ledger`: what earlier runs on the same instance found (it comes back
    /// updated); a cycle that gained nothing is priced again only when
    /// something it depends on has changed since.
    mutating func run(stop: () -> Bool, triples: Bool = true, ledger: inout ExchangeLedger) -> Double {
        let pairs = Self.pairs(instance)
        swap(&self.ledger, &ledger)
        defer { self.ledger.last = rota; swap(&self.ledger, &ledger) }
        self.ledger.catchUp(instance, rota)
        // Each clinician's later partners: triples a < b < c of mutual partners.
        var after: [Int: [Int]] = [:]
        for (a, b) in pairs { after[a, default: []].append(b) }
        var total = 0.0
        while !stop() {
            var gain = 0.0
            for (n, (a, b)) in pairs.enumerated() {
                if n % 64 == 0 && stop() { break }
                gain += improve([a, b], key: n)
            }
            if gain < 1e-7 && triples {
                // Cycle keys: pairs first, then each triple's two directions,
                // in this fixed order (the same on every run).
                var key = pairs.count
                for (n, (a, b)) in pairs.enumerated() {
                    if n % 16 == 0 && stop() { break }
                    for c in after[b, default: []] where Self.partners(instance, a, c) {
                        gain += improve([a, b, c], key: key) + improve([a, c, b], key: key + 1)
                        key += 2
                    }
                }
            }
            total += gain
            if gain < 1e-7 { break }
        }
        return total
    }

    mutating func run(stop: () -> Bool, triples: Bool = true) -> Double {
        var ledger = ExchangeLedger()
        return run(stop: stop, triples: triples, ledger: &ledger)
    }

    /// The best exchange along `cycle` (each takes the next one's placements,
    /// the last the first's), made if it lowers Z; returns the gain.
    ///
    /// Spans start and end where some clinician of the cycle changes site
    /// (runs move whole) and cover up to eight such pieces (more gained
    /// nothing; bench/HISTORY.md). Each
    /// week is priced once, and the span grows a piece at a time from each
    /// start: every rule but the runs and shares is a rule of one week, so a
    /// week that breaks one ends every longer span from that start.
    mutating func improve(_ cycle: [Int], key: Int) -> Double {
        if ledger.unchanged(key, cycle, rota, instance) { return 0 }
        let I = instance
        let W = I.weeks
        var limited: UInt64 = 0
        var cuts = [0]
        for w in 1..<W where cycle.contains(where: { rota.sites[$0][w] != rota.sites[$0][w - 1] }) { cuts.append(w) }
        cuts.append(W)
        var best: (gain: Double, from: Int, to: Int)?
        var after = [Int](repeating: 0, count: cycle.count)
        var touched: [(site: Int, cover: Double, heads: Int)] = []
        touched.reserveCapacity(2 * cycle.count)
        // A week's change in Z does not depend on the span around it: each
        // week is priced once, and every span adds up its weeks (in the same
        // order as before, so the sums are the same to the last bit).
        var week = [Double?](repeating: nil, count: W)
        var breaks = [Bool](repeating: false, count: W)
        for w in 0..<W {
            if let d = weekDelta(cycle, w, &after, &touched, &limited) { week[w] = d } else { breaks[w] = true }
        }
        for i in 0..<(cuts.count - 1) {
            let from = cuts[i]
            var weeks = 0.0
            var differs = false
            spans: for j in (i + 1)...min(cuts.count - 1, i + 8) {
                let to = cuts[j]
                for w in cuts[j - 1]..<to {
                    if breaks[w] { break spans }
                    if let d = week[w] { weeks += d; differs = true }
                }
                guard differs else { continue }
                let delta = weeks + changesDelta(cycle, from, to)
                guard delta < -1e-7, best == nil || -delta > best!.gain + 1e-12 else { continue }
                if keepsOwnRulesAfter(cycle, from, to) { best = (-delta, from, to) }
            }
        }
        guard let best else {
            ledger.gainedNothing(key, limited: limited)
            return 0
        }
        apply(cycle, best.from, best.to)
        return best.gain
    }

    /// What x does in a week the other (at `site`) gave up: the same site,
    /// or x's own home hub where the other was at theirs.
    func taken(_ site: Int, from other: Int, by x: Int) -> Int {
        site == instance.home[other] ? instance.home[x] : site
    }

    /// Each clinician's site in week w after the exchange along `cycle`, into `out`.
    @inline(__always) func exchanged(_ cycle: [Int], _ w: Int, into out: inout [Int]) {
        for i in cycle.indices {
            let next = cycle[i + 1 == cycle.count ? 0 : i + 1]
            out[i] = taken(rota.sites[next][w], from: next, by: cycle[i])
        }
    }

    /// Week w of an exchange along `cycle`: .some(nil) when nobody moves
    /// that week, .some(change in Z) when the week keeps every rule of one
    /// week (pins, eligibility, floors, caps, the rollout limit), nil when
    /// it breaks one; when the rollout limit is what it breaks, the week is
    /// marked in `limited` (`ExchangeLedger.mark`). (Called millions of times
    /// a pass: no allocation.)
    func weekDelta(_ cycle: [Int], _ w: Int, _ after: inout [Int],
                   _ touched: inout [(site: Int, cover: Double, heads: Int)], _ limited: inout UInt64) -> Double?? {
        let I = instance
        let w8 = I.scenario.weights
        exchanged(cycle, w, into: &after)
        var same = true
        for i in cycle.indices where after[i] != rota.sites[cycle[i]][w] { same = false; break }
        if same { return .some(nil) }
        var delta = 0.0
        touched.removeAll(keepingCapacity: true)
        func touch(_ s: Int, _ c: Double, _ h: Int, _ touched: inout [(site: Int, cover: Double, heads: Int)]) {
            if let i = touched.firstIndex(where: { $0.site == s }) { touched[i].cover += c; touched[i].heads += h }
            else { touched.append((s, c, h)) }
        }
        // WTE away gained this week (partners share their trust group).
        let group = I.group[cycle[0]]
        var awayGain = 0.0
        for (i, x) in cycle.enumerated() {
            let (old, new) = (rota.sites[x][w], after[i])
            if old == new { continue }
            if I.pinned[x][w] != nil { return nil }
            guard let k = siteIndex[x][new] else { return nil }
            let g = I.cover[x][w]
            touch(old, -g, -1, &touched); touch(new, g, 1, &touched)
            delta += w8.travelKm * (I.distance[x][k] - I.distance[x][siteIndex[x][old]!])
            if replanning { delta += I.moveCost(x, new, w) - I.moveCost(x, old, w) }
            if awaySite[new] != awaySite[old] { awayGain += (awaySite[new] ? 1.0 : -1.0) * I.clinicians[x].wte }
        }
        if awayGain > 1e-12 && away[group][w] + awayGain > limit[group][w] { ExchangeLedger.mark(w, in: &limited); return nil }
        for t in touched where t.heads != 0 || abs(t.cover) > 1e-12 {
            let now = cover[t.site][w] + t.cover
            let floor = I.floor[t.site][w]
            if let floorPenalty {
                @inline(__always) func breach(_ c: Double) -> Double { Floor.shortfall(cover: c, floor: floor) }
                delta += floorPenalty * (breach(now) - breach(cover[t.site][w]))
            } else if t.cover < 0 && Floor.isBreached(cover: now, floor: floor) { return nil }
            if t.heads > 0, let cap = I.cap[t.site][w], heads[t.site][w] + t.heads > cap { return nil }
            delta += I.shortfallWeight[t.site] * (max(0, I.target[t.site][w] - now) - max(0, I.target[t.site][w] - cover[t.site][w]))
        }
        return .some(delta)
    }

    /// The change in the changes term: only the span's two ends can differ
    /// (inside it each clinician takes over another's sequence of sites).
    func changesDelta(_ cycle: [Int], _ from: Int, _ to: Int) -> Double {
        let W = instance.weeks
        guard W > 1 else { return 0 }
        var n = 0
        for (i, x) in cycle.enumerated() {
            let old = rota.sites[x]
            for w in [from, to] where w >= 1 && w <= W - 1 {
                let now = w < to ? site(cycle, i, w) : old[w]
                let before = w - 1 >= from ? site(cycle, i, w - 1) : old[w - 1]
                if now != before { n += 1 }
                if old[w] != old[w - 1] { n -= 1 }
            }
        }
        return instance.scenario.weights.change * Double(n)
    }

    /// Runs (H5, H6) and shares (H7) of every clinician of the cycle after the exchange.
    func keepsOwnRulesAfter(_ cycle: [Int], _ from: Int, _ to: Int) -> Bool {
        for (i, x) in cycle.enumerated() {
            var year = rota.sites[x]
            for w in from..<to { year[w] = site(cycle, i, w) }
            if !keepsOwnRules(x, year) { return false }
        }
        return true
    }

    /// The site of the i-th clinician of `cycle` in week w after the exchange.
    @inline(__always) func site(_ cycle: [Int], _ i: Int, _ w: Int) -> Int {
        let next = cycle[i + 1 == cycle.count ? 0 : i + 1]
        return taken(rota.sites[next][w], from: next, by: cycle[i])
    }

    mutating func apply(_ cycle: [Int], _ from: Int, _ to: Int) {
        let I = instance
        var after = [Int](repeating: 0, count: cycle.count)
        ledger.tick()
        for w in from..<to {
            exchanged(cycle, w, into: &after)
            for (i, x) in cycle.enumerated() {
                let (before, now) = (rota.sites[x][w], after[i])
                if before == now { continue }
                ledger.moved(x, w, from: before, to: now, I)
                cover[before][w] -= I.cover[x][w]; cover[now][w] += I.cover[x][w]
                heads[before][w] -= 1; heads[now][w] += 1
                if I.sites[before].kind != .hub { away[I.group[x]][w] -= I.clinicians[x].wte }
                if I.sites[now].kind != .hub { away[I.group[x]][w] += I.clinicians[x].wte }
            }
            for (i, x) in cycle.enumerated() { rota.sites[x][w] = after[i] }
        }
    }

    /// H1, H4, H5, H6 and H7 for one clinician's year, as the validator checks them.
    func keepsOwnRules(_ p: Int, _ year: [Int]) -> Bool {
        let I = instance
        let W = I.weeks
        let home = I.home[p]
        let run = RunLength(I.scenario.rotation)
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
                if run.isTooShort(first: w, last: end, weeks: W, inPost: I.post[p]) || run.isTooLong(first: w, last: end) { return false }
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

/// What earlier runs of the exchanges found: which cycles gained nothing, and
/// when anything they depend on last changed, so that a run prices again
/// only the cycles whose answer may have changed.
///
/// Why: after a kick or a round of re-plans only some clinicians have moved,
/// yet each run of the exchanges priced every pair and triple of every ICS
/// again (about a second a pass at West Midlands, several passes a polish).
///
/// What a cycle's answer depends on (`SwapSearch.improve`): its clinicians'
/// years; the cover and head counts at the sites they hold and at their
/// home hubs (an exchange moves them only among those), in the weeks where
/// the exchange moves somebody; and, in the weeks where the rollout limit
/// stopped a span, the WTE away of their trust groups, and only its falls
/// (more WTE away can only stop more spans, which cannot turn "no gain" into
/// a gain). Pins, eligibility, demand and the limit do not change within a
/// search. Every change is stamped with a clock: a move an exchange makes,
/// when it is made; whatever else moved between two runs (the re-plans, a
/// kick, GLPK's parts, a rota put back), by comparing placements with the
/// rota the last run ended on. A cycle that gained nothing at clock t is
/// skipped while nothing it depends on has a later stamp: it would gain
/// nothing again, so the runs make exactly the exchanges they made without
/// the ledger (tests compare them; so did traces of 60 s West Midlands and
/// Yorkshire runs, as far as the runs without it got). One reservation: each polish recomputes the running
/// totals from the placements, and a change in their last bits alone, with
/// the same placements, is not stamped.
struct ExchangeLedger {
    private var clock = 0
    /// When the clinicians at a site in a week last changed: [site][week].
    private var cellStamp: [[Int]] = []
    /// When a trust group's WTE away last fell: [group][week].
    private var awayStamp: [[Int]] = []
    /// When a clinician's year last changed.
    private var yearStamp: [Int] = []
    /// Per cycle key: the clock when it last gained nothing, or -1.
    private var checked: [Int] = []
    /// Per cycle key: the weeks where the rollout limit stopped one of its
    /// spans then (`mark`).
    private var limited: [UInt64] = []
    /// Per clinician, cached: the latest stamp of their year and cells, and
    /// the clock it was computed at.
    private var depends: [(at: Int, cells: Int)] = []
    /// The rota the last run ended on.
    fileprivate(set) var last: Rota?
    /// Off: every cycle is priced every time (tests compare the two).
    var skips = true
    /// Cycles priced and skipped so far (for the trace and the tests).
    private(set) var priced = 0, skipped = 0

    init() {}

    mutating func tick() { clock += 1 }

    /// Clinician x moved from one site to another in week w (stamped at the current clock).
    mutating func moved(_ x: Int, _ w: Int, from before: Int, to now: Int, _ I: Instance) {
        cellStamp[before][w] = clock
        cellStamp[now][w] = clock
        yearStamp[x] = clock
        if I.sites[before].kind != .hub && I.sites[now].kind == .hub { awayStamp[I.group[x]][w] = clock }
    }

    /// At the start of a run: stamp whatever moved since the rota the last run ended on.
    mutating func catchUp(_ I: Instance, _ rota: Rota) {
        tick()
        guard let last, last.sites.count == rota.sites.count, !cellStamp.isEmpty else {
            cellStamp = Array(repeating: Array(repeating: clock, count: I.weeks), count: I.sites.count)
            awayStamp = Array(repeating: Array(repeating: clock, count: I.weeks), count: I.groupNames.count)
            yearStamp = Array(repeating: clock, count: I.clinicians.count)
            depends = Array(repeating: (-1, 0), count: I.clinicians.count)
            checked = []
            limited = []
            return
        }
        for p in rota.sites.indices where last.sites[p] != rota.sites[p] {
            for w in 0..<I.weeks where last.sites[p][w] != rota.sites[p][w] {
                moved(p, w, from: last.sites[p][w], to: rota.sites[p][w], I)
            }
        }
    }

    /// The cycle `key` gained nothing just now.
    mutating func gainedNothing(_ key: Int, limited hit: UInt64) {
        if key >= checked.count {
            checked += Array(repeating: -1, count: key + 1 - checked.count)
            limited += Array(repeating: 0, count: key + 1 - limited.count)
        }
        checked[key] = clock
        limited[key] = hit
    }

    /// The cycle `key` gained nothing at its last pricing, and nothing it
    /// depends on has changed since: it would gain nothing again.
    mutating func unchanged(_ key: Int, _ cycle: [Int], _ rota: Rota, _ I: Instance) -> Bool {
        let skip = skips && key < checked.count && checked[key] >= 0 && stillNoGain(checked[key], limited[key], cycle, rota, I)
        if skip { skipped += 1 } else { priced += 1 }
        return skip
    }

    private mutating func stillNoGain(_ t: Int, _ weeks: UInt64, _ cycle: [Int], _ rota: Rota, _ I: Instance) -> Bool {
        var quiet = true
        for x in cycle {
            if yearStamp[x] > t { return false }
            if depends[x].at != clock {
                var cells = 0
                let home = I.home[x]
                for w in 0..<I.weeks { cells = max(cells, cellStamp[rota.sites[x][w]][w], cellStamp[home][w]) }
                depends[x] = (clock, cells)
            }
            if depends[x].cells > t { quiet = false }
            if weeks != 0 {
                let g = I.group[x]
                for w in 0..<I.weeks where Self.marked(w, in: weeks) && awayStamp[g][w] > t { return false }
            }
        }
        if quiet { return true }
        // Some cell changed: it matters only in a week where the exchange
        // moves somebody (most weeks, colleagues are both at home).
        for w in 0..<I.weeks {
            var moves = false
            for i in cycle.indices where Self.site(cycle, i, w, rota, I) != rota.sites[cycle[i]][w] { moves = true; break }
            guard moves else { continue }
            for (i, x) in cycle.enumerated() {
                if cellStamp[rota.sites[x][w]][w] > t || cellStamp[Self.site(cycle, i, w, rota, I)][w] > t { return false }
            }
        }
        return true
    }

    /// `SwapSearch.site`: the i-th clinician's site in week w after the exchange.
    @inline(__always) private static func site(_ cycle: [Int], _ i: Int, _ w: Int, _ rota: Rota, _ I: Instance) -> Int {
        let next = cycle[i + 1 == cycle.count ? 0 : i + 1]
        let s = rota.sites[next][w]
        return s == I.home[next] ? I.home[cycle[i]] : s
    }

    /// Week w in a set of weeks kept as the bits of a word; weeks from 63 on
    /// share the last bit.
    static func mark(_ w: Int, in weeks: inout UInt64) { weeks |= 1 << UInt64(min(w, 63)) }
    static func marked(_ w: Int, in weeks: UInt64) -> Bool { weeks & (1 << UInt64(min(w, 63))) != 0 }
}
