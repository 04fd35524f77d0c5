import CXLSXWriter
import Foundation

/// A cell's look. Styles are values; the workbook turns each distinct one
/// into a single libxlsxwriter format, which Excel requires to be shared.
public struct Style: Hashable, Sendable {
    public var bold = false
    public var italic = false
    /// Fill colour as 0xRRGGBB (nil: none).
    public var fill: UInt32?
    public var fontColor: UInt32?
    /// Excel's number format, e.g. "yyyy-mm-dd" or "0.0%".
    public var numberFormat: String?
    /// A thin border all round (pinned weeks).
    public var border = false
    public var wrap = false
    public init(bold: Bool = false, italic: Bool = false, fill: UInt32? = nil, fontColor: UInt32? = nil,
                numberFormat: String? = nil, border: Bool = false, wrap: Bool = false) {
        self.bold = bold; self.italic = italic; self.fill = fill; self.fontColor = fontColor
        self.numberFormat = numberFormat; self.border = border; self.wrap = wrap
    }
}

/// What libxlsxwriter refused, in its own words.
public struct WorkbookError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// An .xlsx being written. libxlsxwriter writes to a path when closed, so
/// `bytes(...)` builds the workbook in a temporary file and returns its bytes
/// for the caller's atomic writer.
public final class Workbook {
    private let handle: UnsafeMutablePointer<lxw_workbook>
    private var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]
    private var lastFormat: (style: Style, format: UnsafeMutablePointer<lxw_format>)?
    private var sheets: [Sheet] = []
    private var firstError: String?

    private init(path: String, created: Date, constantMemory: Bool) throws {
        // Constant memory: each row goes to disk once the next is begun, so
        // England's sheets need megabytes, not hundreds; cells must be written
        // row by row, left to right. Small workbooks with notes on cells
        // (comments are laid out at the end) turn it off.
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        guard let h = workbook_new_opt(path, &options) else { throw WorkbookError(description: "cannot create a workbook at \(path)") }
        handle = h
        // A fixed creation time (not the clock) makes the same rota give the
        // same bytes; libxlsxwriter also stamps the zip entries with it.
        var properties = lxw_doc_properties()
        properties.created = time_t(created.timeIntervalSince1970)
        record(workbook_set_properties(handle, &properties))
    }

    /// Builds a workbook with `fill` and returns the file's bytes.
    public static func bytes(created: Date, constantMemory: Bool = true, _ fill: (Workbook) throws -> Void) throws -> Data {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("rota-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try Workbook(path: path, created: created, constantMemory: constantMemory)
        do { try fill(book) } catch {
            _ = workbook_close(book.handle)
            throw error
        }
        let closed = workbook_close(book.handle)
        if let e = book.firstError { throw WorkbookError(description: e) }
        guard closed == LXW_NO_ERROR else { throw WorkbookError(description: String(cString: lxw_strerror(closed))) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A new sheet; `name` must be unique, at most 31 characters, without []:*?/\.
    public func sheet(_ name: String) throws -> Sheet {
        guard let ws = workbook_add_worksheet(handle, name) else { throw WorkbookError(description: "cannot add a sheet named \(name)") }
        let s = Sheet(ws, self)
        sheets.append(s)
        return s
    }

    fileprivate func format(_ style: Style?) -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        // Runs of cells share a style; comparing with the last one is cheaper than hashing.
        if let last = lastFormat, last.style == style { return last.format }
        if let f = formats[style] { lastFormat = (style, f); return f }
        guard let f = workbook_add_format(handle) else { return nil }
        if style.bold { format_set_bold(f) }
        if style.italic { format_set_italic(f) }
        if let c = style.fill { format_set_bg_color(f, lxw_color_t(c)); format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue)) }
        if let c = style.fontColor { format_set_font_color(f, lxw_color_t(c)) }
        if let n = style.numberFormat { format_set_num_format(f, n) }
        if style.border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.wrap { format_set_text_wrap(f) }
        formats[style] = f
        lastFormat = (style, f)
        return f
    }

    fileprivate func record(_ e: lxw_error) {
        if e != LXW_NO_ERROR, firstError == nil { firstError = String(cString: lxw_strerror(e)) }
    }
}

/// One sheet of a `Workbook`. Rows and columns count from 0, as in
/// libxlsxwriter; cells go row by row, left to right (constant memory).
public final class Sheet {
    private let ws: UnsafeMutablePointer<lxw_worksheet>
    private unowned let book: Workbook

    fileprivate init(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ book: Workbook) { self.ws = ws; self.book = book }

