/// A clinician's grade; the order matters for a site's `min_grade`.
public enum Grade: Int, Sendable, Comparable, CaseIterable {
    case paramedic = 0, specialist, advanced

    public init?(name: String) {
        switch name {
        case "paramedic": self = .paramedic
        case "specialist": self = .specialist
        case "advanced": self = .advanced
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .paramedic: "paramedic"
        case .specialist: "specialist"
        case .advanced: "advanced"
        }
    }

    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
}

/// What a site is: the trust's 999 frontline, a primary care network, or a
/// clinical assessment centre (111 / clinical hub / hear-and-treat).
public enum SiteKind: String, Sendable, CaseIterable, Comparable {
    case hub, pcn, cas
    public static func < (a: SiteKind, b: SiteKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Latitude and longitude in decimal degrees.
public struct Coordinates: Sendable, Equatable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }
}

/// A hub, PCN or CAS where a clinician can be placed for a week.
public struct Site: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var kind: SiteKind
    public var ics: String?
    public var trust: String?
    public var location: Coordinates?
    public var minGrade: Grade?
    /// Skills every placed clinician must hold, sorted.
    public var requires: [String]
    public var priority: Double

    public init(id: String, name: String? = nil, kind: SiteKind, ics: String? = nil, trust: String? = nil,
                location: Coordinates? = nil, minGrade: Grade? = nil, requires: [String] = [], priority: Double = 1.0) {
        self.id = id; self.name = name; self.kind = kind; self.ics = ics; self.trust = trust
        self.location = location; self.minGrade = minGrade; self.requires = requires; self.priority = priority
    }
}

/// Share bounds (fractions of the horizon) for one kind of site: H7.
public struct ShareBounds: Sendable, Equatable {
    public var lo: Double
    public var hi: Double
    public init(lo: Double, hi: Double) { self.lo = lo; self.hi = hi }
    public static let any = ShareBounds(lo: 0, hi: 1)
}

/// A specialist or advanced paramedic (or paramedic) to be placed each week.
public struct Clinician: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var grade: Grade
    /// The id of the clinician's home hub.
    public var home: String
    public var wte: Double
    public var skills: Set<String>
    public var rotates: Bool
    public var maxTravelKm: Double?
    /// Per-person H7 overrides; nil entries fall back to the scenario's.
    public var sharePCNMin: Double?
    public var sharePCNMax: Double?
    public var shareCASMin: Double?
    public var shareCASMax: Double?
    /// In post from/to these dates (staff.csv `from`/`to`, inclusive); nil:
    /// from before / to after the horizon. Outside them the clinician gives
    /// no cover (like leave), is held at the home hub (like a pin) and the
    /// weeks do not count for H7 (see `Scenario.weeksInPost`).
    public var from: Day?
    public var to: Day?

    public init(id: String, name: String? = nil, grade: Grade, home: String, wte: Double = 1.0,
                skills: Set<String> = [], rotates: Bool = true, maxTravelKm: Double? = nil,
                sharePCNMin: Double? = nil, sharePCNMax: Double? = nil,
                shareCASMin: Double? = nil, shareCASMax: Double? = nil, from: Day? = nil, to: Day? = nil) {
        self.id = id; self.name = name; self.grade = grade; self.home = home; self.wte = wte
        self.skills = skills; self.rotates = rotates; self.maxTravelKm = maxTravelKm
        self.sharePCNMin = sharePCNMin; self.sharePCNMax = sharePCNMax
        self.shareCASMin = shareCASMin; self.shareCASMax = shareCASMax
        self.from = from; self.to = to
    }

    /// Days in post (0…7) of the week that starts on `monday`.
    public func daysInPost(weekStarting monday: Day) -> Int {
        guard from != nil || to != nil else { return 7 }
        let first = monday.ordinal
        let a = max(first, from?.ordinal ?? first), b = min(first + 6, to?.ordinal ?? (first + 6))
        return max(0, b - a + 1)
    }
}

/// The rotation policy (`[rotation]`): H5, H6, H7 and the same-ICS rule.
public struct RotationPolicy: Sendable, Equatable {
    public var minRunWeeks: Int = 1
    public var maxRunWeeks: Int?
    public var sameICSPCN: Bool = true
    public var pcnShare: ShareBounds = .any
    public var casShare: ShareBounds = .any
    public init() {}
}

/// A rollout limit (`[[rollout]]`): H8 over weeks `fromWeek...toWeek`.
public struct Rollout: Sendable, Equatable {
    public var fromWeek: Int
    public var toWeek: Int
    public var maxAwayShare: Double
    public init(fromWeek: Int, toWeek: Int, maxAwayShare: Double) {
        self.fromWeek = fromWeek; self.toWeek = toWeek; self.maxAwayShare = maxAwayShare
    }
}

/// The objective's weights (`[weights]`).
public struct Weights: Sendable, Equatable {
    public var shortfallHub = 1.0
    public var shortfallPCN = 1.0
    public var shortfallCAS = 1.0
    public var change = 0.05
    public var travelKm = 0.001
    /// Re-planning (`rota replan`): cost of each clinician-week from the
    /// re-plan week whose placement differs from the agreed rota. The default
    /// is far above what a move can gain in shortfall (a few units per
    /// WTE-week), so people move only to keep a floor or a rule.
    public var disruption = 100.0
    public init() {}

    public func shortfall(_ kind: SiteKind) -> Double {
        switch kind {
        case .hub: shortfallHub
        case .pcn: shortfallPCN
        case .cas: shortfallCAS
        }
    }
}

