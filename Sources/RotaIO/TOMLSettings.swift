import RotaCore
import TOMLKit

/// Where each key of scenario.toml is written.
///
/// TOMLKit parses TOML correctly but does not say on which line a key was
/// written (only parse errors carry a position), and the spec's messages
/// need that line. So this scans the text once: table headers, array-table
/// headers (numbered from 1) and `key =` lines give the line of each dotted
/// key path; a key inside an inline table gets the line of its parent.
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var prefix = ""
        var arrayCounts: [String: Int] = [:]
        var n = 0
        // "\r\n" is one Character in Swift, not "\n": split on both, or a
        // CRLF file (as Windows editors save it) would be all on line 1.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            n += 1
            let line = rawLine.trimmingSpaces()
            if line.hasPrefix("[[") {
                let name = Self.keyPath(line.dropFirst(2).prefix { $0 != "]" })
                arrayCounts[name, default: 0] += 1
                prefix = "\(name)[\(arrayCounts[name]!)]"
                lines[prefix] = lines[prefix] ?? n
            } else if line.hasPrefix("[") {
                prefix = Self.keyPath(line.dropFirst().prefix { $0 != "]" })
                lines[prefix] = lines[prefix] ?? n
            } else if let eq = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = Self.keyPath(line[..<eq])
                guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else { continue }
                let full = prefix.isEmpty ? key : "\(prefix).\(key)"
                lines[full] = lines[full] ?? n
            }
        }
    }

    private static func keyPath<S: StringProtocol>(_ s: S) -> String {
        s.split(separator: ".").map { $0.trimmingSpaces().replacingQuotes() }.joined(separator: ".")
    }

    /// The line of `path`, else of its nearest written parent, else 1.
    func line(_ path: String) -> Int {
        var p = path
        while true {
            if let l = lines[p] { return l }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { return 1 }
            p = String(p[..<cut])
        }
    }
}

private extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
    func replacingQuotes() -> String {
        var s = String(self)
        if s.count >= 2, (s.hasPrefix("\"") && s.hasSuffix("\"")) || (s.hasPrefix("'") && s.hasSuffix("'")) {
            s = String(s.dropFirst().dropLast())
        }
        return s
    }
}

/// The settings of scenario.toml (everything but the tables).
struct ScenarioSettings {
    var name: String?
    var start: Day?
    var weeks: Int?
    var rotation = RotationPolicy()
    var rollouts: [Rollout] = []
    var weights = Weights()
    var solver = SolverSettings()
}

/// Reads scenario.toml, reporting every problem with its key and line.
struct TOMLSettingsReader {
    static let file = "scenario.toml"
    let file: String
    let lines: TOMLKeyLines
    var errors: [InputError] = []

    init(text: String) { lines = TOMLKeyLines(text); file = Self.file }
    /// For other TOML files with the same kinds of keys (a variant).
    init(lines: TOMLKeyLines, file: String) { self.lines = lines; self.file = file }

    mutating func fail(_ key: String, _ message: String) {
        errors.append(InputError(file: file, line: lines.line(key), key: key, message))
    }

    static func read(_ text: String, errors: inout [InputError]) -> ScenarioSettings {
        var reader = TOMLSettingsReader(text: text)
        let table: TOMLTable
        switch TOMLParse.table(text, file: file) {
        case .success(let t): table = t
        case .failure(let e): errors.append(e); return ScenarioSettings()
        }
        let settings = reader.settings(table)
        errors += reader.errors
        return settings
    }

