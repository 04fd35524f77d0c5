import Foundation
import RotaCore
import RotaSolver
import XCTest

/// One micro-scenario per rule and per objective term, each with its
/// optimum worked out by hand in the comment above the assertion.
final class MicroScenarioTests: XCTestCase {
    let twoSites = """
    id,kind,ics
    hub,hub,A
    pcn,pcn,A
    """

    // Leave in part of a week: 2 of the 7 dates of week 1 on leave.
    // The one clinician covers the PCN target of 1.0 with 5/7 WTE, so
    // Z = shortfall 1 − 5/7 = 2/7 (one week: no change; no coordinates: no travel).
    func testLeaveInPartOfAWeekReducesCover() throws {
        let m = Micro(toml: toml(weeks: 1), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\npcn,1,1,1.0\n",
                      leave: "staff,from,to\np1,2027-04-06,2027-04-07\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 2.0 / 7.0, accuracy: 1e-9)
        XCTAssertEqual(e!.coverage.first { $0.site == "pcn" }!.cover, 5.0 / 7.0, accuracy: 1e-12)
    }

    // Leave outside the horizon is ignored, overlapping ranges count each date once:
    // week 1 has leave on Mon–Wed (two overlapping ranges) = 3 dates → cover 4/7 at the PCN.
    func testOverlappingAndOutsideLeave() throws {
        let m = Micro(toml: toml(weeks: 1), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\npcn,1,1,1.0\n",
                      leave: "staff,from,to\np1,2027-03-01,2027-04-06\np1,2027-04-06,2027-04-07\np1,2028-01-01,2028-01-31\n")
        let (_, e, _) = try m.solve()
        XCTAssertEqual(e!.objective, 3.0 / 7.0, accuracy: 1e-9)
    }

    // H5 with the edge exemption. W = 5, min run 3, the hub needs its clinician
    // (floor 1.0) in weeks 1–3 and the PCN wants 1.0 WTE in weeks 4–5. The PCN run
    // 4–5 is 2 weeks, shorter than 3, but ends in week W and is exempt: one change,
    // Z = 0.05. Without the exemption the PCN would go short: Z = 2.0. The same
    // holds mirrored for a run that starts in week 1.
    func testMinimumRunEdgeExemption() throws {
        for (demand, expected) in [("hub,1,3,1.0,\npcn,4,5,,1.0\n", "hub hub hub pcn pcn"),
                                   ("hub,3,5,1.0,\npcn,1,2,,1.0\n", "pcn pcn hub hub hub")] {
            let m = Micro(toml: toml(weeks: 5, "[rotation]\nmin_run_weeks = 3"), sites: twoSites,
                          staff: "id,grade,home\np1,specialist,hub\n",
                          demand: "site,from_week,to_week,floor,target\n" + demand)
            let (o, e, v) = try m.solve()
            XCTAssertEqual(o.status, .optimal)
            XCTAssertEqual(v, [])
            XCTAssertEqual(e!.objective, 0.05, accuracy: 1e-9)
            XCTAssertEqual(Micro.grid(o, try m.scenario()), [expected])
        }
    }

    // H5 in the middle. W = 5, min run 3, hub floor 1.0 in weeks 1 and 5, PCN target
    // in week 3: the PCN run must lie inside weeks 2–4 and last ≥ 3 weeks, so it is
    // exactly 2–4: two changes, Z = 0.10.
    func testMinimumRunInTheMiddle() throws {
        let m = Micro(toml: toml(weeks: 5, "[rotation]\nmin_run_weeks = 3"), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,floor,target\nhub,1,1,1.0,\nhub,5,5,1.0,\npcn,3,3,,1.0\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 0.10, accuracy: 1e-9)
        let s = try m.scenario()
        XCTAssertEqual(Micro.grid(o, s), ["hub pcn pcn pcn hub"])
    }

    // H6. W = 4, max run 2, PCN target 1.0 in every week. At most 2 weeks in a
    // row at the PCN, and a home week between runs: best is P P H P (or P H P P):
    // shortfall 1.0 and 2 changes → Z = 1.10.
    func testMaximumRun() throws {
        let m = Micro(toml: toml(weeks: 4, "[rotation]\nmax_run_weeks = 2"), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\npcn,1,4,1.0\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 1.10, accuracy: 1e-9)
    }

    // Two PCNs back to back are two runs and one change (Clarifications: runs).
    // W = 4, min run 2, target 1.0 at pcn-a in weeks 1–2 and at pcn-b in weeks 3–4:
    // a b... = pcn-a pcn-a pcn-b pcn-b, one change, Z = 0.05.
    func testPCNToPCNIsOneChange() throws {
        let m = Micro(toml: toml(weeks: 4, "[rotation]\nmin_run_weeks = 2"),
                      sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\npcn-a,1,2,1.0\npcn-b,3,4,1.0\n")
        let (_, e, v) = try m.solve()
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 0.05, accuracy: 1e-9)
    }

    // Haversine travel. One week, the clinician must spend it at a PCN
    // (share.pcn = [1, 1]); the nearer of two PCNs wins:
    // Z = 0.001 × min(d(hub, pcn-w), d(hub, pcn-n)).
    func testTravelUsesHaversineAndPicksTheNearerPCN() throws {
        let m = Micro(toml: toml(weeks: 1, "[rotation]\nshare.pcn = [1.0, 1.0]"),
                      sites: "id,kind,ics,lat,lon\nhub,hub,A,52.0,-1.0\npcn-w,pcn,A,52.0,-1.1\npcn-n,pcn,A,52.1,-1.0\n",
                      staff: "id,grade,home\np1,specialist,hub\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(v, [])
        let west = referenceKm(52.0, -1.0, 52.0, -1.1)
        let north = referenceKm(52.0, -1.0, 52.1, -1.0)
        XCTAssertLessThan(west, north)
        XCTAssertEqual(e!.travelKm, west, accuracy: 1e-9)
        XCTAssertEqual(e!.objective, 0.001 * west, accuracy: 1e-12)
        XCTAssertEqual(Micro.grid(o, try m.scenario()), ["pcn-w"])
    }

    // max_travel_km rules the nearer PCN in or out: with a limit between the two
    // distances only pcn-w (6.85 km) is eligible; with a limit below both, no PCN
    // is, and the share lower bound is an input error (tested in RotaIOTests).
    func testMaxTravelLimitsEligibility() throws {
        let m = Micro(toml: toml(weeks: 1, "[rotation]\nshare.pcn = [1.0, 1.0]"),
                      sites: "id,kind,ics,lat,lon\nhub,hub,A,52.0,-1.0\npcn-w,pcn,A,52.0,-1.1\npcn-n,pcn,A,52.1,-1.0\n",
                      staff: "id,grade,home,max_travel_km\np1,specialist,hub,8\n")
        let s = try m.scenario()
        XCTAssertEqual(Instance(s).eligible[0].map { s.sites[$0].id }, ["hub", "pcn-w"])
    }

    // H3: target 2.0 at the PCN but a cap of one head: one clinician goes, Z = 1.0.
    func testCapLimitsHeads() throws {
        let m = Micro(toml: toml(weeks: 1), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\n",
                      demand: "site,from_week,to_week,target,cap\npcn,1,1,2.0,1\n")
        let (_, e, v) = try m.solve()
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 1.0, accuracy: 1e-9)
    }

    // H4: a pin wins over the objective. p1 is pinned to the hub in week 1 although
    // the PCN wants 1.0 WTE; with W = 1 the shortfall is 1.0.
    func testPinIsKept() throws {
        let m = Micro(toml: toml(weeks: 1), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\npcn,1,1,1.0\n",
                      pinned: "staff,week,site\np1,1,hub\n")
        let (o, e, _) = try m.solve()
        XCTAssertEqual(Micro.grid(o, try m.scenario()), ["hub"])
        XCTAssertEqual(e!.objective, 1.0, accuracy: 1e-9)
    }

    // H7 with the 1e-9 rounding: share.pcn = [0.35, 0.35] with W = 20 is
    // 7.000000000000001 weeks, and 7 weeks pass. No demand, so the cheapest rota is
    // one PCN block at an edge: Z = one change = 0.05, and exactly 7 PCN weeks.
    func testShareRoundingTolerance() throws {
        let m = Micro(toml: toml(weeks: 20, "[rotation]\nshare.pcn = [0.35, 0.35]"), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.shares[0].pcnWeeks, 7)
        XCTAssertEqual(e!.objective, 0.05, accuracy: 1e-9)
    }

    // H8: two rotating clinicians of equal WTE, each PCN wants 1.0 WTE, but in the
    // rollout week at most half of the WTE may be away: one PCN goes short, Z = 1.0.
    func testRolloutLimitsWTEAway() throws {
        let m = Micro(toml: toml(weeks: 1, "[[rollout]]\nfrom_week = 1\nto_week = 1\nmax_away_share = 0.5"),
                      sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
                      staff: "id,grade,home\np1,specialist,hub\np2,specialist,hub\n",
                      demand: "site,from_week,to_week,target\npcn-a,1,1,1.0\npcn-b,1,1,1.0\n")
        let (_, e, v) = try m.solve()
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 1.0, accuracy: 1e-9)
    }

