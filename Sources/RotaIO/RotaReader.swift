import Foundation
import RotaCore

/// Reads a rota.csv (written by the tool or typed by a planner) into
/// placements. Only staff, week and site matter; the other columns the tool
/// writes are accepted and ignored, since the validator recomputes them.
public enum RotaReader {
    public static func read(path: String) throws(InputErrors) -> [Placement] {
        try readWithLines(path: path).map(\.placement)
    }

    /// As `read`, with the physical line of each placement (for messages).
    public static func readWithLines(path: String) throws(InputErrors) -> [(placement: Placement, line: Int)] {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputErrors([InputError(file: file, line: 0, column: "-", "cannot be read (no such file?)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputErrors([InputError(file: file, line: 0, column: "-", "is not UTF-8 text")])
        }
        return try parseWithLines(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(InputErrors) -> [Placement] {
        try parseWithLines(text, file: file).map(\.placement)
    }

    /// As `parse`, with the physical line of each placement (for messages).
    public static func parseWithLines(_ text: String, file: String) throws(InputErrors) -> [(placement: Placement, line: Int)] {
        var errors: [InputError] = []
        let table = CSVTable.parse(text, file: file,
                                   known: ["staff", "week", "week_start", "site", "kind", "ics", "cover_wte"],
                                   required: ["staff", "week", "site"], errors: &errors)
        var out: [(placement: Placement, line: Int)] = []
        for r in table.records {
            guard let staff = r["staff"] else { errors.append(InputError(file: file, line: r.line, column: "staff", "is required and is blank")); continue }
            guard let site = r["site"] else { errors.append(InputError(file: file, line: r.line, column: "site", "is required and is blank")); continue }
            guard let ws = r["week"], let week = Int(ws) else {
                errors.append(InputError(file: file, line: r.line, column: "week", "\"\(r["week"] ?? "")\" is not a whole number"))
                continue
            }
            out.append((Placement(staff: SpreadsheetText.restored(staff), week: week, site: SpreadsheetText.restored(site)), r.line))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return out
    }

    /// A rota for `rota validate` and `rota report`: rota.csv, or the
    /// rota-grid.csv a planner edits (one row a clinician, a column a week
    /// headed by its Monday). Ids and weeks the scenario does not have are
    /// input errors on their line (a typo is not a rule broken), with the id
    /// most likely meant.
    public static func read(path: String, for scenario: Scenario) throws(InputErrors) -> [(placement: Placement, line: Int)] {
        let file = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputErrors([InputError(file: file, line: 0, column: "-", "cannot be read (no such file?)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputErrors([InputError(file: file, line: 0, column: "-", "is not UTF-8 text")])
        }
        return try parse(text, file: file, for: scenario)
    }

    public static func parse(_ text: String, file: String, for scenario: Scenario) throws(InputErrors) -> [(placement: Placement, line: Int)] {
        var headerErrors: [InputError] = []
        // Only the header decides the layout: read its line, not the whole file again.
        let scalars = text.unicodeScalars
        let firstLine = String(scalars[..<(scalars.firstIndex(of: "\n") ?? scalars.endIndex)])
        var header = CSVTable.parse(firstLine, file: file, known: [], required: [], errors: &headerErrors).columns
        // A file that does not start with its header (blank lines first): look at all of it.
        if header.isEmpty { header = CSVTable.parse(text, file: file, known: [], required: [], errors: &headerErrors).columns }
        let rows = header.contains("week") || !header.contains("staff")
            ? try parseWithLines(text, file: file)
            : try parseGrid(text, file: file, scenario)
        var errors: [InputError] = []
        let staff = scenario.clinicians.map { (id: $0.id, name: $0.name) }, sites = scenario.sites.map { (id: $0.id, name: $0.name) }
        let staffIds = Set(staff.map(\.id)), siteIds = Set(sites.map(\.id))
        var reported = Set<String>()
        for (p, line) in rows {
            if !staffIds.contains(p.staff) {
                // One message per unknown clinician, not one per week.
                if reported.insert("staff\u{0}" + p.staff).inserted {
                    errors.append(InputError(file: file, line: line, column: "staff",
                                             "\(CellValue.shown(p.staff)) is not in staff.csv\(CellValue.didYouMean(p.staff, among: staff))"))
                }
            } else if !(1...scenario.weeks).contains(p.week) {
                errors.append(InputError(file: file, line: line, column: "week", "week \(p.week) is outside the horizon (1…\(scenario.weeks))"))
            }
            if !siteIds.contains(p.site) {
                errors.append(InputError(file: file, line: line, column: "site",
                                         "\(CellValue.shown(p.site)) is not a site in sites.csv\(CellValue.didYouMean(p.site, among: sites))"))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return rows
    }

    /// rota-grid.csv: `staff, name, home`, then one column per week headed
    /// by the week's first day; a blank cell is no placement (H1 says so).
    static func parseGrid(_ text: String, file: String, _ scenario: Scenario) throws(InputErrors) -> [(placement: Placement, line: Int)] {
        var errors: [InputError] = []
        let table = CSVTable.parse(text, file: file, known: [], required: ["staff"], errors: &errors)
        var weekOf: [String: Int] = [:]
        for column in table.columns where !["staff", "name", "home"].contains(column) {
            guard case let .success(day) = ScenarioLoader.readDate(column) else {
                errors.append(InputError(file: file, line: 1, column: column,
                                         "is neither a column of rota.csv nor a week of rota-grid.csv (headed by the week's first day, e.g. \(scenario.start))"))
                continue
            }
            let days = day.ordinal - scenario.start.ordinal
            guard days >= 0, days % 7 == 0, days / 7 < scenario.weeks else {
                errors.append(InputError(file: file, line: 1, column: column,
                                         "\(day) is not the first day of a week of the horizon (its weeks start on Mondays, from \(scenario.start))"))
                continue
            }
            weekOf[column] = days / 7 + 1
        }
        var out: [(placement: Placement, line: Int)] = []
        let homeOf = Dictionary(scenario.clinicians.map { ($0.id, $0.home) }, uniquingKeysWith: { a, _ in a })
        for r in table.records {
            guard let staff = r["staff"].map(SpreadsheetText.restored) else { errors.append(InputError(file: file, line: r.line, column: "staff", "is required and is blank")); continue }
            for column in table.columns {
                guard let week = weekOf[column], var site = r[column].map(SpreadsheetText.restored) else { continue }
                // A week out of post, as the grid writes it: held at home.
                if site.lowercased() == OutputWriter.notInPost.left || site.lowercased() == OutputWriter.notInPost.notStarted, let home = homeOf[staff] {
                    site = home
                }
                out.append((Placement(staff: staff, week: week, site: site), r.line))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return out
    }
}
