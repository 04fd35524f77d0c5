import Foundation
import RotaCore
import RotaIO
import XCTest

/// The texts of one scenario folder, as a planner would write them.
///
/// `valid` is a small clean scenario (2 hubs, 2 PCNs, 1 CAS, 3 clinicians);
/// each test changes one file and checks exactly which errors come back.
/// The line numbers in the comments are the CSV lines tests refer to.
struct ScenarioFiles {
    var toml: String? = ScenarioFiles.validTOML
    var sites: String? = ScenarioFiles.validSites
    var staff: String? = ScenarioFiles.validStaff
    var demand: String? = ScenarioFiles.validDemand
    var leave: String? = ScenarioFiles.validLeave
    var pinned: String? = ScenarioFiles.validPinned

    static let valid = ScenarioFiles()

    static let validTOML = """
        name  = "Test scenario"
        start = 2027-04-05
        weeks = 13

        [rotation]
        min_run_weeks = 2
        max_run_weeks = 6
        same_ics_pcn  = true
        share.pcn     = [0.0, 0.5]
        share.cas     = [0.0, 0.3]

        [[rollout]]
        from_week      = 1
        to_week        = 4
        max_away_share = 0.25

        [weights]
        shortfall = { hub = 2.0, pcn = 1.0, cas = 0.5 }
        change    = 0.05
        travel_km = 0.001

        [solver]
        time_limit_s = 30
        mip_gap      = 0.01

        """

    /// Line 2 H1 (ICS-A), 3 H2 (ICS-B), 4 P1 (ICS-A, specialist+),
    /// 5 P2 (ICS-B, 1.3 km from H2), 6 C1 (CAS, no ICS, requires triage).
    static let validSites = csv(
        "id,name,kind,ics,trust,lat,lon,min_grade,requires,priority",
        "H1,North hub,hub,ICS-A,T1,52.48,-1.90,,,",
        "H2,South hub,hub,ICS-B,T1,52.41,-1.51,,,",
        "P1,North PCN,pcn,ICS-A,T1,52.50,-1.85,specialist,,1.5",
        "P2,South PCN,pcn,ICS-B,T1,52.40,-1.50,,,",
        "C1,Clinical hub,cas,,,,,,triage,")

    /// Line 2 S1 (H1, rotates), 3 S2 (H2, rotates), 4 S3 (H1, does not rotate).
    static let validStaff = csv(
        "id,name,grade,home,wte,skills,rotates,max_travel_km,share_pcn_min,share_pcn_max,share_cas_min,share_cas_max",
        "S1,Ann,specialist,H1,1.0,triage;prescribing,true,,,,,",
        "S2,Bob,advanced,H2,0.8,,true,50,0.1,0.4,,",
        "S3,Cat,paramedic,H1,1,,false,,,,,")

    static let validDemand = csv(
        "site,from_week,to_week,floor,target,cap",
        "H1,1,13,1,1.5,",
        "P1,1,6,0,1,1",
        "P1,7,13,,0.5,",
        "C1,1,13,,,")

    static let validLeave = csv(
        "staff,from,to",
        "S1,2027-04-12,2027-04-18")

    static let validPinned = csv(
        "staff,week,site",
        "S1,2,P1")

    /// The errors `ScenarioLoader.check` reports, sorted as `load` reports them.
    func errors() -> [String] {
        var errors: [InputError] = []
        _ = ScenarioLoader.check(toml: toml, sites: sites, staff: staff, demand: demand, leave: leave,
                                 pinned: pinned, defaultName: "folder", errors: &errors)
        return InputErrors(errors).errors.map(\.description)
    }

    /// The scenario, failing the test if any error is reported.
    func scenario(file: StaticString = #filePath, line: UInt = #line) throws -> Scenario {
        var errors: [InputError] = []
        let s = ScenarioLoader.check(toml: toml, sites: sites, staff: staff, demand: demand, leave: leave,
                                     pinned: pinned, defaultName: "folder", errors: &errors)
        XCTAssertEqual(errors.map(\.description), [], file: file, line: line)
        return try XCTUnwrap(s, file: file, line: line)
    }

    /// Writes the files into a new temporary folder named `name`; absent files are not written.
    func write(into name: String) throws -> String {
        let base = URL(fileURLWithPath: temporaryFolder(), isDirectory: true)
        let folder = base.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in [("scenario.toml", toml), ("sites.csv", sites), ("staff.csv", staff),
                             ("demand.csv", demand), ("leave.csv", leave), ("pinned.csv", pinned)] {
            if let text { try text.write(to: folder.appendingPathComponent(file), atomically: false, encoding: .utf8) }
        }
        return folder.path
    }
}

/// CSV text from its lines, each ended by a newline.
func csv(_ lines: String...) -> String {
    lines.map { $0 + "\n" }.joined()
}

extension String {
    /// The text with one more line (a CSV row) at the end.
    func appending(row: String) -> String {
        self + row + "\n"
    }

    /// The text with physical line `n` (1-based) replaced by `row`.
    func replacing(line n: Int, with row: String) -> String {
        var lines = components(separatedBy: "\n")
        lines[n - 1] = row
        return lines.joined(separator: "\n")
    }
}
