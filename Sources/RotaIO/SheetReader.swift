import Foundation
import RotaCore
import RotaXLSX

/// One sheet turned into its file's text.
struct SheetReader {
    let sheet: SheetContents
    let workbook: String
    let sheetName: String
    let date1904: Bool
    var errors: [InputError] = []
    /// Line of the text → row of the sheet.
    var rows: [Int: Int] = [:]

    init(sheet: SheetContents, workbook: String, sheetName: String, date1904: Bool) {
        self.sheet = sheet; self.workbook = workbook; self.sheetName = sheetName; self.date1904 = date1904
    }

    mutating func fail(row: Int, column: String, _ message: String) {
        var e = InputError(file: workbook, line: row, column: column, message)
        e.sheet = sheetName
        errors.append(e)
    }

    var header: [Int: String] {
        guard let first = sheet.rows.first else { return [:] }
        var names: [Int: String] = [:]
        for c in first.cells { if case .text(let t) = c.content { names[c.column] = CSVTable.trim(t).lowercased() } }
        return names
    }

    /// Merged cells hide all but their first value, so a merged header is a
    /// column with no name and a merged block a row with blanks: refused.
    mutating func checkMerges() {
        let headerRow = sheet.rows.first?.number ?? 1
        for ref in sheet.merged {
            let first = ref.split(separator: ":").first.map(String.init) ?? ref
            let row = WorkbookReaderPosition.row(first) ?? headerRow
            fail(row: row, column: "-", row == headerRow
                 ? "the header has merged cells \(ref): unmerge them, one column name per cell"
                 : "cells \(ref) are merged: unmerge them and give each cell its own value")
        }
    }

    /// A cell as the CSV file would hold it; nil (with an error) for a
    /// formula or an error value, which hold no value the tool may use.
    mutating func text(_ content: CellContent, row: Int, column: String, dateColumn: Bool) -> String? {
        switch content {
        case .text(let t): return t
        case .bool(let b): return b ? "true" : "false"
        case .date(let y, let m, let d): return Self.iso(y, m, d)
        case .number(let x):
            if dateColumn {
                guard let d = WorkbookReader.day(serial: x, date1904: date1904) else {
                    fail(row: row, column: column, "\(Self.number(x)) is not a date: type it as YYYY-MM-DD or format the cell as a date")
                    return nil
                }
                return Self.iso(d.year, d.month, d.day)
            }
            return Self.number(x)
        case .formula(let f):
            fail(row: row, column: column, "is a formula (=\(f.prefix(60))): type its value instead; rota reads values and does not work formulas out")
            return nil
        case .error(let e):
            fail(row: row, column: column, "holds the spreadsheet error \(e): type the value instead")
            return nil
        }
    }

    /// Numbers as a planner typed them: 3, not 3.0 (spreadsheets store every number as a float).
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The sheet as CSV: its first row is the header, and every later
    /// non-blank row one record.
    mutating func csv() -> String {
        checkMerges()
        let names = header
        let width = (sheet.rows.map { $0.cells.map(\.column).max() ?? -1 }.max() ?? -1) + 1
        var out = ""
        var line = 1
        for r in sheet.rows {
            var fields = [String](repeating: "", count: width)
            for c in r.cells {
                let column = names[c.column] ?? WorkbookReader.columnName(c.column)
                fields[c.column] = text(c.content, row: r.number, column: column,
                                        dateColumn: r.number != sheet.rows.first?.number && ScenarioWorkbook.dateColumns.contains(column)) ?? ""
            }
            // Trailing blanks beyond the header are not "more cells than the header".
            while fields.count > max(1, (names.keys.max() ?? 0) + 1), fields.last == "" { fields.removeLast() }
            rows[line] = r.number
            let record = fields.map(OutputWriter.cell).joined(separator: ",")
            out += record + "\n"
            line += record.filter { $0 == "\n" }.count + 1
        }
        return out
    }

