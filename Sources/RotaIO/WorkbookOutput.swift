import Foundation
import RotaCore
import RotaXLSX

/// rota.xlsx: the run as a planner's workbook (Summary, Rota, Sites,
/// Clinicians, and Changes for a re-plan), rendered from the same
/// `RunResult` as the CSV files so the two never disagree. Numbers are
/// numbers, week starts are real dates, text is stored as text (never a
/// formula). The workbook is stamped with the scenario's start date, not the
/// clock, so the same rota gives the same bytes.
public enum WorkbookOutput {
    public static func render(_ r: RunResult) throws -> Data {
        try Workbook.bytes(created: date(r.scenario.start)) { book in
            try summary(book.sheet("Summary"), r)
            try rota(book.sheet("Rota"), r)
            try sites(book.sheet("Sites"), r)
            try clinicians(book.sheet("Clinicians"), r)
            try siteView(book.sheet("Site view"), r)
            if let moves = r.moves { try changes(book.sheet("Changes"), r.scenario, moves) }
        }
    }

    // MARK: styles

    static let header = Style(bold: true, fill: 0xD9D9D9)
    static let dateHeader = Style(bold: true, fill: 0xD9D9D9, numberFormat: dateFormat)
    static let dateFormat = "yyyy-mm-dd"
    static let dateCell = Style(numberFormat: dateFormat)
    static let wteCell = Style(numberFormat: "0.00")
    static let percentCell = Style(numberFormat: "0.0%")
    static let gapCell = Style(numberFormat: "0.00%")
    static let title = Style(bold: true)
    /// Excel's own "bad" and "neutral" conditional colours.
    static let belowFloor = Style(fill: 0xFFC7CE, fontColor: 0x9C0006)
    static let belowTarget = Style(fill: 0xFFEB9C, fontColor: 0x9C5700)
    static let kindFill: [SiteKind: UInt32] = [.hub: 0xDDEBF7, .pcn: 0xE2EFDA, .cas: 0xFCE4D6]
    static let leaveFill: UInt32 = 0xBFBFBF
    static let outOfPost = Style(italic: true, fill: 0xF2F2F2, fontColor: 0x808080)

    static func placementStyle(_ kind: SiteKind?, leave: Bool, pinned: Bool) -> Style {
        Style(bold: pinned, italic: leave, fill: leave ? leaveFill : kind.flatMap { kindFill[$0] }, border: pinned)
    }

    // MARK: dates

    private static let unixEpoch = Day(year: 1970, month: 1, day: 1)!.ordinal
    /// Day 0 of Excel's 1900 date system as Excel counts it (its serials are
    /// right from 1 March 1900 on, which every rota date is).
    private static let excelEpoch = Day(year: 1899, month: 12, day: 30)!.ordinal

    static func date(_ d: Day) -> Date { Date(timeIntervalSince1970: Double(d.ordinal - unixEpoch) * 86_400) }
    static func serial(_ d: Day) -> Double { Double(d.ordinal - excelEpoch) }

    // MARK: Summary

    static func statusWords(_ s: RunSummary, _ e: Evaluation) -> String {
        if let file = s.readFrom {
            return e.floorBreaches == 0 ? "Valid rota: \(file) keeps every rule (read from the file, not solved: how close to the best is unknown)"
                : "\(file) breaks floors, so it is NOT a valid rota (read from the file, not solved)"
        }
        return switch s.status {
        case .optimal: "Optimal: no valid rota scores better" + (s.mipGap > 0 ? " (within the requested gap)" : "")
        case .feasible: "Valid rota, not proven the best" + (s.gap(objective: e.objective).map { " (within \(formatDecimal(100 * $0, places: 2))% of the best possible)" } ?? "")
        case .infeasible: "No valid rota exists: this is the rota that breaks the floors least, and it is NOT valid"
        case .noRotaInTime: "No rota was found in time"
        }
    }

