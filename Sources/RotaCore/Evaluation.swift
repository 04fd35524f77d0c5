/// One site-week of a rota: what coverage.csv holds.
public struct CoverageRow: Sendable, Equatable {
    public var site: String
    public var kind: SiteKind
    public var ics: String?
    public var week: Int
    public var weekStart: Day
    public var cover: Double
    public var head: Int
    public var floor: Double
    public var target: Double
    public var cap: Int?
    /// max(0, T − cover).
    public var shortfall: Double
    /// F − cover where cover < F − Floor.tolerance, else 0 (measured against F exactly).
    public var breach: Double
}

/// Shortfall against target over a group of site-weeks (a kind, ICS or trust).
public struct TargetMet: Sendable, Equatable {
    public init(target: Double = 0, shortfall: Double = 0) { self.target = target; self.shortfall = shortfall }
    public var target: Double = 0
    public var shortfall: Double = 0
    /// 100 × (Σ target − Σ shortfall) / Σ target; nil where there is no target.
    public var percentMet: Double? { target > 0 ? 100 * (target - shortfall) / target : nil }
}

/// Weeks a clinician spends at each kind of site.
public struct ClinicianShare: Sendable, Equatable {
    public var staff: String
    public var hubWeeks: Int
    public var pcnWeeks: Int
    public var casWeeks: Int
    /// Week-to-week site changes, and km from home to the sites away (this
    /// clinician's part of the totals).
    public var changes = 0
    public var travelKm = 0.0
    public init(staff: String, hubWeeks: Int, pcnWeeks: Int, casWeeks: Int, changes: Int = 0, travelKm: Double = 0) {
        self.staff = staff; self.hubWeeks = hubWeeks; self.pcnWeeks = pcnWeeks; self.casWeeks = casWeeks
        self.changes = changes; self.travelKm = travelKm
    }
}

/// Z, its terms and the KPIs of PROBLEM.md, recomputed from a rota by the
/// validator (not taken from the solver), so the numbers a planner reads
/// are the numbers of the rota that was written.
public struct Evaluation: Sendable {
    public var objective: Double { shortfallTerm + changesTerm + travelTerm + disruptionTerm }
    /// Weighted terms: they add up to `objective`.
    public var shortfallTerm = 0.0
    public var changesTerm = 0.0
    public var travelTerm = 0.0
    /// Re-planning only: weights.disruption × moves (0 otherwise).
    public var disruptionTerm = 0.0
    /// Re-planning only: clinician-weeks from the re-plan week placed
    /// elsewhere than the agreed rota said.
    public var moves = 0
    /// Raw figures.
    public var shortfallWTEWeeks = 0.0
    public var changes = 0
    public var travelKm = 0.0
    public var floorBreaches = 0
    public var breachWTEWeeks = 0.0
    public var byKind: [SiteKind: TargetMet] = [:]
    /// By ICS; a site without an ICS is under "(none)".
    public var byICS: [String: TargetMet] = [:]
    /// By trust; a site without a trust is under "(none)".
    public var byTrust: [String: TargetMet] = [:]
    public var coverage: [CoverageRow] = []
    public var shares: [ClinicianShare] = []
}

extension Validator {
    /// Recomputes Z, its terms, coverage and KPIs for a rota. Weeks with no
    /// (or an unknown) placement count as no cover and no change.
    public func evaluate(_ placements: [Placement]) -> Evaluation {
        var ignored: [Violation] = []
        let g = structure(placements, &ignored)
        let w8 = scenario.weights
        var e = Evaluation()
        for kind in SiteKind.allCases { e.byKind[kind] = TargetMet() }

        for s in scenario.sites {
            for w in 1...weeks {
                let d = demand(s.id, w)
                let here = placed(g, at: s.id, week: w)
                let cov = here.reduce(0.0) { $0 + coverOf($1, w) }
                let shortfall = max(0, d.target - cov)
                let breach = Floor.shortfall(cover: cov, floor: d.floor)
                e.coverage.append(CoverageRow(site: s.id, kind: s.kind, ics: s.ics, week: w, weekStart: scenario.weekStart(w),
                                              cover: cov, head: here.count, floor: d.floor, target: d.target, cap: d.cap,
                                              shortfall: shortfall, breach: breach))
                e.shortfallWTEWeeks += shortfall
                e.shortfallTerm += w8.shortfall(s.kind) * s.priority * shortfall
                if breach > 0 { e.floorBreaches += 1; e.breachWTEWeeks += breach }
                e.byKind[s.kind]!.target += d.target
                e.byKind[s.kind]!.shortfall += shortfall
                e.byICS[s.ics ?? "(none)", default: TargetMet()].target += d.target
                e.byICS[s.ics ?? "(none)", default: TargetMet()].shortfall += shortfall
                e.byTrust[s.trust ?? "(none)", default: TargetMet()].target += d.target
                e.byTrust[s.trust ?? "(none)", default: TargetMet()].shortfall += shortfall
            }
        }

        for c in scenario.clinicians {
            let row = g.at[c.id]!
            var share = ClinicianShare(staff: c.id, hubWeeks: 0, pcnWeeks: 0, casWeeks: 0)
            let home = sitesById[c.home]
            for w in 1...weeks {
                if w >= 2, let a = row[w - 1], let b = row[w - 2], a != b { share.changes += 1 }
                guard let id = row[w - 1], let site = sitesById[id] else { continue }
                switch site.kind {
                case .hub: share.hubWeeks += 1
                case .pcn: share.pcnWeeks += 1
                case .cas: share.casWeeks += 1
                }
                if id != c.home, let a = home?.location, let b = site.location {
                    // Added to the total term by term, as before, so Z's travel sums in the same order.
                    let km = haversineKm(a, b)
                    share.travelKm += km
                    e.travelKm += km
                }
            }
            e.changes += share.changes
            e.shares.append(share)
        }
        if let replan = scenario.replan {
            for c in scenario.clinicians {
                let row = g.at[c.id]!
                for w in replan.fromWeek...max(replan.fromWeek, weeks) where w <= weeks {
                    if let agreed = replan.agreed(c.id, week: w), row[w - 1] != agreed { e.moves += 1 }
                }
            }
            e.disruptionTerm = w8.disruption * Double(e.moves)
        }
        e.changesTerm = w8.change * Double(e.changes)
        e.travelTerm = w8.travelKm * e.travelKm
        return e
    }
}
