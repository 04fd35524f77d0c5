import Foundation
import RotaCore
import RotaGen
import RotaIO
@testable import RotaSolver
import XCTest

/// The default strategy (issue: every scenario gets a rota): the search,
/// then GLPK on the whole model where it is small, merged into one answer.
final class AutomaticStrategyTests: XCTestCase {
    // MARK: Merging two answers (rotas stand for themselves: Z is the first
    // clinician's first site index, breach the second's).

    func rota(z: Int, breach: Int = 0) -> Rota { Rota(sites: [[z], [breach]]) }
    func z(_ r: Rota) -> Double { Double(r.sites[0][0]) }
    func breach(_ r: Rota) -> Double { Double(r.sites[1][0]) }

    func outcome(_ status: RotaStatus, _ rota: Rota?, bound: Double? = nil, source: String? = nil) -> SolveOutcome {
        var o = SolveOutcome(status: status, rota: rota, bound: bound, seconds: 1, modelSize: nil,
                             stoppedByTimeLimit: status == .feasible, leastBreach: nil)
        o.boundSource = source
        return o
    }

    func merge(_ s: SolveOutcome, _ g: SolveOutcome, gap: Double = 0) -> SolveOutcome {
        AutomaticStrategy.merge(search: s, whole: g, mipGap: gap, objective: z, breach: breach)
    }

    func testTheLowerZWithTheHigherBoundAndItsSource() {
        let s = outcome(.feasible, rota(z: 10), bound: 7, source: "Lagrangian relaxation")
        let g = outcome(.feasible, rota(z: 9), bound: 5, source: "GLPK branch and bound")
        let m = merge(s, g)
        XCTAssertEqual(m.rota.map(z), 9)
        XCTAssertEqual(m.bound, 7)
        XCTAssertEqual(m.boundSource, "Lagrangian relaxation")
        XCTAssertEqual(m.status, .feasible)
        XCTAssertTrue(m.stoppedByTimeLimit)
    }

    func testTheSearchsRotaWhenGLPKDoesNotBetterIt() {
        let s = outcome(.feasible, rota(z: 8), bound: 6, source: "Lagrangian relaxation")
        let g = outcome(.feasible, rota(z: 8), bound: 6.5, source: "GLPK branch and bound")
        let m = merge(s, g)
        XCTAssertEqual(m.rota, s.rota)
        XCTAssertEqual(m.bound, 6.5)
        XCTAssertEqual(m.boundSource, "GLPK branch and bound")
    }

    func testGLPKsProofMakesTheSearchsEqualRotaOptimal() {
        let s = outcome(.feasible, rota(z: 8), bound: 6)
        var g = outcome(.optimal, rota(z: 8), bound: 8, source: "GLPK branch and bound")
        g.stoppedByTimeLimit = false
        let m = merge(s, g)
        XCTAssertEqual(m.status, .optimal)
        XCTAssertFalse(m.stoppedByTimeLimit)
        XCTAssertEqual(m.bound, 8)
    }

    func testABoundThatMeetsZWithinTheGapIsOptimal() {
        let s = outcome(.feasible, rota(z: 100), bound: 99.5)
        let g = outcome(.feasible, rota(z: 100), bound: 90)
        XCTAssertEqual(merge(s, g, gap: 0.01).status, .optimal)
        XCTAssertEqual(merge(s, g, gap: 0).status, .feasible)
    }

    func testAValidRotaFromEitherPhaseIsNeverLost() {
        let none = outcome(.noRotaInTime, nil)
        let s = outcome(.feasible, rota(z: 10), bound: 7)
        XCTAssertEqual(merge(s, none).rota, s.rota)
        XCTAssertEqual(merge(s, none).status, .feasible)
        let g = outcome(.feasible, rota(z: 12), bound: 3)
        XCTAssertEqual(merge(none, g).rota, g.rota)
        XCTAssertEqual(merge(none, g).status, .feasible)
        // GLPK's "infeasible" beside a valid rota of the search (numerical
        // trouble) cannot hide the rota.
        XCTAssertEqual(merge(s, outcome(.infeasible, nil)).status, .feasible)
    }

    func testTheLeastBreachOfTheTwoAndWhoProvedIt() {
        var s = outcome(.infeasible, rota(z: 5, breach: 3))
        s.leastBreach = 3
        var g = outcome(.infeasible, rota(z: 9, breach: 2))
        g.leastBreach = 2
        g.leastBreachProven = true
        let m = merge(s, g)
        XCTAssertEqual(m.rota, g.rota)
        XCTAssertEqual(m.leastBreach, 2)
        XCTAssertTrue(m.leastBreachProven)
        // The search's rota reaches the breach GLPK proved least, at a lower Z.
        s.rota = rota(z: 5, breach: 2)
        let n = merge(s, g)
        XCTAssertEqual(n.rota, s.rota)
        XCTAssertTrue(n.leastBreachProven, "GLPK proved 2 least; the search's rota has 2")
    }

