import Foundation
import RotaCore

/// A page per site: for each site and week, who is there and the cover
/// against floor and target, so a PCN manager can filter to their PCN
/// (site-view.csv, and the workbook's "Site view" sheet). A site-week with
/// nobody still has a row, so a gap is seen, not missed.
public enum SiteView {
    public struct Row: Sendable, Equatable {
        public var site: String, siteName: String, kind: SiteKind, ics: String
        public var week: Int, weekStart: Day
        /// Empty where nobody is placed that week.
        public var staff: String, staffName: String, grade: String
        public var cover: Double?
        public var siteCover: Double, floor: Double, target: Double
        /// "below floor", "below target" or "met", by H2's tolerance.
        public var status: String
    }

    public static let header = ["site", "site_name", "kind", "ics", "week", "week_start", "staff", "name", "grade", "cover_wte",
                                "site_cover_wte", "floor", "target", "status"]

    /// Built once per run (`RunResult.siteView`): the CSV and the sheet share it.
    public static func rows(_ sc: Scenario, _ placements: [Placement], _ evaluation: Evaluation) -> [Row] {
        let validator = Validator(sc)
        let clinicians = Dictionary(uniqueKeysWithValues: sc.clinicians.map { ($0.id, $0) })
        var at: [String: [[Clinician]]] = [:]
        for s in sc.sites { at[s.id] = Array(repeating: [], count: sc.weeks) }
        for p in placements where (1...sc.weeks).contains(p.week) {
            // Weeks out of post sit at the home hub for the rules; nobody is there.
            guard let c = clinicians[p.staff], sc.inPost(c, week: p.week) else { continue }
            at[p.site]?[p.week - 1].append(c)
        }
        let coverage = Dictionary(grouping: evaluation.coverage, by: \.site)
        var out: [Row] = []
        for s in sc.sites {
            let weeks = Dictionary(uniqueKeysWithValues: (coverage[s.id] ?? []).map { ($0.week, $0) })
            for w in 1...sc.weeks {
                guard let cell = weeks[w] else { continue }
                let status = Floor.isBreached(cover: cell.cover, floor: cell.floor) ? "below floor"
                    : Floor.isBreached(cover: cell.cover, floor: cell.target) ? "below target" : "met"
                let base = Row(site: s.id, siteName: s.name ?? "", kind: s.kind, ics: s.ics ?? "", week: w, weekStart: sc.weekStart(w),
                               staff: "", staffName: "", grade: "", cover: nil,
                               siteCover: cell.cover, floor: cell.floor, target: cell.target, status: status)
                let here = at[s.id]![w - 1].sorted { $0.id < $1.id }
                if here.isEmpty { out.append(base); continue }
                for c in here {
                    var row = base
                    row.staff = c.id; row.staffName = c.name ?? ""; row.grade = c.grade.name; row.cover = validator.coverOf(c, w)
                    out.append(row)
                }
            }
        }
        return out
    }

    /// One site-week and everyone there: the rows of `rows` grouped (they
    /// come site by site, week by week), for the sheet and the report's page.
    public struct Week: Sendable {
        public var rows: ArraySlice<Row>
        public var first: Row { rows.first! }
        /// Who is there in words: "Grace Lewis (advanced); Jack O'Neill (specialist, 0.6 WTE)", or "nobody".
        public var who: String {
            let names = rows.filter { !$0.staff.isEmpty }.map { w in
                "\(w.staffName.isEmpty ? w.staff : w.staffName) (\(w.grade)\(w.cover.map { $0 < 1 - 1e-9 ? ", " + formatDecimal($0, places: 2) + " WTE" : "" } ?? ""))"
            }
            return names.isEmpty ? "nobody" : names.joined(separator: "; ")
        }
        public var heads: Int { rows.filter { !$0.staff.isEmpty }.count }
    }

    public static func weeks(_ rows: [Row]) -> [Week] {
        var out: [Week] = []
        var i = rows.startIndex
        while i < rows.endIndex {
            var j = i + 1
            while j < rows.endIndex && rows[j].week == rows[i].week && rows[j].site == rows[i].site { j += 1 }
            out.append(Week(rows: rows[i..<j]))
            i = j
        }
        return out
    }

    public static func csv(_ r: RunResult) -> String {
        var out = OutputWriter.line(header)
        let wte = { (x: Double) in formatDecimal(x, places: 6) }
        for row in r.siteView {
            out += OutputWriter.line([OutputWriter.text(row.site), OutputWriter.text(row.siteName), row.kind.rawValue, OutputWriter.text(row.ics),
                                      String(row.week), row.weekStart.description, OutputWriter.text(row.staff), OutputWriter.text(row.staffName),
                                      row.grade, row.cover.map(wte) ?? "", wte(row.siteCover), wte(row.floor), wte(row.target), row.status])
        }
        return out
    }
}
