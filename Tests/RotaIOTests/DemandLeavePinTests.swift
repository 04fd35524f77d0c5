import Foundation
import RotaCore
import RotaIO
import XCTest

/// demand.csv, leave.csv and pinned.csv (INPUTS.md), against the baseline's
/// 13 weeks, sites H1 H2 P1 P2 C1 and clinicians S1 S2 S3.
final class DemandLeavePinTests: XCTestCase {
    /// The baseline with one more demand.csv row (it lands on line 6).
    func errors(addingDemand row: String) -> [String] {
        var files = ScenarioFiles.valid
        files.demand = files.demand!.appending(row: row)
        return files.errors()
    }

    /// The baseline with one more leave.csv row (it lands on line 3).
    func errors(addingLeave row: String) -> [String] {
        var files = ScenarioFiles.valid
        files.leave = files.leave!.appending(row: row)
        return files.errors()
    }

    /// The baseline with one more pinned.csv row (it lands on line 3).
    func errors(addingPin row: String) -> [String] {
        var files = ScenarioFiles.valid
        files.pinned = files.pinned!.appending(row: row)
        return files.errors()
    }

    // MARK: demand.csv

    func testDemandForAnUnknownSite() {
        XCTAssertEqual(errors(addingDemand: "X9,1,13,,1,"), ["demand.csv:6: column site: \"X9\" is not a site in sites.csv"])
    }

    func testDemandFromWeekAfterToWeek() {
        XCTAssertEqual(errors(addingDemand: "P2,8,3,,1,"), ["demand.csv:6: column to_week: week 3 is before from_week 8"])
    }

    func testDemandWeeksOutsideTheHorizon() {
        XCTAssertEqual(errors(addingDemand: "P2,1,14,,1,"), ["demand.csv:6: column to_week: 14 is beyond the last week (13)"])
        XCTAssertEqual(errors(addingDemand: "P2,0,3,,1,"), ["demand.csv:6: column from_week: 0 must be at least 1"])
        XCTAssertEqual(errors(addingDemand: "P2,1.5,3,,1,"), ["demand.csv:6: column from_week: \"1.5\" is not a whole number"])
        XCTAssertEqual(errors(addingDemand: "P2,,3,,1,"), ["demand.csv:6: column from_week: is required and is blank"])
    }

    func testOverlappingDemandIsReportedOnTheLaterRow() {
        // Baseline: P1 weeks 1-6 on line 3, 7-13 on line 4.
        XCTAssertEqual(errors(addingDemand: "P1,6,8,,1,"),
                       ["demand.csv:6: column from_week: weeks 6-8 of P1 overlap the row on line 3 (weeks 1-6)"])
        // The later row is the one reported even when its weeks come first.
        var files = ScenarioFiles.valid
        files.demand = csv("site,from_week,to_week,target", "P2,5,9,1", "P2,1,5,1")
        XCTAssertEqual(files.errors(),
                       ["demand.csv:3: column from_week: weeks 1-5 of P2 overlap the row on line 2 (weeks 5-9)"])
        // Rows for different sites, or touching without sharing a week, are fine.
        files.demand = csv("site,from_week,to_week,target", "P2,5,9,1", "P2,1,4,1", "P2,10,13,1", "P1,5,9,1")
        XCTAssertEqual(files.errors(), [])
    }

    func testOverlapWithARowThatHasAnotherErrorIsStillReported() {
        var files = ScenarioFiles.valid
        files.demand = csv("site,from_week,to_week,target", "P2,1,6,lots", "P2,4,8,1")
        XCTAssertEqual(files.errors(), [
            "demand.csv:2: column target: \"lots\" is not a number",
            "demand.csv:3: column from_week: weeks 4-8 of P2 overlap the row on line 2 (weeks 1-6)",
        ])
    }

    func testCapBelowFloorIsReportedOnTheDemandRowColumnCap() {
        XCTAssertEqual(errors(addingDemand: "P2,1,13,1.5,2,1"), [
            "demand.csv:6: column cap: cap 1 is below the floor 1.5 WTE: one clinician gives at most 1.0 WTE, so the floor cannot be met",
        ])
        XCTAssertEqual(errors(addingDemand: "P2,1,13,0.5,,0"), [
            "demand.csv:6: column cap: cap 0 is below the floor 0.5 WTE: one clinician gives at most 1.0 WTE, so the floor cannot be met",
        ])
        XCTAssertEqual(errors(addingDemand: "P2,1,13,2,2,2"), [])
        XCTAssertEqual(errors(addingDemand: "P2,1,13,,3,0"), [])   // a target above the cap is not an input error
    }

