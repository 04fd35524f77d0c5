import Foundation
import RotaCore

/// What a solve reports beside the rota itself (summary.json's top level).
public struct RunSummary: Sendable {
    public var status: RotaStatus
    public var scenario: String
    public var bound: Double?
    public var seconds: Double
    public var timeLimitSeconds: Double
    public var mipGap: Double
    public var stoppedByTimeLimit: Bool
    public var modelSize: ModelSize?
    public var strategy: String
    /// Placement binaries of the whole model (clinicians × eligible sites × weeks): the scenario's size.
    public var placementBinaries: Int?
    /// Seconds to the first valid rota, when known.
    public var firstRotaSeconds: Double?
    /// Where the bound comes from ("GLPK branch and bound", "Lagrangian relaxation").
    public var boundSource: String?
    /// Seconds spent reading and checking the scenario.
    public var loadSeconds: Double?
    /// Seconds spent building the solver's instance (eligibility, cover,
    /// costs and rows, which every strategy starts from; GLPK's whole model,
    /// when one is built, is inside `seconds`).
    public var buildSeconds: Double?
    /// Seconds from the solve's start (as `firstRotaSeconds`) until the
    /// proven gap first came within 1% (at the latest, the solve's end when
    /// the final gap is within it); nil when it never did.
    public var withinOnePercentSeconds: Double?
    /// For `infeasible`: the least-breach explanation (summary.json `least_breach`).
    public var leastBreach: LeastBreachSummary?
    /// The planner stopped the search (Ctrl-C).
    public var interrupted = false
    /// Set when nothing was solved: the rota was read from this file
    /// (`rota export --xlsx`), so there is no bound, strategy or time limit.
    public var readFrom: String?
    public init(status: RotaStatus, scenario: String, bound: Double?, seconds: Double, timeLimitSeconds: Double,
                mipGap: Double, stoppedByTimeLimit: Bool, modelSize: ModelSize?, strategy: String) {
        self.status = status; self.scenario = scenario; self.bound = bound; self.seconds = seconds
        self.timeLimitSeconds = timeLimitSeconds; self.mipGap = mipGap; self.stoppedByTimeLimit = stoppedByTimeLimit
        self.modelSize = modelSize; self.strategy = strategy
    }

    /// |Z − bound| / |Z| for the rota written (0 when both are 0).
    public func gap(objective: Double) -> Double? {
        guard let bound else { return nil }
        return Self.gap(objective: objective, bound: bound)
    }

    /// |Z − bound| / |Z| (0 when both are 0, nil when only Z is).
    public static func gap(objective: Double, bound: Double) -> Double? {
        if abs(objective) < 1e-12 { return abs(bound) < 1e-9 ? 0 : nil }
        return abs(objective - bound) / abs(objective)
    }
}

