import RotaCore
import RotaGLPK

/// One reason the hard rules H1 and H3–H8 cannot all hold, even with every
/// floor dropped: the rule family, and who, where and when.
public struct RuleConflict: Sendable, Equatable, CustomStringConvertible {
    /// The rules that clash, e.g. H5 alone, or H7+H8.
    public var rule: RuleSet
    /// The clinician, site or trust it is about (one token, as in violation lines).
    public var subject: String
    public var detail: String
    public var description: String { "\(rule) \(subject): \(detail)" }
    public init(rule: RuleSet, subject: String, detail: String) { self.rule = rule; self.subject = subject; self.detail = detail }
}

/// Finds why H1 and H3–H8 conflict ("When no valid rota exists" in
/// PROBLEM.md), cheapest checks first:
///
/// 1. each clinician alone (H1, H4, H5, H6, H7 only concern one person):
///    share bounds that admit no whole number of weeks, lower bounds that
///    need more weeks than the horizon, and an exact check of their year
///    by the dynamic programme, relaxing shares, then runs, to name the rule;
/// 2. pins against caps (H3) and against the rollout limit (H8), week by week;
/// 3. the share lower bounds of a trust against its rollout limits (H7+H8);
/// 4. only when none of that explains it: the model without floors, handed
///    to GLPK with one rule family switched off at a time (policy numbers
///    first: H8, H3, H6, H5, H7, then H4): the first whose removal makes it
///    feasible is named.
public enum RuleConflicts {
    /// Checks 1–3: no GLPK, fast enough to run before every search.
    public static func structural(_ I: Instance) -> [RuleConflict] {
        clinicianConflicts(I) + pinConflicts(I) + shareRolloutConflicts(I)
    }

    /// Checks 1–4. The GLPK step runs only for models up to `wholeModelLimit`
    /// placement binaries (it needs the whole model).
    public static func explain(_ I: Instance, timeLimit: Double, wholeModelLimit: Int = 20_000) -> [RuleConflict] {
        let found = structural(I)
        if !found.isEmpty { return found }
        let binaries = I.clinicians.indices.reduce(0) { $0 + I.eligible[$1].count } * I.weeks
        guard binaries <= wholeModelLimit else {
            return [RuleConflict(rule: [.onePlacement, .cap, .pinned, .minRun, .maxRun, .share, .rollout], subject: "scenario",
                                 detail: "the rules conflict, but the scenario is too large to try switching each rule family off")]
        }
        return byRelaxation(I, timeLimit: timeLimit)
    }

    // MARK: 1. One clinician at a time

    static func clinicianConflicts(_ I: Instance) -> [RuleConflict] {
        let W = I.weeks
        let rotation = I.scenario.rotation
        var out: [RuleConflict] = []
        var feasibleBySignature: [String: Bool] = [:]
        for p in I.clinicians.indices where I.clinicians[p].rotates {
            let c = I.clinicians[p]
            var own: [RuleConflict] = []
            for kind in [SiteKind.pcn, .cas] {
                let share = c.shareBounds(kind, rotation)
                let weeks = I.shareWeeks[p][kind]!
                if weeks.lo > weeks.hi {
                    own.append(RuleConflict(rule: [.share], subject: c.id, detail:
                        "share of weeks at a \(kind.rawValue) between \(fmt(share.lo)) and \(fmt(share.hi)) of \(W) weeks means "
                        + "\(fmt(share.lo * Double(W)))–\(fmt(share.hi * Double(W))) weeks, and no whole number of weeks is in that range"))
                }
            }
            let lo = I.shareWeeks[p][.pcn]!.lo + I.shareWeeks[p][.cas]!.lo
            if lo > W {
                own.append(RuleConflict(rule: [.share], subject: c.id, detail:
                    "the share lower bounds need \(I.shareWeeks[p][.pcn]!.lo) weeks at a pcn and \(I.shareWeeks[p][.cas]!.lo) at a cas, more than the \(W) weeks of the horizon"))
            }
            if !own.isEmpty { out += own; continue }

            let sites = representativeSites(I, p)
            let pinned = I.pinned[p].contains { $0 != nil }
            // Without pins, clinicians with the same choices and bounds stand or fall together.
            let signature = pinned ? nil : sites.map { "\(I.sites[$0].kind)\($0 == I.home[p] ? "h" : "")" }.joined(separator: ",")
                + "|\(I.shareWeeks[p][.pcn]!)|\(I.shareWeeks[p][.cas]!)"
            if let signature, let known = feasibleBySignature[signature] {
                if !known { out.append(yearConflict(I, p, sites)) }
                continue
            }
            let ok = yearExists(I, p, sites)
            if let signature { feasibleBySignature[signature] = ok }
            if !ok { out.append(yearConflict(I, p, sites)) }
        }
        return out
    }

