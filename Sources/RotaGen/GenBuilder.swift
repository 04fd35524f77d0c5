import RotaCore
/// The scenario builder behind `ScenarioGenerator`. Phases, each with its
/// own random stream (so that changing one does not reshuffle the others):
///
/// 1. sites: hubs, PCNs (shared out by population), CAS;
/// 2. staff: grades, WTE, skills, travel limits, share overrides;
/// 3. witness: contract chains first, then every rotating clinician's
///    blocks, keeping H1 and H3–H8 as it goes;
/// 4. leave: 5–6 weeks a clinician in 1–2 week blocks, never inside a
///    contract block;
/// 5. demand: floors and targets from the witness's cover (H2 by
///    construction), caps as chosen in 1 (kept by the witness);
/// 6. pins: some of the witness's own placements.
///
/// Weeks are 0-based inside, 1-based in every file. WTE is kept in
/// hundredths, cover in 1/700 WTE (wte × days present, exact), floors and
/// targets in tenths: no floating point reaches a decision on H2, H3 or H8.
struct GenBuilder {
    static let hub = 0, pcn = 1, cas = 2
    static let kindNames = ["hub", "pcn", "cas"]
    static let gradeNames = ["paramedic", "specialist", "advanced"]
    /// Skills, in the order they are written.
    static let skillNames = ["prescribing", "minor_illness", "remote_triage"]

    struct Site {
        var id: String
        var name: String
        var kind: Int
        var ics: Int?
        var trust: Int
        var lat: Int, lon: Int          // 1e-4 degrees
        var minGrade: Int? = nil
        var requires: [String] = []
        var priority10: Int? = nil
        var cap: Int? = nil
        var target10 = 0
        /// Contracted floor (tenths of WTE) and its first week; 0 = none.
        var contract10 = 0
        var contractFrom = 0
        /// Parallel chains needed for the contract (floor > 1 WTE needs 2).
        var chains = 1
        /// The contract is met in weeks contractFrom..<contractTo.
        var contractTo = 0
    }

    struct Staff {
        var id: String
        var name: String
        var grade: Int
        var home: Int
        var wte100: Int
        var skills: [String]
        var rotates: Bool
        var maxTravel: Int? = nil
        var pcnLo: Int? = nil, pcnHi: Int? = nil, casLo: Int? = nil, casHi: Int? = nil
        var trust: Int
        var ics: Int
        var eligible: [[Int]] = [[], [], []]   // by kind: pcn and cas
    }

    struct ICSRef {
        var name: String
        var code: String
        var trust: Int
        var spec: GenICS
    }

    let spec: GenPresetSpec
    let seed: UInt64
    let W: Int
    let startDay: CivilDay

    var icsList: [ICSRef] = []
    var sites: [Site] = []
    var staff: [Staff] = []
    var stats = ScenarioStats()
    /// The PCNs and CAS of each trust (H1 never crosses trusts here).
    var trustSites: [[Int]] = []

    // Witness state.
    var sched: [[Int]] = []            // staff × week → site
    var protected: [[Bool]] = []       // contract weeks: no leave there
    var heads: [[Int]] = []            // site × week
    var load: [[Int]] = []             // trust × week: rotating WTE (hundredths) away from hubs
    var rotatingWTE: [Int] = []        // trust → Σ wte100 of rotating staff
    var shareAt: [Int?] = []           // week → rollout max_away_share in hundredths
    var kindWeeks: [[Int]] = []        // staff × kind → weeks placed
    var usage: [Int] = []              // site → head-weeks so far
    var hubAway: [[Int]] = []          // hub × week: its rotating WTE (hundredths) away
    var hubRotating: [Int] = []        // hub → Σ wte100 of its rotating staff
    var blocks: [[(start: Int, len: Int, site: Int)]] = []
    // Per-clinician copies of what `fits` reads, as plain Int arrays (fast
    // in a debug build too: no struct copies).
    var homeOf: [Int] = [], trustOf: [Int] = [], wteOf: [Int] = []
    var hiOf: [[Int]] = []             // staff × kind → most weeks allowed (H7)

    // Leave.
    var leaveRanges: [[(from: Int, to: Int)]] = []   // staff → day offsets from start, inclusive
    var leaveDays: [[Int]] = []                       // staff × week → days on leave (0…7)

    init(spec: GenPresetSpec, seed: UInt64) {
        self.spec = spec
        self.seed = seed
        W = spec.weeks
        startDay = CivilDay(year: spec.start.year, month: spec.start.month, day: spec.start.day, checked: ())
    }

    mutating func build() {
        buildSites()
        buildStaff()
        buildWitness()
        buildLeave()
    }

    // MARK: - Sharing out