/// Writes a run's files (the `Outputs` registry) and renders the text ones.
/// Every file goes to a temporary name in the output folder first and is
/// renamed only when all are complete, so a run that dies leaves the old
/// files or the new ones.
public enum OutputWriter {
    /// Writes the run's files; returns the names written and the names of
    /// earlier runs' files removed.
    @discardableResult
    public static func write(_ result: RunResult, to folder: String) throws -> (written: [String], removed: [String]) {
        let files = try Outputs.render(result)
        let written = Set(files.map(\.name))
        let stale = Outputs.runFiles.filter { !written.contains($0) && FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
        try AtomicFiles.write(files, to: folder, removing: stale)
        return (files.map(\.name), stale)
    }

    /// A re-plan's changes to agreed placements: one row per clinician and
    /// span of weeks with the same old and new site.
    public static func movesCSV(_ scenario: Scenario, _ moves: [Move]) -> String {
        var out = line(["staff", "from_week", "to_week", "week_start", "weeks", "was", "now", "why"])
        for m in moves {
            out += line([text(m.staff), String(m.fromWeek), String(m.toWeek), scenario.weekStart(m.fromWeek).description,
                         String(m.weeks), text(m.was), text(m.now), text(m.why)])
        }
        return out
    }

    // MARK: CSV

    static func cell(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\n" }

    /// A text cell: neutralised against formulas (see `SpreadsheetText`).
    static func text(_ s: String) -> String { SpreadsheetText.neutralised(s) }

    static func wte(_ x: Double) -> String { formatDecimal(x, places: 6) }

    public static func rotaCSV(_ scenario: Scenario, _ placements: [Placement]) -> String {
        let sites = Dictionary(uniqueKeysWithValues: scenario.sites.map { ($0.id, $0) })
        let validator = Validator(scenario)
        let cover = Dictionary(uniqueKeysWithValues: scenario.clinicians.map { ($0.id, $0) })
        var out = line(["staff", "week", "week_start", "site", "kind", "ics", "cover_wte"])
        for p in placements {
            let site = sites[p.site]
            let c = cover[p.staff].map { validator.coverOf($0, p.week) } ?? 0
            out += line([text(p.staff), String(p.week), scenario.weekStart(p.week).description, text(p.site),
                         site?.kind.rawValue ?? "", text(site?.ics ?? ""), wte(c)])
        }
        return out
    }

    public static func gridCSV(_ scenario: Scenario, _ placements: [Placement]) -> String {
        var at: [String: [String]] = [:]
        for c in scenario.clinicians { at[c.id] = Array(repeating: "", count: scenario.weeks) }
        for p in placements where (1...scenario.weeks).contains(p.week) { at[p.staff]?[p.week - 1] = p.site }
        var out = line(["staff", "name", "home"] + (1...scenario.weeks).map { scenario.weekStart($0).description })
        for c in scenario.clinicians {
            // A week with no day in post reads as such, not as a week at the
            // hub (rota.csv keeps the home hub there, as the rules see it).
            let cells = at[c.id]!.enumerated().map { w, site in
                scenario.inPost(c, week: w + 1) ? site : (c.to.map { scenario.weekStart(w + 1) > $0 } ?? false ? notInPost.left : notInPost.notStarted)
            }
            out += line([text(c.id), text(c.name ?? ""), text(c.home)] + cells.map(text))
        }
        return out
    }

    /// The grid's words for a week out of post (RotaReader reads them back as the home hub).
    public static let notInPost = (left: "left", notStarted: "not started")

    public static func coverageCSV(_ e: Evaluation) -> String {
        var out = line(["site", "kind", "ics", "week", "week_start", "cover_wte", "head", "floor", "target", "cap",
                        "shortfall_wte", "breach_wte"])
        for r in e.coverage {
            out += line([text(r.site), r.kind.rawValue, text(r.ics ?? ""), String(r.week), r.weekStart.description, wte(r.cover),
                         String(r.head), wte(r.floor), wte(r.target), r.cap.map(String.init) ?? "",
                         wte(r.shortfall), wte(r.breach)])
        }
        return out
    }

    // MARK: JSON

    public static func summaryJSON(_ scenario: Scenario, _ e: Evaluation, _ s: RunSummary) -> String {
        var j = JSONWriter()
        j.open()
        j.key("status", string: s.status.rawValue)
        // Said plainly for whoever opens the file: a least-breach rota is not valid.
        j.key("valid_rota", bool: s.status != .infeasible)
        j.key("scenario", string: scenario.name)
        if let source = scenario.source { j.key("scenario_folder", string: source) }
        j.key("objective", number: e.objective)
        j.key("shortfall", number: e.shortfallTerm)
        j.key("changes", number: e.changesTerm)
        j.key("travel", number: e.travelTerm)
        if let replan = scenario.replan {
            j.key("disruption", number: e.disruptionTerm)
            j.key("replan"); j.open()
            j.key("from_week", number: Double(replan.fromWeek))
            j.key("previous", string: replan.file)
            if let path = replan.path { j.key("previous_path", string: path) }
            j.key("moves", number: Double(e.moves))
            j.close()
        }
        j.key("bound", number: s.bound)
        j.key("gap", number: s.gap(objective: e.objective))
        if let source = s.boundSource { j.key("bound_source", string: source) }
        j.key("load_seconds", number: s.loadSeconds.map { ($0 * 1000).rounded() / 1000 })
        j.key("seconds", number: (s.seconds * 1000).rounded() / 1000)
        j.key("build_seconds", number: s.buildSeconds.map { ($0 * 1000).rounded() / 1000 })
        j.key("first_rota_seconds", number: s.firstRotaSeconds.map { ($0 * 1000).rounded() / 1000 })
        j.key("gap_1pct_seconds", number: s.withinOnePercentSeconds.map { ($0 * 1000).rounded() / 1000 })
        j.key("stopped_by_time_limit", bool: s.stoppedByTimeLimit)
        j.key("stopped_by", string: s.interrupted ? "interrupt" : (s.stoppedByTimeLimit ? "time_limit" : nil))
        j.key("time_limit_s", number: s.timeLimitSeconds)
        j.key("mip_gap", number: s.mipGap)
        j.key("strategy", string: s.strategy)
        j.key("weeks", number: Double(scenario.weeks))
        j.key("clinicians", number: Double(scenario.clinicians.count))
        j.key("sites", number: Double(scenario.sites.count))
        if let b = s.placementBinaries { j.key("placement_binaries", number: Double(b)) }
        if let m = s.modelSize {
            j.key("model"); j.open()
            j.key("columns", number: Double(m.columns)); j.key("rows", number: Double(m.rows))
            j.key("integers", number: Double(m.integers)); j.key("nonzeros", number: Double(m.nonzeros))
            j.close()
        }
        // Accepted input that looks unintended (INPUTS.md "Warnings").
        j.key("warnings"); j.openArray()
        for w in scenario.warnings {
            j.element(); j.open()
            j.key("file", string: w.file)
            j.key("line", number: Double(w.line))
            j.key("column", string: w.column)
            j.key("message", string: w.message)
            j.close()
        }
        j.closeArray()
        if let least = s.leastBreach {
            j.key("least_breach"); j.open()
            j.key("breach_wte_weeks", number: e.breachWTEWeeks)
            j.key("proven_least", bool: least.proven)
            j.key("proof", string: least.proof)
            j.key("unavoidable_wte_weeks", number: least.unavoidable)
            j.key("breaches"); j.openArray()
            for g in least.groups {
                j.element(); j.open()
                j.key("site", string: g.site)
                j.key("kind", string: g.kind.rawValue)
                j.key("ics", string: g.ics)
                j.key("from_week", number: Double(g.fromWeek))
                j.key("to_week", number: Double(g.toWeek))
                j.key("breach_wte_weeks", number: g.breach)
                j.key("floor_wte_min", number: g.floor.lowerBound); j.key("floor_wte_max", number: g.floor.upperBound)
                j.key("cover_wte_min", number: g.cover.lowerBound); j.key("cover_wte_max", number: g.cover.upperBound)
                j.key("supply_wte_min", number: g.supply.lowerBound); j.key("supply_wte_max", number: g.supply.upperBound)
                j.key("on_leave"); j.openArray()
                for l in g.onLeave { j.element(string: l.staff) }
                j.closeArray()
                j.key("why"); j.openArray()
                for (reason, weeks) in g.why {
                    j.element(); j.open()
                    j.key("reason", string: reason.description)
                    j.key("weeks"); j.openArray()
                    for w in weeks { j.element(); j.text += "\(w)" }
                    j.closeArray()
                    j.close()
                }
                j.closeArray()
                j.key("line", string: g.description)
                j.close()
            }
            j.closeArray()
            j.close()
        }
        j.key("kpis"); j.open()
        j.key("floors_met", bool: e.floorBreaches == 0)
        j.key("floor_breaches", number: Double(e.floorBreaches))
        j.key("breach_wte_weeks", number: e.breachWTEWeeks)
        j.key("shortfall_wte_weeks", number: e.shortfallWTEWeeks)
        j.key("changes", number: Double(e.changes))
        j.key("travel_km", number: e.travelKm)
        func group(_ name: String, _ g: [String: TargetMet]) {
            j.key(name); j.open()
            for k in g.keys.sorted() {
                let t = g[k]!
                j.key(k); j.open()
                j.key("target_wte_weeks", number: t.target)
                j.key("shortfall_wte_weeks", number: t.shortfall)
                j.key("target_met_percent", number: t.percentMet)
                j.close()
            }
            j.close()
        }
        group("by_kind", Dictionary(uniqueKeysWithValues: e.byKind.map { ($0.key.rawValue, $0.value) }))
        group("by_ics", e.byICS)
        group("by_trust", e.byTrust)
        j.key("clinician_shares"); j.openArray()
        let W = Double(scenario.weeks)
        for c in e.shares {
            j.element(); j.open()
            j.key("staff", string: c.staff)
            j.key("hub_weeks", number: Double(c.hubWeeks)); j.key("pcn_weeks", number: Double(c.pcnWeeks))
            j.key("cas_weeks", number: Double(c.casWeeks))
            j.key("hub_share", number: Double(c.hubWeeks) / W); j.key("pcn_share", number: Double(c.pcnWeeks) / W)
            j.key("cas_share", number: Double(c.casWeeks) / W)
            j.close()
        }
        j.closeArray()
        j.close()
        j.close()
        return j.text + "\n"
    }
}

/// Why the rota written breaks floors, for summary.json.
public struct LeastBreachSummary: Sendable {
    /// True when no rota breaks the floors less.
    public var proven: Bool
    /// How it is proven, or why not, in words.
    public var proof: String
    /// Breach no rota can avoid: floors above the eligible supply (WTE-weeks).
    public var unavoidable: Double
    public var groups: [BreachGroup]
    public init(proven: Bool, proof: String, unavoidable: Double, groups: [BreachGroup]) {
        self.proven = proven; self.proof = proof; self.unavoidable = unavoidable; self.groups = groups
    }
}

/// A tiny JSON writer with a fixed key order and number format, so that
/// summary.json is stable and diffable (JSONSerialization orders keys and
/// prints doubles its own way).
struct JSONWriter {
    var text = ""
    private var depth = 0
    private var first = [true]

    private mutating func separator() {
        if !first[depth] { text += "," }
        first[depth] = false
        text += "\n" + String(repeating: "  ", count: depth)
    }
    mutating func open() { text += "{"; depth += 1; first.append(true) }
    mutating func close() { depth -= 1; let empty = first.removeLast(); text += (empty ? "" : "\n" + String(repeating: "  ", count: depth)) + "}" }
    mutating func openArray() { text += "["; depth += 1; first.append(true) }
    mutating func closeArray() { depth -= 1; let empty = first.removeLast(); text += (empty ? "" : "\n" + String(repeating: "  ", count: depth)) + "]" }
    mutating func element() { separator() }
    mutating func key(_ k: String) { separator(); text += Self.quote(k) + ": " }
    mutating func key(_ k: String, string: String) { key(k); text += Self.quote(string) }
    mutating func key(_ k: String, string: String?) { key(k); text += string.map(Self.quote) ?? "null" }
    mutating func element(string: String) { separator(); text += Self.quote(string) }
    mutating func key(_ k: String, bool: Bool) { key(k); text += bool ? "true" : "false" }
    mutating func key(_ k: String, number: Double?) {
        key(k)
        if let number, number.isFinite { text += formatDecimal(number, places: 9) } else { text += "null" }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Writes files so that none is ever half-written, and a set of files (a
/// rota's four) is replaced all at once: a run killed at any moment leaves
/// the old set or the new one, never a mix.
///
/// How: the new set is built in a hidden folder beside the target (the
/// target's other files hard-linked in, so nothing of the planner's is
/// lost), and the two folders are swapped in one step by Linux's
/// renameat2(RENAME_EXCHANGE); the old folder is then removed. A new target
/// is simply renamed into place. Where the swap is not possible (a target
/// holding sub-folders or many files, the current folder, a filesystem
/// without the call) each file is renamed on its own, which still never
/// leaves a half-written file.
public enum AtomicFiles {
    /// Writes `files` into `folder` and removes the files named in `removing`
    /// in the same step (where the folder can be swapped whole; otherwise just
    /// after the new files are in place).
    public static func write(_ files: [(name: String, contents: String)], to folder: String, removing: [String] = []) throws {
        try write(files.map { ($0.name, Data($0.contents.utf8)) }, to: folder, removing: removing)
    }

    /// The same for files of bytes (a workbook is not text).
    public static func write(_ files: [(name: String, contents: Data)], to folder: String, removing: [String] = []) throws {
        if files.count > 1 || !removing.isEmpty, (try? swapFolder(files, folder, removing: Set(removing))) == true { return }
        try renameEach(files, to: folder)
        for name in removing {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// One file at `path` (a workbook, a MathProg file), written the same safe way.
    public static func write(_ contents: Data, toFile path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        try write([(name: (path as NSString).lastPathComponent, contents: contents)], to: parent.isEmpty ? "." : parent)
    }

    /// True when the file at `path` holds exactly `contents`. Keeping such a
    /// file, rather than deleting it and writing a new one, keeps its date
    /// and spares the filesystem a new file (thousands, for calendars).
    static func hasBytes(_ path: String, _ contents: Data) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.size] as? NSNumber)?.intValue == contents.count,
              let old = FileManager.default.contents(atPath: path) else { return false }
        return old == contents
    }

    /// renameat2 is in glibc (2.28+) but not in Swift's Glibc module.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }   // RTLD_DEFAULT
        return unsafeBitCast(sym, to: RenameAt2.self)
    }()

    /// True when the set was written by building a folder beside and swapping.
    static func swapFolder(_ files: [(name: String, contents: Data)], _ folder: String, removing: Set<String> = []) throws -> Bool {
        let fm = FileManager.default
        let target = (folder as NSString).standardizingPath
        let name = (target as NSString).lastPathComponent
        let parent = (target as NSString).deletingLastPathComponent
        guard !name.isEmpty, name != ".", name != "..", name != "/" else { return false }
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: target, isDirectory: &isDir)
        if exists && !isDir.boolValue { return false }
        // Only a folder of plain files (a run's outputs) is swapped whole, and
        // only one with few files of the planner's to link in; files of ours
        // (a calendar folder's thousands) are replaced anyway, so they don't count.
        let others = Set(exists ? try fm.contentsOfDirectory(atPath: target) : [])
        let ours = Set(files.map(\.name))
        guard others.filter({ !ours.contains($0) }).count <= 64 else { return false }
        for entry in others {
            var d: ObjCBool = false
            if !fm.fileExists(atPath: (target as NSString).appendingPathComponent(entry), isDirectory: &d) || d.boolValue { return false }
        }
        if exists && renameat2 == nil { return false }
        let dir = parent.isEmpty ? "." : parent
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let staging = (dir as NSString).appendingPathComponent(".\(name).rota-\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            for entry in others where !ours.contains(entry) && !removing.contains(entry) && !entry.hasSuffix(".tmp") {
                try fm.linkItem(atPath: (target as NSString).appendingPathComponent(entry), toPath: (staging as NSString).appendingPathComponent(entry))
            }
            for (n, contents) in files {
                let old = (target as NSString).appendingPathComponent(n)
                if others.contains(n), hasBytes(old, contents) {
                    // Unchanged (most calendars after a re-plan): linked, not rewritten.
                    try fm.linkItem(atPath: old, toPath: (staging as NSString).appendingPathComponent(n))
                } else {
                    try contents.write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(n)))
                }
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        if exists {
            guard renameat2!(-100, target, -100, staging, 2) == 0 else {   // AT_FDCWD, RENAME_EXCHANGE
                try? fm.removeItem(atPath: staging)
                return false
            }
            try? fm.removeItem(atPath: staging)   // now the old folder
        } else if rename(staging, target) != 0 {
            try? fm.removeItem(atPath: staging)
            return false
        }
        return true
    }

    static func renameEach(_ files: [(name: String, contents: Data)], to folder: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let tag = "\(ProcessInfo.processInfo.processIdentifier)"
        var temps: [(String, String)] = []
        do {
            for (name, contents) in files {
                let final = (folder as NSString).appendingPathComponent(name)
                if hasBytes(final, contents) { continue }   // unchanged: left as it is
                let temp = (folder as NSString).appendingPathComponent(".\(name).\(tag).tmp")
                try contents.write(to: URL(fileURLWithPath: temp))
                temps.append((temp, final))
            }
        } catch {
            for (t, _) in temps { try? fm.removeItem(atPath: t) }
            throw error
        }
        for (temp, final) in temps {
            // rename(2) replaces the old file in one step.
            if rename(temp, final) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final])
            }
        }
    }
}
