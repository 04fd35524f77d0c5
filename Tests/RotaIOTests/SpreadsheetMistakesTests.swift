import RotaCore
import RotaIO
import XCTest

/// The mistakes a planner makes editing the scenario in Excel (issue 28):
/// what is accepted reads exactly as the clean file; what is not gets one
/// message that says what was meant.
final class SpreadsheetMistakesTests: XCTestCase {
    let clean = ScenarioFiles.valid

    func assertSameScenario(_ files: ScenarioFiles, file: StaticString = #filePath, line: UInt = #line) throws {
        let plain = try clean.scenario(), s = try files.scenario(file: file, line: line)
        XCTAssertEqual(s.sites, plain.sites, file: file, line: line)
        XCTAssertEqual(s.clinicians, plain.clinicians, file: file, line: line)
        XCTAssertEqual(s.demand, plain.demand, file: file, line: line)
        XCTAssertEqual(s.leave, plain.leave, file: file, line: line)
        XCTAssertEqual(s.pins, plain.pins, file: file, line: line)
        XCTAssertEqual(s.rotation, plain.rotation, file: file, line: line)
        XCTAssertEqual(s.rollouts, plain.rollouts, file: file, line: line)
    }

    func testHeadersInAnyLetterCaseWithSpaces() throws {
        var f = clean
        f.staff = f.staff!.replacing(line: 1, with: "ID, Name ,Grade,Home,WTE,Skills,Rotates,Max_Travel_Km,share_pcn_min,share_pcn_max,share_cas_min,share_cas_max")
        f.pinned = f.pinned!.replacing(line: 1, with: "Staff,Week,Site")
        try assertSameScenario(f)
    }

    func testYesNoAndOneZeroForRotates() throws {
        var f = clean
        f.staff = f.staff!.replacing(line: 2, with: "S1,Ann,specialist,H1,1.0,triage;prescribing,Yes,,,,,")
            .replacing(line: 3, with: "S2,Bob,advanced,H2,0.8,,1,50,0.1,0.4,,")
            .replacing(line: 4, with: "S3,Cat,paramedic,H1,1,,N,,,,,")
        try assertSameScenario(f)
        f.staff = f.staff!.replacing(line: 4, with: "S3,Cat,paramedic,H1,1,,0,,,,,")
        try assertSameScenario(f)
        f.staff = f.staff!.replacing(line: 4, with: "S3,Cat,paramedic,H1,1,,nope,,,,,")
        XCTAssertEqual(f.errors(), ["staff.csv:4: column rotates: \"nope\" is not true or false (yes/no, y/n and 1/0 are read too)"])
    }

    func testPercentagesForSharesAndFractions() throws {
        var f = clean
        f.staff = f.staff!.replacing(line: 3, with: "S2,Bob,advanced,H2,80%,,true,50,10%,40 %,,")
        f.toml = f.toml!.replacingOccurrences(of: "share.cas     = [0.0, 0.3]", with: "share.cas     = [\"0%\", \"30%\"]")
            .replacingOccurrences(of: "max_away_share = 0.25", with: "max_away_share = \"25%\"")
        try assertSameScenario(f)
    }

    func testAPercentageWithoutItsSignIsNamed() {
        var f = clean
        f.staff = f.staff!.replacing(line: 3, with: "S2,Bob,advanced,H2,0.8,,true,50,0.1,40,,")
        f.toml = f.toml!.replacingOccurrences(of: "max_away_share = 0.25", with: "max_away_share = 25")
        XCTAssertEqual(f.errors(), [
            "scenario.toml:15: key rollout[1].max_away_share: 25 is above 1; write 0.25 for 25 %",
            "staff.csv:3: column share_pcn_max: 40 must be at most 1; write 0.4 for 40 %",
        ])
        f = clean
        f.staff = f.staff!.replacing(line: 3, with: "S2,Bob,advanced,H2,1.5,,true,50,0.1,half%,,")
        XCTAssertEqual(f.errors(), [
            "staff.csv:3: column wte: 1.5 must be at most 1",
            "staff.csv:3: column share_pcn_max: \"half%\" is not a percentage",
        ])
    }

