import Foundation
import RotaCore

/// `rota report RUN_DIR`: one self-contained HTML page (inline CSS and SVG,
/// no script, no network) from the files a solve writes, for trust boards
/// and ICS workforce leads: the summary and KPIs, a coverage heatmap (sites
/// × weeks, breached floors marked), cover by kind and by ICS over the year,
/// the rota grid (clinicians × weeks, coloured by kind) and each clinician's
/// share of weeks per kind. It reads only the run's files, so a rota made
/// elsewhere and checked by `rota validate` can be reported too.
///
/// The page is well-formed XML (XHTML served as HTML), so tests can parse it;
/// it prints on A4 landscape, and its contents are links, headings and
/// tables a keyboard and a screen reader can move through.
public enum HTMLReport {
    /// What the page shows, read from a run folder.
    public struct RunData {
        var summary: SummaryFile
        var weeks: [String]                       // week_start per week
        var sites: [(id: String, kind: String, ics: String)]
        /// coverage[site][week]
        var coverage: [[(cover: Double, floor: Double, target: Double, breach: Double)]]
        var clinicians: [(id: String, name: String, home: String)]
        /// grid[clinician][week] = site id
        var grid: [[String]]
        var kindOf: [String: String]
        var check: RotaCheck
        /// Who is at each site each week (`SiteView`), for the page per site.
        var siteView: [SiteView.Row]
    }