/// Solver settings from `[solver]`; command-line flags win over these.
public struct SolverSettings: Sendable, Equatable {
    public var timeLimitSeconds: Double?
    public var mipGap: Double?
    public init(timeLimitSeconds: Double? = nil, mipGap: Double? = nil) {
        self.timeLimitSeconds = timeLimitSeconds; self.mipGap = mipGap
    }
}

/// One row of demand.csv: floor/target (WTE) and cap (heads) over weeks.
public struct DemandRow: Sendable, Equatable {
    public var site: String
    public var fromWeek: Int
    public var toWeek: Int
    public var floor: Double?
    public var target: Double?
    public var cap: Int?
    public init(site: String, fromWeek: Int, toWeek: Int, floor: Double? = nil, target: Double? = nil, cap: Int? = nil) {
        self.site = site; self.fromWeek = fromWeek; self.toWeek = toWeek
        self.floor = floor; self.target = target; self.cap = cap
    }
}

/// A leave range (inclusive dates) of one clinician.
public struct Leave: Sendable, Equatable {
    public var staff: String
    public var from: Day
    public var to: Day
    public init(staff: String, from: Day, to: Day) { self.staff = staff; self.from = from; self.to = to }
}

/// A placement fixed in advance: H4.
public struct Pin: Sendable, Equatable {
    public var staff: String
    public var week: Int
    public var site: String
    public init(staff: String, week: Int, site: String) { self.staff = staff; self.week = week; self.site = site }
}

/// A whole scenario as the planner wrote it, checked for input errors.
/// Input that is accepted but looks unintended (a floor above its target,
/// leave outside the horizon): where it was written and why it looks wrong.
/// It never changes the rota; a run prints it and lists it in summary.json.
public struct InputWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String
    public var message: String
    /// The workbook sheet (then `line` is its row), or nil for a file of a folder.
    public var sheet: String?
    public init(file: String, line: Int, column: String, _ message: String, sheet: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.message = message; self.sheet = sheet
    }
    public var description: String {
        guard let sheet else { return "\(file):\(line): column \(column): \(message)" }
        return "\(file): sheet \(sheet), row \(line)\(column == "-" ? "" : ", column \(column)"): \(message)"
    }
}

public struct Scenario: Sendable {
    public var name: String
    /// The Monday that starts week 1.
    public var start: Day
    public var weeks: Int
    public var rotation: RotationPolicy
    public var rollouts: [Rollout]
    public var weights: Weights
    public var solver: SolverSettings
    public var sites: [Site]
    public var clinicians: [Clinician]
    public var demand: [DemandRow]
    public var leave: [Leave]
    public var pins: [Pin]
    /// Set by `rota replan`: the agreed rota and the week the new plan starts.
    public var replan: Replan?
    /// What the loader accepted but a planner may not have meant.
    public var warnings: [InputWarning] = []
    /// The folder (or variant file) it was read from, as an absolute path:
    /// summary.json names it so `rota report` can re-check the rota.
    public var source: String?

    public init(name: String, start: Day, weeks: Int, rotation: RotationPolicy = RotationPolicy(),
                rollouts: [Rollout] = [], weights: Weights = Weights(), solver: SolverSettings = SolverSettings(),
                sites: [Site], clinicians: [Clinician], demand: [DemandRow] = [], leave: [Leave] = [], pins: [Pin] = []) {
        self.name = name; self.start = start; self.weeks = weeks; self.rotation = rotation
        self.rollouts = rollouts; self.weights = weights; self.solver = solver; self.sites = sites
        self.clinicians = clinicians; self.demand = demand; self.leave = leave; self.pins = pins
    }

    /// The first date of week `w` (1-based).
    public func weekStart(_ w: Int) -> Day { start.adding(days: 7 * (w - 1)) }

    /// Days of week `w` (1-based) on which `c` is in post (0…7).
    public func daysInPost(_ c: Clinician, week w: Int) -> Int { c.daysInPost(weekStarting: weekStart(w)) }

    /// Whether `c` is in post on at least one day of week `w`.
    public func inPost(_ c: Clinician, week w: Int) -> Bool { daysInPost(c, week: w) > 0 }

    /// Weeks of the horizon in which `c` is in post: H7's W for that clinician
    /// (the spec's W when there are no from/to dates).
    public func weeksInPost(_ c: Clinician) -> Int {
        guard c.from != nil || c.to != nil else { return weeks }
        return (1...weeks).reduce(0) { $0 + (inPost(c, week: $1) ? 1 : 0) }
    }
}

/// What `rota replan` adds to a scenario: the rota agreed before, and the
/// week from which it may change. Weeks before `fromWeek` are held to it by
/// pins (they have happened); from `fromWeek` on, each clinician-week whose
/// site differs from it costs `weights.disruption`.
public struct Replan: Sendable, Equatable {
    public var fromWeek: Int
    /// The agreed site per clinician, by week (index week − 1); nil where it had none.
    public var previous: [String: [String?]]
    /// The file it came from, for messages.
    public var file: String
    /// Its absolute path, for summary.json (`rota report` re-reads it).
    public var path: String?
    public init(fromWeek: Int, previous: [String: [String?]], file: String) {
        self.fromWeek = fromWeek; self.previous = previous; self.file = file
    }

    /// The agreed site of `staff` in `week` (1-based) if that week may change and had one.
    public func agreed(_ staff: String, week: Int) -> String? {
        guard week >= fromWeek, let row = previous[staff], week - 1 < row.count else { return nil }
        return row[week - 1]
    }
}

/// One placement of a rota: clinician `staff` is at `site` in `week`.
public struct Placement: Sendable, Equatable {
    public var staff: String
    public var week: Int
    public var site: String
    public init(staff: String, week: Int, site: String) { self.staff = staff; self.week = week; self.site = site }
}
