import Foundation
import RotaCore
import RotaIO
import RotaSolver
import XCTest

/// "When no valid rota exists" (PROBLEM.md, issue #5): scenarios built to be
/// infeasible in known ways, each with the expected explanation; breach
/// figures are asserted exactly where the optimum is known by hand.
final class LeastBreachTests: XCTestCase {
    let hubAndPCN = "id,kind,ics\nhub,hub,A\npcn,pcn,A\n"

    // MARK: Floors above the eligible supply

    // Two clinicians at one hub (1.0 and 0.8 WTE), floor 2.0 over 3 weeks; p2 is
    // on leave Mon–Wed of week 2 (cover 0.8 × 4/7). Supply: 1.8, 1.457…, 1.8.
    // Least breach = Σ (2 − supply) = 0.2 + 0.542857… + 0.2 = 0.942857…, forced,
    // so proven least, by either strategy.
    func hubAboveSupply() -> Micro {
        Micro(toml: toml(weeks: 3), sites: hubAndPCN,
              staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.8\n",
              demand: "site,from_week,to_week,floor\nhub,1,3,2.0\n",
              leave: "staff,from,to\np2,2027-04-12,2027-04-14\n")
    }

    func testSupplyAndForcedBreach() throws {
        let I = Instance(try hubAboveSupply().scenario())
        let supply = FloorSupply(I)
        XCTAssertEqual(supply.supply[0][0], 1.8, accuracy: 1e-12)
        XCTAssertEqual(supply.supply[0][1], 0.8 + 0.8 * 4 / 7 + 0.2, accuracy: 1e-12)  // p1 1.0 + p2 0.457…
        XCTAssertEqual(supply.forcedBreach(I), 0.2 + (2 - (1 + 0.8 * 4 / 7)) + 0.2, accuracy: 1e-12)
        XCTAssertEqual(supply.supply[1][0], 1.8, accuracy: 1e-12, "both rotate, so both count for the PCN")
    }

    func testWholeModelProvesTheLeastBreach() throws {
        let m = hubAboveSupply()
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertTrue(o.leastBreachProven)
        XCTAssertEqual(e!.breachWTEWeeks, 0.4 + 2 - (1 + 0.8 * 4 / 7), accuracy: 1e-9)
        XCTAssertEqual(Set(v.map(\.rule)), [.floor])
    }

    func testSearchProvesTheSameLeastBreach() throws {
        let s = try hubAboveSupply().scenario()
        let I = Instance(s)
        let o = NeighbourhoodSearch().solve(I, SolveOptions(timeLimitSeconds: 30))
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertTrue(o.leastBreachProven)
        let rota = try XCTUnwrap(o.rota)
        let v = Validator(s)
        XCTAssertEqual(Set(v.check(rota.placements(I)).map(\.rule)), [.floor])
        XCTAssertEqual(v.evaluate(rota.placements(I)).breachWTEWeeks, 0.4 + 2 - (1 + 0.8 * 4 / 7), accuracy: 1e-9)
    }

    func testBreachLineGroupsWeeksAndNamesWhoIsOnLeave() throws {
        let s = try hubAboveSupply().scenario()
        let I = Instance(s)
        let rota = try XCTUnwrap(PlainSolve().solve(I, SolveOptions()).rota)
        let groups = BreachReport.groups(I, rota)
        XCTAssertEqual(groups.map(\.description), [
            "hub weeks 1–3: short 0.94 WTE-weeks; floor 2 WTE, best 1.46–1.8, eligible supply 1.46–1.8; on leave: p2 (week 2); why: the eligible supply is below the floor",
        ])
        XCTAssertEqual(groups[0].fromWeek, 1)
        XCTAssertEqual(groups[0].toWeek, 3)
    }

    // A floor the supply could meet, but the clinician who could is held at a
    // PCN floor: the breach is the hub's, the reason is the other floor.
    func testBreachForAFloorHeldElsewhere() throws {
        let m = Micro(toml: toml(weeks: 2), sites: hubAndPCN,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,floor\nhub,1,2,1.0\npcn,2,2,1.0\n")
        let (o, e, _) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertEqual(e!.breachWTEWeeks, 1.0, accuracy: 1e-6)
        let I = Instance(try m.scenario())
        let lines = BreachReport.groups(I, o.rota!).map(\.description)
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasSuffix("why: the clinicians who could cover are needed at other floors or held by their runs, shares or pins"), lines[0])
    }

