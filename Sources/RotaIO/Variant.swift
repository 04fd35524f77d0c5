import Foundation
import RotaCore
import TOMLKit

/// A policy variant (issue #6): a TOML file that names a base scenario
/// folder and changes it without copying it.
///
/// ```toml
/// base = "../west-midlands"          # the base scenario folder, relative to this file
/// name = "PCN demand +20%"           # optional; default: the file's name
///
/// [scenario]                         # any scenario.toml key but start and weeks
/// rotation.share.pcn = [0.3, 0.5]    # tables merge key by key; [[scenario.rollout]] replaces the timetable
///
/// [[demand]]                         # floors, targets and caps where every filter matches
/// kind = "pcn"                       # filters: site, kind, ics, trust, from_week, to_week
/// ics = "Birmingham and Solihull"
/// scale = 1.2                        # × floor and target; also floor_scale, target_scale,
///                                    # floor_add, target_add (WTE), floor, target, cap (set)
/// [abstraction]                      # each clinician away at least this share of weeks
/// rate = 0.3                         # (existing leave counts; whole weeks are added)
/// seed = 1
///
/// [[leaver]]                         # the post is vacant (no cover) from this week
/// staff = "wm-p017"
/// from_week = 20
///
/// [[joiner]]                         # a new clinician like another, with cover from this week
/// staff = "wm-new-01"
/// like = "wm-p017"
/// from_week = 30
/// home = "hub-walsall"               # optional, and wte
/// ```
///
/// How it is checked: the changes are applied to the base's files as text
/// (the merged scenario.toml, rows appended to staff.csv and leave.csv, a
/// rewritten demand.csv), and the result goes through the same checks as
/// any scenario folder. Each problem is then reported where the planner
/// wrote its cause: in the variant file (at the key of the change), or in
/// the base folder's own file and line.
public enum VariantLoader {
    public static func load(path: String) throws(InputErrors) -> Scenario {
        var errors: [InputError] = []
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputErrors([InputError(file: path, line: 0, key: "-", "cannot be read (a variant is a .toml file)")])
        }
        let folder = (path as NSString).deletingLastPathComponent
        let scenario = check(variant: text, file: path, folder: folder.isEmpty ? "." : folder, errors: &errors)
        if !errors.isEmpty { throw InputErrors(errors) }
        return scenario!
    }

    /// A variant's name when it gives none: its file name without `.toml`.
    public static func defaultName(_ path: String) -> String {
        let file = (path as NSString).lastPathComponent
        return file.hasSuffix(".toml") ? String(file.dropLast(5)) : file
    }

    /// Checks a variant's text; `folder` is where relative `base` paths start.
    /// Public so that the fuzz target (fuzz/Sources/FuzzVariant) can check
    /// a variant held in memory, without writing a file per input.
    public static func check(variant text: String, file: String, folder: String, errors: inout [InputError]) -> Scenario? {
        var v = VariantReader(text: text, file: file)
        let root: TOMLTable
        switch TOMLParse.table(text, file: file) {
        case .success(let t): root = t
        case .failure(let e): errors.append(e); return nil
        }
        guard let changes = v.read(root) else { errors += v.errors; return nil }
        errors += v.errors

        // The base, strictly first: its own problems are its own.
        let basePath = standardized(changes.base.hasPrefix("/") ? changes.base : (folder as NSString).appendingPathComponent(changes.base))
        let base = BaseFiles(folder: basePath)
        guard base.errors.isEmpty, let baseScenario = base.scenario else { errors += base.errors; return nil }
        if !errors.isEmpty { return nil }

        // scenario.toml: the base's table with the variant's keys merged in.
        let merged = try! TOMLTable(string: base.toml)
        var overridden: [String] = []
        if let s = changes.scenario { merge(s, into: merged, path: "", overridden: &overridden) }
        let mergedText = merged.convert()

        // A [[demand]] change that starts after the base's last week is an
        // error, not an empty week range (which trapped: found by fuzz/FuzzVariant).
        for d in changes.demand {
            if let from = d.fromWeek, from > baseScenario.weeks {
                v.fail("\(d.key).from_week", "week \(from) is beyond the base's last week (\(baseScenario.weeks))")
            }
        }

        var texts = Texts(base: base, scenario: baseScenario)
        texts.applyDemand(changes.demand, scenario: baseScenario)
        texts.appendJoiners(changes.joiners, scenario: baseScenario, reader: &v)
        texts.appendLeave(changes, scenario: baseScenario)
        errors += v.errors
        if !errors.isEmpty { return nil }

        var found: [InputError] = []
        var scenario = ScenarioLoader.check(toml: mergedText, sites: base.sites, staff: texts.staff, demand: texts.demand,
                                            leave: texts.leave, pinned: base.pinned, defaultName: changes.name ?? defaultName(file),
                                            errors: &found)
        // Each problem where its cause is written.
        let baseLines = TOMLKeyLines(base.toml)
        for e in found {
            errors.append(texts.relocate(e, variantFile: file, variantLines: v.lines, overridden: overridden,
                                          baseFolder: basePath, baseTOMLLines: baseLines))
        }
        guard errors.isEmpty else { return nil }
        scenario?.name = changes.name ?? defaultName(file)
        return scenario
    }

    static func standardized(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.hasPrefix(cwd) ? String(url.dropFirst(cwd.count)) : url
    }

    /// Deep-merges `source` into `target`: tables key by key, anything else
    /// (numbers, arrays, [[rollout]] timetables) replaced whole.
    static func merge(_ source: TOMLTable, into target: TOMLTable, path: String, overridden: inout [String]) {
        for key in source.keys.sorted() {
            let full = path.isEmpty ? key : "\(path).\(key)"
            // TOMLKit lists a key with a NUL in it ("a\u0000b") cut at the
            // NUL, and then cannot find it: reported by VariantReader.read,
            // skipped here rather than trap (found while fuzzing variants).
            guard let value = source[key] else { continue }
            if let sub = value.table, let existing = target[key]?.table {
                merge(sub, into: existing, path: full, overridden: &overridden)
                target[key] = existing
            } else {
                target[key] = value
                overridden.append(full)
            }
        }
    }
}

