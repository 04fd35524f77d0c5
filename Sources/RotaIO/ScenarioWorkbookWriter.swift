import Foundation
import RotaCore
import RotaXLSX
import TOMLKit

/// A scenario as one workbook that `ScenarioWorkbook` reads back: the
/// starter workbook of `rota template` and `rota export --plan`. Every
/// table sheet has all its columns, a note on each header, drop-downs where
/// a column has a fixed list, and numbers, dates and TRUE/FALSE as such.
public enum ScenarioWorkbookWriter {
    /// The settings of the `scenario` sheet, in the order a planner reads
    /// them, each with its note (INPUTS.md's scenario.toml).
    public static let settings: [(key: String, note: String)] = [
        ("name", "Name of the scenario, shown on every output"),
        ("start", "The Monday that starts week 1"),
        ("weeks", "Number of weeks in the plan"),
        ("rotation.min_run_weeks", "H5: shortest run of weeks at one site away from the hub (1 = no minimum)"),
        ("rotation.max_run_weeks", "H6: longest run of weeks at one site away from the hub (blank = no maximum)"),
        ("rotation.same_ics_pcn", "TRUE: PCN placements only in the clinician's own ICS"),
        ("rotation.share.pcn", "H7: lowest and highest share of weeks in a PCN for every rotating clinician, e.g. 0.2, 0.5"),
        ("rotation.share.cas", "H7: lowest and highest share of weeks in a CAS, e.g. 0, 0.3"),
        ("weights.shortfall.hub", "Cost of one WTE-week below target at a hub"),
        ("weights.shortfall.pcn", "Cost of one WTE-week below target at a PCN"),
        ("weights.shortfall.cas", "Cost of one WTE-week below target at a CAS"),
        ("weights.change", "Cost of one change of site"),
        ("weights.travel_km", "Cost of one km of travel"),
        ("weights.disruption", "Re-plans: cost of moving a clinician from the agreed rota"),
        ("solver.time_limit_s", "Seconds the solve may take (the command line's --time-limit wins)"),
        ("solver.mip_gap", "Stop when proven within this share of the best (0 = keep going)"),
        ("rollout[1].from_week", "H8 (optional, numbered 1, 2, …): first week of a slow start"),
        ("rollout[1].to_week", "H8: last week of the slow start"),
        ("rollout[1].max_away_share", "H8: most of the rotating WTE away from the hubs in those weeks, 0 to 1"),
    ]

    /// Rows with drop-downs and notes below a table's last row, for a planner's additions.
    static let spareRows = 500

    static let header = Style(bold: true, fill: 0xD9D9D9)
    static let dateCell = Style(numberFormat: "yyyy-mm-dd")

    public static func bytes(_ texts: ScenarioTexts, created: Day) throws -> Data {
        try Workbook.bytes(created: WorkbookOutput.date(created), constantMemory: false) { book in
            let s = try book.sheet("scenario")
            writeSettings(texts.toml ?? "", to: s)
            for (sheet, file) in [("sites", "sites.csv"), ("staff", "staff.csv"), ("demand", "demand.csv"),
                                  ("leave", "leave.csv"), ("pinned", "pinned.csv")] {
                let text: String? = switch file {
                case "sites.csv": texts.sites
                case "staff.csv": texts.staff
                case "demand.csv": texts.demand
                case "leave.csv": texts.leave
                default: texts.pinned
                }
                writeTable(text ?? "", columns: ScenarioColumns.byFile[file]!, file: file, to: try book.sheet(sheet))
            }
        }
    }

    static func writeSettings(_ toml: String, to sheet: Sheet) {
        sheet.write(0, 0, "key", header); sheet.write(0, 1, "value", header); sheet.write(0, 2, "note", header)
        sheet.note(0, 0, "The setting, written as in scenario.toml (INPUTS.md)")
        sheet.note(0, 1, "Its value: a number, TRUE/FALSE, a date, text, or two numbers such as 0.2, 0.5")
        sheet.note(0, 2, "Your own words; rota ignores this column")
        var values: [String: TOMLValueConvertible] = [:]
        if let table = try? TOMLTable(string: toml) { flatten(table, prefix: "", into: &values) }
        var keys = settings.map(\.key).filter { values[$0] != nil || !$0.hasPrefix("rollout[") }
        keys += values.keys.filter { k in !keys.contains(k) }.sorted()
        let notes = Dictionary(settings.map { ($0.key, $0.note) }, uniquingKeysWith: { a, _ in a })
        for (i, key) in keys.enumerated() {
            let row = i + 1
            sheet.write(row, 0, key)
            if let v = values[key] { writeSetting(v, key: key, to: sheet, row: row) }
            sheet.write(row, 2, notes[key] ?? "")
        }
        sheet.columnWidth(0, 0, 28); sheet.columnWidth(1, 1, 40); sheet.columnWidth(2, 2, 80)
        sheet.freeze(row: 1, col: 0)
    }