    /// The sites that decide whether clinician p has a valid year: home, every
    /// pinned site, and three more of each kind. A run at any other site of a
    /// kind can be moved to one of three representatives that differs from
    /// the runs on either side, keeping kind, length and eligibility, so the
    /// answer is exact with far fewer sites (the programme's work grows with
    /// their number).
    static func representativeSites(_ I: Instance, _ p: Int) -> [Int] {
        let pinnedSites = Set(I.pinned[p].compactMap { $0 })
        var chosen = Set(pinnedSites).union([I.home[p]])
        var perKind: [SiteKind: Int] = [:]
        for s in I.eligible[p] where !chosen.contains(s) && I.sites[s].kind != .hub {
            if perKind[I.sites[s].kind, default: 0] < 3 { chosen.insert(s); perKind[I.sites[s].kind, default: 0] += 1 }
        }
        return I.eligible[p].filter { chosen.contains($0) }
    }

    static func yearExists(_ I: Instance, _ p: Int, _ sites: [Int], wideShares: Bool = false,
                           minRun: Int? = nil, maxRun: Int?? = nil) -> Bool {
        let W = I.weeks
        var cost = [Double](repeating: 0, count: sites.count * W)
        for (k, s) in sites.enumerated() {
            for w in 0..<W { if let pin = I.pinned[p][w], pin != s { cost[k * W + w] = .infinity } }
        }
        let dp = ClinicianDP(I, p, sites: sites, cost: cost, changeCost: 0, shares: wideShares ? .none : .hard,
                             minRun: minRun, maxRun: maxRun)
        return dp?.solve() != nil
    }

    /// Names the rule behind a clinician with no valid year: relax the shares,
    /// then the minimum run, then the maximum run, and see which one frees it.
    static func yearConflict(_ I: Instance, _ p: Int, _ sites: [Int]) -> RuleConflict {
        let c = I.clinicians[p]
        let rotation = I.scenario.rotation
        let pins = pinnedRuns(I, p)
        let pinText = pins.isEmpty ? "no pins" : "pinned " + pins.map { "\(I.sites[$0.site].id) \(weekRange($0.weeks))" }.joined(separator: ", ")
        if yearExists(I, p, sites, minRun: 1) {
            // The minimum run is what blocks: name a pinned run that cannot be
            // stretched (pins elsewhere on both sides, no horizon edge in reach).
            for run in pins where run.site != I.home[p] && run.weeks.count < rotation.minRunWeeks {
                var before = run.weeks.lowerBound, after = run.weeks.upperBound
                while before > 0 && I.pinned[p][before - 1] == nil { before -= 1 }
                while after < I.weeks && I.pinned[p][after] == nil { after += 1 }
                // Exempt where the run can reach an edge: the horizon's, or the clinician's weeks in post.
                if before <= I.post[p].lowerBound || after > I.post[p].upperBound || after - before >= rotation.minRunWeeks { continue }
                var blocked: [String] = []
                if let s = I.pinned[p][before - 1] { blocked.append("week \(before) is pinned to \(I.sites[s].id)") }
                if let s = I.pinned[p][after] { blocked.append("week \(after + 1) is pinned to \(I.sites[s].id)") }
                return RuleConflict(rule: [.minRun], subject: c.id, detail:
                    "pinned to \(I.sites[run.site].id) in \(weekRange(run.weeks)) (\(run.weeks.count) week\(run.weeks.count == 1 ? "" : "s")), "
                    + "shorter than min_run_weeks \(rotation.minRunWeeks), and the run cannot be made longer: " + blocked.joined(separator: ", "))
            }
            return RuleConflict(rule: [.minRun], subject: c.id, detail:
                "with \(pinText), every year that keeps the other rules has a run shorter than min_run_weeks \(rotation.minRunWeeks)")
        }
        if let maxRun = rotation.maxRunWeeks, yearExists(I, p, sites, maxRun: .some(nil)) {
            if let run = pins.first(where: { $0.site != I.home[p] && $0.weeks.count > maxRun }) {
                return RuleConflict(rule: [.maxRun], subject: c.id, detail:
                    "pinned to \(I.sites[run.site].id) in \(weekRange(run.weeks)) (\(run.weeks.count) weeks), longer than max_run_weeks \(maxRun)")
            }
            return RuleConflict(rule: [.maxRun], subject: c.id, detail:
                "with \(pinText), every year that keeps the other rules has a run longer than max_run_weeks \(maxRun)")
        }
        if yearExists(I, p, sites, wideShares: true) {
            let pcn = I.shareWeeks[p][.pcn]!, cas = I.shareWeeks[p][.cas]!
            return RuleConflict(rule: [.share], subject: c.id, detail:
                "with \(pinText) and runs of \(runText(rotation)), no year has \(pcn.lo)–\(pcn.hi) weeks at a pcn and \(cas.lo)–\(cas.hi) at a cas")
        }
        return RuleConflict(rule: [.pinned, .minRun, .maxRun, .share], subject: c.id, detail: "with \(pinText), the pins, run lengths (\(runText(rotation))) and shares cannot all hold")
    }

