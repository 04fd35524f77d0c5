import RotaCore

/// How one cell's text is read: the one home of the spreadsheet leniencies
/// (INPUTS.md "Common spreadsheet mistakes"), shared by every table reader
/// so a CSV file and a workbook sheet accept the same things.
public enum CellValue {
    /// `true`/`false`, `yes`/`no`, `y`/`n` or `1`/`0`, in any letter case:
    /// what Excel and planners write for a yes-or-no column.
    public static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "yes", "y", "1": true
        case "false", "no", "n", "0": false
        default: nil
        }
    }

    public static let boolWords = "true or false (yes/no, y/n and 1/0 are read too)"

    /// A fraction written as a percentage, `50%` or `50 %` (a percent-formatted
    /// cell saved as CSV): 0.5. Nil when `s` has no `%` or no number before it.
    public static func percent(_ s: String) -> Double? {
        guard s.hasSuffix("%") else { return nil }
        guard let v = TableChecker.decimal(CSVTable.trim(String(s.dropLast()))) else { return nil }
        return v / 100
    }

    /// What to add to "must be at most 1" when the number looks like a
    /// percentage written without its `%` (50 for 50 %).
    public static func percentHint(_ v: Double) -> String {
        v >= 5 && v <= 100 ? "; write \(fmt(v / 100)) for \(fmt(v)) %" : ""
    }

    /// A grade as the spec names it, or as a job title (`Specialist
    /// Paramedic`, `Advanced Paramedic`), in any letter case and spacing.
    public static func grade(_ s: String) -> Grade? {
        let words = s.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if words.count == 2, words[1] == "paramedic", let g = Grade(name: words[0]), g != .paramedic { return g }
        return words.count == 1 ? Grade(name: words[0]) : nil
    }

    /// `s` in quotes, with any character that cannot be seen (a non-breaking
    /// or zero-width space, a control character) written as `\u00A0`, so two
    /// ids that look the same on screen can be told apart in a message.
    public static func shown(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            let p = c.properties
            let invisible = (p.isWhitespace && c != " ") || p.generalCategory == .format || p.generalCategory == .control
            if invisible {
                let hex = String(c.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// The id a planner most likely meant by `written`, which is not among
    /// `known` (ids in file order, with their names): the one id equal to it
    /// in another letter case, else the one whose name it is, else the one
    /// a single typo away. Ids are still compared exactly as written: this
    /// only words the error.
    public static func nearest(_ written: String, among known: [(id: String, name: String?)]) -> (id: String, name: String?)? {
        let w = written.lowercased()
        func unique(_ matches: [(id: String, name: String?)]) -> (id: String, name: String?)? {
            matches.count == 1 ? matches[0] : nil
        }
        if let m = unique(known.filter { $0.id.lowercased() == w }) { return m }
        if let m = unique(known.filter { $0.name.map { CSVTable.trim($0).lowercased() == CSVTable.trim(w) } ?? false }) { return m }
        return unique(known.filter { oneEditApart(Array($0.id.lowercased().unicodeScalars), Array(w.unicodeScalars)) })
    }

    /// "; did you mean pcn-b1 (Heartlands PCN)?", or "" with no likely id.
    public static func didYouMean(_ written: String, among known: [(id: String, name: String?)]) -> String {
        guard let m = nearest(written, among: known) else { return "" }
        return "; did you mean \(m.id)\(m.name.map { " (\($0))" } ?? "")?"
    }

    /// One substitution, insertion, deletion or swap of neighbours apart.
    static func oneEditApart(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return false }
        if a.count == b.count {
            let diffs = a.indices.filter { a[$0] != b[$0] }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        return Array(long[(i + 1)...]) == Array(short[i...])
    }
}
