import Foundation
import RotaCore
import RotaIO
import XCTest

/// scenario.toml: `scenario.toml:LINE: key KEY: message`, LINE being where
/// the key (or its table) is written (INPUTS.md "Clarifications (v1.1)").
final class TOMLSettingsTests: XCTestCase {
    /// The errors for the baseline tables with this scenario.toml.
    func errors(_ toml: String) -> [String] {
        var files = ScenarioFiles.valid
        files.toml = toml
        return files.errors()
    }

    func scenario(_ toml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Scenario {
        var files = ScenarioFiles.valid
        files.toml = toml
        return try files.scenario(file: file, line: line)
    }

    func testAllSettingsAreRead() throws {
        let s = try ScenarioFiles.valid.scenario()
        XCTAssertEqual(s.rotation.minRunWeeks, 2)
        XCTAssertEqual(s.rotation.maxRunWeeks, 6)
        XCTAssertEqual(s.rotation.sameICSPCN, true)
        XCTAssertEqual(s.rotation.pcnShare, ShareBounds(lo: 0, hi: 0.5))
        XCTAssertEqual(s.rotation.casShare, ShareBounds(lo: 0, hi: 0.3))
        XCTAssertEqual(s.rollouts, [Rollout(fromWeek: 1, toWeek: 4, maxAwayShare: 0.25)])
        XCTAssertEqual(s.weights.shortfallHub, 2.0)
        XCTAssertEqual(s.weights.shortfallCAS, 0.5)
        XCTAssertEqual(s.weights.change, 0.05)
        XCTAssertEqual(s.weights.travelKm, 0.001)
        XCTAssertEqual(s.solver, SolverSettings(timeLimitSeconds: 30, mipGap: 0.01))
    }

    func testDefaultsWhenOnlyStartAndWeeksAreGiven() throws {
        let s = try scenario("start = 2027-04-05\nweeks = 13\n")
        XCTAssertEqual(s.name, "folder")
        XCTAssertEqual(s.rotation, RotationPolicy())
        XCTAssertEqual(s.rotation.minRunWeeks, 1)
        XCTAssertNil(s.rotation.maxRunWeeks)
        XCTAssertEqual(s.rotation.pcnShare, .any)
        XCTAssertEqual(s.rollouts, [])
        XCTAssertEqual(s.weights, Weights())
        XCTAssertEqual(s.solver, SolverSettings())
    }

    func testRotationShareAsItsOwnTable() throws {
        let s = try scenario("""
            start = 2027-04-05
            weeks = 13
            [rotation.share]
            cas = [0, 1]
            """)
        XCTAssertEqual(s.rotation.casShare, ShareBounds(lo: 0, hi: 1))
        XCTAssertEqual(s.rotation.pcnShare, .any)   // "default [0, 1] for a kind not given"
    }

    // MARK: syntax and keys

    func testSyntaxErrorIsReportedOnItsLine() {
        let e = errors("""
            start = 2027-04-05
            weeks = 13
            [rotation
            min_run_weeks = 2
            """)
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e.first?.hasPrefix("scenario.toml:3: key -: not valid TOML: ") ?? false, "\(e)")
    }