/// The changes a variant asks for, read and type-checked.
struct VariantChanges {
    struct Demand {
        var key: String
        var site, kind, ics, trust: String?
        var fromWeek, toWeek: Int?
        var scale, floorScale, targetScale, floorAdd, targetAdd, floor, target: Double?
        var cap: Int?
    }
    struct Leaver { var key: String; var staff: String; var fromWeek: Int }
    struct Joiner { var key: String; var staff: String; var like: String; var fromWeek: Int; var home: String?; var wte: Double? }

    var base: String
    var name: String?
    var scenario: TOMLTable?
    var demand: [Demand] = []
    var abstraction: (rate: Double, seed: UInt64, key: String)?
    var leavers: [Leaver] = []
    var joiners: [Joiner] = []
}

/// Reads a variant file's keys with the same typed reads as scenario.toml.
struct VariantReader {
    let file: String
    let lines: TOMLKeyLines
    var errors: [InputError] = []

    init(text: String, file: String) {
        self.file = file
        lines = TOMLKeyLines(text)
    }

    mutating func fail(_ key: String, _ message: String) {
        errors.append(InputError(file: file, line: lines.line(key), key: key, message))
    }

    /// Keys TOMLKit lists but cannot look up: it cuts a key at a NUL
    /// character (`"a\u0000b" = 1` is listed as `a`).
    mutating func unlisted(_ t: TOMLTable, path: String) {
        for k in t.keys.sorted() {
            guard let v = t[k] else {
                fail(path, "a key may not contain the character U+0000 (\\u0000)")
                continue
            }
            if let sub = v.table { unlisted(sub, path: "\(path).\(k)") }
        }
    }

