import RotaCore

/// Re-plans one clinician at a time, exactly (by `ClinicianDP`), with
/// everyone else fixed, until a whole round changes nothing. Floors and
/// share lower bounds can be made soft (a penalty per WTE-week or week
/// short), which turns "find a valid rota" into "lower the penalty to 0".
struct CoordinateDescent {
    let instance: Instance
    /// Penalty per WTE-week below a floor and per week short of a share; nil = hard.
    var penalty: Double?
    /// Shares are kept hard by the DP even when floors are soft.
    var hardShares = true
    /// The clinician may not leave a hub that would fall below its floor without them.
    var hardHubFloors = false
    var rota: Rota
    // Running totals of everyone's placements.
    var cover: [[Double]]
    var heads: [[Int]]
    var away: [[Double]]
    let limit: [[Double]]
    /// Guided local search: a breached floor that a round could not mend
    /// weighs more in the next one, until some clinician's re-plan mends it.
    var floorWeight: [[Double]]
    /// With a penalty, the rollout limit (H8) is soft too, and weighs more
    /// in the same way while it is exceeded. When the limit is reached, a
    /// PCN floor can be met only if someone else comes back first, a move of
    /// two clinicians that no single re-plan makes while the limit is hard
    /// (a search could stay stuck on it for minutes); soft, one re-plan goes
    /// over and the next comes back.
    var awayWeight: [[Double]]
    /// Each clinician's costs and year at their last re-plan. When both are
    /// the same again, the programme would return the same year: the
    /// re-plan is skipped (late rounds, where few clinicians' costs move).
    private var lastCost: [[Double]?]
    private var lastYear: [[Int]?]
    /// Re-plans skipped so far.
    private(set) var skipped = 0
    /// Extra cost per WTE-week at a site in a week (the search's kicks,
    /// `NeighbourhoodSearch`): moves the re-plans off a local optimum. Every
    /// rule stays as hard as without it.
    var noise: [[Double]]?

    init(_ I: Instance, rota: Rota, penalty: Double?) {
        instance = I
        self.penalty = penalty
        self.rota = rota
        let W = I.weeks
        cover = Array(repeating: Array(repeating: 0, count: W), count: I.sites.count)
        heads = Array(repeating: Array(repeating: 0, count: W), count: I.sites.count)
        away = Array(repeating: Array(repeating: 0, count: W), count: I.groupNames.count)
        limit = I.rolloutLimit.map { $0.map { $0 ?? .infinity } }
        floorWeight = Array(repeating: Array(repeating: 1, count: W), count: I.sites.count)
        awayWeight = Array(repeating: Array(repeating: 1, count: W), count: I.groupNames.count)
        lastCost = Array(repeating: nil, count: I.clinicians.count)
        lastYear = Array(repeating: nil, count: I.clinicians.count)
        for p in I.clinicians.indices { add(p, +1) }
    }

    /// Keeps what `other` (same settings) knows of each clinician's last
    /// re-plan; it is used only where costs and year are the same again.
    mutating func remember(_ other: CoordinateDescent) {
        precondition(other.penalty == penalty && other.hardShares == hardShares && other.hardHubFloors == hardHubFloors)
        lastCost = other.lastCost
        lastYear = other.lastYear
    }

    mutating func add(_ p: Int, _ sign: Double) {
        let I = instance
        for w in 0..<I.weeks {
            let s = rota.sites[p][w]
            cover[s][w] += sign * I.cover[p][w]
            heads[s][w] += sign > 0 ? 1 : -1
            if I.clinicians[p].rotates && I.sites[s].kind != .hub { away[I.group[p]][w] += sign * I.clinicians[p].wte }
        }
    }

    /// Moves to `other` (another search's rota of the same instance): each
    /// clinician whose year differs is taken out of the running totals and
    /// put back with the new year. The settings, the guided weights and what
    /// the re-plans remember stay as they are.
    mutating func adopt(_ other: Rota) {
        for p in rota.sites.indices where rota.sites[p] != other.sites[p] {
            add(p, -1)
            rota.sites[p] = other.sites[p]
            add(p, +1)
        }
    }

    /// What a site-week costs at a given cover: weighted shortfall plus the floor penalty.
    func siteCost(_ s: Int, _ w: Int, _ cov: Double) -> Double {
        let I = instance
        var c = I.shortfallWeight[s] * max(0, I.target[s][w] - cov)
        let f = I.floor[s][w]
        if f > 0 && Floor.isBreached(cover: cov, floor: f) { c += (penalty ?? 1e6) * floorWeight[s][w] * (f - cov) }
        return c
    }

    /// Makes every floor breached now weigh more (guided local search).
    mutating func raiseWeightsOfBreaches() {
        let I = instance
        for s in I.sites.indices { for w in 0..<I.weeks where Floor.isBreached(cover: cover[s][w], floor: I.floor[s][w]) { floorWeight[s][w] *= 2 } }
        for g in away.indices { for w in 0..<I.weeks where away[g][w] > limit[g][w] { awayWeight[g][w] *= 2 } }
    }

