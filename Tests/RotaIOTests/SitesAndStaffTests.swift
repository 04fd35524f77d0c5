import Foundation
import RotaCore
import RotaIO
import XCTest

/// sites.csv and staff.csv, cell by cell (INPUTS.md tables and "Bad input").
final class SitesAndStaffTests: XCTestCase {
    /// The baseline with one more sites.csv row (it lands on line 7).
    func errors(addingSite row: String) -> [String] {
        var files = ScenarioFiles.valid
        files.sites = files.sites!.appending(row: row)
        return files.errors()
    }

    /// The baseline with one more staff.csv row (it lands on line 5).
    func errors(addingStaff row: String) -> [String] {
        var files = ScenarioFiles.valid
        files.staff = files.staff!.appending(row: row)
        return files.errors()
    }

    // MARK: sites.csv

    func testDuplicateSiteID() {
        XCTAssertEqual(errors(addingSite: "H1,Again,hub,ICS-A,,,,,,"),
                       ["sites.csv:7: column id: \"H1\" is already used on line 2"])
    }

    func testDuplicateOfARowWithAnotherErrorIsStillADuplicate() {
        var files = ScenarioFiles.valid
        files.sites = files.sites!
            .replacing(line: 5, with: "P2,South PCN,pcn,ICS-B,T1,52.40,-1.50,,,0")   // bad priority
            .appending(row: "P2,Again,pcn,ICS-B,,,,,,")
        XCTAssertEqual(files.errors(), [
            "sites.csv:5: column priority: 0 must be above 0",
            "sites.csv:7: column id: \"P2\" is already used on line 5",
        ])
    }

    func testSiteIDWithCharactersOutsideLettersDigitsDotUnderscoreHyphen() {
        XCTAssertEqual(errors(addingSite: "P 3,,pcn,ICS-A,,,,,,"),
                       ["sites.csv:7: column id: \"P 3\" may only use letters, digits, '.', '_' and '-'"])
        XCTAssertEqual(errors(addingSite: "P/3,,pcn,ICS-A,,,,,,"),
                       ["sites.csv:7: column id: \"P/3\" may only use letters, digits, '.', '_' and '-'"])
        XCTAssertEqual(errors(addingSite: "pcn.north_3-b,,pcn,ICS-A,,,,,,"), [])
    }

    func testBlankSiteID() {
        XCTAssertEqual(errors(addingSite: ",Nameless,pcn,ICS-A,,,,,,"), ["sites.csv:7: column id: is required and is blank"])
    }

    func testBadKind() {
        XCTAssertEqual(errors(addingSite: "X1,,gp,ICS-A,,,,,,"), ["sites.csv:7: column kind: \"gp\" is not hub, pcn or cas"])
        XCTAssertEqual(errors(addingSite: "X1,,,ICS-A,,,,,,"), ["sites.csv:7: column kind: is required and is blank"])
    }

    func testICSIsRequiredForHubAndPCNButNotForCAS() {
        XCTAssertEqual(errors(addingSite: "H3,,hub,,,,,,,"), ["sites.csv:7: column ics: is required for a hub"])
        XCTAssertEqual(errors(addingSite: "P3,,pcn,,,,,,,"), ["sites.csv:7: column ics: is required for a pcn"])
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,,,,,"), [])
        XCTAssertEqual(errors(addingSite: "C2,,cas,ICS-A,,,,,,"), [])
    }

