import Foundation
import XMLCoder

/// One cell of a sheet as the workbook stores it. Nothing is evaluated: a
/// formula stays a formula, so the caller can refuse it by name.
public enum CellContent: Equatable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A number whose cell format is a date (Excel stores dates as serials).
    case date(year: Int, month: Int, day: Int)
    case formula(String)
    /// A stored error value such as `#N/A` or `#REF!`.
    case error(String)
}

/// A sheet's non-empty rows; row numbers and column indexes are Excel's
/// (row 1 is the first row, column 0 is A), so messages can point at them.
public struct SheetContents: Sendable {
    public struct Row: Sendable {
        public var number: Int
        public var cells: [(column: Int, content: CellContent)]
    }
    public var name: String
    public var rows: [Row]
    /// Merged ranges as written, e.g. "A1:B1".
    public var merged: [String]
}

/// Why a file could not be read as a workbook, in words for a planner.
public enum WorkbookReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case legacyXLS
    case passwordProtected
    case notAWorkbook
    case tooLarge(part: String, limitMB: Int)
    case malformed(part: String)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot be read: \(why)"
        case .legacyXLS: "is an Excel 97–2003 workbook (.xls) under an .xlsx name: open it in Excel and save it as \"Excel Workbook (.xlsx)\""
        case .passwordProtected: "is protected by a password: remove it (File > Info > Protect Workbook > Encrypt with Password, clear the box) and save again"
        case .notAWorkbook: "is not an Excel workbook (.xlsx): save the file from Excel as \"Excel Workbook (.xlsx)\""
        case .tooLarge(let part, let limit): "unpacks to more than \(limit) MB (\(part)); a scenario workbook is far smaller, so the file is refused as damaged or hostile"
        case .malformed(let part): "is damaged: its part \(part) cannot be read; save it again from Excel"
        }
    }
}

/// Reads .xlsx workbooks: the zip of XML parts (ECMA-376) the format is.
/// Only what a scenario needs is read — sheet names, cell values, date
/// formats, merged ranges — and the unpacked size is capped, because a
/// zip's declared sizes can lie.
public enum WorkbookReader {
    /// Largest unpacked part, and all parts together, in bytes.
    public static let partLimit = 64 << 20
    public static let totalLimit = 256 << 20

    public struct Contents: Sendable {
        public var sheets: [SheetContents]
        /// The workbook counts days from 1904-01-01 (old Mac Excel), not 1900.
        public var date1904: Bool
        public func sheet(named name: String) -> SheetContents? {
            sheets.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        }
    }

