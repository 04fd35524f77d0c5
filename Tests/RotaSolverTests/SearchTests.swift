import Foundation
import RotaCore
import RotaIO
import RotaSolver
import Synchronization
import XCTest

/// The opt-in neighbourhood search: its rotas are valid, never better than
/// the proven optimum (which would mean a bug in one of the two), and on the
/// small scenario it finds that optimum.
final class SearchTests: XCTestCase {
    func testSearchFindsTheSmallScenariosOptimum() throws {
        let scenario = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let instance = Instance(scenario)
        let outcome = NeighbourhoodSearch().solve(instance, SolveOptions(timeLimitSeconds: 60))
        let rota = try XCTUnwrap(outcome.rota)
        XCTAssertEqual(outcome.status, .feasible)   // never claims optimality
        let v = Validator(scenario)
        XCTAssertEqual(v.check(rota.placements(instance)), [])
        XCTAssertEqual(v.evaluate(rota.placements(instance)).objective, SmallScenarioTests.expectedOptimum(), accuracy: 1e-6)
    }

    func testSearchAgreesWithTheWholeModelOnMicroScenarios() throws {
        let cases: [Micro] = [
            Micro(toml: toml(weeks: 8, "[rotation]\nmin_run_weeks = 2\nmax_run_weeks = 3\nshare.pcn = [0.25, 0.5]"),
                  sites: "id,kind,ics,lat,lon\nhub,hub,A,52.0,-1.0\npcn-a,pcn,A,52.0,-1.1\npcn-b,pcn,A,52.1,-1.0\ncas,cas,,52.05,-1.05\n",
                  staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,advanced,hub,0.8\np3,paramedic,hub,1.0\n",
                  demand: "site,from_week,to_week,floor,target,cap\nhub,1,8,1.5,2.0,\npcn-a,1,8,,1.0,1\npcn-b,3,6,0.5,1.0,\ncas,1,8,,0.5,\n",
                  leave: "staff,from,to\np3,2027-04-12,2027-04-18\n"),
            Micro(toml: toml(weeks: 6, "[rotation]\nmin_run_weeks = 3\n[[rollout]]\nfrom_week = 1\nto_week = 3\nmax_away_share = 0.5"),
                  sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
                  staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\n",
                  demand: "site,from_week,to_week,target\npcn,1,6,2.0\n",
                  pinned: "staff,week,site\np2,6,pcn\n"),
        ]
        for m in cases {
            let scenario = try m.scenario()
            let instance = Instance(scenario)
            let whole = PlainSolve().solve(instance, SolveOptions(timeLimitSeconds: 60))
            XCTAssertEqual(whole.status, .optimal)
            let search = NeighbourhoodSearch().solve(instance, SolveOptions(timeLimitSeconds: 60))
            let v = Validator(scenario)
            let best = v.evaluate(whole.rota!.placements(instance)).objective
            let found = try XCTUnwrap(search.rota, "the search found no rota")
            XCTAssertEqual(v.check(found.placements(instance)), [])
            XCTAssertGreaterThanOrEqual(v.evaluate(found.placements(instance)).objective, best - 1e-9)
            XCTAssertLessThanOrEqual(whole.bound!, best + 1e-6)
        }
    }

    /// Started from a valid rota (as the parts of a decomposed scenario are
    /// in their second pass), the search only improves it: its answer is
    /// valid, no worse than the start, and its first rota is the start.
    func testSearchFromAValidStartOnlyImprovesIt() throws {
        let scenario = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let instance = Instance(scenario)
        var first = SolveOptions(timeLimitSeconds: 60)
        first.firstRotaOnly = true
        first.boundingZ = false
        let start = try XCTUnwrap(NeighbourhoodSearch().solve(instance, first).rota)
        let v = Validator(scenario)
        XCTAssertEqual(v.check(start.placements(instance)), [])
        var options = SolveOptions(timeLimitSeconds: 60)
        options.start = start
        let outcome = NeighbourhoodSearch().solve(instance, options)
        let rota = try XCTUnwrap(outcome.rota)
        XCTAssertEqual(v.check(rota.placements(instance)), [])
        XCTAssertLessThanOrEqual(v.evaluate(rota.placements(instance)).objective, v.evaluate(start.placements(instance)).objective + 1e-9)
        // Given a start, the search has a rota from the outset (how soon is bench/'s to measure, not a test's).
        XCTAssertNotNil(outcome.firstRotaSeconds)
        XCTAssertLessThanOrEqual(try XCTUnwrap(outcome.bound), SmallScenarioTests.expectedOptimum() + 1e-6)
    }

