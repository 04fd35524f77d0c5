import Foundation
import RotaCore
import RotaGen
import RotaIO
@testable import RotaSolver
import XCTest

/// `rota replan` (issue #7): history is kept, moves are few and explained,
/// history that contradicts the new tables is reported, not rewritten.
final class ReplanTests: XCTestCase {
    let sites = "id,kind,ics,min_grade\nhub,hub,A,\npcn-a,pcn,A,specialist\npcn-b,pcn,A,\n"

    /// The agreed rota as rota.csv text: one string of sites per clinician.
    func agreed(_ rows: [String: [String]]) -> String {
        var out = "staff,week,site\n"
        for staff in rows.keys.sorted() {
            for (w, site) in rows[staff]!.enumerated() { out += "\(staff),\(w + 1),\(site)\n" }
        }
        return out
    }

    /// `valid`: whether the rota must pass the validator (false for a
    /// scenario with no valid rota, whose least-breach rota is returned).
    func replanned(_ m: Micro, _ previous: String, from week: Int, strategy: SolveStrategy = PlainSolve(), valid: Bool = true)
        throws -> (Scenario, SolveOutcome, [Placement]) {
        let rows = try RotaReader.parseWithLines(previous, file: "agreed.csv")
        let s = try ReplanLoader.apply(previous: rows, file: "agreed.csv", fromWeek: week, to: try m.scenario())
        let I = Instance(s)
        let o = strategy.solve(I, SolveOptions(timeLimitSeconds: 30))
        let placements = try XCTUnwrap(o.rota).placements(I)
        if valid { XCTAssertEqual(Validator(s).check(placements), [], "the re-planned rota must pass the validator") }
        return (s, o, placements)
    }

    func sites(_ s: Scenario, _ p: [Placement], _ staff: String) -> [String] {
        p.filter { $0.staff == staff }.sorted { $0.week < $1.week }.map(\.site)
    }

    // p1 runs pcn-a (floor 1.0) and leaves at the end of week 5. Only p2 may
    // work at pcn-a (it needs a specialist; p3 is a paramedic), so exactly one
    // other clinician moves: p2, weeks 6–8, hub → pcn-a.
    let eightWeeks = toml(weeks: 8)
    func leaverScenario(leaves: Bool) -> Micro {
        Micro(toml: eightWeeks, sites: sites,
              staff: "id,grade,home,to\np1,specialist,hub,\(leaves ? "2027-05-09" : "")\np2,advanced,hub,\np3,paramedic,hub,\n",
              demand: "site,from_week,to_week,floor\nhub,1,8,1.0\npcn-a,1,8,1.0\n")
    }
    let agreedRota = ["p1": Array(repeating: "pcn-a", count: 8), "p2": Array(repeating: "hub", count: 8),
                      "p3": Array(repeating: "hub", count: 8)]

    func testOneLeaverAndExactlyOneOtherClinicianMoves() throws {
        let (s, o, p) = try replanned(leaverScenario(leaves: true), agreed(agreedRota), from: 6)
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(sites(s, p, "p1"), ["pcn-a", "pcn-a", "pcn-a", "pcn-a", "pcn-a", "hub", "hub", "hub"])
        XCTAssertEqual(sites(s, p, "p2"), ["hub", "hub", "hub", "hub", "hub", "pcn-a", "pcn-a", "pcn-a"])
        XCTAssertEqual(sites(s, p, "p3"), Array(repeating: "hub", count: 8))
        let moves = Moves.list(s, p)
        XCTAssertEqual(moves.map { "\($0.staff) \($0.fromWeek)-\($0.toWeek) \($0.was)>\($0.now)" },
                       ["p2 6-8 hub>pcn-a"], "p1 held at home after leaving is no move")
        XCTAssertTrue(moves[0].why.hasPrefix("keeps the floor at pcn-a weeks 6–8"), moves[0].why)
        let e = Validator(s).evaluate(p)
        XCTAssertEqual(e.moves, 3)
        XCTAssertEqual(e.disruptionTerm, 300, accuracy: 1e-9)   // p2's 3 clinician-weeks × the default 100
        // The search reaches the same rota (Z includes the disruption term there too).
        let (_, o2, p2) = try replanned(leaverScenario(leaves: true), agreed(agreedRota), from: 6, strategy: NeighbourhoodSearch())
        XCTAssertNotNil(o2.rota)
        XCTAssertEqual(Validator(s).evaluate(p2).objective, e.objective, accuracy: 1e-9)
    }

