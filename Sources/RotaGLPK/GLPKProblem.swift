import CGLPK
#if canImport(Glibc)
import Glibc
#endif

/// Bounds of a GLPK column or row.
public enum Bounds: Sendable, Equatable {
    case free
    case lower(Double)
    case upper(Double)
    case range(Double, Double)
    case fixed(Double)
}

/// Whether a column is continuous or integer (binary = integer in [0, 1]).
public enum ColumnKind: Sendable, Equatable {
    case continuous
    case integer
    case binary
}

/// Options of one MIP solve. Defaults follow the product's spec: 60 s, gap 0.
public struct MIPOptions: Sendable {
    /// Wall-clock limit in seconds for the whole `glp_intopt` call.
    public var timeLimitSeconds: Double = 60
    /// Relative gap at which the search stops (GLPK's `mip_gap`).
    public var mipGap: Double = 0
    /// Print GLPK's own log to standard error.
    public var verbose: Bool = false
    /// GLPK's feasibility pump heuristic: helps to find a first solution.
    public var feasibilityPump: Bool = false
    /// GLPK's proximity search heuristic.
    public var proximitySearch: Bool = false
    /// Cut generators (GLPK's Gomory, MIR, cover and clique cuts).
    public var cuts: Bool = true
    /// Stop after this many branch-and-bound subproblems are selected, and
    /// the LP after this many simplex iterations: limits of work, not of
    /// time, so a search made of many small solves stays deterministic.
    public var nodeLimit: Int?
    public var simplexIterationLimit: Int?
    /// Asked at every branch-and-bound event: true ends the search (Ctrl-C),
    /// keeping the best integer solution found.
    public var stop: (@Sendable () -> Bool)?
    /// Told the incumbent's objective and the best bound, at a new incumbent
    /// and at most once a second otherwise (progress for the planner).
    public var onProgress: (@Sendable (_ incumbent: Double?, _ bound: Double?) -> Void)?
    public init() {}
}

/// How a MIP solve ended, from both the return code of `glp_intopt` and
/// `glp_mip_status`. `feasible` is never reported as `optimal`: PuLP once
/// did, and users trusted rotas that were not proven.
public enum MIPStatus: String, Sendable {
    /// Proven optimal (within the requested gap).
    case optimal
    /// An integer solution, not proven optimal (time limit or stop).
    case feasible
    /// Proven to have no integer solution.
    case infeasible
    /// The search stopped (time limit) with no integer solution.
    case noSolutionInTime
    /// GLPK failed (numerical trouble, bad data).
    case failed
}

/// The answer of a MIP solve: status, objective, best bound, values.
public struct MIPResult: Sendable {
    public var status: MIPStatus
    /// Objective of the incumbent, when there is one.
    public var objective: Double?
    /// Best proven lower bound on the objective (minimisation), when known.
    public var bound: Double?
    /// Column values of the incumbent (index 0 = first column), or empty.
    public var values: [Double]
    /// Seconds spent in `glp_intopt`.
    public var seconds: Double
    /// GLPK's return code, for diagnostics.
    public var returnCode: Int32
}

/// One GLPK problem, owned by this object and freed in `deinit`.
///
/// GLPK keeps its environment per thread: create, solve and release a
/// problem on one thread. GLPK aborts the process on bad arguments, so
/// every argument is checked in Swift before it reaches C.
public final class GLPKProblem {
    private let prob: OpaquePointer
    private var columnCount: Int32 = 0
    private var rowCount: Int32 = 0
    // Triplets for glp_load_matrix, 1-based with a dummy element 0.
    private var ia: [Int32] = [0]
    private var ja: [Int32] = [0]
    private var ar: [Double] = [0]
    private var matrixLoaded = false

    public init(name: String? = nil) {
        prob = glp_create_prob()
        glp_set_obj_dir(prob, GLP_MIN)
        if let name { glp_set_prob_name(prob, GLPKProblem.safeName(name)) }
    }

    deinit { glp_delete_prob(prob) }