    mutating func settings(_ root: TOMLTable) -> ScenarioSettings {
        var s = ScenarioSettings()
        unknownKeys(root, path: "", known: ["name", "start", "weeks", "rotation", "rollout", "weights", "solver"])
        if let v = root["name"] {
            if let str = v.string { s.name = str } else { fail("name", "must be a quoted text, not \(v.type)") }
        }
        if let v = root["start"] {
            if let d = v.date {
                if let day = Day(year: d.year, month: d.month, day: d.day) { s.start = day } else { fail("start", "is not a real date") }
            } else if let str = v.string {
                if let day = Day(iso: str) { s.start = day } else { fail("start", "\"\(str)\" is not a date in the form YYYY-MM-DD") }
            } else {
                fail("start", "must be a date such as 2027-04-05")
            }
            if let day = s.start, day.weekday != 0 {
                fail("start", "\(day) is not a Monday (week 1 must start on a Monday)")
                s.start = nil
            }
        } else {
            fail("start", "is required (the Monday that starts week 1, e.g. start = 2027-04-05)")
        }
        if root["weeks"] != nil {
            s.weeks = int("weeks", root["weeks"], min: 1, max: 520)
        } else {
            fail("weeks", "is required (the number of weeks in the plan, e.g. weeks = 52)")
        }
        let W = s.weeks

        if let t = table("rotation", root["rotation"]) {
            unknownKeys(t, path: "rotation", known: ["min_run_weeks", "max_run_weeks", "same_ics_pcn", "share"])
            if t["min_run_weeks"] != nil, let v = int("rotation.min_run_weeks", t["min_run_weeks"], min: 1, max: nil) {
                s.rotation.minRunWeeks = v
            }
            if t["max_run_weeks"] != nil, let v = int("rotation.max_run_weeks", t["max_run_weeks"], min: 1, max: nil) {
                if v < s.rotation.minRunWeeks {
                    fail("rotation.max_run_weeks", "\(v) is below min_run_weeks (\(s.rotation.minRunWeeks))")
                } else {
                    s.rotation.maxRunWeeks = v
                }
            }
            if let v = t["same_ics_pcn"] {
                if let b = v.bool { s.rotation.sameICSPCN = b } else { fail("rotation.same_ics_pcn", "must be true or false") }
            }
            if let share = table("rotation.share", t["share"]) {
                unknownKeys(share, path: "rotation.share", known: ["pcn", "cas"])
                let pcn = shareBounds("rotation.share.pcn", share["pcn"]), cas = shareBounds("rotation.share.cas", share["cas"])
                if let pcn { s.rotation.pcnShare = pcn }
                if let cas { s.rotation.casShare = cas }
                // Spec v1.2: lower bounds no clinician can keep together are an input error.
                if pcn != nil || cas != nil, s.rotation.pcnShare.lo + s.rotation.casShare.lo > 1 + 1e-9 {
                    errors.append(InputError(file: file, line: lines.line(pcn != nil ? "rotation.share.pcn" : "rotation.share.cas"), key: "rotation.share",
                                             "the lowest PCN share (\(fmt(s.rotation.pcnShare.lo))) and the lowest CAS share (\(fmt(s.rotation.casShare.lo))) add up to more than 1: no clinician can keep both"))
                    // Not applied, so staff.csv is not judged against bounds already refused.
                    s.rotation.pcnShare = .any; s.rotation.casShare = .any
                }
            }
        }

        if let v = root["rollout"] {
            if let arr = v.array {
                var previous: [(from: Int, to: Int, path: String)] = []
                for i in 0..<arr.count {
                    let path = "rollout[\(i + 1)]"
                    guard let t = arr[i].table else { fail(path, "must be a table ([[rollout]])"); continue }
                    unknownKeys(t, path: path, known: ["from_week", "to_week", "max_away_share"])
                    var missing = false
                    // Named as the missing key (like a missing `start`), on its table's line.
                    for k in ["from_week", "to_week", "max_away_share"] where t[k] == nil {
                        fail("\(path).\(k)", "is required in every [[rollout]]"); missing = true
                    }
                    if missing { continue }
                    let from = int("\(path).from_week", t["from_week"], min: 1, max: W)
                    let to = int("\(path).to_week", t["to_week"], min: 1, max: W)
                    let share = fraction("\(path).max_away_share", t["max_away_share"])
                    guard let from, let to else { continue }
                    if from > to { fail("\(path).to_week", "\(to) is before from_week \(from)"); continue }
                    if let clash = previous.first(where: { $0.from <= to && from <= $0.to }) {
                        fail("\(path).from_week", "weeks \(from)-\(to) overlap \(clash.path) (weeks \(clash.from)-\(clash.to))")
                        continue
                    }
                    // Its weeks count for later overlaps even if its share is bad.
                    previous.append((from, to, path))
                    guard let share else { continue }
                    s.rollouts.append(Rollout(fromWeek: from, toWeek: to, maxAwayShare: share))
                }
            } else {
                fail("rollout", "must be written as [[rollout]] tables")
            }
        }

        if let t = table("weights", root["weights"]) {
            unknownKeys(t, path: "weights", known: ["shortfall", "change", "travel_km", "disruption"])
            if let sf = table("weights.shortfall", t["shortfall"]) {
                unknownKeys(sf, path: "weights.shortfall", known: ["hub", "pcn", "cas"])
                if sf["hub"] != nil, let v = number("weights.shortfall.hub", sf["hub"], min: 0, max: nil) { s.weights.shortfallHub = v }
                if sf["pcn"] != nil, let v = number("weights.shortfall.pcn", sf["pcn"], min: 0, max: nil) { s.weights.shortfallPCN = v }
                if sf["cas"] != nil, let v = number("weights.shortfall.cas", sf["cas"], min: 0, max: nil) { s.weights.shortfallCAS = v }
            }
            if t["change"] != nil, let v = number("weights.change", t["change"], min: 0, max: nil) { s.weights.change = v }
            if t["travel_km"] != nil, let v = number("weights.travel_km", t["travel_km"], min: 0, max: nil) { s.weights.travelKm = v }
            if t["disruption"] != nil, let v = number("weights.disruption", t["disruption"], min: 0, max: nil) { s.weights.disruption = v }
        }

        if let t = table("solver", root["solver"]) {
            unknownKeys(t, path: "solver", known: ["time_limit_s", "mip_gap"])
            if t["time_limit_s"] != nil, let v = number("solver.time_limit_s", t["time_limit_s"], min: 0, max: nil) {
                if v <= 0 { fail("solver.time_limit_s", "must be above 0 seconds") } else { s.solver.timeLimitSeconds = v }
            }
            if t["mip_gap"] != nil, let v = number("solver.mip_gap", t["mip_gap"], min: 0, max: nil) { s.solver.mipGap = v }
        }
        return s
    }