    // The hub's floor rises from 2.0 to 2.2 WTE in weeks 5–8, over the two
    // clinicians agreed there: p3 must come back from pcn-a for those weeks
    // (4 moves, 400, and one change, 0.05). The relaxation met the extra 0.2
    // with a fifth of p3 and paid a fifth of each move (the bound was about
    // 80); the arrival cuts make it pay whole moves.
    func testTheBoundPaysAWholeMoveWhereTheAgreedCliniciansFallShortOfAFloor() throws {
        let m = Micro(toml: eightWeeks, sites: sites, staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\np3,specialist,hub\n",
                      demand: "site,from_week,to_week,floor\nhub,1,4,2.0\nhub,5,8,2.2\n")
        let before = ["p1": Array(repeating: "hub", count: 8), "p2": Array(repeating: "hub", count: 8),
                      "p3": Array(repeating: "pcn-a", count: 8)]
        let (s, o, p) = try replanned(m, agreed(before), from: 3)
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(sites(s, p, "p3"), ["pcn-a", "pcn-a", "pcn-a", "pcn-a", "hub", "hub", "hub", "hub"])
        let optimum = Validator(s).evaluate(p).objective
        XCTAssertEqual(optimum, 400.05, accuracy: 1e-9)

        let I = Instance(s)
        let cuts = ArrivalCuts(I, floorRHS: LagrangianBound.floorRHS(I))
        XCTAssertEqual(cuts.site.map { s.sites[$0].id }, Array(repeating: "hub", count: 4))
        XCTAssertEqual(cuts.week, [4, 5, 6, 7], "only the weeks where the agreed clinicians fall short")
        let clock = ContinuousClock()
        // Without the MIR cuts, which see it here too (a floor of 2.2 takes
        // three whole clinicians of 1.0) but not with mixed WTEs, nor in the
        // short step schedule of the larger scenarios.
        let bound = try XCTUnwrap(LagrangianBound(instance: I, cuts: false, steps: .long)
            .run(deadline: clock.now.advanced(by: .seconds(10))))
        XCTAssertLessThanOrEqual(bound, optimum + 1e-6, "a true lower bound")
        XCTAssertGreaterThan(bound, 399, "four whole moves")
        // The search reaches the optimum and proves it within its gap.
        let (_, o2, p2) = try replanned(m, agreed(before), from: 3, strategy: NeighbourhoodSearch())
        XCTAssertEqual(Validator(s).evaluate(p2).objective, optimum, accuracy: 1e-9)
        XCTAssertGreaterThan(try XCTUnwrap(o2.bound), 399)
    }

    // The hub's floor rises from 2.0 to 3.0 over the two 1.0 WTE clinicians
    // agreed there; the two who may come are 0.6 WTE each, so both must
    // (k = 2): 8 moves and two changes. Counting one arrival, the floor row
    // alone asks only 1.0 / 0.6 of a clinician a week.
    func testTheArrivalCutCountsEveryClinicianTheFloorNeeds() throws {
        let m = Micro(toml: eightWeeks, sites: sites,
                      staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,1.0\np3,specialist,hub,0.6\np4,specialist,hub,0.6\n",
                      demand: "site,from_week,to_week,floor\nhub,1,4,2.0\nhub,5,8,3.0\n")
        let before = ["p1": Array(repeating: "hub", count: 8), "p2": Array(repeating: "hub", count: 8),
                      "p3": Array(repeating: "pcn-a", count: 8), "p4": Array(repeating: "pcn-b", count: 8)]
        let (s, _, p) = try replanned(m, agreed(before), from: 3)
        let optimum = Validator(s).evaluate(p).objective
        XCTAssertEqual(optimum, 800.1, accuracy: 1e-9)
        let I = Instance(s)
        let cuts = ArrivalCuts(I, floorRHS: LagrangianBound.floorRHS(I))
        XCTAssertEqual(cuts.need, [2, 2, 2, 2])
        let clock = ContinuousClock()
        let bound = try XCTUnwrap(LagrangianBound(instance: I, cuts: false, steps: .long)
            .run(deadline: clock.now.advanced(by: .seconds(10))))
        XCTAssertLessThanOrEqual(bound, optimum + 1e-6, "a true lower bound")
        XCTAssertGreaterThan(bound, 799, "eight whole moves")
    }