    public static func read(path: String) throws(WorkbookReadError) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable("no such file, or no permission to read it") }
        return try read(data: data)
    }

    public static func read(data: Data) throws(WorkbookReadError) -> Contents {
        // Encrypted .xlsx and .xls are both OLE2 compound files, not zips.
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if data.prefix(8).elementsEqual(ole2) {
            let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            throw data.range(of: marker) != nil ? .passwordProtected : .legacyXLS
        }
        guard data.prefix(2).elementsEqual([0x50, 0x4B]), let zip = ZipParts(data) else { throw .notAWorkbook }
        var unpacked = 0
        func part(_ path: String) throws(WorkbookReadError) -> Data? {
            let limit = min(partLimit, totalLimit - unpacked)
            do {
                guard let out = try zip.part(path, limit: limit) else { return nil }
                unpacked += out.count
                return out
            } catch .tooLarge {
                throw .tooLarge(part: path, limitMB: (limit < partLimit ? totalLimit : partLimit) >> 20)
            } catch {
                throw .malformed(part: path)
            }
        }
        return try read(parts: part)
    }

    /// The workbook from its parts by path (`part` returns nil for an
    /// absent one); public so the fuzz target can feed XML without a zip.
    public static func read(parts part: (String) throws(WorkbookReadError) -> Data?) throws(WorkbookReadError) -> Contents {
        guard let workbookXML = try part("xl/workbook.xml") else { throw .notAWorkbook }
        let book: WorkbookPart = try decode(workbookXML, "xl/workbook.xml")
        var rels = RelationshipsPart(relationship: [])
        if let d = try part("xl/_rels/workbook.xml.rels") { rels = try decode(d, "xl/_rels/workbook.xml.rels") }
        var shared: [String] = []
        if let d = try part("xl/sharedStrings.xml") {
            let sst: SharedStringsPart = try decode(d, "xl/sharedStrings.xml")
            shared = sst.si.map(\.plainText)
        }
        var dateStyles: [Bool] = []
        if let d = try part("xl/styles.xml") {
            let styles: StylesPart = try decode(d, "xl/styles.xml")
            dateStyles = styles.dateStyles
        }
        let date1904 = ["1", "true"].contains(book.workbookPr?.date1904?.lowercased() ?? "")

        var sheets: [SheetContents] = []
        for s in book.sheets.sheet {
            guard let target = rels.relationship.first(where: { $0.id == s.relationshipID })?.target else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else { continue }
            let ws: WorksheetPart = try decode(xml, path)
            sheets.append(contents(ws, name: s.name, shared: shared, dateStyles: dateStyles, date1904: date1904))
        }
        return Contents(sheets: sheets, date1904: date1904)
    }

    /// The calendar day of a date serial, in the workbook's date system;
    /// nil outside 1900…9999. The time of day (the fraction) is dropped.
    public static func day(serial: Double, date1904: Bool) -> (year: Int, month: Int, day: Int)? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        if date1904 {
            days += 1462   // 1904-01-01 is serial 1462 in the 1900 system
        } else if days == 60 {
            return nil     // 1900-02-29, a day that never was (Lotus 1-2-3's leap-year bug, kept by Excel)
        } else if days < 60 {
            days += 1      // before the phantom day the count is one short
        }
        // Days since 1899-12-30 to a civil date (Howard Hinnant's algorithm).
        let z = days - 25569 + 719_468   // 25569 = serial of 1970-01-01
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// "C12" → (row 12, column 2).
    static func position(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0
        for u in ref.utf8 {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where row == 0: column = column * 26 + Int(u - 64); letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where row == 0: column = column * 26 + Int(u - 96); letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0: row = row * 10 + Int(u - 48)
            case UInt8(ascii: "$"): continue
            default: return nil
            }
            if row > 10_000_000 || letters > 3 { return nil }
        }
        return letters > 0 && row > 0 ? (row, column - 1) : nil
    }

    /// Column index → letters ("A", "AB").
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { n -= 1; s = String(UnicodeScalar(UInt8(65 + n % 26))) + s; n /= 26 }
        return s
    }

    static func contents(_ ws: WorksheetPart, name: String, shared: [String], dateStyles: [Bool], date1904: Bool) -> SheetContents {
        var rows: [SheetContents.Row] = []
        var nextRow = 1
        for r in ws.sheetData?.row ?? [] {
            let number = r.r.flatMap(Int.init) ?? nextRow
            nextRow = number + 1
            var cells: [(Int, CellContent)] = []
            var nextColumn = 0
            for c in r.c ?? [] {
                let column = c.r.flatMap(position)?.column ?? nextColumn
                nextColumn = column + 1
                if let f = c.f {
                    cells.append((column, .formula(f.value ?? "")))
                    continue
                }
                let v = c.v ?? ""
                let content: CellContent?
                switch c.t ?? "n" {
                case "s": content = Int(v).flatMap { $0 >= 0 && $0 < shared.count ? .text(shared[$0]) : nil } ?? .error("#REF!")
                case "inlineStr": content = c.inline.map { .text($0.plainText) }
                case "str": content = .text(v)
                case "b": content = .bool(v == "1" || v.lowercased() == "true")
                case "e": content = .error(v)
                case "d": content = .text(String(v.prefix(10)))   // ISO 8601 date cell (Strict files)
                default:
                    guard !v.isEmpty, let x = Double(v) else { content = nil; break }
                    let style = c.s.flatMap(Int.init) ?? 0
                    if style < dateStyles.count, dateStyles[style], let d = day(serial: x, date1904: date1904) {
                        content = .date(year: d.year, month: d.month, day: d.day)
                    } else {
                        content = .number(x)
                    }
                }
                if let content { cells.append((column, content)) }
            }
            if !cells.isEmpty { rows.append(.init(number: number, cells: cells)) }
        }
        return SheetContents(name: name, rows: rows, merged: ws.mergeCells?.mergeCell?.compactMap(\.ref) ?? [])
    }

    static func decode<T: Decodable>(_ data: Data, _ part: String) throws(WorkbookReadError) -> T {
        // Foundation's XMLParser traps on an element name that is not UTF-8
        // (found by fuzz/FuzzXLSX), and Excel writes every part in UTF-8.
        guard String(validating: data, as: UTF8.self) != nil else { throw .malformed(part: part) }
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        do { return try decoder.decode(T.self, from: data) } catch { throw .malformed(part: part) }
    }
}