    // MARK: typed reads

    mutating func unknownKeys(_ t: TOMLTable, path: String, known: [String]) {
        for k in t.keys.sorted() where !known.contains(k) {
            let full = path.isEmpty ? k : "\(path).\(k)"
            fail(full, "unknown key (known here: \(known.joined(separator: ", ")))")
        }
    }

    mutating func table(_ key: String, _ v: TOMLValueConvertible?) -> TOMLTable? {
        guard let v else { return nil }
        if let t = v.table { return t }
        fail(key, "must be a table")
        return nil
    }

    mutating func int(_ key: String, _ v: TOMLValueConvertible?, min: Int?, max: Int?) -> Int? {
        guard let v else { return nil }
        guard let i = v.int else {
            fail(key, "must be a whole number, not \(v.type == .double ? "a decimal" : v.type.description)")
            return nil
        }
        if let min, i < min { fail(key, "\(i) is below \(min)"); return nil }
        if let max, i > max { fail(key, "\(i) is above \(max)"); return nil }
        return i
    }

    mutating func number(_ key: String, _ v: TOMLValueConvertible?, min: Double?, max: Double?) -> Double? {
        guard let v else { return nil }
        let x: Double
        if let d = v.double { x = d } else if let i = v.int { x = Double(i) } else {
            fail(key, "must be a number, not \(v.type)")
            return nil
        }
        guard x.isFinite else { fail(key, "must be a finite number"); return nil }
        if let min, x < min { fail(key, "\(fmt(x)) is below \(fmt(min))"); return nil }
        if let max, x > max { fail(key, "\(fmt(x)) is above \(fmt(max))"); return nil }
        return x
    }

    /// A share in 0…1: a number, or a percentage in a string (`"50%"`).
    mutating func fraction(_ key: String, _ v: TOMLValueConvertible?) -> Double? {
        guard let v else { return nil }
        if let text = v.string {
            guard let p = CellValue.percent(CSVTable.trim(text)) else {
                fail(key, "must be a number, not a string (or a percentage such as \"50%\")")
                return nil
            }
            if p < 0 { fail(key, "\(text) is below 0"); return nil }
            if p > 1 { fail(key, "\(text) is above 100%"); return nil }
            return p
        }
        guard let x = number(key, v, min: 0, max: nil) else { return nil }
        if x > 1 { fail(key, "\(fmt(x)) is above 1\(CellValue.percentHint(x))"); return nil }
        return x
    }

    mutating func shareBounds(_ key: String, _ v: TOMLValueConvertible?) -> ShareBounds? {
        guard let v else { return nil }
        guard let arr = v.array, arr.count == 2 else {
            fail(key, "must be two numbers [lowest, highest] between 0 and 1, e.g. [0.2, 0.5]")
            return nil
        }
        guard let lo = fraction(key, arr[0]), let hi = fraction(key, arr[1]) else { return nil }
        // Spec v1.2: crossed bounds are an input error, not a scheduling conflict.
        guard lo <= hi else {
            fail(key, "the lowest share \(fmt(lo)) is above the highest \(fmt(hi)); write [\(fmt(hi)), \(fmt(lo))] if the two were swapped")
            return nil
        }
        return ShareBounds(lo: lo, hi: hi)
    }
}