    func testLatAndLonGoTogether() {
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,52.1,,,,"),
                       ["sites.csv:7: column lon: lat and lon go together: give both or neither"])
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,,-1.2,,,"),
                       ["sites.csv:7: column lat: lat and lon go together: give both or neither"])
    }

    func testLatAndLonOutOfRange() {
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,91,-1.2,,,"), ["sites.csv:7: column lat: 91 must be at most 90"])
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,-90.5,-1.2,,,"), ["sites.csv:7: column lat: -90.5 must be at least -90"])
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,52.1,-181,,,"), ["sites.csv:7: column lon: -181 must be at least -180"])
        XCTAssertEqual(errors(addingSite: "C2,,cas,,,90,180,,,"), [])
    }

    func testBadMinGrade() {
        XCTAssertEqual(errors(addingSite: "P3,,pcn,ICS-A,,,,expert,,"),
                       ["sites.csv:7: column min_grade: \"expert\" is not paramedic, specialist or advanced"])
    }

    func testPriorityMustBePositive() {
        XCTAssertEqual(errors(addingSite: "P3,,pcn,ICS-A,,,,,,0"), ["sites.csv:7: column priority: 0 must be above 0"])
        XCTAssertEqual(errors(addingSite: "P3,,pcn,ICS-A,,,,,,-2"), ["sites.csv:7: column priority: -2 must be above 0"])
        XCTAssertEqual(errors(addingSite: "P3,,pcn,ICS-A,,,,,,high"), ["sites.csv:7: column priority: \"high\" is not a number"])
    }

    func testSiteOptionalCellsAreRead() throws {
        var files = ScenarioFiles.valid
        files.sites = files.sites!.appending(row: "P3,Third PCN,pcn,ICS-A,T2,,,advanced, ecg ; triage;ecg,0.5")
        let p3 = try files.scenario().sites.last
        XCTAssertEqual(p3, Site(id: "P3", name: "Third PCN", kind: .pcn, ics: "ICS-A", trust: "T2",
                                minGrade: .advanced, requires: ["ecg", "triage"], priority: 0.5))
    }

    // MARK: staff.csv

    func testDuplicateStaffID() {
        XCTAssertEqual(errors(addingStaff: "S1,Again,specialist,H1,,,,,,,,"),
                       ["staff.csv:5: column id: \"S1\" is already used on line 2"])
    }

    func testBadGrade() {
        XCTAssertEqual(errors(addingStaff: "S4,,technician,H1,,,,,,,,"),
                       ["staff.csv:5: column grade: \"technician\" is not paramedic, specialist or advanced"])
    }

    func testHomeThatIsNotAHubNamesItsKind() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,P1,,,,,,,,"),
                       ["staff.csv:5: column home: \"P1\" is not a hub (it is a pcn)"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,C1,,,,,,,,"),
                       ["staff.csv:5: column home: \"C1\" is not a hub (it is a cas)"])
    }

    func testUnknownHome() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H9,,,,,,,,"),
                       ["staff.csv:5: column home: \"H9\" is not a site in sites.csv"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,,,,,,,,,"),
                       ["staff.csv:5: column home: is required and is blank"])
    }

    func testHomeWhoseSiteRowHasAnErrorIsNotCalledUnknown() {
        var files = ScenarioFiles.valid
        files.sites = files.sites!.replacing(line: 3, with: "H2,South hub,hub,ICS-B,T1,52.41,,,,")   // lat without lon
        // Only the sites.csv error: H2 is in sites.csv, so S2's row is not
        // blamed, and no contradiction is derived from a site that was not read.
        XCTAssertEqual(files.errors(), ["sites.csv:3: column lon: lat and lon go together: give both or neither"])
    }

    func testWTEMustBeAboveZeroAndAtMostOne() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,0,,,,,,,"), ["staff.csv:5: column wte: 0 must be above 0"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,1.5,,,,,,,"), ["staff.csv:5: column wte: 1.5 must be at most 1"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,-0.5,,,,,,,"), ["staff.csv:5: column wte: -0.5 must be above 0"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,1,,,,,,,"), [])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,0.01,,,,,,,"), [])
    }

    func testDecimalCommaIsRejectedNotReadAsAPoint() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,\"0,8\",,,,,,,"),
                       ["staff.csv:5: column wte: \"0,8\" is not a number (use a decimal point: 0.8)"])
        XCTAssertEqual(errors(addingSite: "P3,,pcn,ICS-A,,\"52,5\",-1.9,,,"),
                       ["sites.csv:7: column lat: \"52,5\" is not a number (use a decimal point: 52.5)"])
    }

    func testOtherNonNumbersAreRejected() {
        for bad in ["inf", "nan", "0x1p-1", "1e400", "½", "1.2.3", "--1", ""] where !bad.isEmpty {
            XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,\(bad),,,,,,,"),
                           ["staff.csv:5: column wte: \"\(bad)\" is not a number"], bad)
        }
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,.5,,,,,,,"), [])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,5e-1,,,,,,,"), [])
    }

    func testMaxTravelKmMustBePositive() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,0,,,,"), ["staff.csv:5: column max_travel_km: 0 must be above 0"])
    }

    func testShareOverridesMustBeWithinZeroAndOne() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,,1.2,,,-0.1"), [
            "staff.csv:5: column share_pcn_min: 1.2 must be at most 1",
            "staff.csv:5: column share_cas_max: -0.1 must be at least 0",
        ])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,,0,1,0,1"), [])
    }

    /// Spec v1.2: a staff row's crossed share bounds, alone or against
    /// scenario.toml's (PCN [0, 0.5], CAS [0, 0.3]), are an input error on the row.
    func testCrossedShareOverridesAreAnInputError() {
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,,0.6,0.5,,"),
                       ["staff.csv:5: column share_pcn_min: 0.6 is above share_pcn_max (0.5); a lowest share cannot exceed the highest"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,,0.6,,,"),
                       ["staff.csv:5: column share_pcn_min: 0.6 is above the highest PCN share 0.5 (scenario.toml rotation.share.pcn); give the row a share_pcn_max too"])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,,,,,0"), [])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,,,0.6,0.7,0.5,0.5"),
                       ["staff.csv:5: column share_pcn_min: the lowest shares add up to more than 1 (PCN 0.6 + CAS 0.5): no rota can keep both"])
        // Shares bind only rotating clinicians: against scenario.toml's bound a
        // non-rotating row's override is harmless; crossed on its own row it is not.
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,false,,0.6,,,"), [])
        XCTAssertEqual(errors(addingStaff: "S4,,specialist,H1,,,false,,,,0.3,0.2"),
                       ["staff.csv:5: column share_cas_min: 0.3 is above share_cas_max (0.2); a lowest share cannot exceed the highest"])
    }

    func testStaffOptionalCellsAreRead() throws {
        var files = ScenarioFiles.valid
        files.staff = files.staff!.appending(row: "S4,Dee,Advanced,H2,0.6,ecg;;triage ,FALSE,12.5,0.2,0.3,0.05,0.1")
        let s4 = try files.scenario().clinicians.last
        XCTAssertEqual(s4, Clinician(id: "S4", name: "Dee", grade: .advanced, home: "H2", wte: 0.6,
                                     skills: ["ecg", "triage"], rotates: false, maxTravelKm: 12.5,
                                     sharePCNMin: 0.2, sharePCNMax: 0.3, shareCASMin: 0.05, shareCASMax: 0.1))
    }
}