    static func summary(_ sh: Sheet, _ r: RunResult) {
        let e = r.evaluation, s = r.summary, sc = r.scenario
        sh.columnWidth(0, 0, 34); sh.columnWidth(1, 1, 22); sh.columnWidth(2, 4, 18)
        var row = 0
        func item(_ name: String, _ put: (Int) -> Void) { sh.write(row, 0, name, title); put(row); row += 1 }
        func text(_ name: String, _ value: String) { item(name) { sh.write($0, 1, value) } }
        func number(_ name: String, _ value: Double?, _ style: Style? = nil) { item(name) { sh.write($0, 1, optional: value, style) } }

        text("Scenario", sc.name)
        text("Status", statusWords(s, e))
        item("Valid rota") { sh.write($0, 1, bool: s.status != .infeasible) }
        number("Objective Z", e.objective)
        number("Lower bound", s.bound)
        number("Proven gap", s.gap(objective: e.objective), gapCell)
        item("Floors met") { sh.write($0, 1, bool: e.floorBreaches == 0) }
        number("Site-weeks below floor", Double(e.floorBreaches))
        number("WTE-weeks below floor", e.breachWTEWeeks, wteCell)
        number("Shortfall against target, WTE-weeks", e.shortfallWTEWeeks, wteCell)
        number("Site changes", Double(e.changes))
        number("Travel, km", e.travelKm, Style(numberFormat: "0.0"))
        if sc.replan != nil { number("Clinician-weeks moved from the agreed rota", Double(e.moves)) }
        row += 1

        func table(_ heading: String, _ groups: [(String, TargetMet)]) {
            for (c, h) in [heading, "Target, WTE-weeks", "Shortfall, WTE-weeks", "Target met"].enumerated() { sh.write(row, c, h, header) }
            row += 1
            for (name, t) in groups {
                sh.write(row, 0, name)
                sh.write(row, 1, number: t.target, wteCell)
                sh.write(row, 2, number: t.shortfall, wteCell)
                sh.write(row, 3, optional: t.percentMet.map { $0 / 100 }, percentCell)
                row += 1
            }
            row += 1
        }
        table("Kind of site", SiteKind.allCases.map { ($0.rawValue, e.byKind[$0] ?? TargetMet()) })
        let byICS = e.byICS.keys.sorted().map { ($0, e.byICS[$0]!) }
        table("ICS", byICS)
        if let worst = byICS.filter({ $0.1.percentMet != nil }).min(by: { $0.1.percentMet! < $1.1.percentMet! }) {
            text("Worst-served ICS", "\(worst.0) (\(formatDecimal(worst.1.percentMet!, places: 1))% of target met)")
            row += 1
        }

        sh.write(row, 0, "Settings", header); sh.write(row, 1, "", header); row += 1
        item("First week starts") { sh.write($0, 1, number: serial(sc.start), dateCell) }
        number("Weeks", Double(sc.weeks))
        number("Clinicians", Double(sc.clinicians.count))
        number("Sites", Double(sc.sites.count))
        if let file = s.readFrom {
            text("Rota read from", file)
        } else {
            text("Strategy", s.strategy)
            number("Time limit, s", s.timeLimitSeconds)
            number("Requested gap", s.mipGap, gapCell)
        }
        number("Weight: hub shortfall", sc.weights.shortfallHub)
        number("Weight: PCN shortfall", sc.weights.shortfallPCN)
        number("Weight: CAS shortfall", sc.weights.shortfallCAS)
        number("Weight: per change", sc.weights.change)
        number("Weight: per km", sc.weights.travelKm)
        if let replan = sc.replan {
            number("Re-planned from week", Double(replan.fromWeek))
            text("Agreed rota", replan.file)
            number("Weight: per clinician-week moved", sc.weights.disruption)
        }
        row += 1

        sh.write(row, 0, "Key to the Rota sheet", header); sh.write(row, 1, "", header); row += 1
        for kind in SiteKind.allCases { sh.write(row, 0, kind.rawValue, placementStyle(kind, leave: false, pinned: false)); row += 1 }
        sh.write(row, 0, "on leave part or all of the week", placementStyle(nil, leave: true, pinned: false)); row += 1
        sh.write(row, 0, "pinned in pinned.csv (or agreed, before a re-plan's week)", placementStyle(nil, leave: false, pinned: true)); row += 1
        sh.write(row, 0, "not in post", outOfPost); row += 1
        sh.write(row, 0, "Sites sheet: cover below floor", belowFloor); row += 1
        sh.write(row, 0, "Sites sheet: cover below target", belowTarget)
    }

