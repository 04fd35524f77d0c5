import RotaCore
import XCTest

/// The validator flags a deliberately broken rota for each of H1–H8.
final class ValidatorTests: XCTestCase {
    /// Two hubs (one per ICS), two PCNs, a CAS; W = 6, min run 2, max run 3,
    /// PCN share 1–3 weeks (of 6), a rollout limit in weeks 1–2.
    func scenario() -> Scenario {
        var rotation = RotationPolicy()
        rotation.minRunWeeks = 2
        rotation.maxRunWeeks = 3
        rotation.pcnShare = ShareBounds(lo: 1.0 / 6, hi: 0.5)
        rotation.casShare = ShareBounds(lo: 0, hi: 0.5)
        return Scenario(
            name: "validator", start: Day(iso: "2027-04-05")!, weeks: 6, rotation: rotation,
            rollouts: [Rollout(fromWeek: 1, toWeek: 2, maxAwayShare: 0.5)],
            sites: [
                Site(id: "hub-a", kind: .hub, ics: "A"),
                Site(id: "hub-b", kind: .hub, ics: "B"),
                Site(id: "pcn-a", kind: .pcn, ics: "A"),
                Site(id: "pcn-b", kind: .pcn, ics: "B"),
                Site(id: "cas", kind: .cas),
            ],
            clinicians: [
                Clinician(id: "p1", grade: .specialist, home: "hub-a"),
                Clinician(id: "p2", grade: .specialist, home: "hub-a"),
                Clinician(id: "p3", grade: .paramedic, home: "hub-b", rotates: false),
            ],
            demand: [
                DemandRow(site: "hub-a", fromWeek: 1, toWeek: 6, floor: 1.0),
                DemandRow(site: "pcn-a", fromWeek: 1, toWeek: 6, cap: 1),
            ],
            leave: [Leave(staff: "p2", from: Day(iso: "2027-05-10")!, to: Day(iso: "2027-05-16")!)],
            pins: [Pin(staff: "p1", week: 1, site: "hub-a")])
    }

    /// A valid rota: p1 home 1–2, PCN 3–4, home 5–6; p2 PCN 5–6 (edge run), home before.
    func validRows() -> [String: [String]] {
        [
            "p1": ["hub-a", "hub-a", "pcn-a", "pcn-a", "hub-a", "hub-a"],
            "p2": ["hub-a", "hub-a", "hub-a", "hub-a", "pcn-a", "pcn-a"],
            "p3": ["hub-b", "hub-b", "hub-b", "hub-b", "hub-b", "hub-b"],
        ]
    }

    func placements(_ rows: [String: [String]]) -> [Placement] {
        rows.keys.sorted().flatMap { staff in rows[staff]!.enumerated().map { Placement(staff: staff, week: $0.offset + 1, site: $0.element) } }
    }

    func violations(_ edit: (inout [String: [String]]) -> Void) -> [String] {
        var rows = validRows()
        edit(&rows)
        return Validator(scenario()).check(placements(rows)).map(\.description)
    }

    func testValidRotaHasNoViolations() {
        XCTAssertEqual(violations { _ in }, [])
    }

    func testH1NotEligibleAndMissingAndUnknown() {
        // p1 to the other ICS's PCN; p3 (non-rotating) to a PCN; an unknown site.
        XCTAssertEqual(violations { $0["p1"]![3] = "pcn-b" }.first, "H1 p1 week 4: not eligible for pcn-b")
        XCTAssertTrue(violations { $0["p3"]![5] = "pcn-b" }.contains("H1 p3 week 6: not eligible for pcn-b"))
        XCTAssertTrue(violations { $0["p3"]![0] = "hub-a" }.contains("H1 p3 week 1: not eligible for hub-a"))
        XCTAssertTrue(violations { $0["p3"]![2] = "nowhere" }.contains("H1 p3 week 3: no site \"nowhere\" in sites.csv"))
        var rows = validRows()
        rows["p1"]!.removeLast()
        var pl = placements(rows)
        pl.append(Placement(staff: "p2", week: 2, site: "hub-a"))
        pl.append(Placement(staff: "ghost", week: 1, site: "hub-a"))
        let v = Validator(scenario()).check(pl).map(\.description)
        XCTAssertTrue(v.contains("H1 p1 week 6: no placement"), "\(v)")
        XCTAssertTrue(v.contains("H1 p2 week 2: two placements (hub-a and hub-a)"), "\(v)")
        XCTAssertTrue(v.contains("H1 ghost week 1: no clinician \"ghost\" in staff.csv"), "\(v)")
    }