    mutating func read(_ root: TOMLTable) -> VariantChanges? {
        var settings = TOMLSettingsReader(lines: lines, file: file)
        defer { errors += settings.errors }
        settings.unknownKeys(root, path: "", known: ["base", "name", "scenario", "demand", "abstraction", "leaver", "joiner"])
        guard let baseValue = root["base"] else {
            fail("base", "is required: the base scenario folder, e.g. base = \"../west-midlands\"")
            return nil
        }
        guard let base = baseValue.string, !base.isEmpty else { fail("base", "must be a quoted folder path"); return nil }
        var c = VariantChanges(base: base)
        if let v = root["name"] {
            if let s = v.string { c.name = s } else { fail("name", "must be a quoted text") }
        }
        if let t = settings.table("scenario", root["scenario"]) {
            for k in ["start", "weeks", "name"] where t[k] != nil {
                fail("scenario.\(k)", k == "name" ? "write the variant's name at the top: name = \"…\""
                                                  : "cannot be changed by a variant (make a new scenario for another horizon)")
            }
            c.scenario = t
            unlisted(t, path: "scenario")
        }
        func string(_ key: String, _ t: TOMLTable, _ k: String) -> String? {
            guard let v = t[k] else { return nil }
            if let s = v.string { return s }
            fail("\(key).\(k)", "must be a quoted text")
            return nil
        }
        if let v = root["demand"] {
            if let arr = v.array {
                for i in 0..<arr.count {
                    let key = "demand[\(i + 1)]"
                    guard let t = arr[i].table else { fail(key, "must be a table ([[demand]])"); continue }
                    settings.unknownKeys(t, path: key, known: ["site", "kind", "ics", "trust", "from_week", "to_week", "scale", "floor_scale",
                                                              "target_scale", "floor_add", "target_add", "floor", "target", "cap"])
                    var d = VariantChanges.Demand(key: key)
                    d.site = string(key, t, "site"); d.kind = string(key, t, "kind"); d.ics = string(key, t, "ics"); d.trust = string(key, t, "trust")
                    if let kind = d.kind, SiteKind(rawValue: kind) == nil { fail("\(key).kind", "\"\(kind)\" is not hub, pcn or cas") }
                    d.fromWeek = settings.int("\(key).from_week", t["from_week"], min: 1, max: nil)
                    d.toWeek = settings.int("\(key).to_week", t["to_week"], min: 1, max: nil)
                    d.scale = settings.number("\(key).scale", t["scale"], min: 0, max: nil)
                    d.floorScale = settings.number("\(key).floor_scale", t["floor_scale"], min: 0, max: nil)
                    d.targetScale = settings.number("\(key).target_scale", t["target_scale"], min: 0, max: nil)
                    d.floorAdd = settings.number("\(key).floor_add", t["floor_add"], min: nil, max: nil)
                    d.targetAdd = settings.number("\(key).target_add", t["target_add"], min: nil, max: nil)
                    d.floor = settings.number("\(key).floor", t["floor"], min: 0, max: nil)
                    d.target = settings.number("\(key).target", t["target"], min: 0, max: nil)
                    d.cap = settings.int("\(key).cap", t["cap"], min: 0, max: nil)
                    if [d.scale, d.floorScale, d.targetScale, d.floorAdd, d.targetAdd, d.floor, d.target].allSatisfy({ $0 == nil }) && d.cap == nil
                        && ["scale", "floor_scale", "target_scale", "floor_add", "target_add", "floor", "target", "cap"].allSatisfy({ t[$0] == nil }) {
                        fail(key, "changes nothing: give scale, floor_scale, target_scale, floor_add, target_add, floor, target or cap")
                    }
                    if let a = d.fromWeek, let b = d.toWeek, a > b { fail("\(key).to_week", "\(b) is before from_week \(a)") }
                    c.demand.append(d)
                }
            } else {
                fail("demand", "must be written as [[demand]] tables")
            }
        }
        if let t = settings.table("abstraction", root["abstraction"]) {
            settings.unknownKeys(t, path: "abstraction", known: ["rate", "seed"])
            if t["rate"] == nil { fail("abstraction.rate", "is required: the share of weeks each clinician is away, e.g. rate = 0.3") }
            let rate = settings.number("abstraction.rate", t["rate"], min: 0, max: 1)
            let seed = t["seed"] == nil ? 1 : settings.int("abstraction.seed", t["seed"], min: 0, max: nil)
            if let rate, let seed { c.abstraction = (rate, UInt64(seed), "abstraction") }
        }
        for (arrayKey, isJoiner) in [("leaver", false), ("joiner", true)] {
            guard let v = root[arrayKey] else { continue }
            guard let arr = v.array else { fail(arrayKey, "must be written as [[\(arrayKey)]] tables"); continue }
            for i in 0..<arr.count {
                let key = "\(arrayKey)[\(i + 1)]"
                guard let t = arr[i].table else { fail(key, "must be a table ([[\(arrayKey)]])"); continue }
                settings.unknownKeys(t, path: key, known: isJoiner ? ["staff", "like", "from_week", "home", "wte"] : ["staff", "from_week"])
                let required = isJoiner ? ["staff", "like", "from_week"] : ["staff", "from_week"]
                var missing = false
                for k in required where t[k] == nil { fail("\(key).\(k)", "is required in every [[\(arrayKey)]]"); missing = true }
                if missing { continue }
                guard let staff = string(key, t, "staff"),
                      let week = settings.int("\(key).from_week", t["from_week"], min: 1, max: nil) else { continue }
                if isJoiner {
                    guard let like = string(key, t, "like") else { continue }
                    let wte = t["wte"] == nil ? nil : settings.number("\(key).wte", t["wte"], min: 0, max: 1)
                    if let wte, wte <= 0 { fail("\(key).wte", "must be above 0") }
                    c.joiners.append(.init(key: key, staff: staff, like: like, fromWeek: week, home: string(key, t, "home"), wte: wte))
                } else {
                    c.leavers.append(.init(key: key, staff: staff, fromWeek: week))
                }
            }
        }
        return c
    }
}