    // MARK: Rota

    static func rota(_ sh: Sheet, _ r: RunResult) {
        let sc = r.scenario
        let sitesById = Dictionary(uniqueKeysWithValues: sc.sites.map { ($0.id, $0) })
        var at: [String: [String]] = [:]
        for c in sc.clinicians { at[c.id] = Array(repeating: "", count: sc.weeks) }
        for p in r.placements where (1...sc.weeks).contains(p.week) { at[p.staff]?[p.week - 1] = p.site }
        let pinned = Set(sc.pins.map { "\($0.staff)\u{1F}\($0.week)" })
        let leave = Dictionary(grouping: sc.leave, by: \.staff)
        let fixed = ["staff", "name", "grade", "home", "ics"]
        for (c, h) in fixed.enumerated() { sh.write(0, c, h, header) }
        for w in 1...sc.weeks { sh.write(0, fixed.count + w - 1, number: serial(sc.weekStart(w)), dateHeader) }
        for (i, c) in sc.clinicians.enumerated() {
            let row = i + 1
            sh.write(row, 0, c.id); sh.write(row, 1, c.name ?? ""); sh.write(row, 2, c.grade.name)
            sh.write(row, 3, c.home); sh.write(row, 4, sitesById[c.home]?.ics ?? "")
            for w in 1...sc.weeks {
                let col = fixed.count + w - 1
                guard sc.inPost(c, week: w) else {
                    let left = c.to.map { sc.weekStart(w) > $0 } ?? false
                    sh.write(row, col, left ? OutputWriter.notInPost.left : OutputWriter.notInPost.notStarted, outOfPost)
                    continue
                }
                let first = sc.weekStart(w), last = first.adding(days: 6)
                let away = leave[c.id]?.contains { $0.from <= last && $0.to >= first } ?? false
                let site = at[c.id]![w - 1]
                sh.write(row, col, site, placementStyle(sitesById[site]?.kind, leave: away, pinned: pinned.contains("\(c.id)\u{1F}\(w)")))
            }
        }
        // ICS names run to 40 characters ("Birmingham and Solihull"): wide enough to read, not to dwarf the weeks.
        sh.columnWidth(0, 0, 12); sh.columnWidth(1, 1, 20); sh.columnWidth(2, 3, 11); sh.columnWidth(4, 4, 24)
        sh.columnWidth(fixed.count, fixed.count + sc.weeks - 1, 11)
        sh.freeze(row: 1, col: 1)
        sh.autofilter(firstRow: 0, firstCol: 0, lastRow: sc.clinicians.count, lastCol: fixed.count + sc.weeks - 1)
        sh.printLandscape(repeatingRows: 1)
    }

    // MARK: Sites