    func testH2FloorBreached() {
        // Both p1 and p2 away from hub-a in week 3 leaves it with 0 of its 1.0 WTE floor.
        let v = violations { $0["p2"] = ["hub-a", "hub-a", "pcn-a", "pcn-a", "pcn-a", "hub-a"]; $0["p1"] = ["hub-a", "hub-a", "cas", "cas", "hub-a", "hub-a"] }
        XCTAssertTrue(v.contains("H2 hub-a week 3: cover 0 WTE is below the floor 1 WTE"), "\(v)")
    }

    func testH2CountsLeave() {
        // p2 is on leave all of week 6: if p1 is away in week 6 and p2 at the hub, cover is 0.
        let v = violations { $0["p1"] = ["hub-a", "hub-a", "hub-a", "hub-a", "pcn-a", "pcn-a"]; $0["p2"] = ["cas", "cas", "hub-a", "hub-a", "hub-a", "hub-a"] }
        XCTAssertEqual(v.filter { $0.hasPrefix("H2") }, ["H2 hub-a week 6: cover 0 WTE is below the floor 1 WTE"])
    }

    func testH3CapExceeded() {
        let v = violations { $0["p2"] = ["hub-a", "hub-a", "pcn-a", "pcn-a", "hub-a", "hub-a"]; $0["p1"] = ["hub-a", "hub-a", "hub-a", "pcn-a", "pcn-a", "hub-a"] }
        XCTAssertTrue(v.contains("H3 pcn-a week 4: 2 clinicians placed, cap 1"), "\(v)")
    }

    func testH4PinBroken() {
        let v = violations { $0["p1"] = ["cas", "cas", "pcn-a", "pcn-a", "hub-a", "hub-a"] }
        XCTAssertTrue(v.contains("H4 p1 week 1: pinned to hub-a but placed at cas"), "\(v)")
    }

    func testH5ShortRunInTheMiddleButNotAtTheEdges() {
        let v = violations { $0["p1"] = ["hub-a", "hub-a", "pcn-a", "hub-a", "hub-a", "hub-a"] }
        XCTAssertEqual(v.filter { $0.hasPrefix("H5") }, ["H5 p1 week 3: run of 1 week at pcn-a, minimum 2"])
        // A one-week run that ends in week W is exempt.
        XCTAssertEqual(violations { $0["p2"] = ["hub-a", "hub-a", "hub-a", "hub-a", "hub-a", "pcn-a"] }.filter { $0.hasPrefix("H5") }, [])
        // PCN then CAS directly: two runs, each must meet the minimum.
        let two = violations { $0["p1"] = ["hub-a", "hub-a", "pcn-a", "cas", "hub-a", "hub-a"] }
        XCTAssertEqual(two.filter { $0.hasPrefix("H5") }, ["H5 p1 week 3: run of 1 week at pcn-a, minimum 2", "H5 p1 week 4: run of 1 week at cas, minimum 2"])
    }

    func testH6RunTooLongIncludingEdges() {
        let v = violations { $0["p2"] = ["hub-a", "hub-a", "cas", "cas", "cas", "cas"] }
        XCTAssertTrue(v.contains("H6 p2 week 3: run of 4 weeks at cas, maximum 3 (weeks 3-6)"), "\(v)")
    }

    func testH7ShareOutOfBounds() {
        let v = violations { $0["p2"] = ["hub-a", "hub-a", "hub-a", "hub-a", "hub-a", "hub-a"] }
        XCTAssertTrue(v.contains("H7 p2 week 1: 0 weeks at pcn over weeks 1-6, at least 1 needed (share 0.166667)"), "\(v)")
    }

