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
        /// The column each cell is under (nil: a column not read), shared by
        /// every record, and the trimmed cells themselves. A table has a
        /// handful of columns, so finding one by name beats hashing it.
        let columns: [String?]
        let values: [String]
        /// A cell by column name, trimmed; a blank or absent cell is nil.
        public subscript(column: String) -> String? {
            for k in values.indices where columns[k] == column { return values[k].isEmpty ? nil : values[k] }
            return nil
        }
        /// Cells by column name, trimmed; a blank or absent cell is absent.
        public var cells: [String: String] {
            var out: [String: String] = [:]
            for k in values.indices where !values[k].isEmpty { if let c = columns[k] { out[c] = values[k] } }
            return out
        }
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
        let positions = names.indices.map { usable[$0] }
        for r in raw {
            let trimmed = r.fields.map(trim)
            if trimmed.allSatisfy(\.isEmpty) { continue }   // a fully blank row
            if trimmed.count > names.count {
                errors.append(InputError(file: file, line: r.line, column: "-",
                                         "the row has \(trimmed.count) cells but the header has \(names.count)"))
                table.allRecordsRead = false
                continue
            }
            table.records.append(Record(line: r.line, columns: positions, values: trimmed))
        }
        return table
    }

    /// Surrounding spaces of every kind are trimmed: a non-breaking space
    /// pasted from a web page is as invisible as a space (zero-width ones too).
    static func trim(_ s: String) -> String {
        // A cell that starts and ends with a visible ASCII character has nothing to trim.
        if let a = s.utf8.first, let z = s.utf8.last, (0x21...0x7E).contains(a), (0x21...0x7E).contains(z) { return s }
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
    ///
    /// It scans UTF-8 bytes: every byte it looks for (quote, delimiter, CR,
    /// LF, space, tab) is ASCII, and in UTF-8 an ASCII byte is never part of
    /// another character, so cells are cut at the same places as by scalars,
    /// at a fraction of the cost for a rota's hundred thousand rows.
    static func rawRecords(_ text: String, file: String, delimiter: Unicode.Scalar = ",", errors: inout [InputError]) -> [(line: Int, fields: [String])] {
        var text = text
        return text.withUTF8 { bytes in
            rawRecords(bytes, file: file, delimiter: UInt8(delimiter.value), errors: &errors)
        }
    }

    private static func rawRecords(_ all: UnsafeBufferPointer<UInt8>, file: String, delimiter: UInt8, errors: inout [InputError]) -> [(line: Int, fields: [String])] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var i = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = all.count
        var out: [(Int, [String])] = []
        var line = 1
        var quoted: [UInt8] = []
        while i < n {
            let recordLine = line
            var fields: [String] = []
            var endOfRecord = false
            var bad = false
            while !endOfRecord {
                // Surrounding spaces before an opening quote are allowed (they are trimmed anyway).
                var j = i
                while j < n && (all[j] == space || all[j] == tab) { j += 1 }
                if j < n && all[j] == quote {
                    i = j + 1
                    quoted.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < n {
                        let c = all[i]
                        if c == quote {
                            if i + 1 < n && all[i + 1] == quote { quoted.append(quote); i += 2; continue }
                            i += 1; closed = true; break
                        }
                        if c == lf { line += 1 }
                        if c == cr && !(i + 1 < n && all[i + 1] == lf) { line += 1 }
                        quoted.append(c)
                        i += 1
                    }
                    if !closed {
                        errors.append(InputError(file: file, line: recordLine, column: "-",
                                                 "a quoted cell is not closed (a \" is missing)"))
                        return out
                    }
                    fields.append(String(decoding: quoted, as: UTF8.self))
                    // After the closing quote: spaces, then a separator or the end of the line.
                    while i < n && (all[i] == space || all[i] == tab) { i += 1 }
                    if i < n && all[i] != delimiter && all[i] != lf && all[i] != cr {
                        if !bad {
                            errors.append(InputError(file: file, line: recordLine, column: "-",
                                                     "text after a closing quote: write a \" inside a quoted cell as \"\""))
                        }
                        bad = true
                        while i < n && all[i] != delimiter && all[i] != lf && all[i] != cr { i += 1 }
                    }
                } else {
                    let start = i
                    while i < n && all[i] != delimiter && all[i] != lf && all[i] != cr {
                        if all[i] == quote && !bad {
                            errors.append(InputError(file: file, line: recordLine, column: "-",
                                                     "a \" inside an unquoted cell: quote the whole cell and write the \" as \"\""))
                            bad = true
                        }
                        i += 1
                    }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: all[start..<i]), as: UTF8.self))
                }
                if i < n && all[i] == delimiter {
                    i += 1
                } else {
                    // End of line or of text.
                    if i < n && all[i] == cr { i += 1 }
                    if i < n && all[i] == lf { i += 1 }
                    line += 1
                    endOfRecord = true
                }
            }
            if !bad { out.append((recordLine, fields)) }
        }
        return out
    }
}