    func testNoRotaFromEitherKeepsTheConflictsAndTheBestTry() {
        var s = outcome(.noRotaInTime, nil)
        s.breachingRota = rota(z: 4, breach: 1)
        var g = outcome(.infeasible, nil)
        g.conflicts = [RuleConflict(rule: [.minRun], subject: "p1", detail: "test")]
        let m = merge(s, g)
        XCTAssertEqual(m.status, .infeasible)
        XCTAssertEqual(m.conflicts.count, 1)
        XCTAssertEqual(m.breachingRota, s.breachingRota)
        XCTAssertNil(merge(s, outcome(.noRotaInTime, nil)).rota)
    }

    // MARK: Whole solves

    /// The shipped small scenario: the default still proves the optimum
    /// (worked out by hand in SmallScenarioTests), with GLPK's bound.
    func testTinyScenarioIsStillProvenOptimal() throws {
        let s = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let I = Instance(s)
        let o = AutomaticStrategy().solve(I, SolveOptions(timeLimitSeconds: 60))
        XCTAssertEqual(o.status, .optimal)
        let v = Validator(s)
        let rota = try XCTUnwrap(o.rota)
        XCTAssertEqual(v.check(rota.placements(I)), [])
        XCTAssertEqual(v.evaluate(rota.placements(I)).objective, SmallScenarioTests.expectedOptimum(), accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(o.bound), SmallScenarioTests.expectedOptimum(), accuracy: 1e-6)
    }

    /// A mid-size scheme (two ICSs, 30 clinicians, 26 weeks), where GLPK on
    /// the whole model alone found no rota in 30-60 s: the default writes a
    /// valid one, with a bound at or below its Z.
    func testMidSizeSchemeGetsAValidRota() throws {
        let s = try loadGenerated(ScenarioGenerator.generate(.twoICS, seed: 1))
        XCTAssertEqual(s.clinicians.count, 30)
        let I = Instance(s)
        XCTAssertGreaterThan(AutomaticStrategy.binaries(I), 4000)
        let o = AutomaticStrategy().solve(I, SolveOptions(timeLimitSeconds: 6))
        XCTAssert(o.status == .feasible || o.status == .optimal, "status \(o.status)")
        let rota = try XCTUnwrap(o.rota)
        let v = Validator(s)
        XCTAssertEqual(v.check(rota.placements(I)), [])
        let zValue = v.evaluate(rota.placements(I)).objective
        XCTAssertLessThanOrEqual(try XCTUnwrap(o.bound), zValue + 1e-6)
        XCTAssertNotNil(o.firstRotaSeconds)
    }

    /// Where the search is given no time to find a valid rota, GLPK takes
    /// over on a small model and still writes one.
    func testGLPKTakesOverWhenTheSearchFindsNone() throws {
        let s = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let I = Instance(s)
        var auto = AutomaticStrategy()
        auto.searchShare = 0   // the search stops before its first round
        let o = auto.solve(I, SolveOptions(timeLimitSeconds: 30))
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(o.strategy, "auto: search, then GLPK on the whole model")
    }

    /// A scenario with no valid rota, small enough for GLPK: the default
    /// writes the least-breach rota and proves it least.
    func testLeastBreachTheSameWay() throws {
        // LeastBreachTests' hub above its supply: floor 2.0 over 3 weeks, 1.8 WTE of staff.
        let m = Micro(toml: toml(weeks: 3), sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
                      staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.8\n",
                      demand: "site,from_week,to_week,floor\nhub,1,3,2.0\n",
                      leave: "staff,from,to\np2,2027-04-12,2027-04-14\n")
        let s = try m.scenario()
        let I = Instance(s)
        let o = AutomaticStrategy().solve(I, SolveOptions(timeLimitSeconds: 30))
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertTrue(o.leastBreachProven)
        let rota = try XCTUnwrap(o.rota)
        XCTAssertEqual(Validator(s).evaluate(rota.placements(I)).breachWTEWeeks, 0.4 + 2 - (1 + 0.8 * 4 / 7), accuracy: 1e-9)
    }
}

final class StrategyRegistryTests: XCTestCase {
    func testTheRegistryNamesEachStrategyOnceWithAutoFirst() {
        XCTAssertEqual(Strategies.names, ["auto", "whole", "search"])
        XCTAssertEqual(Strategies.standard.name, "auto")
        XCTAssertEqual(Strategies.named("search")?.name, "search")
        XCTAssertNil(Strategies.named("Search"))
        XCTAssertEqual(Strategies.choices, "auto, whole or search")
        XCTAssertTrue(Strategies.help.hasPrefix("auto (default): the search finds"), Strategies.help)
    }
}