    // H8 groups by trust: each trust may send half its rotating WTE away. Trust X has
    // p1 and p2, trust Y has p3 alone (half of one clinician: nobody can go).
    // Targets 1.0 at each trust's PCN: X covers one PCN, Y none → Z = 1.0 + 1.0 = 2.0.
    func testRolloutIsPerTrust() throws {
        let m = Micro(toml: toml(weeks: 1, "[[rollout]]\nfrom_week = 1\nto_week = 1\nmax_away_share = 0.5"),
                      sites: "id,kind,ics,trust\nhx,hub,A,X\npx1,pcn,A,X\npx2,pcn,A,X\nhy,hub,B,Y\npy,pcn,B,Y\n",
                      staff: "id,grade,home\np1,specialist,hx\np2,specialist,hx\np3,specialist,hy\n",
                      demand: "site,from_week,to_week,target\npx1,1,1,1.0\npx2,1,1,1.0\npy,1,1,1.0\n")
        let (_, e, v) = try m.solve()
        XCTAssertEqual(v, [])
        XCTAssertEqual(e!.objective, 2.0, accuracy: 1e-9)
    }

    // same_ics_pcn = false opens a PCN of another ICS; true (default) keeps it shut.
    func testSameICSRule() throws {
        let sites = "id,kind,ics\nhub,hub,A\nother,pcn,B\n"
        let open = Micro(toml: toml(weeks: 1, "[rotation]\nsame_ics_pcn = false"), sites: sites,
                         staff: "id,grade,home\np1,specialist,hub\n",
                         demand: "site,from_week,to_week,target\nother,1,1,1.0\n")
        XCTAssertEqual(try open.solve().1!.objective, 0, accuracy: 1e-9)
        let shut = Micro(toml: toml(weeks: 1), sites: sites, staff: "id,grade,home\np1,specialist,hub\n",
                         demand: "site,from_week,to_week,target\nother,1,1,1.0\n")
        XCTAssertEqual(try shut.solve().1!.objective, 1.0, accuracy: 1e-9)
    }