// MARK: the parts read, as XMLCoder types (attributes and child elements alike are keys)

struct WorkbookPart: Decodable {
    struct Properties: Decodable { var date1904: String? }
    struct Sheets: Decodable { var sheet: [SheetEntry] }
    struct SheetEntry: Decodable {
        var name: String
        var relationshipID: String
        enum CodingKeys: String, CodingKey { case name, rid = "r:id" }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            relationshipID = try c.decode(String.self, forKey: .rid)
        }
    }
    var workbookPr: Properties?
    var sheets: Sheets
}

struct RelationshipsPart: Decodable {
    struct Relationship: Decodable {
        var id: String
        var target: String
        enum CodingKeys: String, CodingKey { case id = "Id", target = "Target" }
    }
    var relationship: [Relationship]
    enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
    init(relationship: [Relationship]) { self.relationship = relationship }
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        relationship = try c.decodeIfPresent([Relationship].self, forKey: .relationship) ?? []
    }
}

/// Text with attributes (`<t xml:space="preserve">`): XMLCoder's "" key is the element's text.
struct TextElement: Decodable {
    var value: String?
    enum CodingKeys: String, CodingKey { case value = "" }
}

/// A shared or inline string: plain `<t>`, or rich-text runs `<r><t>`; phonetic runs are not the text.
struct StringItem: Decodable {
    struct Run: Decodable { var t: TextElement? }
    var t: TextElement?
    var r: [Run]?
    var plainText: String { (t?.value ?? "") + (r ?? []).map { $0.t?.value ?? "" }.joined() }
}

struct SharedStringsPart: Decodable {
    var si: [StringItem]
    enum CodingKeys: String, CodingKey { case si }
    init(from decoder: Decoder) throws {
        si = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([StringItem].self, forKey: .si) ?? []
    }
}

struct StylesPart: Decodable {
    struct NumberFormat: Decodable { var numFmtId: String; var formatCode: String? }
    struct NumberFormats: Decodable { var numFmt: [NumberFormat]? }
    struct Format: Decodable { var numFmtId: String? }
    struct Formats: Decodable { var xf: [Format]? }
    var numFmts: NumberFormats?
    var cellXfs: Formats?

    /// For each cell style index, whether its number format shows a date.
    var dateStyles: [Bool] {
        let custom = Dictionary((numFmts?.numFmt ?? []).map { ($0.numFmtId, $0.formatCode ?? "") }, uniquingKeysWith: { a, _ in a })
        return (cellXfs?.xf ?? []).map { xf in
            guard let id = xf.numFmtId.flatMap(Int.init) else { return false }
            if let code = custom[String(id)] { return Self.isDateFormat(code) }
            // Excel's built-in date formats (ECMA-376 Part 1, 18.8.30).
            return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
        }
    }

    /// A custom format shows a date when, outside quoted text, escapes and
    /// [colour] brackets, it has a day, month or year code.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket && "dmy".contains(ch) { return true }
            }
        }
        return false
    }
}

struct WorksheetPart: Decodable {
    struct Cell: Decodable {
        var r: String?
        var t: String?
        var s: String?
        var v: String?
        var f: TextElement?
        var inline: StringItem?
        enum CodingKeys: String, CodingKey { case r, t, s, v, f, inline = "is" }
    }
    struct Row: Decodable { var r: String?; var c: [Cell]? }
    struct SheetData: Decodable { var row: [Row]? }
    struct Merge: Decodable { var ref: String? }
    struct Merges: Decodable { var mergeCell: [Merge]? }
    var sheetData: SheetData?
    var mergeCells: Merges?
}
