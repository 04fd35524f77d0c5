import Foundation
import RotaCore

/// Loads a scenario folder (scenario.toml and the CSV tables of INPUTS.md)
/// and checks it: every problem found is reported at once, with file, line
/// and column, and nothing is returned unless the input is clean.
public enum ScenarioLoader {
    /// Sizes beyond which the tool refuses an input rather than exhaust memory.
    public static let maxClinicians = 100_000
    public static let maxSites = 100_000

    public static func load(folder: String) throws(InputErrors) -> Scenario {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            // One line, not one per missing file.
            throw InputErrors([InputError(file: folder, line: 0, column: "-", "no such scenario folder")])
        }
        var errors: [InputError] = []
        let t = texts(folder: folder, errors: &errors)
        let defaultName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        let scenario = check(toml: t.toml, sites: t.sites, staff: t.staff, demand: t.demand, leave: t.leave, pinned: t.pinned,
                             defaultName: defaultName, errors: &errors)
        if !errors.isEmpty { throw InputErrors(errors) }
        return scenario!
    }

    /// The texts of a folder's files; a required file that is missing or
    /// not UTF-8 is an error, and absent from the result.
    public static func texts(folder: String, errors: inout [InputError]) -> ScenarioTexts {
        func read(_ name: String, required: Bool) -> String? {
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else {
                if required { errors.append(InputError(file: name, line: 0, column: "-", "required file is missing from \(folder)")) }
                return nil
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(InputError(file: name, line: 0, column: "-", "cannot be read"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(InputError(file: name, line: 0, column: "-", "is not UTF-8 text (save it as \"CSV UTF-8\")"))
                return nil
            }
            return text
        }
        return ScenarioTexts(toml: read("scenario.toml", required: true), sites: read("sites.csv", required: true),
                             staff: read("staff.csv", required: true), demand: read("demand.csv", required: true),
                             leave: read("leave.csv", required: false), pinned: read("pinned.csv", required: false))
    }

    /// Checks the texts of a scenario's files (nil = file absent). Returns
    /// the scenario when `errors` stays empty.
    public static func check(toml: String?, sites: String?, staff: String?, demand: String?,
                             leave: String?, pinned: String?, defaultName: String,
                             errors: inout [InputError]) -> Scenario? {
        // A required text that is absent is an error here too (not only in
        // `load`), so that "no scenario" never comes without a reason. `load`
        // has already said why a file it could not read is absent.
        for (file, text) in [("scenario.toml", toml), ("sites.csv", sites), ("staff.csv", staff), ("demand.csv", demand)]
        where text == nil && !errors.contains(where: { $0.file == file && $0.line == 0 }) {
            errors.append(InputError(file: file, line: 0, column: "-", "required file is missing"))
        }
        var checker = TableChecker()
        let settings = toml.map { TOMLSettingsReader.read($0, errors: &checker.errors) } ?? ScenarioSettings()
        checker.weeks = settings.weeks
        checker.start = settings.start
        checker.rotation = settings.rotation
        if let sites { checker.readSites(sites) }
        if let staff { checker.readStaff(staff) }
        if let demand { checker.readDemand(demand) }
        if let leave { checker.readLeave(leave) }
        if let pinned { checker.readPins(pinned) }
        checker.checkContradictions()
        errors += checker.errors
        guard errors.isEmpty, let start = settings.start, let weeks = settings.weeks else { return nil }
        var scenario = Scenario(name: settings.name ?? defaultName, start: start, weeks: weeks, rotation: settings.rotation,
                        rollouts: settings.rollouts, weights: settings.weights, solver: settings.solver,
                        sites: checker.sites, clinicians: checker.clinicians, demand: checker.demand,
                        leave: checker.leave, pins: checker.pins)
        scenario.warnings = checker.warnings.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
        return scenario
    }
}

/// The CSV tables' checks, one reader per file, then the cross-file
/// contradictions of PROBLEM.md.
struct TableChecker {
    var errors: [InputError] = []
    var weeks: Int?
    var start: Day?
    var rotation = RotationPolicy()
    var sites: [Site] = []
    /// The first line of every id written in sites.csv, whether or not its
    /// row passed its checks: references and duplicates are judged against
    /// what the file says, so one bad row does not make every mention of
    /// its id "unknown" too.
    var siteLine: [String: Int] = [:]
    /// Every id of sites.csv (staff.csv) in file order with its name, for
    /// "did you mean" when another file names one that is not there.
    var siteNames: [(id: String, name: String?)] = []
    var staffNames: [(id: String, name: String?)] = []
    /// Accepted input that looks unintended (INPUTS.md "Warnings").
    var warnings: [InputWarning] = []
    var clinicians: [Clinician] = []
    /// As `siteLine`, for staff.csv.
    var staffLine: [String: Int] = [:]
    var demand: [DemandRow] = []
    var demandLines: [Int] = []
    var leave: [Leave] = []
    var pins: [Pin] = []
    var pinLines: [Int] = []
    /// Whether the ids of sites.csv (staff.csv) are all known: the file has
    /// an id column and every record could be read. Only then is an id
    /// missing from it reported as unknown by the other files.
    var sitesRead = false
    var staffRead = false
    /// Whether every row of sites.csv became a Site, so that "no eligible
    /// site of a kind" can be judged without a false alarm.
    var sitesComplete = false

    // MARK: cell readers

    struct Cells {
        let file: String
        let columns: Set<String>
        let record: CSVTable.Record
        var line: Int { record.line }
        subscript(_ c: String) -> String? { record[c] }
    }

    mutating func fail(_ c: Cells, _ column: String, _ message: String) {
        errors.append(InputError(file: c.file, line: c.line, column: column, message))
    }

    mutating func required(_ c: Cells, _ column: String) -> String? {
        if let v = c[column] { return v }
        // A column missing from the header is reported once, on line 1.
        if c.columns.contains(column) { fail(c, column, "is required and is blank") }
        return nil
    }

    /// A decimal number written with a point: `0,8`, `inf`, `1e400` and hex are rejected.
    static func decimal(_ s: String) -> Double? {
        var seenDigit = false, seenPoint = false, seenExp = false
        for (i, ch) in s.enumerated() {
            switch ch {
            case "0"..."9": seenDigit = true
            case "+", "-":
                if i != 0 && !(seenExp && ["e", "E"].contains(Array(s)[i - 1])) { return nil }
            case ".": if seenPoint || seenExp { return nil }; seenPoint = true
            case "e", "E": if seenExp || !seenDigit { return nil }; seenExp = true
            default: return nil
            }
        }
        guard seenDigit, let v = Double(s), v.isFinite else { return nil }
        return v
    }

    mutating func number(_ c: Cells, _ column: String, min: Double?, max: Double?, minExclusive: Bool = false) -> Double? {
        guard let s = c[column] else { return nil }
        guard let v = Self.decimal(s) else {
            let hint = s.contains(",") ? " (use a decimal point: \(s.replacingOccurrences(of: ",", with: ".")))" : ""
            fail(c, column, "\"\(s)\" is not a number\(hint)")
            return nil
        }
        if let min, minExclusive ? v <= min : v < min {
            fail(c, column, "\(s) must be \(minExclusive ? "above" : "at least") \(fmt(min))"); return nil
        }
        if let max, v > max { fail(c, column, "\(s) must be at most \(fmt(max))"); return nil }
        return v
    }

    /// A share or fraction in 0…1, also written as a percentage (`50%`).
    mutating func fraction(_ c: Cells, _ column: String, minExclusive: Bool = false) -> Double? {
        guard let s = c[column] else { return nil }
        let v: Double
        if s.hasSuffix("%") {
            guard let p = CellValue.percent(s) else { fail(c, column, "\"\(s)\" is not a percentage"); return nil }
            v = p
        } else {
            guard let x = number(c, column, min: nil, max: nil) else { return nil }
            v = x
        }
        if minExclusive ? v <= 0 : v < 0 { fail(c, column, "\(s) must be \(minExclusive ? "above" : "at least") 0"); return nil }
        if v > 1 { fail(c, column, "\(s) must be at most 1\(CellValue.percentHint(v))"); return nil }
        return v
    }

    func unknownSite(_ id: String) -> String {
        "\(CellValue.shown(id)) is not a site in sites.csv\(CellValue.didYouMean(id, among: siteNames))"
    }

    func unknownStaff(_ id: String) -> String {
        "\(CellValue.shown(id)) is not in staff.csv\(CellValue.didYouMean(id, among: staffNames))"
    }

    mutating func integer(_ c: Cells, _ column: String, min: Int, max: Int?) -> Int? {
        guard let s = c[column] else { return nil }
        guard s.allSatisfy(\.isASCII), let v = Int(s) else {
            fail(c, column, "\"\(s)\" is not a whole number"); return nil
        }
        if v < min { fail(c, column, "\(v) must be at least \(min)"); return nil }
        if let max, v > max { fail(c, column, "\(v) is beyond the last week (\(max))"); return nil }
        return v
    }

    mutating func date(_ c: Cells, _ column: String) -> Day? {
        guard let s = c[column] else { return nil }
        switch ScenarioLoader.readDate(s) {
        case let .success(d): return d
        case let .failure(problem): fail(c, column, problem.message); return nil
        }
    }

    static func isValidID(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }

    static func list(_ s: String?) -> [String] {
        guard let s else { return [] }
        return Array(Set(s.split(separator: ";").map { CSVTable.trim(String($0)) }.filter { !$0.isEmpty })).sorted()
    }

    mutating func table(_ text: String, file: String) -> (rows: [Cells], idsKnown: Bool) {
        let t = CSVTable.parse(text, file: file, known: ScenarioColumns.known(file), required: ScenarioColumns.required(file), errors: &errors)
        let columns = Set(t.columns)
        return (t.records.map { Cells(file: file, columns: columns, record: $0) }, columns.contains("id") && t.allRecordsRead)
    }

    // MARK: sites.csv

    mutating func readSites(_ text: String) {
        let errorsBefore = errors.count
        defer { sitesComplete = sitesRead && errors.count == errorsBefore }
        let (rows, idsKnown) = table(text, file: "sites.csv")
        sitesRead = idsKnown
        if rows.isEmpty && !errors.contains(where: { $0.file == "sites.csv" && $0.line == 1 }) {
            errors.append(InputError(file: "sites.csv", line: 1, column: "-", "no sites: at least one row is needed"))
        }
        if rows.count > ScenarioLoader.maxSites {
            errors.append(InputError(file: "sites.csv", line: 1, column: "-", "\(rows.count) sites is more than this tool handles (\(ScenarioLoader.maxSites))"))
            return
        }
        for c in rows {
            guard let id = required(c, "id") else { continue }
            var ok = true
            if !Self.isValidID(id) {
                fail(c, "id", "\(CellValue.shown(id)) may only use letters, digits, '.', '_' and '-'"); ok = false
            } else if let first = siteLine[id] {
                fail(c, "id", "\"\(id)\" is already used on line \(first)"); ok = false
            }
            if siteLine[id] == nil { siteLine[id] = c.line; siteNames.append((id, c["name"])) }
            var kind: SiteKind?
            if let k = required(c, "kind") {
                kind = SiteKind(rawValue: k.lowercased())
                if kind == nil { fail(c, "kind", "\"\(k)\" is not hub, pcn or cas") }
            }
            if let kind, kind != .cas, c["ics"] == nil { fail(c, "ics", "is required for a \(kind.rawValue)"); ok = false }
            var location: Coordinates?
            let lat = number(c, "lat", min: -90, max: 90), lon = number(c, "lon", min: -180, max: 180)
            if (c["lat"] == nil) != (c["lon"] == nil) {
                fail(c, c["lat"] == nil ? "lat" : "lon", "lat and lon go together: give both or neither"); ok = false
            } else if let lat, let lon {
                location = Coordinates(lat: lat, lon: lon)
            } else if c["lat"] != nil { ok = false }
            var minGrade: Grade?
            if let g = c["min_grade"] {
                minGrade = CellValue.grade(g)
                if minGrade == nil { fail(c, "min_grade", "\"\(g)\" is not paramedic, specialist or advanced"); ok = false }
            }
            var priority = 1.0
            if c["priority"] != nil {
                if let p = number(c, "priority", min: 0, max: nil, minExclusive: true) { priority = p } else { ok = false }
            }
            guard ok, let kind else { continue }
            sites.append(Site(id: id, name: c["name"], kind: kind, ics: c["ics"], trust: c["trust"], location: location,
                              minGrade: minGrade, requires: Self.list(c["requires"]), priority: priority))
        }
    }

    var siteById: [String: Site] { Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0) }) }

    // MARK: staff.csv

    mutating func readStaff(_ text: String) {
        let (rows, idsKnown) = table(text, file: "staff.csv")
        staffRead = idsKnown
        if rows.isEmpty && !errors.contains(where: { $0.file == "staff.csv" && $0.line == 1 }) {
            errors.append(InputError(file: "staff.csv", line: 1, column: "-", "no clinicians: at least one row is needed"))
        }
        if rows.count > ScenarioLoader.maxClinicians {
            errors.append(InputError(file: "staff.csv", line: 1, column: "-", "\(rows.count) clinicians is more than this tool handles (\(ScenarioLoader.maxClinicians))"))
            return
        }
        let sitesById = siteById
        for c in rows {
            guard let id = required(c, "id") else { continue }
            var ok = true
            if let first = staffLine[id] {
                fail(c, "id", "\"\(id)\" is already used on line \(first)"); ok = false
            } else {
                staffLine[id] = c.line
                staffNames.append((id, c["name"]))
            }
            var grade: Grade?
            if let g = required(c, "grade") {
                grade = CellValue.grade(g)
                if grade == nil { fail(c, "grade", "\"\(g)\" is not paramedic, specialist or advanced") }
            }
            if let home = required(c, "home") {
                if let site = sitesById[home] {
                    if site.kind != .hub { fail(c, "home", "\"\(home)\" is not a hub (it is a \(site.kind.rawValue))"); ok = false }
                } else if sitesRead && siteLine[home] == nil {
                    fail(c, "home", unknownSite(home)); ok = false
                }
            } else { ok = false }
            var wte = 1.0
            if c["wte"] != nil {
                if let v = fraction(c, "wte", minExclusive: true) { wte = v } else { ok = false }
            }
            var rotates = true
            if let r = c["rotates"] {
                if let b = CellValue.bool(r) { rotates = b } else { fail(c, "rotates", "\(CellValue.shown(r)) is not \(CellValue.boolWords)"); ok = false }
            }
            var maxTravel: Double?
            if c["max_travel_km"] != nil {
                maxTravel = number(c, "max_travel_km", min: 0, max: nil, minExclusive: true)
                if maxTravel == nil { ok = false }
            }
            var shares: [Double?] = []
            for col in ["share_pcn_min", "share_pcn_max", "share_cas_min", "share_cas_max"] {
                let v = fraction(c, col)
                if c[col] != nil && v == nil { ok = false }
                shares.append(v)
            }
            if let why = Self.crossedShares(shares, rotates: rotates, rotation: rotation) {
                fail(c, why.column, why.message); ok = false
            }
            // In post from/to (joiners and leavers): optional ISO dates, inclusive.
            let from = date(c, "from"), to = date(c, "to")
            if (c["from"] != nil && from == nil) || (c["to"] != nil && to == nil) { ok = false }
            if let from, let to, to < from {
                fail(c, "to", "\(to) is before from (\(from))"); ok = false
            }
            if let start, let weeks, ok {
                let last = start.adding(days: 7 * weeks - 1)
                if let from, from > last { fail(c, "from", "\(from) is after the last day of the horizon (\(last))"); ok = false }
                if let to, to < start { fail(c, "to", "\(to) is before the first day of the horizon (\(start)): leave the clinician out instead"); ok = false }
            }
            guard ok, let grade else { continue }
            clinicians.append(Clinician(id: id, name: c["name"], grade: grade, home: c["home"]!, wte: wte,
                                        skills: Set(Self.list(c["skills"])), rotates: rotates, maxTravelKm: maxTravel,
                                        sharePCNMin: shares[0], sharePCNMax: shares[1],
                                        shareCASMin: shares[2], shareCASMax: shares[3], from: from, to: to))
        }
    }

    // MARK: demand.csv

    mutating func readDemand(_ text: String) {
        let rows = table(text, file: "demand.csv").rows
        var bySite: [String: [(from: Int, to: Int, line: Int)]] = [:]
        for c in rows {
            var ok = true
            let site = required(c, "site")
            if let site, sitesRead, siteLine[site] == nil { fail(c, "site", unknownSite(site)); ok = false }
            let from = c["from_week"] == nil ? { _ = required(c, "from_week"); return nil }() : integer(c, "from_week", min: 1, max: weeks)
            let to = c["to_week"] == nil ? { _ = required(c, "to_week"); return nil }() : integer(c, "to_week", min: 1, max: weeks)
            let floor = number(c, "floor", min: 0, max: nil)
            let target = number(c, "target", min: 0, max: nil)
            var cap: Int?
            if c["cap"] != nil {
                cap = integer(c, "cap", min: 0, max: nil)
                if cap == nil { ok = false }
            }
            if (c["floor"] != nil && floor == nil) || (c["target"] != nil && target == nil) { ok = false }
            guard let site, let from, let to else { continue }
            if from > to { fail(c, "to_week", "week \(to) is before from_week \(from)"); continue }
            if let clash = bySite[site]?.first(where: { $0.from <= to && from <= $0.to }) {
                fail(c, "from_week", "weeks \(from)-\(to) of \(site) overlap the row on line \(clash.line) (weeks \(clash.from)-\(clash.to))")
                ok = false
            }
            // Every row's weeks count for later overlaps, even a row with
            // another error (bad floor, cap below floor, ...).
            bySite[site, default: []].append((from, to, c.line))
            if let cap, let floor, Double(cap) < floor - 1e-9 {
                fail(c, "cap", "cap \(cap) is below the floor \(fmt(floor)) WTE: one clinician gives at most 1.0 WTE, so the floor cannot be met")
                ok = false
            }
            guard ok else { continue }
            if let floor, let target, floor > target + 1e-9 {
                warnings.append(InputWarning(file: c.file, line: c.line, column: "target",
                                           "the target \(fmt(target)) is below the floor \(fmt(floor)): the floor must be met anyway, so the target adds nothing (were the two swapped?)"))
            }
            demand.append(DemandRow(site: site, fromWeek: from, toWeek: to, floor: floor, target: target, cap: cap))
            demandLines.append(c.line)
        }
    }

    // MARK: leave.csv

    mutating func readLeave(_ text: String) {
        let rows = table(text, file: "leave.csv").rows
        for c in rows {
            var ok = true
            let staff = required(c, "staff")
            if let staff, staffRead, staffLine[staff] == nil { fail(c, "staff", unknownStaff(staff)); ok = false }
            let from = c["from"] == nil ? { _ = required(c, "from"); return nil }() : date(c, "from")
            let to = c["to"] == nil ? { _ = required(c, "to"); return nil }() : date(c, "to")
            guard ok, let staff, let from, let to else { continue }
            if to < from { fail(c, "to", "\(to) is before from \(from)"); continue }
            if let start, let weeks {
                let last = start.adding(days: 7 * weeks - 1)
                if to < start || from > last {
                    warnings.append(InputWarning(file: c.file, line: c.line, column: to < start ? "to" : "from",
                                               "the leave \(from) to \(to) is wholly outside the horizon (\(start) to \(last)), so it changes nothing (is the year right?)"))
                }
            }
            leave.append(Leave(staff: staff, from: from, to: to))
        }
    }

    // MARK: pinned.csv

    mutating func readPins(_ text: String) {
        let rows = table(text, file: "pinned.csv").rows
        var seen: [String: (site: String, line: Int)] = [:]
        for c in rows {
            var ok = true
            let staff = required(c, "staff")
            if let staff, staffRead, staffLine[staff] == nil { fail(c, "staff", unknownStaff(staff)); ok = false }
            let week = c["week"] == nil ? { _ = required(c, "week"); return nil }() : integer(c, "week", min: 1, max: weeks)
            let site = required(c, "site")
            if let site, sitesRead, siteLine[site] == nil { fail(c, "site", unknownSite(site)); ok = false }
            guard ok, let staff, let week, let site else { continue }
            let key = "\(staff)\u{0}\(week)"
            if let earlier = seen[key] {
                if earlier.site != site {
                    fail(c, "site", "\(staff) is already pinned to \(earlier.site) in week \(week) (line \(earlier.line))")
                }
                continue   // an identical repeated pin is accepted
            }
            seen[key] = (site, c.line)
            pins.append(Pin(staff: staff, week: week, site: site))
            pinLines.append(c.line)
        }
    }

    // MARK: contradictions visible in the input alone

    mutating func checkContradictions() {
        let sitesById = siteById
        let byId = Dictionary(uniqueKeysWithValues: clinicians.map { ($0.id, $0) })
        // A pinned site the clinician is not eligible for: on the pin's row, column site.
        // Judged only where the clinician, the site and the home hub were all
        // read: a row with its own error is not blamed a second time here.
        for (pin, line) in zip(pins, pinLines) {
            guard let c = byId[pin.staff], let site = sitesById[pin.site], let home = sitesById[c.home] else { continue }
            // Out of post (staff.csv from/to) a clinician is held at the home hub.
            if pin.site != c.home, let start, let weeks, (1...weeks).contains(pin.week) {
                if c.daysInPost(weekStarting: start.adding(days: 7 * (pin.week - 1))) == 0 {
                    errors.append(InputError(file: "pinned.csv", line: line, column: "week",
                                             "\(pin.staff) is not in post in week \(pin.week) (staff.csv line \(staffLine[c.id] ?? 0): from \(c.from?.description ?? "-") to \(c.to?.description ?? "-")), so cannot be pinned to \(pin.site)"))
                    continue
                }
            }
            if let why = Eligibility.reason(c, site, home: home, rotation: rotation) {
                errors.append(InputError(file: "pinned.csv", line: line, column: "site",
                                         "\(pin.staff) cannot be placed at \(pin.site): \(why.description)"))
            }
        }
        // A share lower bound above 0 for a kind with no eligible site: on the
        // clinician's row. Judged only when every site row was read (else the
        // eligible site may be the one with an error).
        guard sitesComplete else { return }
        let sitesOfKind = Dictionary(grouping: sites, by: \.kind)
        for c in clinicians where c.rotates {
            guard let home = sitesById[c.home] else { continue }
            for (kind, lo, column) in [(SiteKind.pcn, c.shareBounds(.pcn, rotation).lo, "share_pcn_min"),
                                       (SiteKind.cas, c.shareBounds(.cas, rotation).lo, "share_cas_min")] where lo > 0 {
                let ofKind = sitesOfKind[kind] ?? []
                // One eligible site is enough; the reasons are gathered only for the error.
                if ofKind.contains(where: { Eligibility.reason(c, $0, home: home, rotation: rotation) == nil }) { continue }
                let reasons = ofKind.compactMap { Eligibility.reason(c, $0, home: home, rotation: rotation) }
                let why: String
                if ofKind.isEmpty {
                    why = "the scenario has no \(kind.rawValue) site"
                } else {
                    var counts: [String: Int] = [:]
                    for r in reasons { counts[Self.reasonKind(r), default: 0] += 1 }
                    why = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                        .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                }
                errors.append(InputError(file: "staff.csv", line: staffLine[c.id] ?? 0, column: column,
                                         "\(c.id) needs at least \(fmt(lo)) of weeks at a \(kind.rawValue) but no \(kind.rawValue) is eligible: \(why)"))
            }
        }
    }

    /// Spec v1.2: a staff row's share bounds that no rota can keep: a lowest
    /// share above the highest (both on the row, or one on the row and the
    /// other from scenario.toml), or lowest shares adding up to more than 1.
    /// `shares` is the row's share_pcn_min, share_pcn_max, share_cas_min,
    /// share_cas_max as written (nil where blank).
    static func crossedShares(_ shares: [Double?], rotates: Bool, rotation: RotationPolicy) -> (column: String, message: String)? {
        let kinds: [(name: String, column: String, lo: Double?, hi: Double?, policy: ShareBounds, key: String)] = [
            ("PCN", "share_pcn", shares[0], shares[1], rotation.pcnShare, "rotation.share.pcn"),
            ("CAS", "share_cas", shares[2], shares[3], rotation.casShare, "rotation.share.cas"),
        ]
        for k in kinds {
            if let lo = k.lo, let hi = k.hi, lo > hi {
                return ("\(k.column)_min", "\(fmt(lo)) is above \(k.column)_max (\(fmt(hi))); a lowest share cannot exceed the highest")
            }
            // Share bounds bind only rotating clinicians; with one bound from
            // scenario.toml, the crossing is only real for them.
            guard rotates else { continue }
            if let lo = k.lo, k.hi == nil, lo > k.policy.hi {
                return ("\(k.column)_min", "\(fmt(lo)) is above the highest \(k.name) share \(fmt(k.policy.hi)) (scenario.toml \(k.key)); give the row a \(k.column)_max too")
            }
            if let hi = k.hi, k.lo == nil, hi < k.policy.lo {
                return ("\(k.column)_max", "\(fmt(hi)) is below the lowest \(k.name) share \(fmt(k.policy.lo)) (scenario.toml \(k.key)); give the row a \(k.column)_min too")
            }
        }
        let pcnLo = shares[0] ?? rotation.pcnShare.lo, casLo = shares[2] ?? rotation.casShare.lo
        if rotates, shares[0] != nil || shares[2] != nil, pcnLo + casLo > 1 + 1e-9 {
            return (shares[0] != nil ? "share_pcn_min" : "share_cas_min",
                    "the lowest shares add up to more than 1 (PCN \(fmt(pcnLo)) + CAS \(fmt(casLo))): no rota can keep both")
        }
        return nil
    }

    /// Worded to read after any count ("1 requiring triage", "2 in another
    /// ICS"): "1 require triage" was not planner English.
    static func reasonKind(_ r: Ineligibility) -> String {
        switch r {
        case .grade(let g): "needing grade \(g.name)"
        case .missingSkills(let s): "requiring \(s.joined(separator: ";"))"
        case .otherICS: "in another ICS"
        case .otherTrust: "in another trust"
        case .tooFar: "beyond max_travel_km"
        case .otherHub: "another hub"
        case .doesNotRotate: "closed to non-rotating staff"
        }
    }
}