    func testDuplicateKeyIsATOMLError() {
        let e = errors("start = 2027-04-05\nweeks = 13\nweeks = 14\n")
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e.first?.hasPrefix("scenario.toml:3: key -: not valid TOML: ") ?? false, "\(e)")
    }

    func testUnknownKeysAtTopLevelAndInsideTables() {
        XCTAssertEqual(errors("""
            name  = "x"
            start = 2027-04-05
            weeks = 13
            colour = "red"
            [rotation]
            min_run_weeks = 2
            foo = 1
            [weights]
            shortfall = { hub = 1.0, gp = 2.0 }
            [[rollout]]
            from_week = 1
            to_week = 2
            max_away_share = 0.5
            until = 3
            [extra]
            x = 1
            """), [
                "scenario.toml:4: key colour: unknown key (known here: name, start, weeks, rotation, rollout, weights, solver)",
                "scenario.toml:7: key rotation.foo: unknown key (known here: min_run_weeks, max_run_weeks, same_ics_pcn, share)",
                "scenario.toml:9: key weights.shortfall.gp: unknown key (known here: hub, pcn, cas)",
                "scenario.toml:14: key rollout[1].until: unknown key (known here: from_week, to_week, max_away_share)",
                "scenario.toml:15: key extra: unknown key (known here: name, start, weeks, rotation, rollout, weights, solver)",
            ])
    }

    func testUnknownDottedKeyInsideRotation() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13
            [rotation]
            share.gp = [0, 1]
            """), ["scenario.toml:4: key rotation.share.gp: unknown key (known here: pcn, cas)"])
    }

    func testWrongTypes() {
        XCTAssertEqual(errors("""
            name = 7
            start = 2027-04-05
            weeks = 13.0
            [rotation]
            same_ics_pcn = "yes"
            [weights]
            change = "high"
            """), [
                "scenario.toml:1: key name: must be a quoted text, not integer",
                "scenario.toml:3: key weeks: must be a whole number, not a decimal",
                "scenario.toml:5: key rotation.same_ics_pcn: must be true or false",
                "scenario.toml:7: key weights.change: must be a number, not string",
            ])
    }

    // MARK: name, start, weeks

    func testStartMustBeAMonday() {
        XCTAssertEqual(errors("name = \"x\"\nstart = 2027-04-06\nweeks = 13\n"),
                       ["scenario.toml:2: key start: 2027-04-06 is not a Monday (week 1 must start on a Monday)"])
        XCTAssertEqual(errors("start = \"2027-04-11\"\nweeks = 13\n"),
                       ["scenario.toml:1: key start: 2027-04-11 is not a Monday (week 1 must start on a Monday)"])
    }

    func testStartAsAQuotedISODateIsAccepted() throws {
        XCTAssertEqual(try scenario("start = \"2027-04-05\"\nweeks = 13\n").start, Day(iso: "2027-04-05"))
        XCTAssertEqual(try scenario("start = 2027-04-05\nweeks = 13\n").start, Day(iso: "2027-04-05"))
    }

    func testStartInAnotherForm() {
        XCTAssertEqual(errors("weeks = 13\nstart = \"05/04/2027\"\n"),
                       ["scenario.toml:2: key start: \"05/04/2027\" is not a date in the form YYYY-MM-DD"])
        XCTAssertEqual(errors("weeks = 13\nstart = 2027-04-05T08:00:00\n"),
                       ["scenario.toml:2: key start: must be a date such as 2027-04-05"])
    }

    func testStartAndWeeksAreRequired() {
        XCTAssertEqual(errors("name = \"x\"\n"), [
            "scenario.toml:1: key start: is required (the Monday that starts week 1, e.g. start = 2027-04-05)",
            "scenario.toml:1: key weeks: is required (the number of weeks in the plan, e.g. weeks = 52)",
        ])
    }

    func testWeeksMustBeAtLeastOne() {
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 0\n"), ["scenario.toml:2: key weeks: 0 is below 1"])
    }

    func testFewerWeeksThanTheTablesUse() {
        // The tables are checked against `weeks`: rows beyond it are errors.
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 12\n"), [
            "demand.csv:2: column to_week: 13 is beyond the last week (12)",
            "demand.csv:4: column to_week: 13 is beyond the last week (12)",
            "demand.csv:5: column to_week: 13 is beyond the last week (12)",
        ])
    }

    // MARK: [rotation]

    func testMinRunWeeksMustBeAtLeastOne() {
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nmin_run_weeks = 0\n"),
                       ["scenario.toml:4: key rotation.min_run_weeks: 0 is below 1"])
    }

    func testMaxRunWeeksBelowMinRunWeeks() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13
            [rotation]
            max_run_weeks = 3
            min_run_weeks = 4
            """), ["scenario.toml:4: key rotation.max_run_weeks: 3 is below min_run_weeks (4)"])
        XCTAssertEqual(try scenario("start = 2027-04-05\nweeks = 13\n[rotation]\nmin_run_weeks = 4\nmax_run_weeks = 4\n")
            .rotation.maxRunWeeks, 4)
    }

    func testSharePCNMustBeTwoNumbersInZeroToOne() {
        let notAPair = "must be two numbers [lowest, highest] between 0 and 1, e.g. [0.2, 0.5]"
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0.2]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: \(notAPair)"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0.1, 0.2, 0.3]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: \(notAPair)"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.cas = 0.3\n"),
                       ["scenario.toml:4: key rotation.share.cas: \(notAPair)"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0.2, 1.5]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: 1.5 is above 1"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [-0.1, 0.5]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: -0.1 is below 0"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [\"a\", 0.5]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: must be a number, not a string (or a percentage such as \"50%\")"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [\"20%\", \"150%\"]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: 150% is above 100%"])
        XCTAssertEqual(try scenario("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0, 1]\n").rotation.pcnShare,
                       ShareBounds(lo: 0, hi: 1))
    }

    /// Spec v1.2: crossed share bounds are an input error on the key, not a scheduling conflict.
    func testCrossedShareBoundsAreAnInputError() {
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0.6, 0.5]\n"),
                       ["scenario.toml:4: key rotation.share.pcn: the lowest share 0.6 is above the highest 0.5; write [0.5, 0.6] if the two were swapped"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0.6, 0.8]\nshare.cas = [0.5, 0.6]\n"),
                       ["scenario.toml:4: key rotation.share: the lowest PCN share (0.6) and the lowest CAS share (0.5) add up to more than 1: no clinician can keep both"])
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rotation]\nshare.pcn = [0.5, 0.5]\nshare.cas = [0.5, 0.5]\n")
                        .filter { $0.hasPrefix("scenario.toml") }, [], "lowest shares adding up to exactly 1 are kept")
    }

    // MARK: [[rollout]]

    func testRolloutNeedsAllThreeKeys() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13

            [[rollout]]
            from_week = 1
            max_away_share = 0.5

            [[rollout]]
            from_week = 5
            """), [
                "scenario.toml:4: key rollout[1].to_week: is required in every [[rollout]]",
                "scenario.toml:8: key rollout[2].to_week: is required in every [[rollout]]",
                "scenario.toml:8: key rollout[2].max_away_share: is required in every [[rollout]]",
            ])
    }

    func testRolloutOutsideTheHorizon() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13
            [[rollout]]
            from_week = 0
            to_week = 14
            max_away_share = 1.5
            """), [
                "scenario.toml:4: key rollout[1].from_week: 0 is below 1",
                "scenario.toml:5: key rollout[1].to_week: 14 is above 13",
                "scenario.toml:6: key rollout[1].max_away_share: 1.5 is above 1",
            ])
    }

    func testRolloutToWeekBeforeFromWeek() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13
            [[rollout]]
            from_week = 6
            to_week = 5
            max_away_share = 0.5
            """), ["scenario.toml:5: key rollout[1].to_week: 5 is before from_week 6"])
    }

    func testOverlappingRolloutsAreReportedOnTheLaterOne() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13

            [[rollout]]
            from_week = 5
            to_week = 8
            max_away_share = 0.5

            [[rollout]]
            from_week = 1
            to_week = 4
            max_away_share = 0.25

            [[rollout]]
            from_week = 4
            to_week = 6
            max_away_share = 0.75
            """), ["scenario.toml:15: key rollout[3].from_week: weeks 4-6 overlap rollout[1] (weeks 5-8)"])
    }

    func testOverlapWithARolloutThatHasABadShareIsStillReported() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13
            [[rollout]]
            from_week = 1
            to_week = 4
            max_away_share = -1
            [[rollout]]
            from_week = 3
            to_week = 6
            max_away_share = 0.5
            """), [
                "scenario.toml:6: key rollout[1].max_away_share: -1 is below 0",
                "scenario.toml:8: key rollout[2].from_week: weeks 3-6 overlap rollout[1] (weeks 1-4)",
            ])
    }

    func testRolloutsThatTouchButDoNotOverlapAreRead() throws {
        let s = try scenario("""
            start = 2027-04-05
            weeks = 13
            [[rollout]]
            from_week = 1
            to_week = 4
            max_away_share = 0.25
            [[rollout]]
            from_week = 5
            to_week = 13
            max_away_share = 1
            """)
        XCTAssertEqual(s.rollouts, [Rollout(fromWeek: 1, toWeek: 4, maxAwayShare: 0.25),
                                    Rollout(fromWeek: 5, toWeek: 13, maxAwayShare: 1)])
    }

    func testRolloutWrittenAsAPlainTable() {
        XCTAssertEqual(errors("start = 2027-04-05\nweeks = 13\n[rollout]\nfrom_week = 1\n"),
                       ["scenario.toml:3: key rollout: must be written as [[rollout]] tables"])
    }

    // MARK: [weights] and [solver]

    func testWeightsAndSolverRanges() {
        XCTAssertEqual(errors("""
            start = 2027-04-05
            weeks = 13
            [weights]
            shortfall = { hub = -1.0 }
            travel_km = -0.5
            [solver]
            time_limit_s = 0
            mip_gap = -0.1
            """), [
                "scenario.toml:4: key weights.shortfall.hub: -1 is below 0",
                "scenario.toml:5: key weights.travel_km: -0.5 is below 0",
                "scenario.toml:7: key solver.time_limit_s: must be above 0 seconds",
                "scenario.toml:8: key solver.mip_gap: -0.1 is below 0",
            ])
    }

    // MARK: CRLF and the folder

    func testCRLFTOMLKeepsLineNumbers() {
        XCTAssertEqual(errors("start = 2027-04-05\r\nweeks = 13\r\n[rotation]\r\nmin_run_weeks = 0\r\n"),
                       ["scenario.toml:4: key rotation.min_run_weeks: 0 is below 1"])
    }

    func testBOMBeforeTheTOMLIsAccepted() throws {
        XCTAssertEqual(try scenario("\u{FEFF}start = 2027-04-05\r\nweeks = 13\r\n").weeks, 13)
        XCTAssertEqual(errors("\u{FEFF}weeks = 13\r\nstart = 2027-04-06\r\n"),
                       ["scenario.toml:2: key start: 2027-04-06 is not a Monday (week 1 must start on a Monday)"])
    }

    func testNameDefaultsToTheFolderName() throws {
        var files = ScenarioFiles.valid
        files.toml = "start = 2027-04-05\nweeks = 13\n"
        let folder = try files.write(into: "west-midlands-2027")
        XCTAssertEqual(try ScenarioLoader.load(folder: folder).name, "west-midlands-2027")
        XCTAssertEqual(try ScenarioLoader.load(folder: folder + "/").name, "west-midlands-2027")
        XCTAssertEqual(try ScenarioLoader.load(folder: folder + "/.").name, "west-midlands-2027")
        files.toml = "name = \"West Midlands 2027/28\"\nstart = 2027-04-05\nweeks = 13\n"
        XCTAssertEqual(try ScenarioLoader.load(folder: files.write(into: "wm")).name, "West Midlands 2027/28")
    }
}