    static func runText(_ r: RotationPolicy) -> String {
        "\(r.minRunWeeks)" + (r.maxRunWeeks.map { "–\($0)" } ?? "+") + " weeks"
    }

    /// Maximal runs of consecutive weeks pinned to one site (0-based weeks).
    static func pinnedRuns(_ I: Instance, _ p: Int) -> [(site: Int, weeks: Range<Int>)] {
        var runs: [(site: Int, weeks: Range<Int>)] = []
        var w = 0
        while w < I.weeks {
            guard let s = I.pinned[p][w] else { w += 1; continue }
            var end = w + 1
            while end < I.weeks && I.pinned[p][end] == s { end += 1 }
            runs.append((s, w..<end))
            w = end
        }
        return runs
    }

    // MARK: 2. Pins against caps and the rollout limit

    static func pinConflicts(_ I: Instance) -> [RuleConflict] {
        let W = I.weeks
        var out: [RuleConflict] = []
        var pinnedAt = Array(repeating: Array(repeating: [Int](), count: W), count: I.sites.count)
        for p in I.clinicians.indices { for w in 0..<W { if let s = I.pinned[p][w] { pinnedAt[s][w].append(p) } } }
        for s in I.sites.indices {
            for w in 0..<W {
                if let cap = I.cap[s][w], pinnedAt[s][w].count > cap {
                    out.append(RuleConflict(rule: [.cap], subject: I.sites[s].id, detail:
                        "week \(w + 1): \(pinnedAt[s][w].count) clinicians are pinned there (\(names(I, pinnedAt[s][w]))) but the cap is \(cap)"))
                }
            }
        }
        for g in I.groupNames.indices {
            let members = I.clinicians.indices.filter { I.group[$0] == g && I.clinicians[$0].rotates }
            let total = members.reduce(0.0) { $0 + I.clinicians[$1].wte }
            for w in 0..<W {
                guard let share = I.maxAway[w] else { continue }
                let away = members.filter { p in I.pinned[p][w].map { I.sites[$0].kind != .hub } ?? false }
                let wte = away.reduce(0.0) { $0 + I.clinicians[$1].wte }
                if ShareLimit.isAbove(wte, most: share * total) {
                    out.append(RuleConflict(rule: [.rollout], subject: trustToken(I.groupNames[g]), detail:
                        "week \(w + 1): clinicians pinned away from hubs (\(names(I, away))) come to \(fmt(wte)) WTE, above the rollout limit of "
                        + "\(fmt(share)) × \(fmt(total)) WTE = \(fmt(share * total)) WTE"))
                }
            }
        }
        return out
    }

    // MARK: 3. Share lower bounds against the rollout limits