    func testDemandNumbersOutOfRange() {
        XCTAssertEqual(errors(addingDemand: "P2,1,13,-1,,"), ["demand.csv:6: column floor: -1 must be at least 0"])
        XCTAssertEqual(errors(addingDemand: "P2,1,13,,-0.5,"), ["demand.csv:6: column target: -0.5 must be at least 0"])
        XCTAssertEqual(errors(addingDemand: "P2,1,13,,,1.5"), ["demand.csv:6: column cap: \"1.5\" is not a whole number"])
        XCTAssertEqual(errors(addingDemand: "P2,1,13,,,-1"), ["demand.csv:6: column cap: -1 must be at least 0"])
    }

    func testDemandRowWithFloorTargetAndCapAllBlankIsAccepted() throws {
        var files = ScenarioFiles.valid
        files.demand = files.demand!.appending(row: "P2,1,13,,,")
        XCTAssertEqual(try files.scenario().demand.last, DemandRow(site: "P2", fromWeek: 1, toWeek: 13))
    }

    // MARK: leave.csv

    func testLeaveForUnknownStaff() {
        XCTAssertEqual(errors(addingLeave: "S9,2027-04-12,2027-04-13"), ["leave.csv:3: column staff: \"S9\" is not in staff.csv"])
    }

    /// INPUTS.md v1.2: UK Excel re-saves 2027-04-05 as 05/04/2027; it is read in UK order.
    func testUKDatesAreReadDayFirst() {
        XCTAssertEqual(ScenarioLoader.readDate("05/04/2027").map(\.description), .success("2027-04-05"))
        XCTAssertEqual(ScenarioLoader.readDate("5/4/2027").map(\.description), .success("2027-04-05"))
        XCTAssertEqual(ScenarioLoader.readDate("13/04/2027").map(\.description), .success("2027-04-13"))
        XCTAssertEqual(errors(addingLeave: "S2,12/04/2027,13/04/2027"), [])
    }

    func testMalformedLeaveDates() {
        XCTAssertEqual(errors(addingLeave: "S2,05.04.2027,2027-4-6"), [
            "leave.csv:3: column from: \"05.04.2027\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY (for 05.04.2027 write 2027-04-05)",
            "leave.csv:3: column to: \"2027-4-6\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY",
        ])
        XCTAssertEqual(errors(addingLeave: "S2,2027-02-29,2027-03-01"),
                       ["leave.csv:3: column from: \"2027-02-29\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY"])
        XCTAssertEqual(errors(addingLeave: "S2,2027-04-05T00:00,2027-04-06"),
                       ["leave.csv:3: column from: \"2027-04-05T00:00\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY"])
        // INPUTS.md v1.2: US order is refused with its reading named.
        XCTAssertEqual(errors(addingLeave: "S2,12/31/2027,2027-04-06"),
                       ["leave.csv:3: column from: \"12/31/2027\" is not a date: with / it is read day/month/year (UK order), and 31 is not a month; did you mean 2027-12-31?"])
        XCTAssertEqual(errors(addingLeave: "S2,31/02/2027,2027-04-06"),
                       ["leave.csv:3: column from: \"31/02/2027\" is not a date in the form YYYY-MM-DD or DD/MM/YYYY"])
        XCTAssertEqual(errors(addingLeave: "S2,,2027-04-06"), ["leave.csv:3: column from: is required and is blank"])
    }

    func testLeaveEndingBeforeItStarts() {
        XCTAssertEqual(errors(addingLeave: "S2,2027-04-20,2027-04-19"), ["leave.csv:3: column to: 2027-04-19 is before from 2027-04-20"])
        XCTAssertEqual(errors(addingLeave: "S2,2027-04-20,2027-04-20"), [])
    }