    /// The penalty of a group-week's WTE away over its rollout limit.
    func awayCost(_ g: Int, _ w: Int, _ wte: Double) -> Double {
        (penalty ?? 1e6) * awayWeight[g][w] * max(0, wte - limit[g][w])
    }

    /// Total penalty left (floor breach WTE-weeks + share weeks short).
    func penaltyLeft() -> Double {
        let I = instance
        var total = 0.0
        for s in I.sites.indices { for w in 0..<I.weeks { total += Floor.shortfall(cover: cover[s][w], floor: I.floor[s][w]) } }
        for g in away.indices { for w in 0..<I.weeks where away[g][w] > limit[g][w] { total += away[g][w] - limit[g][w] } }
        for p in I.clinicians.indices where I.clinicians[p].rotates {
            var pcn = 0, cas = 0
            for s in rota.sites[p] { if I.sites[s].kind == .pcn { pcn += 1 } else if I.sites[s].kind == .cas { cas += 1 } }
            total += Double(max(0, I.shareWeeks[p][.pcn]!.lo - pcn) + max(0, I.shareWeeks[p][.cas]!.lo - cas))
        }
        return total
    }

    /// Re-plans clinician p; returns the improvement in the (penalised) objective.
    mutating func replan(_ p: Int) -> Double {
        let I = instance
        let W = I.weeks
        let c = I.clinicians[p]
        let eligible = I.eligible[p]
        guard c.rotates, eligible.count > 1 else { return 0 }
        add(p, -1)
        let w8 = I.scenario.weights
        let h = I.home[p]
        let homeShort = (0..<W).map { Floor.isBreached(cover: cover[h][$0], floor: I.floor[h][$0]) }
        var cost = [Double](repeating: .infinity, count: eligible.count * W)
        for (k, s) in eligible.enumerated() {
            let isAway = I.sites[s].kind != .hub
            let travel = w8.travelKm * I.distance[p][k]
            for w in 0..<W {
                if let pin = I.pinned[p][w] {
                    if pin == s { cost[k * W + w] = I.moveCost(p, s, w) }
                    continue
                }
                if hardHubFloors && isAway && homeShort[w] { continue }
                if let cap = I.cap[s][w], heads[s][w] + 1 > cap { continue }
                var over = 0.0
                if isAway {
                    let g = I.group[p], now = away[g][w]
                    if now + c.wte > limit[g][w] {
                        guard penalty != nil else { continue }
                        over = awayCost(g, w, now + c.wte) - awayCost(g, w, now)
                    }
                }
                let without = cover[s][w]
                cost[k * W + w] = travel + I.moveCost(p, s, w) + siteCost(s, w, without + I.cover[p][w]) - siteCost(s, w, without) + over
                if let noise { cost[k * W + w] += noise[s][w] * I.cover[p][w] }
            }
        }
        func rowCost(_ row: [Int]) -> Double {
            var z = 0.0
            var pcn = 0, cas = 0
            for w in 0..<W {
                let k = eligible.firstIndex(of: row[w])!
                z += cost[k * W + w]
                if w > 0 && row[w] != row[w - 1] { z += w8.change }
                if I.sites[row[w]].kind == .pcn { pcn += 1 } else if I.sites[row[w]].kind == .cas { cas += 1 }
            }
            // Above a share's upper bound is never allowed (the programme keeps
            // it in every mode): a start from the prices can be there.
            if pcn > I.shareWeeks[p][.pcn]!.hi || cas > I.shareWeeks[p][.cas]!.hi { return .infinity }
            if let penalty, !hardShares { z += penalty * Double(max(0, I.shareWeeks[p][.pcn]!.lo - pcn) + max(0, I.shareWeeks[p][.cas]!.lo - cas)) }
            else if pcn < I.shareWeeks[p][.pcn]!.lo || cas < I.shareWeeks[p][.cas]!.lo { z = .infinity }
            return z
        }
        if lastYear[p] == rota.sites[p], lastCost[p] == cost {
            skipped += 1
            add(p, +1)
            return 0
        }
        let before = rowCost(rota.sites[p])
        let shares: ClinicianDP.Shares = if let penalty, !hardShares { .soft(penalty: penalty) } else { .hard }
        let dp = ClinicianDP(I, p, sites: eligible, cost: cost, changeCost: w8.change, shares: shares)
        var gain = 0.0
        if let best = dp?.solve(), best.cost < before - 1e-9 {
            rota.sites[p] = best.sites.map { eligible[$0] }
            gain = before - best.cost
        }
        lastCost[p] = cost
        lastYear[p] = rota.sites[p]
        add(p, +1)
        return gain
    }
}
