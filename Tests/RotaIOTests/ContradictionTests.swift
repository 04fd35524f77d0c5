import Foundation
import RotaCore
import RotaIO
import XCTest

/// The contradictions visible in the input alone (PROBLEM.md, "When no
/// valid rota exists"), which are input errors. Pins and caps are in
/// DemandLeavePinTests; this file has the H7 share lower bounds.
final class ContradictionTests: XCTestCase {
    /// The baseline with `[rotation] share.pcn / share.cas` replaced.
    func files(pcn: String = "[0.0, 0.5]", cas: String = "[0.0, 0.3]") -> ScenarioFiles {
        var f = ScenarioFiles.valid
        f.toml = f.toml!
            .replacingOccurrences(of: "share.pcn     = [0.0, 0.5]", with: "share.pcn     = \(pcn)")
            .replacingOccurrences(of: "share.cas     = [0.0, 0.3]", with: "share.cas     = \(cas)")
        return f
    }

    func testScenarioShareLowerBoundThatEveryRotatingClinicianCanMeet() {
        // S1 can go to P1 and C1; S2 to P2; S3 does not rotate.
        XCTAssertEqual(files(pcn: "[0.2, 0.5]").errors(), [])
    }

    func testPCNShareWithNoEligiblePCNIsReportedOnTheStaffRow() {
        var f = files(pcn: "[0.2, 0.5]")
        // S4, a paramedic of H1: P1 needs a specialist, P2 is in ICS-B.
        f.staff = f.staff!.appending(row: "S4,Dee,paramedic,H1,1,,true,,,,,")
        XCTAssertEqual(f.errors(), [
            "staff.csv:5: column share_pcn_min: S4 needs at least 0.2 of weeks at a pcn but no pcn is eligible: 1 in another ICS, 1 needing grade specialist",
        ])
    }

    func testReasonsAreCountedMostCommonFirst() {
        var f = files(pcn: "[0.2, 0.5]")
        f.sites = f.sites!.appending(row: "P3,,pcn,ICS-A,,,,,,").appending(row: "P4,,pcn,ICS-A,,,,,,")
        // S4, a paramedic of H2 who travels at most 1 km: P1 needs a
        // specialist, P3 and P4 are in ICS-A, P2 is 1.3 km away.
        f.staff = f.staff!.appending(row: "S4,Dee,paramedic,H2,1,,true,1,,,,")
        XCTAssertEqual(f.errors(), [
            "staff.csv:5: column share_pcn_min: S4 needs at least 0.2 of weeks at a pcn but no pcn is eligible: 2 in another ICS, 1 beyond max_travel_km, 1 needing grade specialist",
        ])
    }

    func testPersonalOverrideIsTheBoundThatCounts() {
        var f = files()
        // S2's own share_pcn_min is 0.1; with max_travel_km 1, P2 (1.3 km) is too far.
        f.staff = f.staff!.replacing(line: 3, with: "S2,Bob,advanced,H2,0.8,,true,1,0.1,0.4,,")
        XCTAssertEqual(f.errors(), [
            "staff.csv:3: column share_pcn_min: S2 needs at least 0.1 of weeks at a pcn but no pcn is eligible: 1 beyond max_travel_km, 1 in another ICS",
        ])
        // An override of 0 lifts the scenario's lower bound.
        f = files(pcn: "[0.2, 0.5]")
        f.staff = f.staff!.replacing(line: 3, with: "S2,Bob,advanced,H2,0.8,,true,1,0,0.4,,")
        XCTAssertEqual(f.errors(), [])
    }

    func testCASShareWithNoEligibleCASNamesTheKindAndWhy() {
        // S2 lacks the triage skill that C1 requires.
        XCTAssertEqual(files(cas: "[0.1, 0.3]").errors(), [
            "staff.csv:3: column share_cas_min: S2 needs at least 0.1 of weeks at a cas but no cas is eligible: 1 requiring triage",
        ])
    }

    func testShareLowerBoundWhenTheScenarioHasNoSiteOfThatKind() {
        var f = files(cas: "[0.1, 0.3]")
        f.sites = f.sites!.replacing(line: 6, with: "")
        f.demand = f.demand!.replacing(line: 5, with: "")
        XCTAssertEqual(f.errors(), [
            "staff.csv:2: column share_cas_min: S1 needs at least 0.1 of weeks at a cas but no cas is eligible: the scenario has no cas site",
            "staff.csv:3: column share_cas_min: S2 needs at least 0.1 of weeks at a cas but no cas is eligible: the scenario has no cas site",
        ])
    }

    func testSameICSRuleOffMakesOtherICSPCNsEligible() {
        var f = files(pcn: "[0.2, 0.5]")
        f.toml = f.toml!.replacingOccurrences(of: "same_ics_pcn  = true", with: "same_ics_pcn  = false")
        f.staff = f.staff!.appending(row: "S4,Dee,paramedic,H1,1,,true,,,,,")
        XCTAssertEqual(f.errors(), [])   // P2 (ICS-B, no min grade) is now eligible for S4
    }

    func testNonRotatingClinicianShareOverridesAreIgnoredButRangeChecked() {
        var f = files(pcn: "[0.2, 0.5]", cas: "[0.1, 0.3]")
        f.staff = csv("id,grade,home,skills,rotates,share_pcn_min,share_cas_min",
                      "S1,specialist,H1,triage,true,,",
                      "S3,paramedic,H1,,false,0.5,0.5")
        f.pinned = nil
        // S3 has no eligible PCN or CAS, but H7 does not apply to it.
        XCTAssertEqual(f.errors(), [])
        f.staff = f.staff!.appending(row: "S5,paramedic,H2,,FALSE,2,-1")
        XCTAssertEqual(f.errors(), [
            "staff.csv:4: column share_pcn_min: 2 must be at most 1",
            "staff.csv:4: column share_cas_min: -1 must be at least 0",
        ])
    }

    func testShareBoundsThatAdmitNoWholeWeekAreNotInputErrors() {
        // PROBLEM.md v1.1 "H7 rounding": bounds with no whole number of weeks
        // (0.5 × 13 = 6.5) are a rule conflict for the solver to report, not
        // input errors.
        let f = files(pcn: "[0.5, 0.5]")
        XCTAssertEqual(f.errors(), [])
    }

    func testLowerSharesAboveOneOrAboveTheSettingsMaximumAreInputErrors() {
        // INPUTS.md v1.2: a row's lower bound above the maximum it inherits
        // from scenario.toml is a crossed pair; so are lower bounds adding up
        // to more than 1 (S1: 0.5 + 0.6). One message per row names the fix.
        var f = files(pcn: "[0.5, 0.5]")
        f.staff = f.staff!.replacing(line: 2, with: "S1,Ann,specialist,H1,1.0,triage;prescribing,true,,,,0.6,")
        XCTAssertEqual(f.errors(), [
            "staff.csv:2: column share_cas_min: 0.6 is above the highest CAS share 0.3 (scenario.toml rotation.share.cas); give the row a share_cas_max too",
        ])
    }
}