    func testLeaveMayReachOutsideTheHorizonAndOverlap() throws {
        var files = ScenarioFiles.valid
        files.leave = files.leave!.appending(row: "S2,2026-12-20,2027-04-06").appending(row: "S1,2027-04-13,2028-01-01")
        XCTAssertEqual(try files.scenario().leave.count, 3)
    }

    // MARK: pinned.csv

    func testPinForUnknownStaffOrSite() {
        XCTAssertEqual(errors(addingPin: "S9,3,P1"), ["pinned.csv:3: column staff: \"S9\" is not in staff.csv"])
        XCTAssertEqual(errors(addingPin: "S1,3,X9"), ["pinned.csv:3: column site: \"X9\" is not a site in sites.csv"])
    }

    func testPinWeekOutsideTheHorizon() {
        XCTAssertEqual(errors(addingPin: "S1,14,P1"), ["pinned.csv:3: column week: 14 is beyond the last week (13)"])
        XCTAssertEqual(errors(addingPin: "S1,0,P1"), ["pinned.csv:3: column week: 0 must be at least 1"])
        XCTAssertEqual(errors(addingPin: "S1,two,P1"), ["pinned.csv:3: column week: \"two\" is not a whole number"])
    }

    func testTwoPinsOfOneClinicianWeekNamingDifferentSites() {
        XCTAssertEqual(errors(addingPin: "S1,2,H1"), ["pinned.csv:3: column site: S1 is already pinned to P1 in week 2 (line 2)"])
    }

    func testIdenticalRepeatedPinIsAccepted() throws {
        var files = ScenarioFiles.valid
        files.pinned = files.pinned!.appending(row: "S1,2,P1").appending(row: " S1 , 2 , P1 ")
        XCTAssertEqual(try files.scenario().pins, [Pin(staff: "S1", week: 2, site: "P1")])
    }

    func testPinnedSiteTheClinicianIsNotEligibleFor() {
        // On the pin's row, column site, saying why.
        XCTAssertEqual(errors(addingPin: "S3,3,P1"),
                       ["pinned.csv:3: column site: S3 cannot be placed at P1: the clinician does not rotate"])
        XCTAssertEqual(errors(addingPin: "S1,3,H2"),
                       ["pinned.csv:3: column site: S1 cannot be placed at H2: it is a hub other than the home hub"])
        XCTAssertEqual(errors(addingPin: "S1,3,P2"),
                       ["pinned.csv:3: column site: S1 cannot be placed at P2: it is in another ICS (ICS-B)"])
        XCTAssertEqual(errors(addingPin: "S2,3,C1"),
                       ["pinned.csv:3: column site: S2 cannot be placed at C1: it requires triage"])
        // Home hub and a site that is eligible are fine, also for a non-rotating clinician's home.
        XCTAssertEqual(errors(addingPin: "S3,3,H1"), [])
        XCTAssertEqual(errors(addingPin: "S2,3,P2"), [])
    }

    func testPinnedSiteBelowTheClinicianGradeOrTooFar() {
        var files = ScenarioFiles.valid
        files.staff = files.staff!
            .replacing(line: 3, with: "S2,Bob,advanced,H2,0.8,,true,1,0.1,0.4,,")   // max_travel_km 1
            .appending(row: "S4,Dee,paramedic,H1,1,,true,,,,,")
        files.pinned = csv("staff,week,site", "S4,1,P1", "S2,1,P2")
        XCTAssertEqual(files.errors(), [
            "pinned.csv:2: column site: S4 cannot be placed at P1: it needs grade specialist or above",
            "pinned.csv:3: column site: S2 cannot be placed at P2: it is 1.3 km away (limit 1.0 km)",
            "staff.csv:3: column share_pcn_min: S2 needs at least 0.1 of weeks at a pcn but no pcn is eligible: 1 beyond max_travel_km, 1 in another ICS",
        ])
    }

    func testPinnedSiteInAnotherTrust() {
        var files = ScenarioFiles.valid
        files.sites = files.sites!.appending(row: "P3,,pcn,ICS-A,T2,,,,,")
        files.pinned = csv("staff,week,site", "S1,1,P3")
        XCTAssertEqual(files.errors(), ["pinned.csv:2: column site: S1 cannot be placed at P3: it is in another trust (T2)"])
    }
}
