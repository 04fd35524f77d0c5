import Foundation
import RotaCore
import RotaXLSX

/// A scenario's files as text: what a folder holds, or what a workbook's
/// sheets say, so both are checked by the one `ScenarioLoader.check`.
public struct ScenarioTexts: Sendable, Equatable {
    public var toml: String?
    public var sites: String?
    public var staff: String?
    public var demand: String?
    public var leave: String?
    public var pinned: String?

    public init(toml: String? = nil, sites: String? = nil, staff: String? = nil, demand: String? = nil,
                leave: String? = nil, pinned: String? = nil) {
        self.toml = toml; self.sites = sites; self.staff = staff; self.demand = demand; self.leave = leave; self.pinned = pinned
    }

    /// A folder's files by name, as `rota generate` makes them.
    public init(files: [(name: String, contents: String)]) {
        func text(_ name: String) -> String? { files.first { $0.name == name }?.contents }
        self.init(toml: text("scenario.toml"), sites: text("sites.csv"), staff: text("staff.csv"), demand: text("demand.csv"),
                  leave: text("leave.csv"), pinned: text("pinned.csv"))
    }

    /// (file, text) in INPUTS.md's order; absent optional files left out.
    public var files: [(name: String, text: String)] {
        [("scenario.toml", toml), ("sites.csv", sites), ("staff.csv", staff), ("demand.csv", demand),
         ("leave.csv", leave), ("pinned.csv", pinned)].compactMap { f in f.1.map { (f.0, $0) } }
    }
}

/// A scenario in one workbook (`rota solve plan.xlsx`): sheets `scenario`,
/// `sites`, `staff`, `demand`, and optionally `leave` and `pinned`. Each
/// table sheet has exactly its CSV file's columns; the `scenario` sheet has
/// a `key` and a `value` column, keys written as scenario.toml's paths
/// (`rotation.min_run_weeks`, `rollout[1].from_week`).
///
/// The sheets are turned into the folder's texts, remembering which row
/// each line came from, and checked by `ScenarioLoader.check`; every problem
/// is then told by sheet, row and column instead of file and line.
public enum ScenarioWorkbook {
    /// The sheets, the file each stands for, and whether it is required.
    public static let sheets: [(sheet: String, file: String, required: Bool)] = [
        ("scenario", "scenario.toml", true), ("sites", "sites.csv", true), ("staff", "staff.csv", true),
        ("demand", "demand.csv", true), ("leave", "leave.csv", false), ("pinned", "pinned.csv", false),
    ]

    /// Columns whose numbers are dates even when the cell is not formatted as one.
    static let dateColumns: Set<String> = ["from", "to"]

    /// An .xlsx name, or any file that starts as a zip does (its first two bytes only are read).
    public static func isWorkbook(_ path: String) -> Bool {
        if path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".xlsm") { return true }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
              let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        return (try? file.read(upToCount: 2))?.elementsEqual([0x50, 0x4B]) == true
    }

    public static func load(path: String) throws(InputErrors) -> Scenario {
        try load(try texts(path: path), name: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    /// A workbook already read (`WorkbookReader`), named `file` in messages.
    public static func load(_ contents: WorkbookReader.Contents, file: String) throws(InputErrors) -> Scenario {
        try load(texts(contents, file: file), name: (file as NSString).deletingPathExtension)
    }

    static func load(_ read: Read, name: String) throws(InputErrors) -> Scenario {
        var errors = read.errors
        let t = read.texts
        let scenario = ScenarioLoader.check(toml: t.toml, sites: t.sites, staff: t.staff, demand: t.demand,
                                            leave: t.leave, pinned: t.pinned, defaultName: name, errors: &errors)
        guard errors.isEmpty, var scenario else { throw InputErrors(errors.map(read.relocate)) }
        scenario.warnings = scenario.warnings.map(read.relocate)
        return scenario
    }

    /// What the sheets say, as files; problems found on the way (a formula,
    /// a merged header, a missing sheet) are already told by sheet and row.
    public struct Read: Sendable {
        public var texts = ScenarioTexts()
        var errors: [InputError] = []
        let workbook: String
        /// For each file, the sheet row where each of its lines was written.
        var rows: [String: [Int: Int]] = [:]

        init(workbook: String) { self.workbook = workbook }

        func sheet(of file: String) -> String? { ScenarioWorkbook.sheets.first { $0.file == file }?.sheet }

        func row(_ file: String, _ line: Int) -> Int { line == 0 ? 0 : rows[file]?[line] ?? line }

        /// A problem found in a file's text, told where it is in the workbook.
        func relocate(_ e: InputError) -> InputError {
            guard e.sheet == nil, let sheet = sheet(of: e.file) else { return e }
            var out = e
            out.file = workbook
            out.sheet = sheet
            out.line = row(e.file, e.line)
            out.message = reworded(e.message)
            return out
        }

        func relocate(_ w: InputWarning) -> InputWarning {
            let e = relocate(InputError(file: w.file, line: w.line, column: w.column, w.message))
            return InputWarning(file: e.file, line: e.line, column: w.column, e.message, sheet: e.sheet)
        }

        /// The checks' messages name the folder's files ("not in staff.csv",
        /// "staff.csv line 14"); in a workbook they name its sheets and rows.
        func reworded(_ message: String) -> String {
            var m = message
            for s in ScenarioWorkbook.sheets {
                // "staff.csv line 14" → "sheet staff, row 16"
                while let r = m.range(of: "\(s.file) line ") {
                    let digits = m[r.upperBound...].prefix { $0.isNumber }
                    let line = Int(digits) ?? 0
                    m.replaceSubrange(r.lowerBound..<m.index(r.upperBound, offsetBy: digits.count),
                                      with: "sheet \(s.sheet), row \(row(s.file, line))")
                }
                m = m.replacingOccurrences(of: s.file, with: "sheet \(s.sheet)")
            }
            return m
        }
    }

    public static func texts(path: String) throws(InputErrors) -> Read {
        let name = (path as NSString).lastPathComponent
        let contents: WorkbookReader.Contents
        do { contents = try WorkbookReader.read(path: path) } catch {
            throw InputErrors([InputError(file: name, error.description)])
        }
        return texts(contents, file: name)
    }

    static func texts(_ contents: WorkbookReader.Contents, file name: String) -> Read {
        var read = Read(workbook: name)
        for s in sheets {
            guard let sheet = contents.sheet(named: s.sheet) else {
                if s.required {
                    let has = contents.sheets.map(\.name).joined(separator: ", ")
                    read.errors.append(InputError(file: s.file, line: 0, column: "-",
                        "the workbook has no sheet named \(s.sheet) (it has: \(has.isEmpty ? "none" : has)); a scenario needs sheets scenario, sites, staff and demand, and may have leave and pinned"))
                }
                continue
            }
            var reader = SheetReader(sheet: sheet, workbook: name, sheetName: s.sheet, date1904: contents.date1904)
            let text = s.file == "scenario.toml" ? reader.toml() : reader.csv()
            read.errors += reader.errors
            read.rows[s.file] = reader.rows
            switch s.file {
            case "scenario.toml": read.texts.toml = text
            case "sites.csv": read.texts.sites = text
            case "staff.csv": read.texts.staff = text
            case "demand.csv": read.texts.demand = text
            case "leave.csv": read.texts.leave = text
            default: read.texts.pinned = text
            }
        }
        return read
    }
}