    // The rollout limit clashes with the PCN floor: four 1.0-WTE clinicians, at
    // most 25% of them (1.0 WTE) away in weeks 1–2, and two PCNs with a floor of
    // 1.0 each. One PCN is short by 1.0 WTE in each week: least breach 2.0.
    func testRolloutLimitThatClashesWithPCNFloors() throws {
        let m = Micro(toml: toml(weeks: 2, "[[rollout]]\nfrom_week = 1\nto_week = 2\nmax_away_share = 0.25"),
                      sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\np3,specialist,hub\np4,specialist,hub\n",
                      demand: "site,from_week,to_week,floor\npcn-a,1,2,1.0\npcn-b,1,2,1.0\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertTrue(o.leastBreachProven)
        XCTAssertEqual(e!.breachWTEWeeks, 2.0, accuracy: 1e-5)
        XCTAssertEqual(Set(v.map(\.rule)), [.floor])
        let groups = BreachReport.groups(Instance(try m.scenario()), o.rota!)
        XCTAssertEqual(groups.map(\.why.first!.reason), Array(repeating: .rollout(share: 0.25), count: groups.count))
        XCTAssertTrue(groups[0].description.hasSuffix("why: the rollout limit (at most 25% of the trust's rotating WTE away from hubs) is reached"),
                      groups[0].description)
    }

    /// The breach-only Lagrangian bound (what the search uses to prove that no
    /// valid rota exists when the eligible supply alone cannot show it): a
    /// true lower bound on the least breach, so 0 or below where a valid rota
    /// exists, and above 0 (at most the least breach) on the rollout clash.
    func testBreachBoundIsATrueBoundAndProvesTheRolloutClash() throws {
        let clock = ContinuousClock()
        let clash = Micro(toml: toml(weeks: 2, "[[rollout]]\nfrom_week = 1\nto_week = 2\nmax_away_share = 0.25"),
                          sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                          staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\np3,specialist,hub\np4,specialist,hub\n",
                          demand: "site,from_week,to_week,floor\npcn-a,1,2,1.0\npcn-b,1,2,1.0\n")
        let proof = try XCTUnwrap(LagrangianBound(instance: Instance(try clash.scenario()), breachOnly: true)
            .run(deadline: clock.now.advanced(by: .seconds(5)), iterations: 200))
        XCTAssertGreaterThan(proof, 1e-4)
        XCTAssertLessThanOrEqual(proof, 2.0 + 1e-6)

        // Feasible: the small scenario and a micro-scenario with caps, shares and a rollout limit.
        let feasible = [
            Instance(try ScenarioLoader.load(folder: SmallScenarioTests.folder)),
            Instance(try Micro(toml: toml(weeks: 6, "[rotation]\nmin_run_weeks = 2\nshare.pcn = [0.3, 0.6]\n[[rollout]]\nfrom_week = 1\nto_week = 6\nmax_away_share = 0.5"),
                               sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                               staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\np3,specialist,hub,0.8\n",
                               demand: "site,from_week,to_week,floor,target,cap\nhub,1,6,1.0,2.0,\npcn-a,1,6,,1.0,1\npcn-b,2,5,0.5,1.0,\n").scenario()),
        ]
        for instance in feasible {
            let bound = try XCTUnwrap(LagrangianBound(instance: instance, breachOnly: true)
                .run(deadline: clock.now.advanced(by: .seconds(5)), iterations: 100))
            XCTAssertLessThanOrEqual(bound, 1e-6)
        }
    }

    // MARK: Rules that conflict whatever the floors

    // A pinned 2-week PCN run with min_run 4, held in by pins at home on both sides.
    func testPinnedRunShorterThanTheMinimumRun() throws {
        let m = Micro(toml: toml(weeks: 8, "[rotation]\nmin_run_weeks = 4"), sites: hubAndPCN,
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\n",
                      pinned: "staff,week,site\np1,3,hub\np1,4,pcn\np1,5,pcn\np1,6,hub\n")
        let I = Instance(try m.scenario())
        XCTAssertEqual(RuleConflicts.structural(I).map(\.description), [
            "H5 p1: pinned to pcn in weeks 4–5 (2 weeks), shorter than min_run_weeks 4, and the run cannot be made longer: week 3 is pinned to hub, week 6 is pinned to hub",
        ])
        let (o, _, _) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertNil(o.rota)
        XCTAssertEqual(o.conflicts.map(\.rule.description), ["H5"])
        XCTAssertEqual(NeighbourhoodSearch().solve(I, SolveOptions(timeLimitSeconds: 10)).conflicts.map(\.rule.description), ["H5"])
    }

    func testPinnedRunLongerThanTheMaximumRun() throws {
        let pins = (2...5).map { "p1,\($0),pcn" }.joined(separator: "\n")
        let m = Micro(toml: toml(weeks: 8, "[rotation]\nmax_run_weeks = 3"), sites: hubAndPCN,
                      staff: "id,grade,home\np1,specialist,hub\n", pinned: "staff,week,site\n" + pins + "\n")
        XCTAssertEqual(RuleConflicts.structural(Instance(try m.scenario())).map(\.description), [
            "H6 p1: pinned to pcn in weeks 2–5 (4 weeks), longer than max_run_weeks 3",
        ])
    }

    // Share bounds that admit no whole number of weeks, and lower bounds that
    // need more weeks than the horizon once rounded up (0.55 + 0.45 is not
    // above 1, so not an input error, but 6 + 5 weeks is above 10).
    func testShareLowerBoundsThatCannotAllHold() throws {
        let m = Micro(toml: toml(weeks: 10, "[rotation]\nshare.pcn = [0.55, 1.0]\nshare.cas = [0.45, 1.0]"),
                      sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\ncas,cas,\n",
                      staff: "id,grade,home,share_pcn_min,share_pcn_max,share_cas_min,share_cas_max\n"
                          + "p1,specialist,hub,,,,\np2,specialist,hub,0.33,0.38,0,0\n")
        let I = Instance(try m.scenario())
        XCTAssertEqual(RuleConflicts.structural(I).map(\.description), [
            "H7 p1: the share lower bounds need 6 weeks at a pcn and 5 at a cas, more than the 10 weeks of the horizon",
            "H7 p2: share of weeks at a pcn between 0.33 and 0.38 of 10 weeks means 3.3–3.8 weeks, and no whole number of weeks is in that range",
        ])
        let (o, _, _) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertEqual(o.conflicts.count, 2)
    }

    // Pins can break a cap or the rollout limit by themselves.
    func testPinsAboveACapAndAboveTheRolloutLimit() throws {
        let m = Micro(toml: toml(weeks: 4, "[[rollout]]\nfrom_week = 1\nto_week = 4\nmax_away_share = 0.4"), sites: hubAndPCN,
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\np3,specialist,hub\n",
                      demand: "site,from_week,to_week,floor,target,cap\npcn,1,1,,,1\n",
                      pinned: "staff,week,site\np1,1,pcn\np2,1,pcn\n")
        XCTAssertEqual(RuleConflicts.structural(Instance(try m.scenario())).map(\.description), [
            "H3 pcn: week 1: 2 clinicians are pinned there (p1, p2) but the cap is 1",
            "H8 no-trust: week 1: clinicians pinned away from hubs (p1, p2) come to 2 WTE, above the rollout limit of 0.4 × 3 WTE = 1.2 WTE",
        ])
    }

    // The rollout limits allow fewer weeks away than the shares need.
    func testShareLowerBoundsAboveTheRolloutLimits() throws {
        let m = Micro(toml: toml(weeks: 4, "[rotation]\nshare.pcn = [0.5, 1.0]\n[[rollout]]\nfrom_week = 1\nto_week = 4\nmax_away_share = 0.25"),
                      sites: hubAndPCN, staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\n")
        XCTAssertEqual(RuleConflicts.structural(Instance(try m.scenario())).map(\.description), [
            "H7+H8 no-trust: the share lower bounds need 4 WTE-weeks away from hubs over the year, but the rollout limits allow at most 2",
        ])
    }

    // Caps against shares are not among the quick checks: GLPK finds them by
    // switching one rule family off at a time. Three clinicians each need one
    // of two weeks at the only PCN, whose cap is one head.
    func testCapsAgainstSharesFoundBySwitchingFamiliesOff() throws {
        let m = Micro(toml: toml(weeks: 2, "[rotation]\nshare.pcn = [0.5, 1.0]"), sites: hubAndPCN,
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\np3,specialist,hub\n",
                      demand: "site,from_week,to_week,floor,target,cap\npcn,1,2,,,1\n")
        let I = Instance(try m.scenario())
        XCTAssertEqual(RuleConflicts.structural(I), [])
        let (o, _, _) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertNil(o.rota)
        XCTAssertEqual(o.conflicts.map(\.description), [
            "H3 scenario: without the caps the other rules can all hold; with it they cannot (found by switching each rule family off in turn)",
        ])
    }

    // A valid scenario has no conflicts and nothing forced.
    func testTheSmallScenarioHasNothingToExplain() throws {
        let I = Instance(try ScenarioLoader.load(folder: SmallScenarioTests.folder))
        XCTAssertEqual(RuleConflicts.structural(I), [])
        XCTAssertEqual(FloorSupply(I).forcedBreach(I), 0)
    }
}
