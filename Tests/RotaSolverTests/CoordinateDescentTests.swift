import RotaCore
import RotaIO
@testable import RotaSolver
import XCTest

/// The first phase of the search: one clinician re-planned at a time, floors
/// soft. The rollout limit is soft there too, because of moves like this one.
final class CoordinateDescentTests: XCTestCase {
    /// p1 and p2 go to pcn-a first and fill the rollout limit (two of four
    /// away). pcn-b's floor needs p3 or p4 (only they have its skill), so one
    /// of p1 and p2 must come back first: a move of two clinicians. With the
    /// limit hard no single re-plan makes it and the breach stays; soft, p3
    /// goes over the limit, then p1 or p2 comes back, and the rota is valid.
    func testSomeoneComesBackSoThatAnotherMayLeave() throws {
        let scenario = try Micro(
            toml: toml(weeks: 6, "[rotation]\nmin_run_weeks = 2\n[[rollout]]\nfrom_week = 1\nto_week = 6\nmax_away_share = 0.5"),
            sites: "id,kind,ics,requires\nhub,hub,A,\npcn-a,pcn,A,\npcn-b,pcn,A,x\n",
            staff: "id,grade,home,skills\np1,specialist,hub,\np2,specialist,hub,\np3,specialist,hub,x\np4,specialist,hub,x\n",
            demand: "site,from_week,to_week,floor,target\nhub,1,6,1,2\npcn-a,1,6,,3\npcn-b,1,6,1,1\n").scenario()
        let instance = Instance(scenario)
        var descent = CoordinateDescent(instance, rota: NeighbourhoodSearch.homeRota(instance), penalty: 1000)
        for _ in 0..<10 { for p in instance.clinicians.indices { _ = descent.replan(p) } }
        XCTAssertEqual(descent.penaltyLeft(), 0, accuracy: 1e-9)
        XCTAssertEqual(Validator(scenario).check(descent.rota.placements(instance)), [])
    }

    /// A start from the prices may put a clinician above a share's upper
    /// bound; a re-plan always brings them within it, even when staying
    /// there would cost less.
    func testARePlanBringsAClinicianWithinTheShareUpperBound() throws {
        let scenario = try Micro(
            toml: toml(weeks: 6, "[rotation]\nmin_run_weeks = 1\nshare.pcn = [0.0, 0.5]"),
            sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
            staff: "id,grade,home\np1,specialist,hub\n",
            demand: "site,from_week,to_week,target\npcn,1,6,1\n").scenario()
        let instance = Instance(scenario)
        let pcn = instance.siteIndex["pcn"]!
        for penalty in [1000.0, nil] {
            var descent = CoordinateDescent(instance, rota: Rota(sites: [Array(repeating: pcn, count: 6)]), penalty: penalty)
            _ = descent.replan(0)
            XCTAssertEqual(descent.rota.sites[0].filter { $0 == pcn }.count, 3)
            XCTAssertEqual(Validator(scenario).check(descent.rota.placements(instance)), [])
        }
    }

    /// The search's start from the prices, on the small scenario: a valid
    /// rota, never better than the proven optimum.
    func testAStartFromThePricesIsValid() throws {
        let scenario = try ScenarioLoader.load(folder: SmallScenarioTests.folder)
        let instance = Instance(scenario)
        let movable = instance.clinicians.indices.filter { instance.clinicians[$0].rotates && instance.eligible[$0].count > 1 }
        let rota = try XCTUnwrap(NeighbourhoodSearch().fromPrices(instance, upper: 10, movable: movable,
                                                                 options: SolveOptions(timeLimitSeconds: 60), elapsed: { 0 }))
        XCTAssertEqual(Validator(scenario).check(rota.placements(instance)), [])
        XCTAssertGreaterThanOrEqual(Validator(scenario).evaluate(rota.placements(instance)).objective,
                                    SmallScenarioTests.expectedOptimum() - 1e-6)
    }

    /// A re-plan is skipped when the clinician's costs and year are those of
    /// their last re-plan; that must never change a result. Rounds of one
    /// descent (which skips) and rounds of a new descent each time (which
    /// cannot) end at the same rota, on generated scenarios.
    func testSkippedRePlansChangeNothing() throws {
        for seed: UInt64 in [1, 2, 3, 4] {
            let (I, start) = try generatedSmallScenario(seed: seed)
            var kept = CoordinateDescent(I, rota: start, penalty: nil)
            var fresh = start
            for _ in 0..<20 {
                var gain = 0.0, freshGain = 0.0
                var once = CoordinateDescent(I, rota: fresh, penalty: nil)
                for p in I.clinicians.indices {
                    gain += kept.replan(p)
                    freshGain += once.replan(p)
                }
                fresh = once.rota
                XCTAssertEqual(kept.rota, fresh, "seed \(seed)")
                XCTAssertEqual(gain, freshGain, accuracy: 1e-9)
                if gain < 1e-9 { break }
            }
            XCTAssertGreaterThan(kept.skipped, 0, "seed \(seed): the last round skips")
        }
    }

    /// The search's kicks re-plan at noisy site costs; every rule stays
    /// hard. Large noise, on generated scenarios: every year after a noisy
    /// re-plan is still a valid rota, and the noise does move clinicians.
    func testNoisyRePlansKeepEveryRule() throws {
        var moved = 0
        for seed: UInt64 in [1, 2, 3, 4] {
            let (I, start) = try generatedSmallScenario(seed: seed)
            let v = Validator(I.scenario)
            var rng = SplitMix64(seed: seed)
            var d = CoordinateDescent(I, rota: start, penalty: nil)
            for _ in 0..<5 {
                d.noise = (0..<I.sites.count).map { _ in (0..<I.weeks).map { _ in 5 * (2 * rng.unit() - 1) } }
                for p in I.clinicians.indices {
                    _ = d.replan(p)
                    XCTAssertEqual(v.check(d.rota.placements(I)), [], "seed \(seed), clinician \(p)")
                }
            }
            if d.rota != start { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 0)
    }
}
