import RotaCore
import RotaGLPK

/// Loads a `MIPModel` into GLPK. Names are plain ASCII made from indices
/// (never user text), so nothing can trip GLPK's name checks.
enum GLPKBridge {
    static func load(_ m: MIPModel, objective: [Double]? = nil, names: Bool = false, instance: Instance? = nil) -> GLPKProblem {
        let glp = GLPKProblem(name: "rota")
        _ = glp.addColumns(m.columns.count)
        for (j, c) in m.columns.enumerated() {
            let bounds: Bounds
            if let u = c.upper { bounds = c.lower == u ? .fixed(u) : .range(c.lower, u) } else { bounds = .lower(c.lower) }
            glp.setColumn(j, bounds: bounds, kind: c.isBinary ? .binary : .continuous,
                          objective: objective?[j] ?? c.objective, name: names ? columnName(c.ref, instance) : nil)
        }
        for (i, r) in m.rows.enumerated() {
            glp.addRow(bounds: rowBounds(r.lower, r.upper) ?? .free, terms: m.terms(ofRow: i).map { ($0.column, $0.value) }, name: names ? rowName(r, i) : nil)
        }
        return glp
    }

    /// Loads only the columns that are not fixed: fixed columns (pins, and
    /// the weeks outside a search window) are folded into the row bounds and
    /// the objective constant, and rows left without a free term are dropped.
    /// GLPK's own presolve would do this, but it is off when a start solution
    /// is handed over, and a sub-model can be mostly fixed columns.
    static func loadReduced(_ m: MIPModel) -> ReducedProblem {
        var kept: [Int] = []
        var position = [Int](repeating: -1, count: m.columns.count)
        var fixedValue = [Double](repeating: 0, count: m.columns.count)
        var constant = 0.0
        for (j, c) in m.columns.enumerated() {
            if let u = c.upper, u == c.lower {
                fixedValue[j] = u
                constant += c.objective * u
            } else {
                position[j] = kept.count
                kept.append(j)
            }
        }
        let glp = GLPKProblem(name: "rota-part")
        _ = glp.addColumns(kept.count)
        for (i, j) in kept.enumerated() {
            let c = m.columns[j]
            glp.setColumn(i, bounds: c.upper.map { .range(c.lower, $0) } ?? .lower(c.lower),
                          kind: c.isBinary ? .binary : .continuous, objective: c.objective)
        }
        for i in m.rows.indices {
            var shift = 0.0
            var terms: [(Int, Double)] = []
            for e in m.rowStart[i]..<m.rowStart[i + 1] {
                let j = Int(m.entryColumn[e])
                if position[j] >= 0 { terms.append((position[j], m.entryValue[e])) } else { shift += m.entryValue[e] * fixedValue[j] }
            }
            if terms.isEmpty { continue }
            let r = m.rows[i]
            guard let bounds = rowBounds(r.lower.map { $0 - shift }, r.upper.map { $0 - shift }) else { continue }
            glp.addRow(bounds: bounds, terms: terms)
        }
        return ReducedProblem(glpk: glp, kept: kept, fixedValue: fixedValue, constant: constant)
    }

    /// GLPK bounds for lower ≤ row ≤ upper; nil when the row is free.
    static func rowBounds(_ lower: Double?, _ upper: Double?) -> Bounds? {
        switch (lower, upper) {
        case let (l?, u?): .range(l, u)
        case let (l?, nil): .lower(l)
        case let (nil, u?): .upper(u)
        case (nil, nil): nil
        }
    }

    static func columnName(_ ref: MIPModel.ColumnRef, _ instance: Instance?) -> String {
        switch ref {
        case let .place(p, s, w): "x_p\(p + 1)_s\(s + 1)_w\(w + 1)"
        case let .start(p, s, w): "y_p\(p + 1)_s\(s + 1)_w\(w + 1)"
        case let .shortfall(s, w): "u_s\(s + 1)_w\(w + 1)"
        case let .breach(s, w): "b_s\(s + 1)_w\(w + 1)"
        case let .shareSlack(p, kind): "v_p\(p + 1)_\(kind.rawValue)"
        }
    }

    static func rowName(_ r: MIPModel.Row, _ i: Int) -> String {
        var name = r.family.rawValue
        if let p = r.p { name += "_p\(p + 1)" }
        if let s = r.s { name += (r.family == .rollout ? "_g\(s + 1)" : "_s\(s + 1)") }
        if let w = r.w { name += "_w\(w + 1)" }
        return name + "_r\(i + 1)"
    }
}

/// Writes the whole straightforward model as MPS (free format), with
/// names x_p<clinician>_s<site>_w<week> etc. (1-based positions in the
/// scenario's staff.csv and sites.csv order).
public enum MPSExport {
    public static func write(_ instance: Instance, to path: String) -> Bool {
        let (model, _) = ModelBuilder(instance).build()
        return GLPKBridge.load(model, names: true, instance: instance).writeMPS(to: path)
    }
}


/// A model loaded without its fixed columns, and the way back to full vectors.
struct ReducedProblem {
    let glpk: GLPKProblem
    let kept: [Int]
    let fixedValue: [Double]
    let constant: Double

    func reduce(_ full: [Double]) -> [Double] { kept.map { full[$0] } }
    func expand(_ reduced: [Double]) -> [Double] {
        var v = fixedValue
        for (i, j) in kept.enumerated() { v[j] = reduced[i] }
        return v
    }
    func objective(_ full: [Double]) -> Double { constant + glpk.objectiveValue(reduce(full)) }
}