    /// The Lagrangian bound is a true lower bound: never above the proven
    /// optimum of the whole model, on the small scenario and on micro-scenarios
    /// where floors, caps, shares and the rollout all bind.
    func testLagrangianBoundNeverExceedsTheOptimum() throws {
        var instances = [Instance(try ScenarioLoader.load(folder: SmallScenarioTests.folder))]
        instances.append(Instance(try Micro(toml: toml(weeks: 6, "[rotation]\nmin_run_weeks = 2\nshare.pcn = [0.3, 0.6]\n[[rollout]]\nfrom_week = 1\nto_week = 6\nmax_away_share = 0.5"),
                                            sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                                            staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\np3,specialist,hub,0.8\n",
                                            demand: "site,from_week,to_week,floor,target,cap\nhub,1,6,1.0,2.0,\npcn-a,1,6,,1.0,1\npcn-b,2,5,0.5,1.0,\n").scenario()))
        for instance in instances {
            let optimum = PlainSolve().solve(instance, SolveOptions(timeLimitSeconds: 60))
            XCTAssertEqual(optimum.status, .optimal)
            let z = Validator(instance.scenario).evaluate(optimum.rota!.placements(instance)).objective
            let clock = ContinuousClock()
            let bound = try XCTUnwrap(LagrangianBound(instance: instance).run(deadline: clock.now.advanced(by: .seconds(5)), iterations: 100))
            XCTAssertLessThanOrEqual(bound, z + 1e-6)
            // And the search's reported bound is that kind of bound too.
            let search = NeighbourhoodSearch().solve(instance, SolveOptions(timeLimitSeconds: 10))
            XCTAssertLessThanOrEqual(try XCTUnwrap(search.bound), z + 1e-6)
        }
    }

    /// On one core (`SolveOptions.cores`) the bound does not run the priced
    /// phase a second time: it goes on from the multipliers of the search's
    /// start from the prices, at the lowest priority. The search does the
    /// same either way (here it ends on its own, so the rotas are the same),
    /// and the bound is still true, and at least the priced phase's value.
    func testOnOneCoreTheBoundGoesOnFromTheSearchsPrices() throws {
        let scenario = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let instance = Instance(scenario)
        var two = SolveOptions(timeLimitSeconds: 60)
        two.cores = 2
        var one = two
        one.cores = 1
        let events = Mutex<[SolveEvent]>([])
        one.events = { e in events.withLock { $0.append(e) } }
        let onTwo = NeighbourhoodSearch().solve(instance, two)
        let onOne = NeighbourhoodSearch().solve(instance, one)
        XCTAssertEqual(onOne.rota, onTwo.rota)
        let resumed = events.withLock { $0 }.compactMap { e -> Double?? in if case .boundResumed(let v) = e { v } else { nil } }
        let priced = try XCTUnwrap(try XCTUnwrap(resumed.first, "the bound resumed"), "from the search's priced multipliers")
        let bound = try XCTUnwrap(onOne.bound)
        XCTAssertGreaterThanOrEqual(bound, priced - 1e-9)
        XCTAssertLessThanOrEqual(bound, SmallScenarioTests.expectedOptimum() + 1e-6)
        // On two cores the bound runs its own priced phase.
        XCTAssertLessThanOrEqual(try XCTUnwrap(onTwo.bound), SmallScenarioTests.expectedOptimum() + 1e-6)
    }

    /// One clinician's cover counts in a row only up to the row's right-hand
    /// side, so the bound sees that cover comes in whole clinicians. Here a
    /// PCN's floor of 0.6 can only be met by a whole 1.0 WTE clinician, who
    /// then cannot help at the other PCN: the optimum is a shortfall of 1.0.
    /// Without the caps the relaxation met the floor with 60% of a clinician
    /// and proved no more than 0.6.
    func testTheBoundCountsWholeClinicians() throws {
        let instance = Instance(try Micro(toml: toml(weeks: 1, "[rotation]\nshare.pcn = [0.0, 1.0]\nshare.cas = [0.0, 1.0]"),
                                          sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                                          staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,1.0\n",
                                          demand: "site,from_week,to_week,floor,target,cap\npcn-a,1,1,0.6,0.6,\npcn-b,1,1,,2.0,\n").scenario())
        let optimum = PlainSolve().solve(instance, SolveOptions(timeLimitSeconds: 60))
        XCTAssertEqual(optimum.status, .optimal)
        XCTAssertEqual(Validator(instance.scenario).evaluate(optimum.rota!.placements(instance)).objective, 1.0, accuracy: 1e-9)
        let clock = ContinuousClock()
        let bound = try XCTUnwrap(LagrangianBound(instance: instance).run(deadline: clock.now.advanced(by: .seconds(5)), iterations: 200))
        XCTAssertLessThanOrEqual(bound, 1.0 + 1e-6)
        XCTAssertGreaterThan(bound, 0.95)
    }
}