extension ScenarioLoader {
    /// Why a cell is not a date, in the planner's words.
    public struct DateProblem: Error, Equatable { public let message: String }

    /// A date as the spec accepts it (INPUTS.md v1.2): `YYYY-MM-DD`, or
    /// `DD/MM/YYYY` read in UK order, as UK Excel saves dates. A slash date
    /// that is only a date in US order (`12/31/2027`) is refused with that
    /// reading named, never guessed.
    public static func readDate(_ s: String) -> Result<Day, DateProblem> {
        if let d = Day(iso: s) { return .success(d) }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let numbers = parts.map { p in p.allSatisfy(\.isASCII) && !p.isEmpty ? Int(p) : nil }
        if parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
           let d = numbers[0], let m = numbers[1], let y = numbers[2] {
            if let day = Day(year: y, month: m, day: d) { return .success(day) }
            if m > 12, let us = Day(year: y, month: d, day: m) {
                return .failure(DateProblem(message: "\"\(s)\" is not a date: with / it is read day/month/year (UK order), and \(m) is not a month; did you mean \(us)?"))
            }
        }
        return .failure(DateProblem(message: "\"\(s)\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY\(isoHint(s))"))
    }

    /// For 05.04.2027 (other spreadsheets' forms) suggest 2027-04-05.
    static func isoHint(_ s: String) -> String {
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), y >= 1000,
              let day = Day(year: y, month: m, day: d) else { return "" }
        return " (for \(s) write \(day))"
    }
}