/// The base scenario's files, read and checked.
struct BaseFiles {
    let folder: String
    var toml = "", sites = "", staff = "", demand = ""
    var leave: String?, pinned: String?
    var errors: [InputError] = []
    var scenario: Scenario?

    init(folder: String) {
        self.folder = folder
        var missing: [InputError] = []
        func read(_ name: String, required: Bool) -> String? {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                if required || FileManager.default.fileExists(atPath: path) {
                    missing.append(InputError(file: path, line: 0, column: "-", FileManager.default.fileExists(atPath: path)
                        ? "cannot be read as UTF-8 text" : "required file of the base scenario is missing"))
                }
                return nil
            }
            return text
        }
        toml = read("scenario.toml", required: true) ?? ""
        sites = read("sites.csv", required: true) ?? ""
        staff = read("staff.csv", required: true) ?? ""
        demand = read("demand.csv", required: true) ?? ""
        leave = read("leave.csv", required: false)
        pinned = read("pinned.csv", required: false)
        errors = missing
        guard missing.isEmpty else { return }
        var found: [InputError] = []
        scenario = ScenarioLoader.check(toml: toml, sites: sites, staff: staff, demand: demand, leave: leave, pinned: pinned,
                                        defaultName: (folder as NSString).lastPathComponent, errors: &found)
        errors = found.map { var e = $0; e.file = (folder as NSString).appendingPathComponent(e.file); return e }
    }
}

/// The base's texts with the variant's changes, and where each added or
/// rewritten line came from.
struct Texts {
    var staff: String
    var leave: String
    var demand = ""
    /// Line → the variant key that wrote it, for lines the variant added or rewrote.
    var staffOrigin: [Int: String] = [:]
    var leaveOrigin: [Int: String] = [:]
    /// Rewritten demand.csv: line → variant key, or the base line it keeps.
    var demandOrigin: [Int: (key: String?, baseLine: Int?)] = [:]
    let baseDemandText: String
    let staffColumns: [String]

    init(base: BaseFiles, scenario: Scenario) {
        staff = base.staff
        if !staff.hasSuffix("\n") { staff += "\n" }
        leave = base.leave ?? "staff,from,to\n"
        if !leave.hasSuffix("\n") { leave += "\n" }
        baseDemandText = base.demand
        var ignored: [InputError] = []
        staffColumns = CSVTable.parse(base.staff, file: "staff.csv", known: [], required: [], errors: &ignored).columns
    }