    static func writeSetting(_ v: TOMLValueConvertible, key: String, to sheet: Sheet, row: Int) {
        if let b = v.bool {
            sheet.write(row, 1, bool: b)
        } else if let i = v.int {
            sheet.write(row, 1, number: Double(i))
        } else if let x = v.double {
            sheet.write(row, 1, number: x)
        } else if let t = v.date, let d = Day(year: t.year, month: t.month, day: t.day) {
            sheet.write(row, 1, number: WorkbookOutput.serial(d), dateCell)
        } else if let text = v.string {
            if key == "start", case .success(let d) = ScenarioLoader.readDate(text) {
                sheet.write(row, 1, number: WorkbookOutput.serial(d), dateCell)
            } else {
                sheet.write(row, 1, text)
            }
        } else if let arr = v.array {
            let items = (0..<arr.count).map { i in arr[i].int.map(String.init) ?? arr[i].double.map(SheetReader.number) ?? arr[i].string ?? "" }
            sheet.write(row, 1, items.joined(separator: ", "))
        }
    }

    /// Dotted key paths to the values of a TOML table; rollouts numbered from 1.
    static func flatten(_ table: TOMLTable, prefix: String, into out: inout [String: TOMLValueConvertible]) {
        for key in table.keys {
            guard let v = table[key] else { continue }
            let path = prefix + key
            if let t = v.table {
                flatten(t, prefix: path + ".", into: &out)
            } else if key == "rollout", prefix.isEmpty, let arr = v.array {
                for i in 0..<arr.count { if let t = arr[i].table { flatten(t, prefix: "rollout[\(i + 1)].", into: &out) } }
            } else {
                out[path] = v
            }
        }
    }

    static func writeTable(_ text: String, columns: [ScenarioColumn], file: String, to sheet: Sheet) {
        var ignored: [InputError] = []
        let table = CSVTable.parse(text, file: file, known: columns.map(\.name), required: [], errors: &ignored)
        for (c, column) in columns.enumerated() {
            sheet.write(0, c, column.name, header)
            sheet.note(0, c, (column.required ? "Required. " : "") + column.note)
        }
        for (r, record) in table.records.enumerated() {
            for (c, column) in columns.enumerated() {
                guard let value = record[column.name] else { continue }
                write(value, column.kind, to: sheet, row: r + 1, col: c)
            }
        }
        let last = table.records.count + spareRows
        for (c, column) in columns.enumerated() {
            switch column.kind {
            case .choice(let choices): sheet.dropDown(1, last, col: c, choices: choices, prompt: (column.name, column.note))
            case .bool: sheet.dropDown(1, last, col: c, choices: ["TRUE", "FALSE"], prompt: (column.name, column.note))
            default: sheet.prompt(1, last, col: c, title: column.name, message: column.note)
            }
            sheet.columnWidth(c, c, column.kind == .date ? 12 : max(10, Double(column.name.count) + 2))
        }
        sheet.freeze(row: 1, col: 0)
    }

    /// A CSV cell as the cell a planner would have typed: numbers, dates and
    /// TRUE/FALSE as such; anything else (or anything that does not parse) as text.
    static func write(_ value: String, _ kind: ScenarioColumn.Kind, to sheet: Sheet, row: Int, col: Int) {
        switch kind {
        case .number, .integer:
            if let x = TableChecker.decimal(value) { sheet.write(row, col, number: x); return }
        case .date:
            if case .success(let d) = ScenarioLoader.readDate(value) { sheet.write(row, col, number: WorkbookOutput.serial(d), dateCell); return }
        case .bool:
            if let b = CellValue.bool(value) { sheet.write(row, col, bool: b); return }
        case .text, .choice: break
        }
        sheet.write(row, col, value)
    }
}