    public enum ReportError: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .missing(let f): "\(f): missing (run `rota solve … --out DIR` first)"
            case .unreadable(let f, let why): "\(f): \(why)"
            }
        }
    }

    /// What `rota report` found when it re-checked rota.csv against the
    /// scenario: the page shows this, not what the folder's other files say.
    public struct RotaCheck: Sendable {
        /// The breaches as `rota validate` lists them (first 20, then counts); empty when valid.
        public var breaches: [String]
        public var breachCount: Int
        /// The folder's files that describe another rota than rota.csv.
        public var stale: [String]
        /// The scenario re-checked against.
        public var scenario: String
        public init(breaches: [String], breachCount: Int, stale: [String], scenario: String) {
            self.breaches = breaches; self.breachCount = breachCount; self.stale = stale; self.scenario = scenario
        }
    }

    /// A run folder's file as text; nil when it is absent.
    public static func text(_ folder: String, _ name: String) throws(ReportError) -> String? {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let s = String(data: data, encoding: .utf8) else { throw .unreadable(path, "not UTF-8 text") }
        return s
    }

    public static func summary(_ text: String, folder: String) throws(ReportError) -> SummaryFile {
        do {
            return try SummaryFile.read(text)
        } catch {
            throw .unreadable((folder as NSString).appendingPathComponent("summary.json"), "not a summary.json written by rota (\(error.why))")
        }
    }

    /// The page's data from a run's texts (summary.json, coverage.csv,
    /// rota-grid.csv, rota.csv), as `rota report` recomputed or re-read them.
    public static func parse(summary: String, coverage coverageText: String, grid gridText: String, rota rotaText: String,
                             folder: String, check: RotaCheck, siteView: [SiteView.Row] = []) throws(ReportError) -> RunData {
        func table(_ name: String, _ text: String) throws(ReportError) -> CSVTable {
            var errors: [InputError] = []
            let t = CSVTable.parse(text, file: name, known: [], required: [], errors: &errors)
            if let e = errors.first { throw .unreadable((folder as NSString).appendingPathComponent(name), e.description) }
            return t
        }
        let json = try Self.summary(summary, folder: folder)
        let coverage = try table("coverage.csv", coverageText)
        let gridTable = try table("rota-grid.csv", gridText)
        let rota = try table("rota.csv", rotaText)
        let restore = SpreadsheetText.restored

        var siteIndex: [String: Int] = [:]
        var sites: [(id: String, kind: String, ics: String)] = []
        var weekIndex: [String: Int] = [:]
        var weeks: [String] = []
        for r in coverage.records {
            let site = restore(r["site"] ?? "")
            if siteIndex[site] == nil { siteIndex[site] = sites.count; sites.append((site, r["kind"] ?? "", restore(r["ics"] ?? ""))) }
            if let ws = r["week_start"], weekIndex[ws] == nil { weekIndex[ws] = weeks.count; weeks.append(ws) }
        }
        var cells = Array(repeating: Array(repeating: (cover: 0.0, floor: 0.0, target: 0.0, breach: 0.0), count: weeks.count), count: sites.count)
        for r in coverage.records {
            guard let s = siteIndex[restore(r["site"] ?? "")], let w = r["week_start"].flatMap({ weekIndex[$0] }) else { continue }
            func d(_ c: String) -> Double { Double(r[c] ?? "") ?? 0 }
            cells[s][w] = (d("cover_wte"), d("floor"), d("target"), d("breach_wte"))
        }
        var kindOf: [String: String] = [:]
        for s in sites { kindOf[s.id] = s.kind }
        for r in rota.records { if let site = r["site"], let kind = r["kind"] { kindOf[restore(site)] = kind } }
        let dateColumns = gridTable.columns.filter { !["staff", "name", "home"].contains($0) }
        var clinicians: [(id: String, name: String, home: String)] = []
        var grid: [[String]] = []
        for r in gridTable.records {
            clinicians.append((restore(r["staff"] ?? ""), restore(r["name"] ?? ""), restore(r["home"] ?? "")))
            grid.append(dateColumns.map { restore(r[$0] ?? "") })
        }
        return RunData(summary: json, weeks: weeks, sites: sites, coverage: cells, clinicians: clinicians, grid: grid, kindOf: kindOf,
                       check: check, siteView: siteView)
    }

    // MARK: the page

    static let kindColour = ["hub": "#1f5fa8", "pcn": "#2e8b57", "cas": "#8a4fb0"]

    public static func render(_ d: RunData) -> String {
        var h = HTML()
        let s = d.summary
        let name = s.scenario
        let status = s.status.rawValue
        h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\"><head><meta charset=\"utf-8\"/>")
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        h.element("title", "Rota report: \(name)")
        h.raw("<style>\(css)</style></head><body>")
        h.raw("<a class=\"skip\" href=\"#summary\">Skip to the summary</a>")
        h.raw("<header>"); h.element("h1", name)
        h.element("p", "Rotation plan: \(d.clinicians.count) clinicians, \(d.sites.count) sites, \(d.weeks.count) weeks from \(d.weeks.first ?? "?").", attributes: ["class": "lede"])
        h.raw("<nav aria-label=\"Contents\"><ul>")
        for (id, label) in [("summary", "Summary"), ("heatmap", "Coverage heatmap"), ("cover", "Cover over the year"),
                            ("grid", "Rota grid"), ("shares", "Shares per clinician"), ("sites", "A page per site")] where id != "sites" || !d.siteView.isEmpty {
            h.raw("<li><a href=\"#\(id)\">\(label)</a></li>")
        }
        h.raw("</ul></nav></header><main>")

        // Summary and KPIs.
        h.raw("<section id=\"summary\" aria-labelledby=\"summary-h\">")
        h.element("h2", "Summary", attributes: ["id": "summary-h"])
        let c = d.check
        if !c.stale.isEmpty {
            h.element("p", "rota.csv is not the rota the solve wrote into this folder: \(c.stale.joined(separator: ", ")) describe\(c.stale.count == 1 ? "s" : "") another rota (or the scenario changed since). "
                      + "Every figure on this page is recomputed from rota.csv and the scenario; the solve's lower bound no longer applies and is not shown.",
                      attributes: ["class": "status warn", "role": "alert"])
        }
        if c.breachCount > 0 {
            h.element("p", "Status: not valid. rota.csv breaks the hard rules \(c.breachCount) time\(c.breachCount == 1 ? "" : "s") (re-checked against \(c.scenario)):",
                      attributes: ["class": "status bad", "role": "alert"])
            h.raw("<ul class=\"breaches\">")
            for b in c.breaches { h.raw("<li>"); h.text(b); h.raw("</li>") }
            h.raw("</ul>")
        } else {
            let valid = s.isValidRota
            h.element("p", valid ? "Status: \(status). Every hard rule holds (re-checked against \(c.scenario))."
                                 : "Status: \(status). This rota breaks staffing floors: it is the one that breaks them least, not a valid rota.",
                      attributes: ["class": valid ? "status ok" : "status bad"])
        }
        let kpis = s.kpis
        func num(_ x: Double?, _ places: Int = 2) -> String { x.map { formatDecimal($0, places: places) } ?? "–" }
        h.raw("<table class=\"kv\"><caption>Objective and solve</caption><tbody>")
        for (k, v) in [("Objective Z", num(s.objective, 4)), ("  shortfall (weighted)", num(s.shortfall, 4)),
                       ("  changes (weighted)", num(s.changes, 4)), ("  travel (weighted)", num(s.travel, 4)),
                       ("Lower bound", num(s.bound, 4)), ("Gap", s.gap.map { formatDecimal(100 * $0, places: 2) + "%" } ?? "–"),
                       ("Seconds", num(s.seconds, 1)), ("Floor breaches (site-weeks)", num(Double(kpis.floorBreaches), 0)),
                       ("Breach (WTE-weeks)", num(kpis.breachWTEWeeks)), ("Changes of placement", num(Double(kpis.changes), 0)),
                       ("Travel (km)", num(kpis.travelKm, 0))] {
            h.raw("<tr><th scope=\"row\">"); h.text(k); h.raw("</th><td>"); h.text(v); h.raw("</td></tr>")
        }
        h.raw("</tbody></table>")
        for (groups, caption, heading) in [(kpis.byKind, "Target met by kind of site", "Kind"), (kpis.byICS, "Target met by ICS", "ICS")] {
            guard let group = groups, !group.isEmpty else { continue }
            h.raw("<table class=\"kpi\"><caption>\(caption)</caption><thead><tr><th scope=\"col\">\(heading)</th>")
            h.raw("<th scope=\"col\">Target (WTE-weeks)</th><th scope=\"col\">Shortfall (WTE-weeks)</th><th scope=\"col\">% of target met</th></tr></thead><tbody>")
            for k in group.keys.sorted() {
                let g = group[k]!
                let pct = g.targetMetPercent
                h.raw("<tr><th scope=\"row\">"); h.text(k); h.raw("</th><td>\(num(g.targetWTEWeeks, 1))</td><td>\(num(g.shortfallWTEWeeks, 1))</td>")
                h.raw("<td>\(pct.map { formatDecimal($0, places: 1) } ?? "–")\(pct.map { bar($0) } ?? "")</td></tr>")
            }
            h.raw("</tbody></table>")
        }
        if let breaches = s.leastBreach?.breaches, !breaches.isEmpty {
            h.element("h3", "Why the floors break")
            h.raw("<ul class=\"breaches\">")
            for b in breaches.prefix(15) { h.raw("<li>"); h.text(b.line); h.raw("</li>") }
            h.raw("</ul>")
            if breaches.count > 15 {
                h.element("p", "… and \(breaches.count - 15) more, smaller breaches (all are in summary.json and coverage.csv).")
            }
        }
        h.raw("</section>")

        heatmap(&h, d)
        coverChart(&h, d)
        rotaGrid(&h, d)
        shares(&h, d)
        sitePages(&h, d)
        h.raw("</main><footer><p>Made by rota from rota.csv, re-checked against the scenario; the solve's settings from summary.json.</p></footer></body></html>\n")
        return h.out
    }

    static func bar(_ percent: Double) -> String {
        let w = max(0, min(100, percent))
        return "<svg class=\"bar\" width=\"60\" height=\"8\" aria-hidden=\"true\"><rect width=\"60\" height=\"8\" fill=\"#e5e5e5\"/><rect width=\"\(formatDecimal(0.6 * w, places: 1))\" height=\"8\" fill=\"#2e8b57\"/></svg>"
    }

    /// Sites × weeks, coloured by cover against floor and target.
    /// Cell size: big enough to see on a short horizon, small enough to fit a year.
    static func cellSize(_ weeks: Int) -> Int { max(9, min(24, 760 / max(1, weeks))) }

    static func heatmap(_ h: inout HTML, _ d: RunData) {
        let cell = cellSize(d.weeks.count), label = 190, top = 24
        let width = label + cell * d.weeks.count + 10, height = top + cell * d.sites.count + 4
        h.raw("<section id=\"heatmap\" aria-labelledby=\"heatmap-h\">")
        h.element("h2", "Coverage heatmap", attributes: ["id": "heatmap-h"])
        h.element("p", "One row per site, one column per week. Red with a cross: cover below the floor. Amber to green: the share of the target met. Grey: no target.")
        h.raw("<svg class=\"heatmap\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Coverage heatmap, \(d.sites.count) sites by \(d.weeks.count) weeks\">")
        for (w, start) in d.weeks.enumerated() where w % 4 == 0 {
            h.raw("<text class=\"axis\" x=\"\(label + w * cell)\" y=\"14\">"); h.text(String(start.dropFirst(5))); h.raw("</text>")
        }
        for (i, site) in d.sites.enumerated() {
            let y = top + i * cell
            h.raw("<text class=\"site\" x=\"\(label - 4)\" y=\"\(y + cell - 1)\" text-anchor=\"end\">"); h.text(site.id); h.raw("</text>")
            for w in d.weeks.indices {
                let c = d.coverage[i][w]
                let x = label + w * cell
                let breached = c.breach > 0
                let colour: String
                if breached { colour = "#c0392b" }
                else if c.target > 0 { colour = ramp(min(1, c.cover / c.target)) }
                else if c.floor > 0 { colour = "#7fbf7f" }
                else { colour = "#eeeeee" }
                h.raw("<rect class=\"cell\(breached ? " breach" : "")\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(colour)\">")
                h.raw("<title>"); h.text("\(site.id), week \(w + 1) (\(d.weeks[w])): cover \(formatDecimal(c.cover, places: 2)), floor \(formatDecimal(c.floor, places: 2)), target \(formatDecimal(c.target, places: 2))\(breached ? ", BELOW THE FLOOR by \(formatDecimal(c.breach, places: 2))" : "")"); h.raw("</title></rect>")
                if breached {
                    h.raw("<path class=\"cross\" d=\"M\(x + 1) \(y + 1)L\(x + cell - 2) \(y + cell - 2)M\(x + cell - 2) \(y + 1)L\(x + 1) \(y + cell - 2)\"/>")
                }
            }
        }
        h.raw("</svg></section>")
    }

    /// Amber (0) to green (1).
    static func ramp(_ t: Double) -> String {
        let a = (r: 244.0, g: 180.0, b: 60.0), b = (r: 46.0, g: 139.0, b: 87.0)
        func hex(_ x: Double) -> String { let v = Int(x.rounded()); return (v < 16 ? "0" : "") + String(v, radix: 16) }
        return "#" + hex(a.r + (b.r - a.r) * t) + hex(a.g + (b.g - a.g) * t) + hex(a.b + (b.b - a.b) * t)
    }

    /// Cover by kind and by ICS per week, as line charts.
    static func coverChart(_ h: inout HTML, _ d: RunData) {
        h.raw("<section id=\"cover\" aria-labelledby=\"cover-h\">")
        h.element("h2", "Cover over the year", attributes: ["id": "cover-h"])
        var byKind: [String: [Double]] = [:], byICS: [String: [Double]] = [:]
        for (i, site) in d.sites.enumerated() {
            for w in d.weeks.indices {
                byKind[site.kind, default: Array(repeating: 0, count: d.weeks.count)][w] += d.coverage[i][w].cover
                if !site.ics.isEmpty { byICS[site.ics, default: Array(repeating: 0, count: d.weeks.count)][w] += d.coverage[i][w].cover }
            }
        }
        lineChart(&h, title: "Cover by kind of site (WTE)", series: ["hub", "pcn", "cas"].compactMap { k in byKind[k].map { (k, $0, kindColour[k]!) } }, weeks: d.weeks)
        let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        lineChart(&h, title: "Cover by ICS, all kinds (WTE)",
                  series: byICS.keys.sorted().enumerated().map { ($0.element, byICS[$0.element]!, palette[$0.offset % palette.count]) }, weeks: d.weeks)
        h.raw("</section>")
    }

    /// `rota compare`'s page: the KPI table side by side (one column per
    /// scenario, as comparison.csv), cover by kind over the year with one line
    /// per scenario, and a link to each scenario's own report. `runs` holds
    /// each scenario's run (nil where no rota was written) and its folder
    /// name, relative to the page.
    public static func comparison(table: [[String]], runs: [(name: String, folder: String, data: RunData?)]) -> String {
        var h = HTML()
        h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-GB\"><head><meta charset=\"utf-8\"/>")
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        h.element("title", "Policy comparison: " + runs.map(\.name).joined(separator: " / "))
        h.raw("<style>\(css)</style></head><body><header>")
        h.element("h1", "Policy comparison")
        h.element("p", "\(runs.count) scenarios side by side. Each one's own report (heatmap, rota grid, shares) is linked below.", attributes: ["class": "lede"])
        h.raw("<nav aria-label=\"Scenarios\"><ul>")
        for r in runs {
            if r.data != nil {
                h.raw("<li><a href=\""); h.text(r.folder + "/report.html"); h.raw("\">"); h.text(r.name); h.raw("</a></li>")
            } else {
                h.raw("<li>"); h.text(r.name + " (no rota written)"); h.raw("</li>")
            }
        }
        h.raw("</ul></nav></header><main>")
        h.raw("<section id=\"kpis\" aria-labelledby=\"kpis-h\">")
        h.element("h2", "Key figures", attributes: ["id": "kpis-h"])
        h.raw("<table class=\"kpi compare\"><thead><tr>")
        for (i, cell) in (table.first ?? []).enumerated() {
            h.raw("<th scope=\"col\">"); h.text(i == 0 ? "" : cell); h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>")
        for row in table.dropFirst() {
            h.raw("<tr>")
            for (i, cell) in row.enumerated() {
                if i == 0 { h.raw("<th scope=\"row\">"); h.text(cell); h.raw("</th>") } else { h.raw("<td>"); h.text(cell.isEmpty ? "–" : cell); h.raw("</td>") }
            }
            h.raw("</tr>")
        }
        h.raw("</tbody></table></section>")
        let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        let drawn = runs.enumerated().compactMap { i, r in r.data.map { (i, r.name, $0) } }
        if let weeks = drawn.first?.2.weeks {
            h.raw("<section id=\"cover\" aria-labelledby=\"cover-h\">")
            h.element("h2", "Cover over the year", attributes: ["id": "cover-h"])
            for kind in ["hub", "pcn", "cas"] {
                let series = drawn.map { i, name, d -> (String, [Double], String) in
                    var total = Array(repeating: 0.0, count: weeks.count)
                    for (k, site) in d.sites.enumerated() where site.kind == kind {
                        for w in d.weeks.indices where w < total.count { total[w] += d.coverage[k][w].cover }
                    }
                    return (name, total, palette[i % palette.count])
                }
                lineChart(&h, title: "Cover at \(kind == "hub" ? "hubs" : kind == "pcn" ? "PCNs" : "CAS sites") (WTE), by scenario", series: series, weeks: weeks)
            }
            h.raw("</section>")
        }
        h.raw("</main></body></html>\n")
        return h.out
    }

    static func lineChart(_ h: inout HTML, title: String, series: [(String, [Double], String)], weeks: [String]) {
        let width = 760, height = 220, left = 44, bottom = 24, right = 200
        let maxY = max(1, series.flatMap(\.1).max() ?? 1)
        let n = max(1, weeks.count - 1)
        func x(_ w: Int) -> Int { left + w * (width - left - right) / n }
        func y(_ v: Double) -> String { formatDecimal(Double(height - bottom) - v / maxY * Double(height - bottom - 10), places: 1) }
        h.raw("<figure><svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"")
        h.text(title); h.raw("\">")
        h.raw("<line class=\"axisline\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\"/>")
        h.raw("<line class=\"axisline\" x1=\"\(left)\" y1=\"10\" x2=\"\(left)\" y2=\"\(height - bottom)\"/>")
        h.raw("<text class=\"axis\" x=\"\(left - 4)\" y=\"14\" text-anchor=\"end\">\(formatDecimal(maxY, places: 0))</text>")
        h.raw("<text class=\"axis\" x=\"\(left - 4)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>")
        for w in stride(from: 0, to: weeks.count, by: 8) {
            h.raw("<text class=\"axis\" x=\"\(x(w))\" y=\"\(height - 8)\">"); h.text("wk \(w + 1)"); h.raw("</text>")
        }
        for (i, (label, values, colour)) in series.enumerated() {
            let points = values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            h.raw("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>")
            h.raw("<rect x=\"\(width - right + 12)\" y=\"\(12 + i * 16)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>")
            h.raw("<text class=\"legend\" x=\"\(width - right + 26)\" y=\"\(21 + i * 16)\">"); h.text(label); h.raw("</text>")
        }
        h.raw("</svg><figcaption>"); h.text(title); h.raw("</figcaption></figure>")
    }

    /// Clinicians × weeks, coloured by the kind of site.
    static func rotaGrid(_ h: inout HTML, _ d: RunData) {
        let cell = cellSize(d.weeks.count), label = 110, top = 24
        let width = label + cell * d.weeks.count + 10, height = top + cell * d.clinicians.count + 4
        h.raw("<section id=\"grid\" aria-labelledby=\"grid-h\">")
        h.element("h2", "Rota grid", attributes: ["id": "grid-h"])
        h.raw("<p>One row per clinician, one column per week: <span class=\"key hub\">hub</span> <span class=\"key pcn\">PCN</span> <span class=\"key cas\">CAS</span>. rota-grid.csv has the same grid with site names.</p>")
        h.raw("<svg class=\"grid\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Rota grid, \(d.clinicians.count) clinicians by \(d.weeks.count) weeks\">")
        for (w, start) in d.weeks.enumerated() where w % 4 == 0 {
            h.raw("<text class=\"axis\" x=\"\(label + w * cell)\" y=\"14\">"); h.text(String(start.dropFirst(5))); h.raw("</text>")
        }
        for (i, c) in d.clinicians.enumerated() {
            let y = top + i * cell
            h.raw("<text class=\"site\" x=\"\(label - 4)\" y=\"\(y + cell - 1)\" text-anchor=\"end\">"); h.text(c.id); h.raw("</text>")
            for (w, site) in d.grid[i].enumerated() {
                let kind = d.kindOf[site] ?? ""
                h.raw("<rect class=\"placement \(kind)\" x=\"\(label + w * cell)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell - 1)\" fill=\"\(kindColour[kind] ?? "#ccc")\"><title>")
                h.text("\(c.id) week \(w + 1): \(site)"); h.raw("</title></rect>")
            }
        }
        h.raw("</svg></section>")
    }

    static func shares(_ h: inout HTML, _ d: RunData) {
        h.raw("<section id=\"shares\" aria-labelledby=\"shares-h\">")
        h.element("h2", "Shares per clinician", attributes: ["id": "shares-h"])
        h.raw("<table class=\"shares\"><caption>Weeks per kind of site (and share of the year)</caption><thead><tr>")
        for c in ["Clinician", "Name", "Home", "Hub", "PCN", "CAS", "Away"] { h.raw("<th scope=\"col\">\(c)</th>") }
        h.raw("</tr></thead><tbody>")
        let W = Double(max(1, d.weeks.count))
        for (i, c) in d.clinicians.enumerated() {
            var count = ["hub": 0, "pcn": 0, "cas": 0]
            for site in d.grid[i] { count[d.kindOf[site] ?? "", default: 0] += 1 }
            let away = Double(count["pcn"]! + count["cas"]!) / W
            h.raw("<tr><th scope=\"row\">"); h.text(c.id); h.raw("</th><td>"); h.text(c.name); h.raw("</td><td>"); h.text(c.home); h.raw("</td>")
            for k in ["hub", "pcn", "cas"] { h.raw("<td>\(count[k]!) (\(formatDecimal(100 * Double(count[k]!) / W, places: 0))%)</td>") }
            h.raw("<td>\(formatDecimal(100 * away, places: 0))%\(bar(100 * away))</td></tr>")
        }
        h.raw("</tbody></table></section>")
    }

    /// One printable page per site for its manager: each week, who is
    /// there and the cover against floor and target. Printed from the
    /// page's link (report.html#site-ID), only that site prints.
    static func sitePages(_ h: inout HTML, _ d: RunData) {
        guard !d.siteView.isEmpty else { return }
        h.raw("<section id=\"sites\" aria-labelledby=\"sites-h\">")
        h.element("h2", "A page per site", attributes: ["id": "sites-h"])
        h.element("p", "Each site's weeks: who is there, and the cover against floor and target. To print one site on A4 landscape, open its link and print: only that site is printed. site-view.csv has the same rows.")
        // The site view's weeks (grouped once), then those weeks site by site.
        var bySite: [[SiteView.Week]] = []
        for week in SiteView.weeks(d.siteView) {
            if bySite.last?.first?.first.site == week.first.site { bySite[bySite.count - 1].append(week) } else { bySite.append([week]) }
        }
        h.raw("<ul class=\"site-links\">")
        for weeks in bySite {
            let first = weeks[0].first
            h.raw("<li><a href=\"#\(anchor(first.site))\">"); h.text(first.siteName.isEmpty ? first.site : first.siteName); h.raw("</a></li>")
        }
        h.raw("</ul>")
        for weeks in bySite {
            let first = weeks[0].first, site = first.site
            h.raw("<section class=\"site-page\" id=\"\(anchor(site))\" aria-labelledby=\"\(anchor(site))-h\">")
            h.element("h3", first.siteName.isEmpty ? site : "\(first.siteName) (\(site))", attributes: ["id": "\(anchor(site))-h"])
            h.element("p", "\(kindName[first.kind.rawValue] ?? first.kind.rawValue)\(first.ics.isEmpty ? "" : ", \(first.ics)"). From \(d.summary.scenario).", attributes: ["class": "lede"])
            h.raw("<table class=\"site\"><thead><tr>")
            for c in ["Week", "Starts", "Who is there", "Cover (WTE)", "Floor", "Target", "Status"] { h.raw("<th scope=\"col\">\(c)</th>") }
            h.raw("</tr></thead><tbody>")
            for week in weeks {
                let r = week.first
                let status = r.status == "below floor" ? "bad" : r.status == "below target" ? "warn" : "ok"
                h.raw("<tr class=\"\(status)\"><th scope=\"row\">\(r.week)</th><td>\(r.weekStart)</td><td class=\"who\">")
                h.text(week.who)
                h.raw("</td><td>\(formatDecimal(r.siteCover, places: 2))</td><td>\(formatDecimal(r.floor, places: 2))</td><td>\(formatDecimal(r.target, places: 2))</td><td>")
                h.text(r.status); h.raw("</td></tr>")
            }
            h.raw("</tbody></table></section>")
        }
        h.raw("</section>")
    }

    static let kindName = ["hub": "999 hub", "pcn": "Primary care network", "cas": "Clinical assessment centre"]

    /// An id safe in a URL fragment and an XML id: site ids are letters, digits, . _ -.
    static func anchor(_ site: String) -> String { "site-" + site }

    static let css = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;margin:0;padding:0 24px 24px;max-width:1200px}
    header{border-bottom:3px solid #005eb8;margin-bottom:12px}h1{color:#005eb8;margin:16px 0 4px;font-size:24px}
    h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d8dde0}h3{font-size:15px}.lede{margin:0 0 8px;color:#4c6272}
    nav ul{list-style:none;padding:0;margin:0 0 10px;display:flex;gap:16px;flex-wrap:wrap}
    a{color:#005eb8}a:focus{outline:3px solid #ffeb3b;background:#ffeb3b;color:#000}
    .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px}
    .status{font-weight:600;padding:6px 10px;border-radius:4px;display:block;width:fit-content}.ok{background:#e6f4ea;color:#1e5631}.bad{background:#fdecea;color:#8a1c12}.warn{background:#fff4ce;color:#5c4400}
    table{border-collapse:collapse;margin:8px 24px 12px 0;display:inline-table;vertical-align:top}caption{text-align:left;font-weight:600;padding-bottom:4px}
    th,td{border-bottom:1px solid #e8edee;padding:3px 10px;text-align:right}th[scope=row],.shares td:nth-child(2),.shares td:nth-child(3){text-align:left}
    .kv th{text-align:left;white-space:pre}.bar{margin-left:6px;vertical-align:middle}
    svg text{font-size:9px;fill:#333}svg .axis{font-size:9px;fill:#4c6272}svg .legend{font-size:11px}.axisline{stroke:#999}
    .cross{stroke:#fff;stroke-width:1.2}.key{display:inline-block;padding:0 6px;color:#fff;border-radius:3px}
    .key.hub{background:#1f5fa8}.key.pcn{background:#2e8b57}.key.cas{background:#8a4fb0}
    figure{margin:8px 0}figcaption{font-size:12px;color:#4c6272}.breaches li{margin:4px 0}
    footer{margin-top:24px;color:#4c6272;font-size:12px}
    @page{size:A4 landscape;margin:12mm}
    .site td.who,.site th:nth-child(3){text-align:left}.site td.who{max-width:640px}.site tr.bad td{background:#fdecea}.site tr.warn td{background:#fff4ce}
    .site-links{columns:4;font-size:12px;padding-left:16px}
    @media print{body{padding:0;max-width:none}nav,.skip,.site-links{display:none}section{break-inside:avoid-page}#grid,#shares,#sites{break-before:page}a{color:inherit}
    .site-page{break-before:page;break-inside:auto}.site-page tr{break-inside:avoid}
    body:has(.site-page:target) main>section:not(#sites),body:has(.site-page:target) header,body:has(.site-page:target) footer,
    body:has(.site-page:target) #sites>h2,body:has(.site-page:target) #sites>p,body:has(.site-page:target) .site-page:not(:target){display:none}
    body:has(.site-page:target) .site-page:target{break-before:auto}}
    """
}

/// A small writer that escapes every piece of text it is given, so names
/// from a spreadsheet cannot break the page.
struct HTML {
    var out = ""
    mutating func raw(_ s: String) { out += s }
    mutating func text(_ s: String) {
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
    }
    mutating func element(_ name: String, _ content: String, attributes: [String: String] = [:]) {
        out += "<\(name)"
        for k in attributes.keys.sorted() { out += " \(k)=\""; text(attributes[k]!); out += "\"" }
        out += ">"
        text(content)
        out += "</\(name)>"
    }
}