    // p1 leaves after week 4 and is held at home (the hub) from week 5 with no
    // cover; the hub's floor rises to 3.0 there, so p4 must come back from
    // pcn-b (4 moves). p1 at the hub is no arrival: counted as one, it met
    // the hub's cut for nothing and the bound missed p4's moves.
    func testALeaverHeldAtHomeIsNoArrival() throws {
        let m = Micro(toml: eightWeeks, sites: sites,
                      staff: "id,grade,home,to\np1,specialist,hub,2027-05-02\np2,specialist,hub,\np3,specialist,hub,\np4,specialist,hub,\n",
                      demand: "site,from_week,to_week,floor\nhub,1,4,2.0\nhub,5,8,3.0\n")
        let before = ["p1": Array(repeating: "pcn-a", count: 8), "p2": Array(repeating: "hub", count: 8),
                      "p3": Array(repeating: "hub", count: 8), "p4": Array(repeating: "pcn-b", count: 8)]
        let (s, _, p) = try replanned(m, agreed(before), from: 5)
        let optimum = Validator(s).evaluate(p).objective
        let I = Instance(s)
        let (p1, hub) = (I.clinicians.firstIndex { $0.id == "p1" }!, I.sites.firstIndex { $0.id == "hub" }!)
        XCTAssertFalse((4..<8).contains { ArrivalCuts.arrives(I, p1, hub, $0) })
        XCTAssertEqual(ArrivalCuts(I, floorRHS: LagrangianBound.floorRHS(I)).need, [1, 1, 1, 1])
        let clock = ContinuousClock()
        let bound = try XCTUnwrap(LagrangianBound(instance: I, cuts: false, steps: .long)
            .run(deadline: clock.now.advanced(by: .seconds(10))))
        XCTAssertLessThanOrEqual(bound, optimum + 1e-6, "a true lower bound")
        XCTAssertGreaterThan(bound, 399, "p4's four whole moves")
    }

