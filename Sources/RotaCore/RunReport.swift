/// The status words of PROBLEM.md.
public enum RotaStatus: String, Sendable, Codable {
    /// Proven optimal, within the requested gap.
    case optimal
    /// A valid rota, not proven optimal.
    case feasible
    /// No valid rota exists: the least-breach rota or a conflict report.
    case infeasible
    /// The time limit passed before any valid rota was found.
    case noRotaInTime = "no_rota_in_time"
}

/// Size of the integer program that was solved.
public struct ModelSize: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    public var integers: Int
    public var nonzeros: Int
    public init(columns: Int, rows: Int, integers: Int, nonzeros: Int) {
        self.columns = columns; self.rows = rows; self.integers = integers; self.nonzeros = nonzeros
    }
    public init(_ m: MIPModel) {
        self.init(columns: m.columns.count, rows: m.rows.count, integers: m.integerColumnCount, nonzeros: m.entryColumn.count)
    }
}

/// A rota as site indices, `sites[p][w]` for clinician p and 0-based week w,
/// and as placements by id for the validator and the writers.
public struct Rota: Sendable, Equatable {
    public var sites: [[Int]]
    public init(sites: [[Int]]) { self.sites = sites }

    public func placements(_ instance: Instance) -> [Placement] {
        var out: [Placement] = []
        out.reserveCapacity(instance.clinicians.count * instance.weeks)
        for (p, row) in sites.enumerated() {
            for (w, s) in row.enumerated() {
                out.append(Placement(staff: instance.clinicians[p].id, week: w + 1, site: instance.sites[s].id))
            }
        }
        return out
    }
}