    /// Largest-remainder apportionment of `total` by `weights` (ties to the
    /// earlier entry), each share at least `minimum`.
    static func apportion(_ total: Int, _ weights: [Int], minimum: Int = 0) -> [Int] {
        let n = weights.count
        guard n > 0 else { return [] }
        let rest = total - minimum * n
        let sum = max(1, weights.reduce(0, +))
        var shares = weights.map { minimum + rest * $0 / sum }
        var left = total - shares.reduce(0, +)
        let order = (0..<n).sorted { a, b in
            let ra = rest * weights[a] % sum, rb = rest * weights[b] % sum
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while left > 0 { shares[order[i % n]] += 1; left -= 1; i += 1 }
        return shares
    }

    // MARK: - 1. Sites

    mutating func buildSites() {
        var rng = SplitMix64(seed: seed, stream: 1)
        for (t, trust) in spec.trusts.enumerated() {
            for ics in trust.ics { icsList.append(ICSRef(name: ics.name, code: ics.code, trust: t, spec: ics)) }
        }
        stats.trusts = spec.trusts.count
        stats.ics = icsList.count

        // PCNs per ICS: a trust with a known count (WMAS 110) shares it by
        // population; the rest of the preset's total goes by population to
        // the other trusts' ICSs.
        var pcnCount = [Int](repeating: 0, count: icsList.count)
        let fixedTotal = spec.trusts.compactMap(\.pcns).reduce(0, +)
        let freeICS = icsList.indices.filter { spec.trusts[icsList[$0].trust].pcns == nil }
        let freeShares = Self.apportion(spec.pcns - fixedTotal, freeICS.map { icsList[$0].spec.population }, minimum: 2)
        for (k, i) in freeICS.enumerated() { pcnCount[i] = freeShares[k] }
        for (t, trust) in spec.trusts.enumerated() {
            guard let n = trust.pcns else { continue }
            let mine = icsList.indices.filter { icsList[$0].trust == t }
            let shares = Self.apportion(n, mine.map { icsList[$0].spec.population }, minimum: 1)
            for (k, i) in mine.enumerated() { pcnCount[i] = shares[k] }
        }

        // Hubs: the listed ones, or about one per 400,000 people (WMAS: 15
        // hubs for 6.2 million), at least one, on the ICS's first towns.
        var hubIDs: [String] = []
        for (i, ics) in icsList.enumerated() {
            let places: [GenTown]
            if let listed = ics.spec.hubs {
                places = listed
            } else {
                let n = min(max(1, (ics.spec.population + 200) / 400), ics.spec.towns.count - 1)
                places = Array(ics.spec.towns.prefix(n))
            }
            for town in places {
                var id = "hub-" + GenFormat.slug(town.name)
                if hubIDs.contains(id) { id += "-" + ics.code }
                hubIDs.append(id)
                sites.append(Site(id: id, name: town.name + " hub", kind: Self.hub, ics: i, trust: ics.trust,
                                  lat: Self.e4(town.lat), lon: Self.e4(town.lon)))
            }
        }
        stats.hubs = sites.count

        // PCNs: every town gets one before any gets a second; the extra ones
        // go mostly to the big towns listed first.
        let quarters = [0, W / 4, W / 2]
        for (i, ics) in icsList.enumerated() {
            let towns = ics.spec.towns
            let n = pcnCount[i]
            var perTown = [Int](repeating: 0, count: towns.count)
            for k in 0..<min(n, towns.count) { perTown[k] = 1 }
            if n > towns.count {
                let weights = towns.indices.map { max(1, 5 - $0) }
                for _ in 0..<(n - towns.count) { perTown[rng.weighted(weights)] += 1 }
            }
            let suffixes = ["North", "South", "East", "West", "Central", "Rural", "Healthcare", "Alliance",
                            "Villages", "Riverside", "Park", "Partnership"]
            var number = 0
            let width = n > 99 ? 3 : 2
            var contracts = 0
            let maxContracts = (n * 22 + 50) / 100
            for (k, town) in towns.enumerated() where perTown[k] > 0 {
                let big = k == 0 ? 2 : 1
                for j in 0..<perTown[k] {
                    number += 1
                    let label: String
                    if perTown[k] == 1 { label = town.name }
                    else if j < suffixes.count { label = town.name + " " + suffixes[j] }
                    else { label = town.name + " " + String(j + 1) }
                    // Within about 2 km of the town centre (4 km for the
                    // first, biggest town), on the side the name says.
                    let (a, b) = (160 * big, 250 * big)
                    let side: (Int, Int) = perTown[k] == 1 || j > 4 ? (0, 0)
                        : [(1, 0), (-1, 0), (0, 1), (0, -1), (0, 0)][j]
                    func offset(_ dir: Int, _ r: Int) -> Int {
                        dir == 0 ? rng.int(-r / (j == 4 ? 3 : 1)...r / (j == 4 ? 3 : 1)) : dir * rng.int(r / 3...r)
                    }
                    let dLat = offset(side.0, a), dLon = offset(side.1, b)
                    var s = Site(id: "pcn-" + ics.code + "-" + GenFormat.pad(number, width), name: label + " PCN",
                                 kind: Self.pcn, ics: i, trust: ics.trust,
                                 lat: Self.e4(town.lat) + dLat, lon: Self.e4(town.lon) + dLon)
                    // A few PCNs want an independent prescriber or a
                    // minor-illness skill, or a minimum grade.
                    let r = rng.below(100)
                    if r < 7 { s.requires = ["prescribing"] }
                    else if r < 12 { s.requires = ["minor_illness"] }
                    else if r < 20 { s.minGrade = 1 }
                    else if r < 24 { s.minGrade = 2 }
                    if rng.percent(12) { s.priority10 = rng.percent(70) ? 15 : 20 }
                    // BRIEF.md: ARRS caps of 3 and 6 heads have applied.
                    s.cap = rng.int(3...6)
                    let t = rng.below(100)
                    s.target10 = t < 20 ? 5 : t < 80 ? 10 : t < 95 ? 15 : 20
                    // BRIEF.md: a PCN floor is a contracted minimum, often
                    // 0.5–1.0 WTE. About a fifth of PCNs have one, from the
                    // start of a quarter to the end of the year.
                    if contracts < maxContracts && s.requires.isEmpty && rng.percent(24) {
                        contracts += 1
                        let f = rng.below(100)
                        s.contract10 = f < 40 ? 5 : f < 50 ? 6 : f < 70 ? 8 : 10
                        s.contractFrom = quarters[rng.weighted([2, 5, 3])]
                        s.target10 = max(s.target10, s.contract10)
                    }
                    sites.append(s)
                }
            }
        }
        stats.pcns = sites.count - stats.hubs

        for (t, trust) in spec.trusts.enumerated() {
            for c in trust.cas {
                let ics = c.icsCode.flatMap { code in icsList.firstIndex { $0.code == code && $0.trust == t } }
                var s = Site(id: c.id, name: c.name, kind: Self.cas, ics: ics, trust: t,
                             lat: Self.e4(c.place.lat), lon: Self.e4(c.place.lon))
                s.minGrade = c.minGrade
                s.requires = c.requires
                s.cap = c.cap
                s.target10 = c.target10
                s.contract10 = c.floor10
                s.contractFrom = min(max(0, c.floorFrom - 1), W - 1)
                s.chains = max(1, (c.floor10 + 9) / 10)
                sites.append(s)
            }
        }
        stats.cas = sites.count - stats.hubs - stats.pcns
        computeDistances()
    }

    static func e4(_ x: Double) -> Int { Int((x * 10_000).rounded()) }

    /// Hub → site distances (km) within the hub's trust, worked out once.
    var hubDistance: [[Double]] = []

    mutating func computeDistances() {
        hubDistance = sites.map { h in
            h.kind != Self.hub ? [] : sites.map { s in
                s.trust == h.trust ? GenGeo.km(h.lat, h.lon, s.lat, s.lon) : 0
            }
        }
    }

    func distance(_ hub: Int, _ site: Int) -> Double { hubDistance[hub][site] }

    // MARK: - 2. Staff

    mutating func buildStaff() {
        var rng = SplitMix64(seed: seed, stream: 2)
        let pops = icsList.map(\.spec.population)
        let rotPerICS = Self.apportion(spec.rotating, pops, minimum: 1)
        let nonPerICS = Self.apportion(spec.nonRotating, pops)
        var serial = [Int](repeating: 0, count: spec.trusts.count)
        var perTrustTotal = [Int](repeating: 0, count: spec.trusts.count)
        for i in icsList.indices { perTrustTotal[icsList[i].trust] += rotPerICS[i] + nonPerICS[i] }

        for (i, ics) in icsList.enumerated() {
            let hubs = sites.indices.filter { sites[$0].kind == Self.hub && sites[$0].ics == i }
            // The first (city) hub is a little bigger than the others.
            let weights = hubs.indices.map { $0 == 0 ? 3 : 2 }
            let rot = Self.apportion(rotPerICS[i], weights)
            let non = Self.apportion(nonPerICS[i], weights)
            let t = ics.trust
            let width = max(3, String(perTrustTotal[t]).count)
            for (k, h) in hubs.enumerated() {
                var kinds = [Bool](repeating: true, count: rot[k]) + [Bool](repeating: false, count: non[k])
                rng.shuffle(&kinds)
                for rotates in kinds {
                    serial[t] += 1
                    let id = spec.trusts[t].prefix + "-p" + GenFormat.pad(serial[t], width)
                    let name = rng.pick(GenData.firstNames) + " " + rng.pick(GenData.lastNames)
                    // Specialist and advanced paramedics rotate (BRIEF.md);
                    // some band-6 paramedics do too (the YAS scheme).
                    let g = rng.below(100)
                    let grade = rotates ? (g < 15 ? 0 : g < 75 ? 1 : 2) : (g < 80 ? 0 : 1)
                    let w = rng.below(100)
                    let wte100 = w < 62 ? 100 : w < 85 ? 80 : 60
                    var skills: [String] = []
                    let pPresc = [3, 20, 80][grade], pMinor = [10, 60, 90][grade], pTriage = [15, 45, 60][grade]
                    if rng.percent(pPresc) { skills.append("prescribing") }
                    if rng.percent(pMinor) { skills.append("minor_illness") }
                    if rng.percent(pTriage) { skills.append("remote_triage") }
                    var s = Staff(id: id, name: name, grade: grade, home: h, wte100: wte100, skills: skills,
                                  rotates: rotates, trust: t, ics: i)
                    if rotates && rng.percent(12) { s.maxTravel = [20, 25, 30, 40][rng.below(4)] }
                    staff.append(s)
                }
            }
        }
        stats.rotating = staff.filter(\.rotates).count
        // A CAS takes at least 6% of its trust's rotating clinicians at once.
        for j in sites.indices where sites[j].kind == Self.cas {
            let n = staff.filter { $0.rotates && $0.trust == sites[j].trust }.count
            sites[j].cap = max(sites[j].cap ?? 0, (n * 6 + 99) / 100)
        }
        trustSites = spec.trusts.indices.map { t in sites.indices.filter { sites[$0].trust == t && sites[$0].kind != Self.hub } }
        stats.nonRotating = staff.count - stats.rotating

        for p in staff.indices where staff[p].rotates {
            computeEligible(p)
            if staff[p].maxTravel != nil && staff[p].eligible[Self.pcn].count < 3 {
                staff[p].maxTravel = nil
                computeEligible(p)
            }
            // Per-person policies: a 50:50 scheme (South Western, BRIEF.md),
            // a CAS-heavy rotation, or no CAS at all.
            let r = rng.below(100)
            if r < 6 {
                staff[p].pcnLo = 40; staff[p].pcnHi = 60; staff[p].casLo = 0; staff[p].casHi = 10
                stats.shareOverrides += 1
            } else if r < 11 && !staff[p].eligible[Self.cas].isEmpty && 20 * W / 100 >= spec.minRun {
                staff[p].pcnLo = spec.pcnShare.lo; staff[p].pcnHi = 40; staff[p].casLo = 20; staff[p].casHi = 40
                stats.shareOverrides += 1
            } else if r < 15 {
                staff[p].casLo = 0; staff[p].casHi = 0
                stats.shareOverrides += 1
            }
        }
    }

    /// E(p) of PROBLEM.md for PCNs and CAS, with a 0.5 km margin on the
    /// travel limit (see GenGeo).
    mutating func computeEligible(_ p: Int) {
        let s = staff[p]
        let home = sites[s.home]
        var lists: [[Int]] = [[], [], []]
        for j in trustSites[home.trust] {
            let site = sites[j]
            if let g = site.minGrade, s.grade < g { continue }
            if !site.requires.allSatisfy(s.skills.contains) { continue }
            if site.kind == Self.pcn && site.ics != home.ics { continue }
            if site.trust != home.trust { continue }
            if let limit = s.maxTravel, distance(s.home, j) > Double(limit) - 0.5 { continue }
            lists[site.kind].append(j)
        }
        staff[p].eligible = lists
    }

    // MARK: - 3. Witness

    func bounds(_ p: Int, _ kind: Int) -> (lo: Int, hi: Int) {
        let s = staff[p]
        let lo100 = kind == Self.pcn ? (s.pcnLo ?? spec.pcnShare.lo) : (s.casLo ?? spec.casShare.lo)
        let hi100 = kind == Self.pcn ? (s.pcnHi ?? spec.pcnShare.hi) : (s.casHi ?? spec.casShare.hi)
        return ((lo100 * W + 99) / 100, hi100 * W / 100)
    }

    /// H8 with a 0.01 WTE margin, in exact integers.
    func awayFits(_ t: Int, _ w: Int, _ add: Int) -> Bool {
        guard let share = shareAt[w] else { return true }
        return (load[t][w] + add) * 100 <= share * rotatingWTE[t] - 100
    }

    /// Can p spend weeks start..<start+len at `site` (the weeks free, the
    /// neighbours at home so the run is exactly this block, H3, H7's upper
    /// bound and H8 kept)? Eligibility is the caller's.
    func fits(_ p: Int, _ site: Int, _ start: Int, _ len: Int, checkSite: Bool = true) -> Bool {
        guard start >= 0, start + len <= W, len >= 1, len <= spec.maxRun else { return false }
        if len < spec.minRun && start != 0 && start + len != W { return false }
        let kind = sites[site].kind
        if kindWeeks[p][kind] + len > hiOf[p][kind] { return false }
        let home = homeOf[p], trust = trustOf[p], wte = wteOf[p]
        if start > 0 && sched[p][start - 1] != home { return false }
        if start + len < W && sched[p][start + len] != home { return false }
        let cap = checkSite ? sites[site].cap : nil
        for w in start..<(start + len) {
            if sched[p][w] != home { return false }
            if !awayFits(trust, w, wte) { return false }
            if let cap, heads[site][w] >= cap { return false }
        }
        return true
    }

    mutating func commit(_ p: Int, _ site: Int, _ start: Int, _ len: Int, protect: Bool) {
        let home = homeOf[p], trust = trustOf[p], wte = wteOf[p]
        for w in start..<(start + len) {
            sched[p][w] = site
            heads[site][w] += 1
            heads[home][w] -= 1
            load[trust][w] += wte
            hubAway[home][w] += wte
            if protect { protected[p][w] = true }
        }
        kindWeeks[p][sites[site].kind] += len
        usage[site] += len
        blocks[p].append((start, len, site))
    }

    mutating func buildWitness() {
        var rng = SplitMix64(seed: seed, stream: 3)
        sched = staff.map { [Int](repeating: $0.home, count: W) }
        protected = staff.map { _ in [Bool](repeating: false, count: W) }
        heads = [[Int]](repeating: [Int](repeating: 0, count: W), count: sites.count)
        for s in staff { for w in 0..<W { heads[s.home][w] += 1 } }
        load = [[Int]](repeating: [Int](repeating: 0, count: W), count: spec.trusts.count)
        rotatingWTE = [Int](repeating: 0, count: spec.trusts.count)
        for s in staff where s.rotates { rotatingWTE[s.trust] += s.wte100 }
        shareAt = [Int?](repeating: nil, count: W)
        for r in spec.rollout { for w in max(1, r.from)...min(W, r.to) { shareAt[w - 1] = r.share } }
        kindWeeks = staff.map { _ in [0, 0, 0] }
        usage = [Int](repeating: 0, count: sites.count)
        hubAway = [[Int]](repeating: [Int](repeating: 0, count: W), count: sites.count)
        hubRotating = [Int](repeating: 0, count: sites.count)
        for s in staff where s.rotates { hubRotating[s.home] += s.wte100 }
        blocks = staff.map { _ in [] }
        homeOf = staff.map(\.home); trustOf = staff.map(\.trust); wteOf = staff.map(\.wte100)
        hiOf = staff.indices.map { p in [0, bounds(p, Self.pcn).hi, bounds(p, Self.cas).hi] }

        // Who may serve each site (the contract chains' pools).
        var pool = [[Int]](repeating: [], count: sites.count)
        for p in staff.indices where staff[p].rotates {
            for j in staff[p].eligible[Self.pcn] + staff[p].eligible[Self.cas] { pool[j].append(p) }
        }

        // Contracts first: chains of blocks covering every week from the
        // contract's start, each block by one clinician with wte ≥ the
        // floor's share, alternating between two where possible (BRIEF.md:
        // one PCN WTE covered by two paramedics who alternate).
        for j in sites.indices where sites[j].contract10 > 0 {
            let k = sites[j].chains
            var coveredTo = W
            for _ in 0..<k {
                var t = sites[j].contractFrom
                var used: [Int] = []
                while t < W {
                    var want = rng.int(spec.chainBlock)
                    want = min(want, spec.maxRun)
                    if W - t <= want { want = W - t }
                    var chosen: (p: Int, len: Int)? = nil
                    var lens = [want]
                    if want > spec.minRun { lens += stride(from: want - 1, through: spec.minRun, by: -1) }
                    for len in lens {
                        var ok: [Int] = []
                        let need = sites[j].contract10 * 10
                        for p in pool[j] where wteOf[p] * k >= need && fits(p, j, t, len) { ok.append(p) }
                        if ok.isEmpty { continue }
                        if used.count >= 2, ok.contains(used[used.count - 2]) {
                            chosen = (used[used.count - 2], len)
                        } else {
                            let kind = sites[j].kind
                            let least = ok.map { kindWeeks[$0][kind] }.min()!
                            let best = ok.filter { kindWeeks[$0][kind] == least }
                            chosen = (best[rng.below(best.count)], len)
                        }
                        break
                    }
                    guard let c = chosen else { break }
                    commit(c.p, j, t, c.len, protect: true)
                    used.append(c.p)
                    t += c.len
                }
                coveredTo = min(coveredTo, t)
            }
            sites[j].contractTo = coveredTo
            if coveredTo > sites[j].contractFrom { stats.contracts += 1 }
        }

        // Then every rotating clinician in turn, in a shuffled order.
        // Those with their own lower bounds go first, so that caps filled by
        // others never leave them short.
        var order = staff.indices.filter { staff[$0].rotates }
        rng.shuffle(&order)
        order = order.filter { staff[$0].pcnLo != nil || staff[$0].casLo != nil }
            + order.filter { staff[$0].pcnLo == nil && staff[$0].casLo == nil }
        for p in order {
            let (loP, hiP) = bounds(p, Self.pcn)
            let (loC, hiC) = bounds(p, Self.cas)
            if !staff[p].eligible[Self.pcn].isEmpty {
                // Some start the year in a block carried over from the last
                // (a run from week 1, exempt from the minimum), or end it in
                // one that goes on into the next.
                if rng.percent(8) { _ = placeBlock(p, Self.pcn, rng.int(1...3), edge: 1, &rng) }
                if rng.percent(5) { _ = placeBlock(p, Self.pcn, rng.int(1...3), edge: 2, &rng) }
                let top = max(loP, min(hiP, loP + 8))
                let target = max(kindWeeks[p][Self.pcn], rng.int(loP...top))
                fill(p, Self.pcn, target, hi: hiP, &rng)
            }
            if !staff[p].eligible[Self.cas].isEmpty && (loC > 0 || (hiC >= spec.minRun && rng.percent(55))) {
                let top = max(loC, min(hiC, 2 * spec.minRun))
                let target = max(kindWeeks[p][Self.cas], rng.int(max(loC, min(spec.minRun, top))...top))
                fill(p, Self.cas, target, hi: hiC, &rng)
            }
            // Where the witness fell short of a lower bound, the clinician's
            // own bound is lowered to what was placed (written as an
            // override), so the scenario stays feasible.
            var lowered = false
            for (kind, lo) in [(Self.pcn, loP), (Self.cas, loC)] where kindWeeks[p][kind] < lo {
                let lo100 = kindWeeks[p][kind] * 100 / W
                if kind == Self.pcn {
                    staff[p].pcnLo = lo100; staff[p].pcnHi = staff[p].pcnHi ?? spec.pcnShare.hi
                } else {
                    staff[p].casLo = lo100; staff[p].casHi = staff[p].casHi ?? spec.casShare.hi
                }
                lowered = true
            }
            if lowered { stats.loweredShares += 1 }
        }
    }

    /// Blocks of `kind` until p has `target` weeks of it (never above hi).
    mutating func fill(_ p: Int, _ kind: Int, _ target: Int, hi: Int, _ rng: inout SplitMix64) {
        var attempts = 0
        while kindWeeks[p][kind] < target && attempts < 10 {
            attempts += 1
            let r = target - kindWeeks[p][kind]
            var want: Int
            if r < spec.minRun {
                if kindWeeks[p][kind] + spec.minRun <= hi { want = spec.minRun }
                else {
                    // Only an edge run may be this short.
                    if !placeBlock(p, kind, r, edge: 1, &rng) { _ = placeBlock(p, kind, r, edge: 2, &rng) }
                    return
                }
            } else if r <= spec.maxRun {
                want = r
            } else {
                want = rng.int(spec.minRun...max(spec.minRun, min(spec.maxRun, r - spec.minRun)))
            }
            var placed = false
            while want >= spec.minRun {
                if placeBlock(p, kind, want, edge: 0, &rng) { placed = true; break }
                want -= 1
            }
            if !placed { return }
        }
    }

    /// Places one block of `len` weeks at a site of `kind` for p: at week 1
    /// (edge 1), ending in week W (edge 2) or anywhere (edge 0), preferring
    /// the weeks where the trust has most staff at hubs and the sites used
    /// least so far and nearest home.
    mutating func placeBlock(_ p: Int, _ kind: Int, _ len: Int, edge: Int, _ rng: inout SplitMix64) -> Bool {
        let elig = staff[p].eligible[kind]
        let home = homeOf[p], trust = trustOf[p], wte = wteOf[p]
        guard !elig.isEmpty, len >= 1, len <= W else { return false }
        let starts: [Int] = edge == 1 ? [0] : edge == 2 ? [W - len] : Array(0...(W - len))
        var scored: [(score: Double, start: Int)] = []
        for st in starts {
            guard fits(p, elig[0], st, len, checkSite: false) else { continue }
            if edge == 0 && len < spec.minRun { continue }
            // The trust's use of its rollout allowance and the home hub's
            // share of staff away, at their peaks over the block: blocks go
            // where both are lowest, which keeps each hub's frontline cover
            // (and so its floors) steady through the year.
            var peak = 0.0, hubPeak = 0.0
            for w in st..<(st + len) {
                let trustUse = Double(load[trust][w] + wte) / Double(max(1, (shareAt[w] ?? 100) * rotatingWTE[trust])) * 100
                peak = max(peak, trustUse)
                hubPeak = max(hubPeak, Double(hubAway[home][w] + wte) / Double(max(1, hubRotating[home])))
            }
            scored.append((peak + hubPeak + rng.unit() * 0.1, st))
        }
        if scored.isEmpty { return false }
        // The best 16 starts, best first (a partial selection sort: cheap
        // even in a debug build).
        let keep = min(16, scored.count)
        for i in 0..<keep {
            var best = i
            for k in (i + 1)..<scored.count where scored[k].score < scored[best].score
                || (scored[k].score == scored[best].score && scored[k].start < scored[best].start) { best = k }
            if best != i { scored.swapAt(i, best) }
        }
        var siteOrder: [(key: Double, site: Int)] = []
        for j in elig { siteOrder.append((Double(usage[j]) / 8 + distance(home, j) / 15 + rng.unit() * 3, j)) }
        siteOrder.sort { $0.key != $1.key ? $0.key < $1.key : $0.site < $1.site }
        for (_, st) in scored.prefix(keep) {
            for (_, j) in siteOrder where fits(p, j, st, len) {
                commit(p, j, st, len, protect: false)
                return true
            }
        }
        return false
    }

    // MARK: - 4. Leave

    /// BRIEF.md: Agenda for Change gives 27–33 days plus 8 bank holidays,
    /// so 5–7 weeks a year, often in 1–2 week blocks; here 5 or 6 weeks,
    /// more of it in the school holidays and at Christmas. Never in a
    /// contract block (that cover is promised); anywhere else, including a
    /// PCN or CAS block (the placement is held, PROBLEM.md).
    mutating func buildLeave() {
        var rng = SplitMix64(seed: seed, stream: 4)
        leaveRanges = staff.map { _ in [] }
        leaveDays = staff.map { _ in [Int](repeating: 0, count: W) }
        let days = 7 * W
        // Season weights by the month of each week's Wednesday.
        let seasonal: [Int] = (0..<W).map { w in
            switch startDay.adding(7 * w + 2).components.month {
            case 7, 8: return 3
            case 12: return 3
            case 4, 10, 2: return 2
            default: return 1
            }
        }
        let budgetScale = max(1, W / 52)
        var hubLeave = [[Int]](repeating: [Int](repeating: 0, count: W), count: sites.count)
        var hubSize = [Int](repeating: 0, count: sites.count)
        for s in staff { hubSize[s.home] += 1 }
        var order = Array(staff.indices)
        rng.shuffle(&order)
        for p in order {
            let h = staff[p].home
            var touched = [Bool](repeating: false, count: W)   // weeks with leave, and their neighbours
            func free(_ from: Int, _ to: Int) -> Bool {
                let a = max(0, from) / 7, b = min(days - 1, to) / 7
                if a > b { return true }
                for w in a...b where protected[p][w] || touched[w] { return false }
                return true
            }
            func take(_ from: Int, _ to: Int) {
                leaveRanges[p].append((from, to))
                let a = max(0, from), b = min(days - 1, to)
                guard a <= b else { return }
                for d in a...b { leaveDays[p][d / 7] += 1 }
                for w in (a / 7)...(b / 7) where sched[p][w] == h { hubLeave[h][w] += 1 }
                for w in max(0, a / 7 - 1)...min(W - 1, b / 7 + 1) { touched[w] = true }
            }
            var budget = W >= 52 ? (rng.percent(50) ? 5 : 6) * budgetScale : max(1, W / 10)
            var lens: [Int] = []
            while budget > 0 {
                let l = budget >= 2 && rng.percent(55) ? 2 : 1
                lens.append(l); budget -= l
            }
            // Edge cases the reader must handle: leave that starts before
            // the horizon, and leave that runs past its end.
            if rng.percent(3), let l = lens.popLast() {
                let from = -rng.int(2...6)
                if free(from, from + 7 * l - 1) { take(from, from + 7 * l - 1) }
            }
            if rng.percent(3), let l = lens.popLast() {
                let from = days - rng.int(2...6)
                if free(from, from + 7 * l - 1) { take(from, from + 7 * l - 1) }
            }
            for l in lens {
                // Most leave runs Monday to Sunday; some starts on the
                // Saturday before, some midweek (partial weeks).
                let o = rng.below(100)
                let offsets = o < 70 ? [0] : o < 90 ? [-2, 0] : [2, 0]
                for off in offsets {
                    var cands: [Int] = []
                    var weights: [Int] = []
                    for w in 0..<W {
                        let from = 7 * w + off, to = from + 7 * l - 1
                        guard from >= 0, to < days, free(from, to) else { continue }
                        // Popular weeks, but not too many off from one hub's
                        // frontline at once (leave while on a PCN or CAS
                        // block does not thin the hub).
                        var busy = 0, atHub = false
                        for x in (from / 7)...(to / 7) where sched[p][x] == h {
                            busy = max(busy, hubLeave[h][x]); atHub = true
                        }
                        cands.append(from)
                        weights.append(1 + seasonal[w] * (atHub ? 20 : 30) * hubSize[h] / (hubSize[h] + 40 * busy))
                    }
                    if cands.isEmpty { continue }
                    let from = cands[rng.weighted(weights)]
                    take(from, from + 7 * l - 1)
                    break
                }
            }
            leaveRanges[p].sort { $0.from < $1.from }
        }
    }

    // MARK: - 5. Cover and demand

    /// Cover in 1/700 WTE: wte100 × days present.
    func cover700(_ p: Int, _ w: Int) -> Int { staff[p].wte100 * (7 - leaveDays[p][w]) }

    /// Per site and week: (floor10, target10, cap).
    func demand() -> [[(floor: Int, target: Int, cap: Int?)]] {
        var rng = SplitMix64(seed: seed, stream: 5)
        var cov = [[Int]](repeating: [Int](repeating: 0, count: W), count: sites.count)
        for p in staff.indices { for w in 0..<W { cov[sched[p][w]][w] += cover700(p, w) } }
        var out: [[(floor: Int, target: Int, cap: Int?)]] = []
        for (j, s) in sites.enumerated() {
            var row = [(floor: Int, target: Int, cap: Int?)](repeating: (0, 0, nil), count: W)
            switch s.kind {
            case Self.hub:
                // Trusts set frontline floors so as not to be destabilised
                // (BRIEF.md): here tight, 90–97% of the witness's lowest
                // cover in each 4-week rostering period, rounded down to
                // 0.1 WTE; the target is about the witness's mean cover.
                let mean = cov[j].reduce(0, +) / max(1, W)
                let target10 = mean * rng.int(100...108) / 7000
                var w0 = 0
                while w0 < W {
                    let w1 = min(W, w0 + 4)
                    let low = cov[j][w0..<w1].min()!
                    let f10 = low * rng.int(90...97) / 7000
                    for w in w0..<w1 { row[w] = (f10, max(target10, f10), nil) }
                    w0 = w1
                }
            default:
                let winterFrom = W / 2
                for w in 0..<W {
                    var t10 = s.target10
                    if s.kind == Self.cas && w >= winterFrom { t10 = t10 * 3 / 2 }
                    let f10 = (w >= s.contractFrom && w < s.contractTo) ? s.contract10 : 0
                    row[w] = (f10, max(t10, f10), s.cap)
                }
            }
            out.append(row)
        }
        return out
    }

    // MARK: - 6. Pins

    /// Some placements already agreed: a few clinicians' first PCN block
    /// (the contract is signed), and a few two-week spells at the home hub
    /// (frontline refresher training).
    func pins() -> [(staff: Int, week: Int, site: Int)] {
        var rng = SplitMix64(seed: seed, stream: 6)
        var order = staff.indices.filter { staff[$0].rotates }
        rng.shuffle(&order)
        let n = max(1, order.count * 3 / 100)
        var out: [(staff: Int, week: Int, site: Int)] = []
        var picked = 0
        for p in order where picked < n {
            guard let b = blocks[p].filter({ sites[$0.site].kind == Self.pcn && $0.len >= spec.minRun })
                .min(by: { $0.start < $1.start }) else { continue }
            for w in b.start..<(b.start + b.len) { out.append((p, w, b.site)) }
            picked += 1
        }
        picked = 0
        for p in order.reversed() where picked < max(1, n * 2 / 3) {
            let homes = (0..<(W - 1)).filter { sched[p][$0] == staff[p].home && sched[p][$0 + 1] == staff[p].home }
            if homes.isEmpty { continue }
            let w = homes[rng.below(homes.count)]
            if out.contains(where: { $0.staff == p }) { continue }
            out.append((p, w, staff[p].home)); out.append((p, w + 1, staff[p].home))
            picked += 1
        }
        out.sort { $0.staff != $1.staff ? $0.staff < $1.staff : $0.week < $1.week }
        return out
    }

    // MARK: - Output

    func weekStart(_ w: Int) -> String { startDay.adding(7 * w).iso }

    func icsName(_ i: Int?) -> String { i.map { icsList[$0].name } ?? "" }

    mutating func output() -> GeneratedScenario {
        let F = GenFormat.self
        stats.weeks = W

        // scenario.toml
        var toml = "# Generated by `\(spec.command)`.\n"
        toml += "# Synthetic data from public NHS figures: real ICS names and counts,\n"
        toml += "# illustrative sites and people. The same preset and seed always give the\n"
        toml += "# same files, and a valid rota exists: the generator built one first and set\n"
        toml += "# the floors from its cover and the caps above its head counts.\n"
        toml += "name  = \"\(spec.title)\"\n"
        toml += "start = \(startDay.iso)        # a Monday\n"
        toml += "weeks = \(W)\n\n"
        toml += "[rotation]\n"
        toml += "min_run_weeks = \(spec.minRun)\n"
        toml += "max_run_weeks = \(spec.maxRun)\n"
        toml += "same_ics_pcn  = true\n"
        toml += "share.pcn     = [\(F.fixed(spec.pcnShare.lo, places: 2)), \(F.fixed(spec.pcnShare.hi, places: 2))]\n"
        toml += "share.cas     = [\(F.fixed(spec.casShare.lo, places: 2)), \(F.fixed(spec.casShare.hi, places: 2))]\n"
        for r in spec.rollout {
            toml += "\n[[rollout]]\n"
            toml += "from_week      = \(r.from)\n"
            toml += "to_week        = \(min(r.to, W))\n"
            toml += "max_away_share = \(F.fixed(r.share, places: 2))\n"
        }
        toml += "\n[weights]\n"
        toml += "shortfall  = { hub = 1.0, pcn = 1.0, cas = 1.0 }\n"
        toml += "change     = 0.05\n"
        toml += "travel_km  = 0.001\n\n"
        toml += "[solver]\n"
        toml += "time_limit_s = \(spec.timeLimit)\n"
        toml += "mip_gap      = \(spec.mipGap)\n"

        // sites.csv
        var header = ["id", "name", "kind", "ics"]
        if spec.writeTrust { header.append("trust") }
        header += ["lat", "lon", "min_grade", "requires", "priority"]
        var sitesCSV = F.line(header)
        for s in sites {
            var cells = [s.id, s.name, Self.kindNames[s.kind], icsName(s.ics)]
            if spec.writeTrust { cells.append(spec.trusts[s.trust].abbr) }
            cells += [F.fixed(s.lat, places: 4), F.fixed(s.lon, places: 4),
                      s.minGrade.map { Self.gradeNames[$0] } ?? "", s.requires.joined(separator: ";"),
                      s.priority10.map { F.fixed($0, places: 1) } ?? ""]
            sitesCSV += F.line(cells)
        }

        // staff.csv
        var staffCSV = F.line(["id", "name", "grade", "home", "wte", "skills", "rotates", "max_travel_km",
                               "share_pcn_min", "share_pcn_max", "share_cas_min", "share_cas_max"])
        func share(_ x: Int?) -> String { x.map { F.fixed($0, places: 2) } ?? "" }
        for s in staff {
            staffCSV += F.line([s.id, s.name, Self.gradeNames[s.grade], sites[s.home].id, F.fixed(s.wte100, places: 2),
                                Self.skillNames.filter(s.skills.contains).joined(separator: ";"),
                                s.rotates ? "true" : "false", s.maxTravel.map(String.init) ?? "",
                                share(s.pcnLo), share(s.pcnHi), share(s.casLo), share(s.casHi)])
        }

        // demand.csv: consecutive weeks with the same values in one row.
        var demandCSV = F.line(["site", "from_week", "to_week", "floor", "target", "cap"])
        let d = demand()
        var demandRows = 0
        for (j, s) in sites.enumerated() {
            var w0 = 0
            while w0 < W {
                var w1 = w0 + 1
                while w1 < W && d[j][w1] == d[j][w0] { w1 += 1 }
                let v = d[j][w0]
                if v.floor > 0 || v.target > 0 || v.cap != nil {
                    demandCSV += F.line([s.id, String(w0 + 1), String(w1),
                                         v.floor > 0 ? F.fixed(v.floor, places: 1) : "",
                                         v.target > 0 ? F.fixed(v.target, places: 1) : "",
                                         v.cap.map(String.init) ?? ""])
                    demandRows += 1
                }
                w0 = w1
            }
        }
        stats.demandRows = demandRows

        // leave.csv
        var leaveCSV = F.line(["staff", "from", "to"])
        for (p, ranges) in leaveRanges.enumerated() {
            for r in ranges {
                leaveCSV += F.line([staff[p].id, startDay.adding(r.from).iso, startDay.adding(r.to).iso])
                stats.leaveRows += 1
            }
        }

        // pinned.csv
        var pinnedCSV = F.line(["staff", "week", "site"])
        let pinned = pins()
        for pin in pinned { pinnedCSV += F.line([staff[pin.staff].id, String(pin.week + 1), sites[pin.site].id]) }
        stats.pinnedRows = pinned.count

        // The witness, in the columns of the solver's rota.csv. Built from
        // pre-formatted pieces: England's is 112,000 rows.
        var rota = F.line(["staff", "week", "week_start", "site", "kind", "ics", "cover_wte"])
        rota.reserveCapacity(staff.count * W * 72)
        let weekCells = (0..<W).map { F.cell(String($0 + 1)) + "," + weekStart($0) + "," }
        let siteCells = sites.map { F.cell($0.id) + "," + Self.kindNames[$0.kind] + "," + F.cell(icsName($0.ics)) + "," }
        for (p, s) in staff.enumerated() {
            let who = F.cell(s.id) + ","
            // wte × (7 − leave days)/7, to 6 decimals, rounded half up.
            let covers = (0...7).map { d in F.fixed((s.wte100 * (7 - d) * 20_000 + 7) / 14, places: 6) + "\n" }
            for w in 0..<W {
                rota += who
                rota += weekCells[w]
                rota += siteCells[sched[p][w]]
                rota += covers[leaveDays[p][w]]
            }
        }

        return GeneratedScenario(files: [("scenario.toml", toml), ("sites.csv", sitesCSV), ("staff.csv", staffCSV),
                                         ("demand.csv", demandCSV), ("leave.csv", leaveCSV),
                                         ("pinned.csv", pinnedCSV)],
                                 witnessRota: rota, stats: stats)
    }
}