    /// Text, always stored as text: Excel never evaluates it as a formula.
    public func write(_ row: Int, _ col: Int, _ text: String, _ style: Style? = nil) {
        if text.isEmpty {
            if style != nil { book.record(worksheet_write_blank(ws, lxw_row_t(row), lxw_col_t(col), book.format(style))) }
            return
        }
        book.record(worksheet_write_string(ws, lxw_row_t(row), lxw_col_t(col), text, book.format(style)))
    }

    public func write(_ row: Int, _ col: Int, number: Double, _ style: Style? = nil) {
        book.record(worksheet_write_number(ws, lxw_row_t(row), lxw_col_t(col), number, book.format(style)))
    }

    public func write(_ row: Int, _ col: Int, bool: Bool, _ style: Style? = nil) {
        book.record(worksheet_write_boolean(ws, lxw_row_t(row), lxw_col_t(col), bool ? 1 : 0, book.format(style)))
    }

    /// A number, or an empty cell where there is none.
    public func write(_ row: Int, _ col: Int, optional number: Double?, _ style: Style? = nil) {
        if let number, number.isFinite { write(row, col, number: number, style) } else { write(row, col, "", style) }
    }

    public func columnWidth(_ first: Int, _ last: Int, _ width: Double) {
        book.record(worksheet_set_column(ws, lxw_col_t(first), lxw_col_t(last), width, nil))
    }

    /// Keeps the rows above `row` and the columns left of `col` in view.
    public func freeze(row: Int, col: Int) { worksheet_freeze_panes(ws, lxw_row_t(row), lxw_col_t(col)) }

    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        book.record(worksheet_autofilter(ws, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol)))
    }

    /// A conditional format: `style` where `formula` (written for the range's
    /// top-left cell, relative references moving with each cell) is true.
    /// Excel re-evaluates it, so a planner's edits recolour the cells.
    public func highlight(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, when formula: String, _ style: Style) {
        guard lastRow >= firstRow, lastCol >= firstCol else { return }
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        rule.format = book.format(style)
        formula.withCString { text in
            rule.value_string = UnsafeMutablePointer(mutating: text)
            book.record(worksheet_conditional_format_range(ws, lxw_row_t(firstRow), lxw_col_t(firstCol),
                                                           lxw_row_t(lastRow), lxw_col_t(lastCol), &rule))
        }
    }

    /// Prints across one page wide, landscape A4, the first `rows` rows on every page.
    public func printLandscape(repeatingRows rows: Int) {
        worksheet_set_landscape(ws)
        worksheet_set_paper(ws, 9)   // A4
        worksheet_fit_to_pages(ws, 1, 0)
        if rows > 0 { book.record(worksheet_repeat_rows(ws, 0, lxw_row_t(rows - 1))) }
    }

    /// A note on a cell (Excel's comment: a red corner, shown on hover).
    /// Needs a workbook made without constant memory.
    public func note(_ row: Int, _ col: Int, _ text: String) {
        book.record(worksheet_write_comment(ws, lxw_row_t(row), lxw_col_t(col), text))
    }

    /// Cells `firstRow...lastRow` of column `col` accept only `choices`,
    /// from a drop-down; with a prompt shown when a cell is selected.
    public func dropDown(_ firstRow: Int, _ lastRow: Int, col: Int, choices: [String], prompt: (title: String, message: String)? = nil) {
        var v = lxw_data_validation()
        v.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        let strings = choices.map { strdup($0) } + [nil]
        defer { strings.forEach { free($0) } }
        var list = strings
        list.withUnsafeMutableBufferPointer { buffer in
            v.value_list = buffer.baseAddress
            validate(&v, firstRow, lastRow, col, prompt)
        }
    }

    /// A prompt shown when a cell of column `col` is selected (any value allowed).
    public func prompt(_ firstRow: Int, _ lastRow: Int, col: Int, title: String, message: String) {
        var v = lxw_data_validation()
        v.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        validate(&v, firstRow, lastRow, col, (title, message))
    }

    private func validate(_ v: inout lxw_data_validation, _ firstRow: Int, _ lastRow: Int, _ col: Int, _ prompt: (title: String, message: String)?) {
        // Excel caps a prompt's title at 32 characters and its text at 255.
        let title = prompt.map { strdup(String($0.title.prefix(32))) } ?? nil
        let message = prompt.map { strdup(String($0.message.prefix(255))) } ?? nil
        defer { free(title); free(message) }
        v.input_title = title
        v.input_message = message
        book.record(worksheet_data_validation_range(ws, lxw_row_t(firstRow), lxw_col_t(col), lxw_row_t(lastRow), lxw_col_t(col), &v))
    }
}