    // Shortfall weights and priority: hub shortfall weight 3, PCN priority 2 ⇒ a
    // missing WTE at the hub costs 3, at the PCN 2. One clinician, both want 1.0:
    // the clinician stays at the hub, Z = 2.0.
    func testShortfallWeightsAndPriority() throws {
        let m = Micro(toml: toml(weeks: 1, "[weights]\nshortfall = { hub = 3.0, pcn = 1.0, cas = 1.0 }"),
                      sites: "id,kind,ics,priority\nhub,hub,A,\npcn,pcn,A,2\n",
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\nhub,1,1,1.0\npcn,1,1,1.0\n")
        let (o, e, _) = try m.solve()
        XCTAssertEqual(Micro.grid(o, try m.scenario()), ["hub"])
        XCTAssertEqual(e!.objective, 2.0, accuracy: 1e-9)
    }

    // Grade and skills: the PCN needs an advanced paramedic with prescribing; only p2 is.
    func testGradeAndSkillsEligibility() throws {
        let m = Micro(toml: toml(weeks: 1),
                      sites: "id,kind,ics,min_grade,requires\nhub,hub,A,,\npcn,pcn,A,advanced,prescribing\n",
                      staff: "id,grade,home,skills\np1,advanced,hub,\np2,advanced,hub,prescribing;minor_illness\np3,specialist,hub,prescribing\n",
                      demand: "site,from_week,to_week,target\npcn,1,1,1.0\n")
        let (o, e, _) = try m.solve()
        XCTAssertEqual(Micro.grid(o, try m.scenario()), ["hub", "pcn", "hub"])
        XCTAssertEqual(e!.objective, 0, accuracy: 1e-9)
    }

    // A non-rotating clinician stays at home even where a PCN is short.
    func testNonRotatingStaysHome() throws {
        let m = Micro(toml: toml(weeks: 2), sites: twoSites,
                      staff: "id,grade,home,rotates\np1,advanced,hub,FALSE\n",
                      demand: "site,from_week,to_week,target\npcn,1,2,1.0\n")
        let (o, e, _) = try m.solve()
        XCTAssertEqual(Micro.grid(o, try m.scenario()), ["hub hub"])
        XCTAssertEqual(e!.objective, 2.0, accuracy: 1e-9)
    }

    // No valid rota: the hub floor of 2.0 WTE with one clinician. The least-breach
    // rota breaks the floor by exactly 1.0 WTE in each of the 2 weeks.
    func testInfeasibleFloorGivesLeastBreachRota() throws {
        let m = Micro(toml: toml(weeks: 2), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,floor\nhub,1,2,2.0\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertEqual(o.leastBreach!, 2.0, accuracy: 1e-5)
        XCTAssertEqual(e!.breachWTEWeeks, 2.0, accuracy: 1e-9)
        XCTAssertEqual(Set(v.map(\.rule)), [.floor])
    }

    // Rules that conflict whatever the floors: share bounds [0.3, 0.4] of 2 weeks admit
    // no whole number of weeks (0.6…0.8). No rota at all: infeasible without a rota.
    func testConflictingRulesGiveNoRota() throws {
        let m = Micro(toml: toml(weeks: 2, "[rotation]\nshare.pcn = [0.3, 0.4]"), sites: twoSites,
                      staff: "id,grade,home\np1,specialist,hub\n")
        let (o, _, _) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertNil(o.rota)
    }

    // A hub with no staff is allowed, but its floor cannot be met: no valid rota,
    // and the least-breach rota breaks it by the whole floor (Clarifications).
    // Its target counts in Z even though nobody can serve there.
    func testHubWithNoStaffBreachesItsFloor() throws {
        let m = Micro(toml: toml(weeks: 1), sites: "id,kind,ics\nhub,hub,A\nempty,hub,A\npcn,pcn,A\n",
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,floor,target\nempty,1,1,2.0,3.0\n")
        let (o, e, v) = try m.solve()
        XCTAssertEqual(o.status, .infeasible)
        XCTAssertEqual(e!.breachWTEWeeks, 2.0, accuracy: 1e-9)
        XCTAssertEqual(v.map(\.description), ["H2 empty week 1: cover 0 WTE is below the floor 2 WTE"])
        XCTAssertEqual(e!.objective, 3.0, accuracy: 1e-9)
    }

    // A target where nobody can serve is shortfall the bound must include: with
    // no floor, the rota is optimal and the bound equals Z (gap 0).
    func testUnservedTargetIsInTheBound() throws {
        let m = Micro(toml: toml(weeks: 1), sites: "id,kind,ics\nhub,hub,A\nempty,hub,A\n",
                      staff: "id,grade,home\np1,specialist,hub\n",
                      demand: "site,from_week,to_week,target\nempty,1,1,3.0\n")
        let (o, e, _) = try m.solve()
        XCTAssertEqual(o.status, .optimal)
        XCTAssertEqual(e!.objective, 3.0, accuracy: 1e-9)
        XCTAssertEqual(o.bound!, 3.0, accuracy: 1e-9)
    }
}
