/// A CSV table as planners' spreadsheets write it, with the physical line on
/// which each record starts.
///
/// Why our own reader: the spec wants `FILE:LINE` to be the physical line
/// where a record starts, counting the lines inside quoted fields. Neither
/// CSV.swift nor SwiftCSV reports the line of a record (they hand back rows
/// only), so this small RFC 4180 reader does, and it also applies the
/// spec's leniency (BOM, CRLF, blank rows, surrounding spaces).
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        /// Physical line where the record starts (the header is line 1).
        public var line: Int
        /// Cells by column name, trimmed; a blank or absent cell is absent.
        public var cells: [String: String]
        public subscript(column: String) -> String? { cells[column] }
    }

    public var file: String
    public var columns: [String]
    public var records: [Record]
    /// False when a record could not be read at all (bad quoting, more
    /// cells than the header): `records` then lacks rows the file holds.
    public var allRecordsRead = true

    /// Parses `text`; problems (bad quoting, unknown or missing columns,
    /// extra cells) are appended to `errors`, and the rows that can be read
    /// are still returned so that later checks can report more at once.
    public static func parse(_ text: String, file: String, known: [String], required: [String],
                             errors: inout [InputError]) -> CSVTable {
        var attempt: [InputError] = []
        var raw = rawRecords(text, file: file, errors: &attempt)
        // European Excel saves "CSV" with ';' between cells. Where the header
        // is one cell that splits on ';' into known columns, the delimiter is
        // certain and the file is read that way; otherwise one message says so
        // instead of a cascade of unknown and missing columns.
        if let first = raw.first, first.fields.count == 1, first.fields[0].contains(";"), !known.isEmpty {
            let names = first.fields[0].split(separator: ";", omittingEmptySubsequences: false).map { trim(String($0)) }
            if names.allSatisfy({ name in known.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }) {
                attempt = []
                raw = rawRecords(text, file: file, delimiter: ";", errors: &attempt)
            } else {
                errors.append(InputError(file: file, line: first.line, column: "-",
                                         "\(file) uses ';' between cells; save it as CSV (comma delimited)"))
                return CSVTable(file: file, columns: [], records: [], allRecordsRead: false)
            }
        }
        errors += attempt
        var table = CSVTable(file: file, columns: [], records: [])
        table.allRecordsRead = attempt.isEmpty
        guard !raw.isEmpty else {
            errors.append(InputError(file: file, line: 1, column: "-", "the file is empty: a header row is needed"))
            return table
        }
        let header = raw.removeFirst()
        // Headers match in any letter case (Excel capitalises `Rotates`).
        let names = header.fields.map(trim).map { name in known.first { $0.caseInsensitiveCompare(name) == .orderedSame } ?? name }
        var seen = Set<String>()
        var usable: [Int: String] = [:]
        for (i, name) in names.enumerated() {
            if name.isEmpty {
                errors.append(InputError(file: file, line: header.line, column: "-", "column \(i + 1) of the header has no name"))
            } else if !known.isEmpty && !known.contains(name) {   // no known list: any column (reading our own outputs)
                errors.append(InputError(file: file, line: header.line, column: name,
                                         "unknown column (known columns: \(known.joined(separator: ", ")))"))
            } else if !seen.insert(name).inserted {
                errors.append(InputError(file: file, line: header.line, column: name, "the column appears twice in the header"))
            } else {
                usable[i] = name
            }
        }
        for name in required where !seen.contains(name) {
            errors.append(InputError(file: file, line: header.line, column: name, "required column is missing"))
        }
        table.columns = names
        for r in raw {
            let trimmed = r.fields.map(trim)
            if trimmed.allSatisfy(\.isEmpty) { continue }   // a fully blank row
            if trimmed.count > names.count {
                errors.append(InputError(file: file, line: r.line, column: "-",
                                         "the row has \(trimmed.count) cells but the header has \(names.count)"))
                table.allRecordsRead = false
                continue
            }
            var cells: [String: String] = [:]
            for (i, v) in trimmed.enumerated() where !v.isEmpty {
                if let name = usable[i] { cells[name] = v }
            }
            table.records.append(Record(line: r.line, cells: cells))
        }
        return table
    }

    /// Surrounding spaces of every kind are trimmed: a non-breaking space
    /// pasted from a web page is as invisible as a space (zero-width ones too).
    static func trim(_ s: String) -> String {
        let scalars = s.unicodeScalars
        // Most cells have nothing to trim; slicing by index, not removing
        // scalar by scalar, keeps a large rota's hundred thousand cells cheap.
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isBlank($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return s }
        return String(scalars[first...last])
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool {
        (c.properties.isWhitespace && c != "\n" && c != "\r") || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{2060}"
    }

    /// RFC 4180 records with their starting lines. A BOM and CRLF are accepted.
    static func rawRecords(_ text: String, file: String, delimiter: Unicode.Scalar = ",", errors: inout [InputError]) -> [(line: Int, fields: [String])] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var out: [(Int, [String])] = []
        var line = 1
        var i = 0
        let n = scalars.count
        while i < n {
            let recordLine = line
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var endOfRecord = false
            var bad = false
            while !endOfRecord {
                // One field.
                field.removeAll(keepingCapacity: true)
                // Surrounding spaces before an opening quote are allowed (they are trimmed anyway).
                var j = i
                while j < n && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
                if j < n && scalars[j] == "\"" {
                    i = j + 1
                    var closed = false
                    while i < n {
                        let c = scalars[i]
                        if c == "\"" {
                            if i + 1 < n && scalars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                            i += 1; closed = true; break
                        }
                        if c == "\n" { line += 1 }
                        if c == "\r" && !(i + 1 < n && scalars[i + 1] == "\n") { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    if !closed {
                        errors.append(InputError(file: file, line: recordLine, column: "-",
                                                 "a quoted cell is not closed (a \" is missing)"))
                        return out
                    }
                    // After the closing quote: spaces, then a separator or the end of the line.
                    while i < n && (scalars[i] == " " || scalars[i] == "\t") { i += 1 }
                    if i < n && scalars[i] != delimiter && scalars[i] != "\n" && scalars[i] != "\r" {
                        if !bad {
                            errors.append(InputError(file: file, line: recordLine, column: "-",
                                                     "text after a closing quote: write a \" inside a quoted cell as \"\""))
                        }
                        bad = true
                        while i < n && scalars[i] != delimiter && scalars[i] != "\n" && scalars[i] != "\r" { i += 1 }
                    }
                } else {
                    while i < n && scalars[i] != delimiter && scalars[i] != "\n" && scalars[i] != "\r" {
                        if scalars[i] == "\"" && !bad {
                            errors.append(InputError(file: file, line: recordLine, column: "-",
                                                     "a \" inside an unquoted cell: quote the whole cell and write the \" as \"\""))
                            bad = true
                        }
                        field.append(scalars[i])
                        i += 1
                    }
                }
                fields.append(String(field))
                if i < n && scalars[i] == delimiter {
                    i += 1
                } else {
                    // End of line or of text.
                    if i < n && scalars[i] == "\r" { i += 1 }
                    if i < n && scalars[i] == "\n" { i += 1 }
                    line += 1
                    endOfRecord = true
                }
            }
            if !bad { out.append((recordLine, fields)) }
        }
        return out
    }
}