    func testH8RolloutExceeded() {
        // Both rotating clinicians (2.0 WTE) away in week 2: the limit is 0.5 × 2.0.
        let v = violations { $0["p1"] = ["hub-a", "cas", "cas", "pcn-a", "pcn-a", "hub-a"]; $0["p2"] = ["pcn-a", "pcn-a", "hub-a", "hub-a", "hub-a", "hub-a"] }
        XCTAssertTrue(v.contains("H8 no-trust week 2: 2 WTE away from hubs, limit 1 (0.5 of 2)"), "\(v)")
    }

    /// The same breaches as typed values, checked by the rule verifier (not by their text).
    func testBreachesCarryTheirRuleSubjectAndWeeks() {
        func check(_ edit: (inout [String: [String]]) -> Void) -> [Violation] {
            var rows = validRows()
            edit(&rows)
            return Validator(scenario()).check(placements(rows))
        }
        assertKeepsEveryRule(check { _ in })
        assertBreaks(check { $0["p1"] = ["hub-a", "hub-a", "pcn-a", "hub-a", "hub-a", "hub-a"] }, .minRun, "p1", week: 3)
        assertBreaks(check { $0["p2"] = ["hub-a", "hub-a", "cas", "cas", "cas", "cas"] }, .maxRun, "p2", week: 3, toWeek: 6)
        assertBreaks(check { $0["p1"] = ["cas", "cas", "pcn-a", "pcn-a", "hub-a", "hub-a"] }, .pinned, "p1", week: 1)
        assertBreaks(check { $0["p2"] = ["hub-a", "hub-a", "pcn-a", "pcn-a", "hub-a", "hub-a"]; $0["p1"] = ["hub-a", "hub-a", "hub-a", "pcn-a", "pcn-a", "hub-a"] },
                     .cap, "pcn-a", week: 4)
    }

    /// Every line has the shape `H<n> <who/where> week <w>: <detail>`,
    /// with one token for who/where, so a planner's script can split it.
    func testEveryViolationLineHasTheAgreedShape() throws {
        var rows = validRows()
        rows["p1"] = ["cas", "pcn-b", "pcn-a", "cas", "cas", "cas"]
        rows["p2"] = ["pcn-a", "pcn-a", "pcn-a", "pcn-a", "pcn-a", "hub-a"]
        var s = scenario()
        s.sites[0].trust = "West Midlands Ambulance Service"
        let lines = Validator(s).check(placements(rows)).map(\.description)
        XCTAssertGreaterThanOrEqual(Set(lines.map { $0.prefix(2) }).count, 6, "\(lines)")
        let shape = try Regex("^H[1-8] [^ ]+ week [0-9]+: .+$")
        for line in lines { XCTAssertNotNil(try shape.wholeMatch(in: line), line) }
    }

    func testEvaluationTermsAndKPIs() {
        var s = scenario()
        s.demand.append(DemandRow(site: "pcn-a", fromWeek: 3, toWeek: 3, target: 2.0))
        let e = Validator(s).evaluate(placements(validRows()))
        // Changes: p1 at weeks 3 and 5, p2 at week 5.
        XCTAssertEqual(e.changes, 3)
        XCTAssertEqual(e.changesTerm, 0.15, accuracy: 1e-12)
        // Target 2.0 at pcn-a in week 3 with p1 there: shortfall 1.0.
        XCTAssertEqual(e.shortfallWTEWeeks, 1.0, accuracy: 1e-12)
        XCTAssertEqual(e.byKind[.pcn]!.percentMet!, 50, accuracy: 1e-9)
        XCTAssertNil(e.byKind[.cas]!.percentMet)
        XCTAssertEqual(e.objective, 1.15, accuracy: 1e-12)
        XCTAssertEqual(e.shares.first { $0.staff == "p1" }, ClinicianShare(staff: "p1", hubWeeks: 4, pcnWeeks: 2, casWeeks: 0, changes: 2))
        // p2 is on leave all of week 6 at pcn-a: cover 0, head 1.
        let w6 = e.coverage.first { $0.site == "pcn-a" && $0.week == 6 }!
        XCTAssertEqual(w6.head, 1)
        XCTAssertEqual(w6.cover, 0, accuracy: 1e-12)
    }
}