    public var numberOfColumns: Int { Int(columnCount) }
    public var numberOfRows: Int { Int(rowCount) }
    public var numberOfNonzeros: Int { ia.count - 1 }

    /// GLPK aborts on names over 255 bytes or with control characters.
    static func safeName(_ name: String) -> String {
        var cleaned = String(name.unicodeScalars.filter { $0.value > 32 && $0.value < 127 }.map(Character.init))
        if cleaned.utf8.count > 255 { cleaned = String(cleaned.utf8.prefix(255))! }
        return cleaned.isEmpty ? "_" : cleaned
    }

    /// Adds `count` columns; returns the 0-based index of the first.
    public func addColumns(_ count: Int) -> Int {
        precondition(count >= 0)
        let first = Int(columnCount)
        if count > 0 { glp_add_cols(prob, Int32(count)) }
        columnCount += Int32(count)
        return first
    }

    /// Sets a column's bounds, kind, objective coefficient and optional name.
    public func setColumn(_ index: Int, bounds: Bounds, kind: ColumnKind, objective: Double, name: String? = nil) {
        precondition(index >= 0 && index < Int(columnCount), "column index out of range")
        let j = Int32(index + 1)
        switch kind {
        case .binary:
            glp_set_col_kind(prob, j, GLP_BV)
        case .integer:
            glp_set_col_kind(prob, j, GLP_IV)
            Self.apply(bounds) { glp_set_col_bnds(prob, j, $0, $1, $2) }
        case .continuous:
            Self.apply(bounds) { glp_set_col_bnds(prob, j, $0, $1, $2) }
        }
        if kind == .binary, case .fixed(let v) = bounds {
            glp_set_col_bnds(prob, j, GLP_FX, v, v)
        }
        if objective != 0 { glp_set_obj_coef(prob, j, objective) }
        if let name { glp_set_col_name(prob, j, Self.safeName(name)) }
    }

    /// Adds one row `bounds` on Σ coefficient × column; returns its 0-based index.
    @discardableResult
    public func addRow(bounds: Bounds, terms: [(Int, Double)], name: String? = nil) -> Int {
        precondition(!matrixLoaded, "rows must be added before solving")
        glp_add_rows(prob, 1)
        rowCount += 1
        let i = rowCount
        Self.apply(bounds) { glp_set_row_bnds(prob, i, $0, $1, $2) }
        if let name { glp_set_row_name(prob, i, Self.safeName(name)) }
        for (column, coefficient) in terms where coefficient != 0 {
            precondition(column >= 0 && column < Int(columnCount), "column index out of range")
            ia.append(i)
            ja.append(Int32(column + 1))
            ar.append(coefficient)
        }
        return Int(i - 1)
    }

    private static func apply(_ bounds: Bounds, _ set: (Int32, Double, Double) -> Void) {
        switch bounds {
        case .free: set(GLP_FR, 0, 0)
        case .lower(let l): set(GLP_LO, l, 0)
        case .upper(let u): set(GLP_UP, 0, u)
        case .range(let l, let u):
            // GLPK rejects a double-bounded range with l == u; that is a fixed value.
            if l == u { set(GLP_FX, l, l) } else { set(GLP_DB, l, u) }
        case .fixed(let v): set(GLP_FX, v, v)
        }
    }

    private func loadMatrix() {
        if matrixLoaded { return }
        let ne = Int32(ia.count - 1)
        ia.withUnsafeBufferPointer { i in
            ja.withUnsafeBufferPointer { j in
                ar.withUnsafeBufferPointer { a in
                    glp_load_matrix(prob, ne, i.baseAddress, j.baseAddress, a.baseAddress)
                }
            }
        }
        matrixLoaded = true
    }

    /// Σ c·x for a vector of column values (plus the objective constant).
    public func objectiveValue(_ values: [Double]) -> Double {
        var z = glp_get_obj_coef(prob, 0)
        for (j, v) in values.enumerated() where v != 0 { z += glp_get_obj_coef(prob, Int32(j + 1)) * v }
        return z
    }

