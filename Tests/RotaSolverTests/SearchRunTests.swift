import Foundation
import RotaCore
import RotaIO
@testable import RotaSolver
import XCTest

/// The search's phases one at a time (`SearchRun`): each leaves a valid
/// rota no worse than the one it was given.
final class SearchRunTests: XCTestCase {
    func testEachPhaseKeepsTheRotaValidAndNoWorse() throws {
        let scenario = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let instance = Instance(scenario)
        let run = SearchRun(NeighbourhoodSearch(), instance, SolveOptions(timeLimitSeconds: 60))
        defer { _ = run.bound.finish() }
        let validator = Validator(scenario)
        func z() -> Double { validator.evaluate(run.rota.placements(instance)).objective }

        // Everyone at home breaks the small scenario's PCN floors and shares.
        XCTAssertFalse(validator.check(NeighbourhoodSearch.homeRota(instance).placements(instance)).isEmpty)
        XCTAssertEqual(run.firstValidRota(), 0, accuracy: 1e-9)
        XCTAssertEqual(validator.check(run.rota.placements(instance)), [])
        run.found()
        XCTAssertEqual(run.outcome.status, .feasible)
        let first = z()

        let memory = run.startFromPricesAndPolish()
        XCTAssertEqual(validator.check(run.rota.placements(instance)), [])
        let polished = z()
        XCTAssertLessThanOrEqual(polished, first + 1e-9)

        let kicked = run.kicks(memory: memory)
        XCTAssertEqual(validator.check(run.rota.placements(instance)), [])
        XCTAssertLessThanOrEqual(z(), polished + 1e-9)

        run.parts(memory: kicked)
        XCTAssertEqual(validator.check(run.rota.placements(instance)), [])
        let outcome = run.finalBound()
        XCTAssertEqual(outcome.boundSource, "Lagrangian relaxation")
        // The search reaches the small scenario's proven optimum, and its bound is a true bound.
        XCTAssertEqual(z(), SmallScenarioTests.expectedOptimum(), accuracy: 1e-6)
        XCTAssertLessThanOrEqual(try XCTUnwrap(outcome.bound), SmallScenarioTests.expectedOptimum() + 1e-6)
    }

    func testAScenarioWithNoValidRotaEndsWithoutOne() throws {
        // One clinician, two PCNs with floors in the same weeks: no rota meets both.
        let m = Micro(toml: toml(weeks: 4),
                      sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,floor\npcn-a,1,4,1.0\npcn-b,1,4,1.0\n")
        let scenario = try m.scenario()
        let instance = Instance(scenario)
        let run = SearchRun(NeighbourhoodSearch(), instance, SolveOptions(timeLimitSeconds: 5))
        defer { _ = run.bound.finish() }
        XCTAssertGreaterThan(run.firstValidRota(), 0)
        let outcome = run.withoutValidRota()
        // The bound on the least breach proves it: one clinician cannot meet both floors.
        XCTAssertEqual(outcome.status, .infeasible)
        XCTAssertGreaterThan(try XCTUnwrap(outcome.unavoidableBreach), 0)
    }
}
