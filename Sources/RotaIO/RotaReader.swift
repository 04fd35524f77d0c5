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
}
