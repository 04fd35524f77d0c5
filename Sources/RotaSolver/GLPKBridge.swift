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
            let bounds: Bounds
            switch (r.lower, r.upper) {
            case let (l?, u?): bounds = .range(l, u)
            case let (l?, nil): bounds = .lower(l)
            case let (nil, u?): bounds = .upper(u)
            case (nil, nil): bounds = .free
            }
            glp.addRow(bounds: bounds, terms: m.terms(ofRow: i).map { ($0.column, $0.value) }, name: names ? rowName(r, i) : nil)
        }
        return glp
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