    /// Three rows per site (cover, floor, target) and a column per week; the
    /// cover row turns red below the floor and amber below the target by
    /// conditional formats, with H2's tolerance, so edits recolour.
    static func sites(_ sh: Sheet, _ r: RunResult) {
        let sc = r.scenario
        let fixed = ["site", "name", "kind", "ics", "measure"]
        for (c, h) in fixed.enumerated() { sh.write(0, c, h, header) }
        for w in 1...sc.weeks { sh.write(0, fixed.count + w - 1, number: serial(sc.weekStart(w)), dateHeader) }
        let rows = Dictionary(grouping: r.evaluation.coverage, by: \.site)
        var row = 1
        for s in sc.sites {
            let weeks = (rows[s.id] ?? []).sorted { $0.week < $1.week }
            for (measure, value) in [("cover", \CoverageRow.cover), ("floor", \CoverageRow.floor), ("target", \CoverageRow.target)] {
                sh.write(row, 0, s.id); sh.write(row, 1, s.name ?? ""); sh.write(row, 2, s.kind.rawValue)
                sh.write(row, 3, s.ics ?? ""); sh.write(row, 4, measure)
                for cell in weeks { sh.write(row, fixed.count + cell.week - 1, number: cell[keyPath: value], wteCell) }
                row += 1
            }
        }
        let firstWeek = fixed.count, lastWeek = fixed.count + sc.weeks - 1
        let topLeft = column(firstWeek) + "2"
        let tolerance = formatDecimal(Floor.tolerance, places: 9)
        func below(_ offset: Int) -> String {
            "AND($E2=\"cover\",\(topLeft)<\(column(firstWeek))\(2 + offset)-\(tolerance))"
        }
        // The floor rule first: Excel applies the earlier rule where both hold.
        sh.highlight(firstRow: 1, firstCol: firstWeek, lastRow: row - 1, lastCol: lastWeek, when: below(1), belowFloor)
        sh.highlight(firstRow: 1, firstCol: firstWeek, lastRow: row - 1, lastCol: lastWeek, when: below(2), belowTarget)
        sh.columnWidth(0, 0, 12); sh.columnWidth(1, 1, 24); sh.columnWidth(2, 4, 9)
        sh.columnWidth(firstWeek, lastWeek, 11)
        sh.freeze(row: 1, col: 1)
        sh.autofilter(firstRow: 0, firstCol: 0, lastRow: row - 1, lastCol: lastWeek)
        sh.printLandscape(repeatingRows: 1)
    }

    /// Excel's letters for a 0-based column (0 → A, 26 → AA).
    static func column(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 { let r = (n - 1) % 26; out = String(UnicodeScalar(UInt8(65 + r))) + out; n = (n - 1) / 26 }
        return out
    }

    // MARK: Site view

    /// site-view.csv as a sheet: filter `site` to one PCN and print it.
    /// One row per site and week, everyone there in one cell: the report's
    /// page per site as a sheet, so a manager filters `site` to their own and
    /// prints it. (site-view.csv keeps one row per clinician, for pivot tables;
    /// a sheet of those is five times the cells, and at England size most of
    /// the workbook's time.)
    static let siteViewHeader = ["site", "site_name", "kind", "ics", "week", "week_start", "who", "heads",
                                 "cover_wte", "floor", "target", "status"]

    static func siteView(_ sh: Sheet, _ r: RunResult) {
        for (c, h) in siteViewHeader.enumerated() { sh.write(0, c, h, header) }
        let weeks = SiteView.weeks(r.siteView)
        for (i, week) in weeks.enumerated() {
            let row = i + 1, v = week.first
            sh.write(row, 0, v.site); sh.write(row, 1, v.siteName); sh.write(row, 2, v.kind.rawValue); sh.write(row, 3, v.ics)
            sh.write(row, 4, number: Double(v.week)); sh.write(row, 5, number: serial(v.weekStart), dateCell)
            sh.write(row, 6, week.who); sh.write(row, 7, number: Double(week.heads))
            sh.write(row, 8, number: v.siteCover, wteCell); sh.write(row, 9, number: v.floor, wteCell); sh.write(row, 10, number: v.target, wteCell)
            sh.write(row, 11, v.status, v.status == "below floor" ? belowFloor : v.status == "below target" ? belowTarget : nil)
        }
        sh.columnWidth(0, 0, 12); sh.columnWidth(1, 1, 24); sh.columnWidth(2, 5, 11); sh.columnWidth(6, 6, 60)
        sh.columnWidth(7, 10, 9); sh.columnWidth(11, 11, 13)
        sh.freeze(row: 1, col: 1)
        sh.autofilter(firstRow: 0, firstCol: 0, lastRow: weeks.count, lastCol: siteViewHeader.count - 1)
        sh.printLandscape(repeatingRows: 1)
    }