    // Generated small re-plans (as scripts/replan-bound-sweep.sh makes
    // them): the agreed rota is the search's first; every floor rises 10%
    // (up to the next 0.1 WTE) from week 5, re-planned from week 5. Where
    // GLPK proves the optimum, the bound with the arrival cuts is below it
    // (100 exact iterations: the same every run), and so is the search's
    // reported bound. Without the cuts the bound was 34–79% below such
    // optima; with them seed 3 is within 0.1%, seed 10 (the widest gap of
    // the sweep) about 18%.
    func testTheReplanBoundNeverExceedsTheOptimumOnGeneratedReplans() throws {
        var checked = 0
        for seed: UInt64 in [3, 10] {
            let (I0, first) = try generatedSmallScenario(seed: seed)
            let g = ScenarioGenerator.generate(.small, seed: seed)
            var demand = "site,from_week,to_week,floor,target,cap\n"
            for line in try XCTUnwrap(g.file("demand.csv")).split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let (a, b) = (Int(f[1])!, Int(f[2])!)
                for (x, y) in (a < 5 && 5 <= b ? [(a, 4), (5, b)] : [(a, b)]) {
                    var r = f
                    r[1] = "\(x)"; r[2] = "\(y)"
                    if x >= 5, let floor = Double(r[3]) {
                        let raised = (floor * 1.1 * 10).rounded(.up) / 10
                        r[3] = "\(raised)"
                        if let cap = Double(r[5]), cap < raised { r[5] = "\(raised)" }
                    }
                    demand += r.joined(separator: ",") + "\n"
                }
            }
            let tables = try loadGenerated(g, demand: demand)
            var agreed = "staff,week,site\n"
            for p in first.placements(I0) { agreed += "\(p.staff),\(p.week),\(p.site)\n" }
            let rows = try RotaReader.parseWithLines(agreed, file: "agreed.csv")
            let s = try ReplanLoader.apply(previous: rows, file: "agreed.csv", fromWeek: 5, to: tables)
            let I = Instance(s)
            let whole = PlainSolve().solve(I, SolveOptions(timeLimitSeconds: 60))
            guard whole.status == .optimal else { continue }   // no valid rota after the rise
            checked += 1
            let optimum = Validator(s).evaluate(try XCTUnwrap(whole.rota).placements(I)).objective
            let clock = ContinuousClock()
            let bound = try XCTUnwrap(LagrangianBound(instance: I, steps: .long).run(deadline: clock.now.advanced(by: .seconds(30)), iterations: 100))
            XCTAssertLessThanOrEqual(bound, optimum + 1e-6, "seed \(seed)")
            XCTAssertGreaterThan(bound, 0.75 * optimum, "seed \(seed): the moves are paid for")
            // The search's own bound (priced multipliers, cuts included, handed
            // to the bound thread) on the seed where the gap is widest.
            guard seed == 10 else { continue }
            let search = NeighbourhoodSearch().solve(I, SolveOptions(timeLimitSeconds: 10))
            XCTAssertLessThanOrEqual(try XCTUnwrap(search.bound), optimum + 1e-6, "seed \(seed)")
        }
        XCTAssertEqual(checked, 2, "both seeds have a valid rota after the rise")
    }

    // No cuts where nothing is re-planned (the bound of `rota solve` is as before).
    func testNoArrivalCutsOutsideARePlan() throws {
        let s = try leaverScenario(leaves: true).scenario()
        let I = Instance(s)
        XCTAssertEqual(ArrivalCuts(I, floorRHS: LagrangianBound.floorRHS(I)).count, 0)
    }

    // No valid rota: hub-2 has a floor and no staff, so its floor is broken
    // whatever anyone does. p2's move is still explained by pcn-a's floor
    // alone, not by hub-2's breach, which undoing the move does not change.
    func testAMoveInALeastBreachRotaIsExplainedByWhatUndoingItBreaksAnew() throws {
        var m = leaverScenario(leaves: true)
        m.sites += "hub-2,hub,A,\n"
        m.demand += "hub-2,1,8,1.0\n"
        let (s, o, p) = try replanned(m, agreed(agreedRota), from: 6, valid: false)
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertEqual(Validator(s).check(p).map { "\($0.rule) \($0.subject)" }, Array(repeating: "H2 hub-2", count: 8))
        let moves = Moves.list(s, p)
        XCTAssertEqual(moves.map { "\($0.staff) \($0.fromWeek)-\($0.toWeek) \($0.was)>\($0.now)" },
                       ["p2 6-8 hub>pcn-a"], "p1's weeks after leaving are no move")
        XCTAssertEqual(moves.first?.why, "keeps the floor at pcn-a weeks 6–8")
    }

    func testNothingToMoveKeepsTheAgreedRota() throws {
        let (s, _, p) = try replanned(leaverScenario(leaves: false), agreed(agreedRota), from: 4)
        for staff in ["p1", "p2", "p3"] { XCTAssertEqual(sites(s, p, staff), agreedRota[staff]) }
        XCTAssertEqual(Moves.list(s, p), [])
        XCTAssertEqual(Validator(s).evaluate(p).moves, 0)
    }

    // p2's agreed run at pcn-b is weeks 4–8; week 4 has happened. From week 5
    // the hub needs more (target 2.0) and moves are cheap, so p2 would go home
    // at once, but a run of one week is below min_run 3: p2 stays weeks 5–6.
    func testARunStraddlingTheReplanWeekKeepsItsMinimumLength() throws {
        let m = Micro(toml: toml(weeks: 8, "[rotation]\nmin_run_weeks = 3\n[weights]\ndisruption = 0.01"), sites: sites,
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\n",
                      demand: "site,from_week,to_week,floor,target\nhub,1,4,1.0,1.0\nhub,5,8,1.0,2.0\n")
        let before = ["p1": Array(repeating: "hub", count: 8),
                      "p2": ["hub", "hub", "hub", "pcn-b", "pcn-b", "pcn-b", "pcn-b", "pcn-b"]]
        let (s, _, p) = try replanned(m, agreed(before), from: 5)
        XCTAssertEqual(sites(s, p, "p2"), ["hub", "hub", "hub", "pcn-b", "pcn-b", "pcn-b", "hub", "hub"])
        let moves = Moves.list(s, p)
        XCTAssertEqual(moves.map { "\($0.staff) \($0.fromWeek)-\($0.toWeek) \($0.was)>\($0.now)" }, ["p2 7-8 pcn-b>hub"])
        XCTAssertTrue(moves[0].why.hasPrefix("cover"), moves[0].why)
    }

    // A leaver's run is cut short by leaving, not by the plan: like a run at
    // the horizon's end, a run that ends in the last week in post is exempt
    // from min_run_weeks (p1: pcn-b weeks 3–5, 3 weeks < 4), for the whole
    // model and for the search alike.
    func testARunEndingWhenTheClinicianLeavesIsExemptFromTheMinimum() throws {
        let m = Micro(toml: toml(weeks: 8, "[rotation]\nmin_run_weeks = 4"), sites: sites,
                      staff: "id,grade,home,to\np1,specialist,hub,2027-05-09\np2,specialist,hub,\n",
                      demand: "site,from_week,to_week,floor\nhub,1,8,1.0\n")
        let before = ["p1": ["hub", "hub", "pcn-b", "pcn-b", "pcn-b", "pcn-b", "pcn-b", "pcn-b"], "p2": Array(repeating: "hub", count: 8)]
        for strategy in [PlainSolve() as SolveStrategy, NeighbourhoodSearch()] {
            let (s, _, p) = try replanned(m, agreed(before), from: 6, strategy: strategy)
            XCTAssertEqual(sites(s, p, "p1"), ["hub", "hub", "pcn-b", "pcn-b", "pcn-b", "hub", "hub", "hub"])
            XCTAssertEqual(Moves.list(s, p).map(\.why), [], "held at home after leaving is no move")
        }
        // The validator applies the same exemption, and no other.
        let s = try m.scenario()
        let cut = ["hub", "hub", "pcn-b", "pcn-b", "hub", "hub", "hub", "hub"].enumerated().map { Placement(staff: "p1", week: $0.offset + 1, site: $0.element) }
            + (1...8).map { Placement(staff: "p2", week: $0, site: "hub") }
        XCTAssertEqual(Validator(s).check(cut).map(\.rule), [.minRun])
    }

    func testHistoryThatBreaksANewPinIsReportedNotRewritten() throws {
        let m = Micro(toml: eightWeeks, sites: sites, staff: "id,grade,home\np1,specialist,hub\np2,advanced,hub\np3,paramedic,hub\n",
                      demand: "site,from_week,to_week,floor\nhub,1,8,1.0\n", pinned: "staff,week,site\np1,2,hub\n")
        let rows = try RotaReader.parseWithLines(agreed(agreedRota), file: "agreed.csv")
        XCTAssertThrowsError(try ReplanLoader.apply(previous: rows, file: "agreed.csv", fromWeek: 4, to: try m.scenario())) { error in
            XCTAssertEqual((error as! InputErrors).errors.map(\.description),
                           ["agreed.csv:3: column site: week 2 has happened with p1 at pcn-a, but pinned.csv now pins p1 to hub that week: correct pinned.csv (history is not rewritten)"])
        }
        // With the pin in a week still to come, it is not history: it is re-planned.
        XCTAssertNoThrow(try ReplanLoader.apply(previous: rows, file: "agreed.csv", fromWeek: 2, to: try m.scenario()))
    }

    func testHistoryNamingGoneClinicianOrSiteOrMissingWeeks() throws {
        let m = Micro(toml: eightWeeks, sites: sites, staff: "id,grade,home\np2,advanced,hub\np3,paramedic,hub\n",
                      demand: "site,from_week,to_week,floor\nhub,1,8,1.0\n")
        var rota = agreedRota
        rota["p3"]![1] = "pcn-z"
        rota["p2"] = Array(rota["p2"]!.prefix(1))   // p2: week 1 only
        let rows = try RotaReader.parseWithLines(agreed(rota), file: "agreed.csv")
        XCTAssertThrowsError(try ReplanLoader.apply(previous: rows, file: "agreed.csv", fromWeek: 3, to: try m.scenario())) { error in
            XCTAssertEqual((error as! InputErrors).errors.map(\.description), [
                "agreed.csv:1: column staff: p2 has no placement in week 2, which has happened (before week 3); if p2 joined later, give staff.csv a `from` date",
                "agreed.csv:2: column staff: week 1: \"p1\" is not in staff.csv any more; keep the clinician in staff.csv with a `to` date (the last day in post) so the weeks that have happened stay as they were",
                "agreed.csv:3: column staff: week 2: \"p1\" is not in staff.csv any more; keep the clinician in staff.csv with a `to` date (the last day in post) so the weeks that have happened stay as they were",
                "agreed.csv:12: column site: week 2: \"pcn-z\" is not a site in sites.csv any more",
            ])
        }
    }

    func testStaffFromAndToDates() throws {
        // A joiner from week 3 (Wednesday 2027-04-21): weeks 1–2 out of post, week 3 is 5/7.
        let m = Micro(toml: toml(weeks: 4), sites: sites, staff: "id,grade,home,from\np1,specialist,hub,2027-04-21\np2,specialist,hub,\n",
                      demand: "site,from_week,to_week,target\npcn-b,1,4,1.0\n")
        let s = try m.scenario()
        let I = Instance(s)
        XCTAssertEqual(I.cover[0], [0, 0, 5.0 / 7, 1.0])
        XCTAssertEqual(I.pinned[0], [0, 0, nil, nil], "held at the home hub while out of post")
        XCTAssertEqual(s.weeksInPost(s.clinicians[0]), 2)
        let v = Validator(s)
        let bad = [Placement(staff: "p1", week: 1, site: "pcn-b")] + (2...4).map { Placement(staff: "p1", week: $0, site: "hub") }
            + (1...4).map { Placement(staff: "p2", week: $0, site: "hub") }
        XCTAssertEqual(v.check(bad).map(\.description).filter { $0.hasPrefix("H4") },
                       ["H4 p1 week 1: not in post that week (staff.csv from/to), so held at hub, but placed at pcn-b"])

        var errors: [InputError] = []
        _ = ScenarioLoader.check(toml: toml(weeks: 4), sites: sites,
                                 staff: "id,grade,home,from,to\np1,specialist,hub,2027-04-21,2027-04-12\np2,specialist,hub,21-04-2027,\n",
                                 demand: "site,from_week,to_week\n", leave: nil, pinned: "staff,week,site\np1,1,pcn-b\n",
                                 defaultName: "x", errors: &errors)
        XCTAssertEqual(errors.map(\.description), [
            "staff.csv:2: column to: 2027-04-12 is before from (2027-04-21)",
            "staff.csv:3: column from: \"21-04-2027\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY (for 21-04-2027 write 2027-04-21)",
        ])
        errors = []
        _ = ScenarioLoader.check(toml: toml(weeks: 4), sites: sites, staff: "id,grade,home,from\np1,specialist,hub,2027-04-21\n",
                                 demand: "site,from_week,to_week\n", leave: nil, pinned: "staff,week,site\np1,1,pcn-b\n",
                                 defaultName: "x", errors: &errors)
        XCTAssertEqual(errors.map(\.description), [
            "pinned.csv:2: column week: p1 is not in post in week 1 (staff.csv line 2: from 2027-04-21 to -), so cannot be pinned to pcn-b",
        ])
    }
}
