import RotaGLPK
import XCTest

final class GLPKProblemTests: XCTestCase {
    /// max 5a + 4b + 3c  s.t. 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, binary.
    /// By enumeration of the 8 points: all three break the first row (6 > 5), and
    /// a = b = 1 (value 9) keeps every row (5, 5, 7), beating a = c (8) and b = c (7).
    /// Written here as a minimisation of the negated objective.
    func knapsack() -> GLPKProblem {
        let p = GLPKProblem(name: "knapsack")
        _ = p.addColumns(3)
        for (j, c) in [5.0, 4, 3].enumerated() { p.setColumn(j, bounds: .range(0, 1), kind: .binary, objective: -c) }
        p.addRow(bounds: .upper(5), terms: [(0, 2), (1, 3), (2, 1)])
        p.addRow(bounds: .upper(11), terms: [(0, 4), (1, 1), (2, 2)])
        p.addRow(bounds: .upper(8), terms: [(0, 3), (1, 4), (2, 2)])
        return p
    }

    func testOptimalWithBoundEqualToObjective() {
        let r = knapsack().solve(MIPOptions())
        XCTAssertEqual(r.status, .optimal)
        XCTAssertEqual(r.objective!, -9, accuracy: 1e-9)
        XCTAssertEqual(r.bound!, -9, accuracy: 1e-9)
        XCTAssertEqual(r.values.map { $0.rounded() }, [1, 1, 0])
    }

    func testInfeasibleIsReportedAsInfeasible() {
        let p = knapsack()
        p.addRow(bounds: .lower(3), terms: [(0, 1), (1, 1), (2, 1)])   // all three: 2+3+1 > 5
        XCTAssertEqual(p.solve(MIPOptions()).status, .infeasible)
    }

    func testStartSolutionIsUsedAndImproved() {
        // Start from the feasible a = 1 alone (value 5); GLPK must still reach 9.
        let r = knapsack().solve(MIPOptions(), start: [1, 0, 0])
        XCTAssertEqual(r.status, .optimal)
        XCTAssertEqual(r.objective!, -9, accuracy: 1e-9)
    }

    func testObjectiveValueOfAVector() {
        XCTAssertEqual(knapsack().objectiveValue([1, 0, 1]), -8, accuracy: 1e-12)
    }

    func testFixedRangeAndFreeBounds() {
        let p = GLPKProblem()
        _ = p.addColumns(2)
        p.setColumn(0, bounds: .fixed(2), kind: .continuous, objective: 1)
        p.setColumn(1, bounds: .lower(0), kind: .integer, objective: 1)
        p.addRow(bounds: .range(3.5, 3.5), terms: [(0, 1), (1, 1)])   // equal ends: a fixed row
        let r = p.solve(MIPOptions())
        XCTAssertEqual(r.status, .infeasible)   // 2 + integer = 3.5 has no integer solution
    }
}
