import XCTest
@testable import RotaCore

final class RuleIDTests: XCTestCase {
    func testCodesAndNamesFollowTheSpecTable() {
        XCTAssertEqual(RuleID.allCases.map(\.code), ["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8"])
        XCTAssertEqual(RuleID.minRun.name, "minimum run")
        XCTAssertEqual(Violation(rule: .share, subject: "p1", week: 1, detail: "x").description, "H7 p1 week 1: x")
    }

    func testRuleSetsAreWrittenAsThePlannerReadsThem() {
        XCTAssertEqual(RuleSet([.minRun]).description, "H5")
        XCTAssertEqual(RuleSet([.rollout, .share]).description, "H7+H8")
        XCTAssertEqual(RuleSet([.pinned, .minRun, .maxRun, .share]).description, "H4-H7")
        XCTAssertEqual(RuleSet([.onePlacement, .cap, .pinned, .minRun, .maxRun, .share, .rollout]).description, "H1+H3-H8")
    }

    func testEveryModelFamilyOfARuleNamesIt() {
        XCTAssertEqual(MIPModel.Family.allCases.compactMap(\.rule), [.onePlacement, .floor, .cap, .minRun, .maxRun, .share, .rollout])
        XCTAssertEqual(MIPModel.Family.allCases.compactMap(\.rule).map(\.code), MIPModel.Family.allCases.compactMap { $0.rule == nil ? nil : $0.rawValue })
    }

    // The registry the validator and the model builder walk states every
    // rule once, in H-order: a new RuleID without its rule file fails here.
    func testEveryRuleHasOneHomeInTheRegistry() {
        XCTAssertEqual(HardRules.all.flatMap { $0.rules }, RuleID.allCases)
    }

    func testTheFloorToleranceIsOneMillionthOfAWTE() {
        XCTAssertFalse(Floor.isBreached(cover: 1.9999995, floor: 2))
        XCTAssertTrue(Floor.isBreached(cover: 1.99999, floor: 2))
        XCTAssertEqual(Floor.shortfall(cover: 1.5, floor: 2), 0.5)
        XCTAssertEqual(Floor.shortfall(cover: 2.5, floor: 2), 0)
    }

    func testShareBoundsMergeTheClinicianWithTheScenario() {
        var c = Clinician(id: "p1", grade: .specialist, home: "hub")
        var r = RotationPolicy()
        r.pcnShare = ShareBounds(lo: 0.2, hi: 0.5)
        c.shareCASMax = 0.3
        XCTAssertEqual(c.shareBounds(.pcn, r), ShareBounds(lo: 0.2, hi: 0.5))
        XCTAssertEqual(c.shareBounds(.cas, r), ShareBounds(lo: 0, hi: 0.3))
        // 0.3 × 10 weeks allows exactly 3; 0.25 × 10 needs 3 whole weeks.
        XCTAssertEqual(ShareBounds(lo: 0.25, hi: 0.3).weeks(of: 10), WeekBounds(lo: 3, hi: 3))
        XCTAssertEqual(ShareBounds(lo: 0.31, hi: 0.39).weeks(of: 10), WeekBounds(lo: 4, hi: 3))
    }
}