    /// Writes the problem in fixed or free MPS to `path`. Returns false on failure.
    public func writeMPS(to path: String, free: Bool = true) -> Bool {
        loadMatrix()
        return glp_write_mps(prob, free ? GLP_MPS_FILE : GLP_MPS_DECK, nil, path) == 0
    }

    private static func seconds(from start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = start.duration(to: clock.now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Solves the MIP with GLPK's branch and cut.
    ///
    /// With `start` (a value per column, integral where it must be, feasible),
    /// GLPK begins with that incumbent: it is handed over in the callback's
    /// heuristic event with `glp_ios_heur_sol`. That needs the column numbering
    /// of the original problem, so the MIP presolver is off and the LP
    /// relaxation is solved first by the simplex (with its own presolve).
    public func solve(_ options: MIPOptions, start: [Double]? = nil) -> MIPResult {
        // Loading the matrix counts against the limit: on a large model it takes seconds.
        let clock = ContinuousClock()
        let began = clock.now
        loadMatrix()
        let tracker = SearchTracker()
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.presolve = GLP_ON
        if let start {
            precondition(start.count == Int(columnCount), "one start value per column")
            tracker.start = [0] + start
            var smcp = glp_smcp()
            glp_init_smcp(&smcp)
            smcp.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
            smcp.presolve = GLP_ON
            smcp.tm_lim = Int32(max(1, min(Double(Int32.max), ((options.timeLimitSeconds - Self.seconds(from: began, clock)) * 1000).rounded())))
            if let it = options.simplexIterationLimit { smcp.it_lim = Int32(min(it, Int(Int32.max))) }
            GLPKTerminal.configure(verbose: options.verbose)
            let rc = glp_simplex(prob, &smcp)
            // The time limit covers both calls: the branch and cut below gets
            // what the simplex left (it used to get the whole limit again, and
            // England's last parts overran the 600 s by 10 s).
            if rc != 0 || glp_get_status(prob) != GLP_OPT || Self.seconds(from: began, clock) >= options.timeLimitSeconds {
                // No LP optimum (time limit or numerical trouble): keep the start.
                return MIPResult(status: .feasible, objective: objectiveValue(start), bound: nil, values: start,
                                 seconds: Self.seconds(from: began, clock), returnCode: rc)
            }
            parm.presolve = GLP_OFF
        }
        parm.msg_lev = options.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        let ms = max(1, min(Double(Int32.max), ((options.timeLimitSeconds - Self.seconds(from: began, clock)) * 1000).rounded()))
        parm.tm_lim = Int32(ms)
        parm.mip_gap = max(0, options.mipGap)
        parm.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parm.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        if options.cuts {
            parm.gmi_cuts = GLP_ON; parm.mir_cuts = GLP_ON; parm.clq_cuts = GLP_ON
            // GLPK 5.0 aborts the process (glp_cov_init → glp_add_cols with
            // no columns) when its MIP presolver leaves no column and cover
            // cuts are on, e.g. a model whose every placement is fixed; so
            // cover cuts only run on the problem as given (presolver off).
            parm.cov_cuts = parm.presolve == GLP_ON ? GLP_OFF : GLP_ON
        }
        tracker.nodeLimit = options.nodeLimit
        tracker.stop = options.stop
        tracker.deadline = began.advanced(by: .milliseconds(Int64((options.timeLimitSeconds * 1000).rounded())))
        tracker.onProgress = options.onProgress
        let unmanaged = Unmanaged.passRetained(tracker)
        defer { unmanaged.release() }
        parm.cb_info = unmanaged.toOpaque()
        parm.cb_func = { tree, info in
            // Never throw or unwind across C: only read the tree.
            guard let tree, let info else { return }
            let tracker = Unmanaged<SearchTracker>.fromOpaque(info).takeUnretainedValue()
            let reason = glp_ios_reason(tree)
            if reason == GLP_IHEUR, let start = tracker.start {
                tracker.start = nil
                _ = start.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
            }
            if reason == GLP_ISELECT, let limit = tracker.nodeLimit {
                tracker.nodes += 1
                if tracker.nodes > limit { glp_ios_terminate(tree) }
            }
            if reason == GLP_ISELECT || reason == GLP_IBINGO || reason == GLP_IBRANCH || reason == GLP_IROWGEN {
                let node = glp_ios_best_node(tree)
                if node != 0 { tracker.observe(bound: glp_ios_node_bound(tree, node)) }
            }
            if let report = tracker.onProgress, reason == GLP_IBINGO || tracker.progressDue() {
                let problem = glp_ios_get_prob(tree)
                let status = glp_mip_status(problem)
                report(status == GLP_FEAS || status == GLP_OPT ? glp_mip_obj_val(problem) : nil, tracker.bound)
            }
            if let stop = tracker.stop, stop() { glp_ios_terminate(tree) }
            if tracker.pastDeadline { glp_ios_terminate(tree) }
        }
        GLPKTerminal.configure(verbose: options.verbose)
        let rc = glp_intopt(prob, &parm)
        let seconds = Self.seconds(from: began, clock)

        let mipStatus = glp_mip_status(prob)
        var result = MIPResult(status: .failed, objective: nil, bound: nil, values: [], seconds: seconds, returnCode: rc)
        let hasIncumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        if hasIncumbent {
            result.objective = glp_mip_obj_val(prob)
            result.values = (0..<Int(columnCount)).map { glp_mip_col_val(prob, Int32($0 + 1)) }
        }
        switch (rc, mipStatus) {
        case (0, GLP_OPT):
            result.status = .optimal
            result.bound = result.objective
        case (GLP_EMIPGAP, GLP_FEAS), (GLP_EMIPGAP, GLP_OPT):
            // Stopped because the requested gap was reached: proven within it.
            result.status = .optimal
            result.bound = tracker.bound.map { min($0, result.objective!) }
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _):
            result.status = .infeasible
        case (_, GLP_FEAS), (_, GLP_OPT):
            result.status = .feasible
            result.bound = tracker.bound.map { min($0, result.objective!) }
        case (GLP_ETMLIM, _), (GLP_ESTOP, _):
            result.status = .noSolutionInTime
            result.bound = tracker.bound
        default:
            result.status = .failed
        }
        return result
    }
}

/// Receives GLPK's callback; a class so that the C side can hold it.
private final class SearchTracker {
    var bound: Double?
    /// The incumbent to hand to GLPK, 1-based (element 0 unused).
    var start: [Double]?
    var nodeLimit: Int?
    var nodes = 0
    var stop: (@Sendable () -> Bool)?
    var onProgress: (@Sendable (Double?, Double?) -> Void)?
    /// When the call must end whatever GLPK's own clock says: `tm_lim` is
    /// checked only between GLPK's steps, and a root with cuts can overrun it.
    var deadline: ContinuousClock.Instant?
    var pastDeadline: Bool { deadline.map { clock.now >= $0 } ?? false }
    private let clock = ContinuousClock()
    private var lastProgress: ContinuousClock.Instant?
    func progressDue() -> Bool {
        let now = clock.now
        if let last = lastProgress, now - last < .seconds(1) { return false }
        lastProgress = now
        return true
    }
    func observe(bound b: Double) {
        guard b.isFinite else { return }
        bound = max(bound ?? -.infinity, b)
    }
}

/// GLPK's terminal output. Even with messages off GLPK can print a line;
/// when not verbose the hook swallows it so that the tool's output stays ours.
enum GLPKTerminal {
    static func configure(verbose: Bool) {
        if verbose {
            // To standard error, so that the tool's own output stays clean.
            glp_term_hook({ _, text in
                if let text { _ = write(2, text, strlen(text)) }
                return 1
            }, nil)
        } else {
            glp_term_hook({ _, _ in 1 }, nil)
        }
    }
}