    // MARK: Clinicians

    static func clinicians(_ sh: Sheet, _ r: RunResult) {
        let sc = r.scenario
        let shares = Dictionary(uniqueKeysWithValues: r.evaluation.shares.map { ($0.staff, $0) })
        let sitesById = Dictionary(uniqueKeysWithValues: sc.sites.map { ($0.id, $0) })
        let heads = ["staff", "name", "grade", "home", "ics", "wte", "rotates", "weeks_in_post", "hub_weeks", "pcn_weeks", "cas_weeks",
                     "pcn_share", "pcn_min", "pcn_max", "cas_share", "cas_min", "cas_max", "changes", "travel_km"]
        for (c, h) in heads.enumerated() { sh.write(0, c, h, header) }
        for (i, c) in sc.clinicians.enumerated() {
            let row = i + 1
            let share = shares[c.id] ?? ClinicianShare(staff: c.id, hubWeeks: 0, pcnWeeks: 0, casWeeks: 0)
            let W = Double(sc.weeksInPost(c))
            sh.write(row, 0, c.id); sh.write(row, 1, c.name ?? ""); sh.write(row, 2, c.grade.name); sh.write(row, 3, c.home)
            sh.write(row, 4, sitesById[c.home]?.ics ?? ""); sh.write(row, 5, number: c.wte, wteCell); sh.write(row, 6, bool: c.rotates)
            sh.write(row, 7, number: W); sh.write(row, 8, number: Double(share.hubWeeks))
            sh.write(row, 9, number: Double(share.pcnWeeks)); sh.write(row, 10, number: Double(share.casWeeks))
            for (k, (kind, weeks)) in [(SiteKind.pcn, share.pcnWeeks), (.cas, share.casWeeks)].enumerated() {
                let col = 11 + 3 * k
                sh.write(row, col, optional: W > 0 ? Double(weeks) / W : nil, percentCell)
                // H7 binds rotating clinicians only.
                let b = c.shareBounds(kind, sc.rotation)
                sh.write(row, col + 1, optional: c.rotates ? b.lo : nil, percentCell)
                sh.write(row, col + 2, optional: c.rotates ? b.hi : nil, percentCell)
            }
            sh.write(row, 17, number: Double(share.changes)); sh.write(row, 18, number: share.travelKm, Style(numberFormat: "0.0"))
        }
        sh.columnWidth(0, 0, 12); sh.columnWidth(1, 1, 20); sh.columnWidth(2, heads.count - 1, 11)
        sh.freeze(row: 1, col: 1)
        sh.autofilter(firstRow: 0, firstCol: 0, lastRow: sc.clinicians.count, lastCol: heads.count - 1)
    }

    // MARK: Changes

    static func changes(_ sh: Sheet, _ sc: Scenario, _ moves: [Move]) {
        let heads = ["staff", "from_week", "to_week", "week_start", "weeks", "was", "now", "why"]
        for (c, h) in heads.enumerated() { sh.write(0, c, h, header) }
        for (i, m) in moves.enumerated() {
            let row = i + 1
            sh.write(row, 0, m.staff); sh.write(row, 1, number: Double(m.fromWeek)); sh.write(row, 2, number: Double(m.toWeek))
            sh.write(row, 3, number: serial(sc.weekStart(m.fromWeek)), dateCell); sh.write(row, 4, number: Double(m.weeks))
            sh.write(row, 5, m.was); sh.write(row, 6, m.now); sh.write(row, 7, m.why)
        }
        if moves.isEmpty { sh.write(1, 0, "No changes: from week \(sc.replan?.fromWeek ?? 1) everyone stays where agreed.") }
        sh.columnWidth(0, 0, 12); sh.columnWidth(1, 4, 11); sh.columnWidth(5, 6, 14); sh.columnWidth(7, 7, 60)
        sh.freeze(row: 1, col: 1)
    }
}