    /// The `scenario` sheet (key, value) as scenario.toml text: plain keys
    /// as dotted keys at the top, then one [[rollout]] table per rollout.
    mutating func toml() -> String {
        checkMerges()
        let names = header
        guard let headerRow = sheet.rows.first else { return "" }
        let keyColumn = names.first { $0.value == "key" }?.key, valueColumn = names.first { $0.value == "value" }?.key
        for (_, n) in names.sorted(by: { $0.key < $1.key }) where !["key", "value", "note"].contains(n) {
            fail(row: headerRow.number, column: n, "unknown column (the scenario sheet has columns key, value and, for your own words, note)")
        }
        guard let keyColumn, let valueColumn else {
            fail(row: headerRow.number, column: keyColumn == nil ? "key" : "value", "required column is missing (the scenario sheet has columns key and value)")
            return ""
        }
        var plain: [(row: Int, line: String)] = []
        var rollouts: [Int: [(row: Int, line: String)]] = [:]
        for r in sheet.rows.dropFirst() {
            guard let keyCell = r.cells.first(where: { $0.column == keyColumn })?.content else {
                if r.cells.contains(where: { $0.column == valueColumn }) { fail(row: r.number, column: "key", "is blank: name the setting, e.g. weeks") }
                continue
            }
            guard case .text(let rawKey) = keyCell else {
                fail(row: r.number, column: "key", "must be a setting's name such as weeks or rotation.min_run_weeks")
                continue
            }
            let key = CSVTable.trim(rawKey).lowercased()
            guard let valueCell = r.cells.first(where: { $0.column == valueColumn })?.content else { continue }   // blank: the default
            guard let value = literal(key: key, valueCell, row: r.number) else { continue }
            if let (index, field) = Self.rolloutKey(key) {
                rollouts[index, default: []].append((r.number, "\(field) = \(value)"))
            } else if Self.isPlainKey(key) {
                plain.append((r.number, "\(key) = \(value)"))
            } else {
                fail(row: r.number, column: "key", "\(CellValue.shown(rawKey)) is not a setting name: write it as in scenario.toml, e.g. weeks, rotation.share.pcn or rollout[1].from_week")
            }
        }
        var lines: [String] = []
        for p in plain { lines.append(p.line); rows[lines.count] = p.row }
        for (n, (index, entries)) in rollouts.sorted(by: { $0.key < $1.key }).enumerated() {
            if index != n + 1 {
                fail(row: entries[0].row, column: "key", "rollout[\(index)] comes after rollout[\(n)]: number the rollouts 1, 2, 3… without gaps")
            }
            lines.append("[[rollout]]"); rows[lines.count] = entries[0].row
            for e in entries { lines.append(e.line); rows[lines.count] = e.row }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }

    /// "rollout[2].to_week" → (2, "to_week").
    static func rolloutKey(_ key: String) -> (Int, String)? {
        guard key.hasPrefix("rollout["), let close = key.firstIndex(of: "]"),
              let n = Int(key[key.index(key.startIndex, offsetBy: 8)..<close]), n >= 1, n <= 1000 else { return nil }
        let rest = key[key.index(after: close)...]
        guard rest.hasPrefix("."), isPlainKey(String(rest.dropFirst())) else { return nil }
        return (n, String(rest.dropFirst()))
    }

    /// A value cell as a TOML value: numbers, true/false and dates as they
    /// are; text that is already a TOML value (`[0.2, 0.5]`) as written; a
    /// bare pair `0.2, 0.5` as an array; any other text as a quoted string.
    mutating func literal(key: String, _ cell: CellContent, row: Int) -> String? {
        guard var t = text(cell, row: row, column: "value", dateColumn: key == "start") else { return nil }
        switch cell {
        case .bool, .date, .number: return t
        default: break
        }
        t = CSVTable.trim(t)
        if t.isEmpty { return nil }
        if key == "name" { return Self.quoted(t) }
        if let b = CellValue.bool(t), !["0", "1"].contains(t) { return b ? "true" : "false" }
        if !t.contains(where: { $0.isNewline }), case .success(let table) = TOMLParse.table("v = \(t)", file: "-"), table.keys == ["v"] {
            return t
        }
        let parts = t.split(separator: ",").map { CSVTable.trim(String($0)) }
        if parts.count > 1, parts.allSatisfy({ Double($0) != nil }) { return "[" + parts.joined(separator: ", ") + "]" }
        return Self.quoted(t)
    }

    /// A TOML basic string: JSON's escapes are TOML's, and TOML also refuses a raw DEL.
    static func quoted(_ s: String) -> String {
        JSONWriter.quote(s).replacingOccurrences(of: "\u{7F}", with: "\\u007F")
    }
}

/// Row of a cell reference ("B12" → 12), for merged ranges.
enum WorkbookReaderPosition {
    static func row(_ ref: String) -> Int? { Int(ref.drop { !$0.isNumber }) }
}