    static func lineCount(_ s: String) -> Int { s.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

    static func row(_ cells: [String]) -> String {
        cells.map { s in
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }.joined(separator: ",") + "\n"
    }

    /// Rewrites demand.csv: per site and week, the base's floor, target and
    /// cap, then each [[demand]] change in order; runs of equal weeks become rows.
    mutating func applyDemand(_ changes: [VariantChanges.Demand], scenario s: Scenario) {
        let W = s.weeks
        var ignored: [InputError] = []
        let baseRecords = CSVTable.parse(baseDemandText, file: "demand.csv", known: [], required: [], errors: &ignored).records
        struct Cell: Equatable { var floor: Double?; var target: Double?; var cap: Int?; var key: String?; var baseLine: Int? }
        var cells = Array(repeating: Array(repeating: Cell(), count: W), count: s.sites.count)
        var index: [String: Int] = [:]
        for (i, site) in s.sites.enumerated() { index[site.id] = i }
        for (r, row) in s.demand.enumerated() {
            guard let i = index[row.site] else { continue }
            let line = r < baseRecords.count ? baseRecords[r].line : nil
            for w in (row.fromWeek - 1)..<row.toWeek {
                if row.floor != nil { cells[i][w].floor = row.floor }
                if row.target != nil { cells[i][w].target = row.target }
                if row.cap != nil { cells[i][w].cap = row.cap }
                cells[i][w].baseLine = line
            }
        }
        func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
        for c in changes {
            for (i, site) in s.sites.enumerated() {
                if let id = c.site, id != site.id { continue }
                if let k = c.kind, k != site.kind.rawValue { continue }
                if let ics = c.ics, ics != site.ics { continue }
                if let trust = c.trust, trust != site.trust { continue }
                // Weeks beyond the base's last are reported by `check`; none to change here.
                let first = max(0, (c.fromWeek ?? 1) - 1), end = min(W, c.toWeek ?? W)
                guard first < end else { continue }
                for w in first..<end {
                    var cell = cells[i][w]
                    let before = cell
                    if let f = cell.floor, let x = c.scale ?? c.floorScale { cell.floor = round(f * x) }
                    if let t = cell.target, let x = c.scale ?? c.targetScale { cell.target = round(t * x) }
                    if let x = c.floorAdd { cell.floor = round(max(0, (cell.floor ?? 0) + x)) }
                    if let x = c.targetAdd { cell.target = round(max(0, (cell.target ?? 0) + x)) }
                    if let x = c.floor { cell.floor = x }
                    if let x = c.target { cell.target = x }
                    if let x = c.cap { cell.cap = x }
                    if cell != before { cell.key = c.key }
                    cells[i][w] = cell
                }
            }
        }
        demand = "site,from_week,to_week,floor,target,cap\n"
        var line = 1
        for (i, site) in s.sites.enumerated() {
            var w = 0
            while w < W {
                let cell = cells[i][w]
                var end = w + 1
                while end < W && cells[i][end] == cell { end += 1 }
                if cell.floor != nil || cell.target != nil || cell.cap != nil {
                    line += 1
                    demand += Self.row([site.id, "\(w + 1)", "\(end)", cell.floor.map(fmt) ?? "", cell.target.map(fmt) ?? "", cell.cap.map { "\($0)" } ?? ""])
                    demandOrigin[line] = (cell.key, cell.baseLine)
                }
                w = end
            }
        }
    }

    mutating func appendJoiners(_ joiners: [VariantChanges.Joiner], scenario s: Scenario, reader: inout VariantReader) {
        for j in joiners {
            guard let like = s.clinicians.first(where: { $0.id == j.like }) else {
                reader.fail("\(j.key).like", "\"\(j.like)\" is not in the base's staff.csv")
                continue
            }
            if j.wte != nil && !staffColumns.contains("wte") {
                reader.fail("\(j.key).wte", "the base's staff.csv has no wte column to set")
                continue
            }
            func share(_ x: Double?) -> String { x.map(fmt) ?? "" }
            let values: [String: String] = [
                "id": j.staff, "name": "", "grade": like.grade.name, "home": j.home ?? like.home,
                "wte": fmt(j.wte ?? like.wte), "skills": like.skills.sorted().joined(separator: ";"),
                "rotates": like.rotates ? "true" : "false", "max_travel_km": like.maxTravelKm.map(fmt) ?? "",
                "share_pcn_min": share(like.sharePCNMin), "share_pcn_max": share(like.sharePCNMax),
                "share_cas_min": share(like.shareCASMin), "share_cas_max": share(like.shareCASMax),
            ]
            staffOrigin[Self.lineCount(staff) + 1] = j.key
            staff += Self.row(staffColumns.map { values[$0] ?? "" })
        }
    }

    /// Leave rows for leavers (from their week to the end), joiners (before
    /// their week) and the abstraction rate (whole weeks, drawn per clinician).
    mutating func appendLeave(_ c: VariantChanges, scenario s: Scenario) {
        let last = s.weekStart(s.weeks).adding(days: 6)
        func add(_ staff: String, _ from: Day, _ to: Day, _ key: String) {
            leaveOrigin[Self.lineCount(leave) + 1] = key
            leave += Self.row([staff, "\(from)", "\(to)"])
        }
        if let a = c.abstraction {
            let instance = Instance(s)
            let needed = Int((a.rate * Double(s.weeks)).rounded())
            for (p, clinician) in s.clinicians.enumerated() {
                // Weeks away already: the share of the week's cover lost to leave.
                let wte = clinician.wte
                var away = instance.cover[p].reduce(0.0) { $0 + (1 - $1 / wte) }
                var free = (0..<s.weeks).filter { instance.cover[p][$0] >= wte - 1e-12 }
                // One stream per clinician, from the seed and the id alone, so a
                // clinician's weeks do not depend on who else is in the file.
                var rng = SplitMix64(seed: a.seed, stream: Self.fnv(clinician.id))
                var chosen: [Int] = []
                while away < Double(needed) - 1e-9 && !free.isEmpty {
                    let w = free.remove(at: rng.below(free.count))
                    chosen.append(w)
                    away += 1
                }
                for w in chosen.sorted() { add(clinician.id, s.weekStart(w + 1), s.weekStart(w + 1).adding(days: 6), a.key) }
            }
        }
        for l in c.leavers where l.fromWeek <= s.weeks {
            add(l.staff, s.weekStart(l.fromWeek), last, "\(l.key).staff")
        }
        for j in c.joiners where j.fromWeek > 1 {
            add(j.staff, s.start, s.weekStart(min(j.fromWeek, s.weeks + 1)).adding(days: -1), "\(j.key).from_week")
        }
    }

    /// FNV-1a: a hash that is the same in every run (Swift's `Hasher` is seeded per process).
    static func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// Where a problem found in the changed texts was written.
    func relocate(_ e: InputError, variantFile: String, variantLines: TOMLKeyLines, overridden: [String],
                  baseFolder: String, baseTOMLLines: TOMLKeyLines) -> InputError {
        func inVariant(_ key: String) -> InputError {
            InputError(file: variantFile, line: variantLines.line(key), key: key, e.message)
        }
        func inBase() -> InputError {
            var b = e
            b.file = (baseFolder as NSString).appendingPathComponent(e.file)
            return b
        }
        switch e.file {
        case "scenario.toml":
            guard case .key(let key) = e.place else { return inBase() }
            if overridden.contains(where: { key == $0 || key.hasPrefix($0 + ".") || key.hasPrefix($0 + "[") }) {
                return inVariant("scenario.\(key)")
            }
            var b = inBase()
            b.line = baseTOMLLines.line(key)
            return b
        case "staff.csv":
            if let key = staffOrigin[e.line] { return inVariant(key) }
            return inBase()
        case "leave.csv":
            if let key = leaveOrigin[e.line] { return inVariant(key) }
            return inBase()
        case "demand.csv":
            guard let origin = demandOrigin[e.line] else { return inBase() }
            if let key = origin.key { return inVariant(key) }
            var b = inBase()
            b.line = origin.baseLine ?? 0
            return b
        default:
            return inBase()
        }
    }
}