    func testJobTitlesAsGrades() throws {
        var f = clean
        f.staff = f.staff!.replacing(line: 2, with: "S1,Ann,Specialist Paramedic,H1,1.0,triage;prescribing,true,,,,,")
            .replacing(line: 3, with: "S2,Bob,ADVANCED  paramedic,H2,0.8,,true,50,0.1,0.4,,")
            .replacing(line: 4, with: "S3,Cat,Paramedic,H1,1,,false,,,,,")
        f.sites = f.sites!.replacing(line: 4, with: "P1,North PCN,pcn,ICS-A,T1,52.50,-1.85,Specialist Paramedic,,1.5")
        try assertSameScenario(f)
        f.staff = f.staff!.replacing(line: 4, with: "S3,Cat,Consultant Paramedic,H1,1,,false,,,,,")
        XCTAssertEqual(f.errors(), ["staff.csv:4: column grade: \"Consultant Paramedic\" is not paramedic, specialist or advanced"])
    }

    func testAnUnknownIdNamesTheLikelyOne() {
        var f = clean
        f.pinned = csv("staff,week,site",
                       "S1,2,North PCN",   // the site's name
                       "s2,3,P2",          // another letter case
                       "S11,4,P1",         // one typo
                       "S3,5,X9")          // nothing close
        f.demand = f.demand!.appending(row: "p2,1,13,,1,")
        XCTAssertEqual(f.errors(), [
            "demand.csv:6: column site: \"p2\" is not a site in sites.csv; did you mean P2 (South PCN)?",
            "pinned.csv:2: column site: \"North PCN\" is not a site in sites.csv; did you mean P1 (North PCN)?",
            "pinned.csv:3: column staff: \"s2\" is not in staff.csv; did you mean S2 (Bob)?",
            "pinned.csv:4: column staff: \"S11\" is not in staff.csv; did you mean S1 (Ann)?",
            "pinned.csv:5: column site: \"X9\" is not a site in sites.csv",
        ])
    }

    func testUnicodeSpacesAreTrimmedAndInvisibleCharactersShown() throws {
        var f = clean
        // A non-breaking space after the id, and a zero-width one before it.
        f.leave = csv("staff,from,to", "\u{200B}S1\u{00A0},2027-04-12,2027-04-18")
        try assertSameScenario(f)
        f.leave = csv("staff,from,to", "S\u{00A0}1,2027-04-12,2027-04-18")
        XCTAssertEqual(f.errors(), ["leave.csv:2: column staff: \"S\\u00A01\" is not in staff.csv; did you mean S1 (Ann)?"])
    }

    func testSemicolonsBetweenCellsAreReadWhenTheHeaderIsCertain() throws {
        var f = clean
        f.sites = f.sites!.replacingOccurrences(of: ",", with: ";")
        f.pinned = "staff;week;site\nS1;2;P1\n"
        f.staff = csv("id;name;grade;home;wte;skills;rotates;max_travel_km;share_pcn_min;share_pcn_max;share_cas_min;share_cas_max",
                      "S1;Ann;specialist;H1;1.0;\"triage;prescribing\";true;;;;;",
                      "S2;Bob;advanced;H2;0.8;;true;50;0.1;0.4;;",
                      "S3;Cat;paramedic;H1;1;;false;;;;;")
        try assertSameScenario(f)
        f.pinned = "staff;week;place\nS1;2;P1\n"
        XCTAssertEqual(f.errors(), ["pinned.csv:1: column -: pinned.csv uses ';' between cells; save it as CSV (comma delimited)"])
    }

    func testWarningsForAFloorAboveItsTargetAndLeaveOutsideTheHorizon() throws {
        var f = clean
        f.demand = f.demand!.replacing(line: 2, with: "H1,1,13,2,1.5,")
        f.leave = f.leave!.appending(row: "S2,2026-04-13,2026-04-17")
        let s = try f.scenario()
        XCTAssertEqual(s.warnings.map(\.description), [
            "demand.csv:2: column target: the target 1.5 is below the floor 2: the floor must be met anyway, so the target adds nothing (were the two swapped?)",
            "leave.csv:3: column to: the leave 2026-04-13 to 2026-04-17 is wholly outside the horizon (2027-04-05 to 2027-07-04), so it changes nothing (is the year right?)",
        ])
        XCTAssertEqual(try clean.scenario().warnings, [])
    }
}
