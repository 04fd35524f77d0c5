import Foundation
import RotaCore

/// Turns a scenario (the updated tables) and the rota agreed before into the
/// scenario `rota replan` solves: weeks before `fromWeek` are pinned to the
/// agreed rota (they have happened, and still count for runs, shares and
/// rollout limits), and from `fromWeek` on the agreed sites are what a move
/// is measured against (`Scenario.replan`).
///
/// History is never rewritten: where the agreed rota contradicts the new
/// tables in the weeks that have happened (a clinician or site no longer in
/// the scenario, a new pin elsewhere, a clinician marked out of post, a site
/// the clinician may no longer work at), that is an input error naming the
/// agreed rota's file, line and week, and nothing is solved.
public enum ReplanLoader {
    public static func apply(previous rows: [(placement: Placement, line: Int)], file: String,
                             fromWeek: Int, to scenario: Scenario) throws(InputErrors) -> Scenario {
        var errors: [InputError] = []
        let W = scenario.weeks
        guard (1...W).contains(fromWeek) else {
            throw InputErrors([InputError(file: file, line: 0, column: "-",
                                          "--from-week \(fromWeek) is outside the scenario's weeks 1–\(W)")])
        }
        let staff = Dictionary(uniqueKeysWithValues: scenario.clinicians.map { ($0.id, $0) })
        let sites = Dictionary(uniqueKeysWithValues: scenario.sites.map { ($0.id, $0) })
        var pins: [String: Pin] = [:]
        for pin in scenario.pins { pins["\(pin.staff)\u{0}\(pin.week)"] = pin }

        var previous: [String: [String?]] = [:]
        var lineOf: [String: Int] = [:]
        // Rows with an error of their own still count as "there": not missing too.
        var mentioned = Set<String>()
        for (p, line) in rows {
            let key = "\(p.staff)\u{0}\(p.week)"
            mentioned.insert(key)
            guard (1...W).contains(p.week) else {
                errors.append(InputError(file: file, line: line, column: "week", "week \(p.week) is outside the scenario's weeks 1–\(W)"))
                continue
            }
            guard let c = staff[p.staff] else {
                // Only history matters for a clinician who is gone: later weeks are re-planned anyway.
                if p.week < fromWeek {
                    errors.append(InputError(file: file, line: line, column: "staff",
                                             "week \(p.week): \"\(p.staff)\" is not in staff.csv any more; keep the clinician in staff.csv with a `to` date (the last day in post) so the weeks that have happened stay as they were"))
                }
                continue
            }
            guard let site = sites[p.site] else {
                errors.append(InputError(file: file, line: line, column: "site",
                                         "week \(p.week): \"\(p.site)\" is not a site in sites.csv any more"))
                continue
            }
            if let first = lineOf[key] {
                errors.append(InputError(file: file, line: line, column: "week",
                                         "\(p.staff) is placed twice in week \(p.week) (first on line \(first))"))
                continue
            }
            lineOf[key] = line
            previous[p.staff, default: Array(repeating: nil, count: W)][p.week - 1] = p.site
            guard p.week < fromWeek else { continue }

            // The weeks that have happened, against the new tables.
            if let pin = pins[key], pin.site != p.site {
                errors.append(InputError(file: file, line: line, column: "site",
                                         "week \(p.week) has happened with \(p.staff) at \(p.site), but pinned.csv now pins \(p.staff) to \(pin.site) that week: correct pinned.csv (history is not rewritten)"))
            } else if p.site != c.home && !scenario.inPost(c, week: p.week) {
                errors.append(InputError(file: file, line: line, column: "site",
                                         "week \(p.week) has happened with \(p.staff) at \(p.site), but staff.csv now says \(p.staff) was not in post that week (from \(c.from?.description ?? "-") to \(c.to?.description ?? "-")): correct staff.csv"))
            } else if let home = sites[c.home], let why = Eligibility.reason(c, site, home: home, rotation: scenario.rotation) {
                errors.append(InputError(file: file, line: line, column: "site",
                                         "week \(p.week) has happened with \(p.staff) at \(p.site), but the new tables do not allow it: \(why.description)"))
            }
        }
        // Every clinician in post must have a placement in every week that has happened.
        for c in scenario.clinicians {
            let missing = (1..<fromWeek).filter { w in scenario.inPost(c, week: w) && !mentioned.contains("\(c.id)\u{0}\(w)") }
            guard let first = missing.first else { continue }
            let weeks = missing.count == 1 ? "week \(first)" : "weeks \(first)–\(missing.last!) (\(missing.count) weeks)"
            errors.append(InputError(file: file, line: 1, column: "staff",
                                     "\(c.id) has no placement in \(weeks), which \(missing.count == 1 ? "has" : "have") happened (before week \(fromWeek)); if \(c.id) joined later, give staff.csv a `from` date"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }

        var out = scenario
        for c in scenario.clinicians {
            for w in 1..<fromWeek {
                guard let site = previous[c.id]?[w - 1], pins["\(c.id)\u{0}\(w)"] == nil else { continue }
                out.pins.append(Pin(staff: c.id, week: w, site: site))
            }
        }
        // A week out of post (after a leaver's last day, before a joiner's
        // first) is no decision of the re-plan: the clinician is held at
        // home whatever was agreed, so it is neither a move nor disruption.
        for c in scenario.clinicians where c.from != nil || c.to != nil {
            for w in stride(from: fromWeek, through: W, by: 1) where !scenario.inPost(c, week: w) { previous[c.id]?[w - 1] = nil }
        }
        relaxSharesHistoryBreaks(&out, fromWeek: fromWeek, file: file, lineOf: lineOf)
        out.replan = Replan(fromWeek: fromWeek, previous: previous, file: file)
        return out
    }

    /// A share the weeks that have happened already make impossible (a
    /// leaver with more PCN weeks behind them than their pro-rated share
    /// allows, or too few weeks left to reach a minimum) is relaxed, for
    /// this re-plan only, to the nearest count still reachable, with a
    /// warning: otherwise the re-plan has no rota at all, or moves the
    /// clinician in their last weeks to chase a share they cannot keep.
    static func relaxSharesHistoryBreaks(_ s: inout Scenario, fromWeek: Int, file: String, lineOf: [String: Int]) {
        let kinds = Dictionary(uniqueKeysWithValues: s.sites.map { ($0.id, $0.kind) })
        let history = Dictionary(grouping: s.pins.filter { $0.week < fromWeek }, by: \.staff)
        let r = s.rotation
        for i in s.clinicians.indices where s.clinicians[i].rotates {
            let c = s.clinicians[i]
            let Wp = s.weeksInPost(c)
            guard Wp > 0 else { continue }
            let left = (fromWeek...s.weeks).filter { s.inPost(c, week: $0) }.count
            let line = (1..<fromWeek).compactMap { lineOf["\(c.id)\u{0}\($0)"] }.min() ?? 1
            for kind in [SiteKind.pcn, .cas] {
                let (lo, hi) = (c.shareBounds(kind, r).lo, c.shareBounds(kind, r).hi)
                let done = (history[c.id] ?? []).filter { kinds[$0.site] == kind }.count
                let name = kind == .pcn ? "a PCN" : "a CAS"
                let inPost = Wp == s.weeks ? "the \(Wp) weeks" : "\(c.id)'s \(Wp) weeks in post"
                if ShareLimit.isAbove(Double(done), most: hi * Double(Wp)) {
                    let relaxed = Double(done) / Double(Wp)
                    if kind == .pcn { s.clinicians[i].sharePCNMax = relaxed } else { s.clinicians[i].shareCASMax = relaxed }
                    s.warnings.append(InputWarning(file: file, line: line, column: "site",
                        "\(c.id) has already worked \(done) weeks at \(name) before week \(fromWeek), more than the share allows over \(inPost) (at most \(formatDecimal(hi * Double(Wp), places: 1))); for this re-plan the share is \(done) of \(Wp) weeks, so \(c.id) is not moved to meet a share that can no longer be kept"))
                } else if Double(done + left) < lo * Double(Wp) - 1e-9 {
                    // Not done + left: that would send every remaining week there.
                    let relaxed = Double(done) / Double(Wp)
                    if kind == .pcn { s.clinicians[i].sharePCNMin = relaxed } else { s.clinicians[i].shareCASMin = relaxed }
                    s.warnings.append(InputWarning(file: file, line: line, column: "site",
                        "\(c.id) can reach at most \(done + left) weeks at \(name) over \(inPost) (\(done) before week \(fromWeek), \(left) left), fewer than the share needs (at least \(formatDecimal(lo * Double(Wp), places: 1))); for this re-plan the minimum is the \(done) weeks already worked, so \(c.id) is not moved to chase it"))
                }
            }
        }
    }
}