    static func shareRolloutConflicts(_ I: Instance) -> [RuleConflict] {
        guard I.maxAway.contains(where: { $0 != nil }) else { return [] }
        var out: [RuleConflict] = []
        for g in I.groupNames.indices {
            let members = I.clinicians.indices.filter { I.group[$0] == g && I.clinicians[$0].rotates }
            let total = members.reduce(0.0) { $0 + I.clinicians[$1].wte }
            // Every WTE-week a clinician must spend away is counted in some week's limit.
            let need = members.reduce(0.0) { sum, p in
                sum + I.clinicians[p].wte * Double(I.shareWeeks[p][.pcn]!.lo + I.shareWeeks[p][.cas]!.lo)
            }
            let allowed = I.maxAway.reduce(0.0) { $0 + ($1 ?? 1) * total }
            if need > allowed + 1e-6 {
                out.append(RuleConflict(rule: [.share, .rollout], subject: trustToken(I.groupNames[g]), detail:
                    "the share lower bounds need \(fmt(need)) WTE-weeks away from hubs over the year, but the rollout limits allow at most \(fmt(allowed))"))
            }
        }
        return out
    }

    // MARK: 4. GLPK, one rule family off at a time

    static func byRelaxation(_ I: Instance, timeLimit: Double) -> [RuleConflict] {
        let (model, _) = ModelBuilder(I, options: .init(softFloors: true)).build()
        let zero = [Double](repeating: 0, count: model.columns.count)
        var mip = MIPOptions()
        // Policy numbers first; the pins (H4) are not rows but fixed columns.
        let order: [RuleID] = [.rollout, .cap, .maxRun, .minRun, .share, .pinned]
        let families = order.map { rule in
            (set: Set(MIPModel.Family.allCases.filter { $0.rule == rule }), pins: rule == .pinned, rule: rule)
        }
        let perTry = max(1, timeLimit / Double(families.count))
        for f in families {
            var relaxed = model.dropping(f.set)
            if f.pins { relaxed.releaseFixedPlacements() }
            mip.timeLimitSeconds = perTry
            let r = GLPKBridge.load(relaxed, objective: zero).solve(mip)
            if r.status == .optimal || r.status == .feasible {
                return [RuleConflict(rule: [f.rule], subject: "scenario", detail:
                    "without \(f.rule.phrase) the other rules can all hold; with it they cannot (found by switching each rule family off in turn)")]
            }
        }
        return [RuleConflict(rule: [.onePlacement, .cap, .pinned, .minRun, .maxRun, .share, .rollout], subject: "scenario",
                             detail: "the rules conflict, and switching off any one rule family alone does not resolve it")]
    }

    static func names(_ I: Instance, _ ps: [Int]) -> String {
        let ids = ps.map { I.clinicians[$0].id }
        return ids.count <= 8 ? ids.joined(separator: ", ") : ids.prefix(8).joined(separator: ", ") + " and \(ids.count - 8) more"
    }

    /// A trust as one token, the way the validator names H8 groups.
    static func trustToken(_ name: String) -> String {
        name.isEmpty ? "no-trust" : name.replacingOccurrences(of: " ", with: "-")
    }
}

/// "week 3" or "weeks 3–5" for 0-based weeks.
func weekRange(_ weeks: Range<Int>) -> String {
    weeks.count == 1 ? "week \(weeks.lowerBound + 1)" : "weeks \(weeks.lowerBound + 1)–\(weeks.upperBound)"
}

extension MIPModel {
    /// The same model without the rows of some families.
    func dropping(_ families: Set<Family>) -> MIPModel {
        guard !families.isEmpty else { return self }
        var m = MIPModel()
        m.columns = columns
        for i in rows.indices where !families.contains(rows[i].family) {
            let r = rows[i]
            m.addRow(r.family, p: r.p, s: r.s, w: r.w, lower: r.lower, upper: r.upper, terms: terms(ofRow: i).map { ($0.column, $0.value) })
        }
        return m
    }

    /// Frees placement columns fixed by pins (the whole model fixes nothing else).
    mutating func releaseFixedPlacements() {
        for j in columns.indices {
            if case .place = columns[j].ref, columns[j].upper == columns[j].lower { columns[j].lower = 0; columns[j].upper = 1 }
        }
    }
}
