/// A mixed-integer program as plain data, apart from any solver (the
/// JuMP/MathOptInterface idea): built and tested without GLPK, loaded into
/// GLPK by RotaSolver, written as MathProg data or MPS for review.
public struct MIPModel: Sendable {
    /// A constraint family: one per hard rule, plus the linking rows of the
    /// objective. Families are named so infeasibility can be diagnosed by
    /// switching one off at a time.
    public enum Family: String, Sendable, CaseIterable {
        case onePlacement = "H1"
        case floor = "H2"
        case cap = "H3"
        case minRun = "H5"
        case maxRun = "H6"
        case share = "H7"
        case rollout = "H8"
        case start = "start"
        case shortfall = "shortfall"
        /// Valid inequality: at least one change (see ModelBuilder).
        case changeCut = "changecut"

        /// The hard rule whose rows these are (nil for objective links and cuts).
        public var rule: RuleID? {
            switch self {
            case .onePlacement: .onePlacement
            case .floor: .floor
            case .cap: .cap
            case .minRun: .minRun
            case .maxRun: .maxRun
            case .share: .share
            case .rollout: .rollout
            case .start, .shortfall, .changeCut: nil
            }
        }
    }

    /// What a column stands for.
    public enum ColumnRef: Sendable, Equatable {
        /// x: clinician p at site s in 0-based week w.
        case place(p: Int, s: Int, w: Int)
        /// y ≥ x[w] − x[w−1]: p starts a run at s in week w (w ≥ 1).
        case start(p: Int, s: Int, w: Int)
        /// u ≥ T − cov at site s, week w.
        case shortfall(s: Int, w: Int)
        /// b: floor breach at site s, week w (soft floors only).
        case breach(s: Int, w: Int)
        /// Weeks short of p's share lower bound for a kind (soft shares only).
        case shareSlack(p: Int, kind: SiteKind)
    }

    public struct Column: Sendable {
        public var ref: ColumnRef
        public var isBinary: Bool
        public var lower: Double
        public var upper: Double?
        public var objective: Double
    }

    /// A row: lower ≤ Σ a·x ≤ upper (nil = unbounded on that side).
    public struct Row: Sendable {
        public var family: Family
        /// Site, clinician and week the row is about, for names and diagnosis.
        public var p: Int?
        public var s: Int?
        public var w: Int?
        public var lower: Double?
        public var upper: Double?
    }

    public var columns: [Column] = []
    public var rows: [Row] = []
    /// Compressed rows: the terms of row i are entries[rowStart[i]..<rowStart[i+1]].
    public var rowStart: [Int] = [0]
    public var entryColumn: [Int32] = []
    public var entryValue: [Double] = []

    public init() {}

    public mutating func addColumn(_ ref: ColumnRef, binary: Bool, lower: Double = 0, upper: Double?, objective: Double) -> Int {
        columns.append(Column(ref: ref, isBinary: binary, lower: lower, upper: upper, objective: objective))
        return columns.count - 1
    }

    public mutating func addRow(_ family: Family, p: Int? = nil, s: Int? = nil, w: Int? = nil,
                                lower: Double?, upper: Double?, terms: [(Int, Double)]) {
        rows.append(Row(family: family, p: p, s: s, w: w, lower: lower, upper: upper))
        for (c, v) in terms where v != 0 {
            entryColumn.append(Int32(c))
            entryValue.append(v)
        }
        rowStart.append(entryColumn.count)
    }

    public func terms(ofRow i: Int) -> [(column: Int, value: Double)] {
        (rowStart[i]..<rowStart[i + 1]).map { (Int(entryColumn[$0]), entryValue[$0]) }
    }

    /// A full start vector from the values of the binary columns: each
    /// continuous column (start indicators, shortfall, slack) gets the least
    /// value its ≥ rows need, visiting rows in order (start rows come before
    /// the rows that sum their columns).
    public func startValues(binary: [Double]) -> [Double] {
        var v = binary
        for (i, r) in rows.enumerated() {
            guard let lower = r.lower else { continue }
            var activity = 0.0
            var firstContinuous: (column: Int, coefficient: Double)?
            for e in rowStart[i]..<rowStart[i + 1] {
                let c = Int(entryColumn[e])
                activity += entryValue[e] * v[c]
                if firstContinuous == nil && !columns[c].isBinary && entryValue[e] > 0 { firstContinuous = (c, entryValue[e]) }
            }
            if activity < lower, let fc = firstContinuous {
                v[fc.column] += (lower - activity) / fc.coefficient
            }
        }
        return v
    }

    public var integerColumnCount: Int { columns.reduce(0) { $0 + ($1.isBinary ? 1 : 0) } }
}
