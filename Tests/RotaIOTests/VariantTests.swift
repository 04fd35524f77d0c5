import Foundation
import RotaCore
import RotaIO
import XCTest

/// Policy variants (issue #6): each kind of change against hand-made
/// expectations of the changed inputs, and every error where it was written.
final class VariantTests: XCTestCase {
    /// Writes `files` as the base folder and `text` as variant.toml beside it.
    func variant(_ text: String, base files: ScenarioFiles = .valid) throws -> String {
        let base = try files.write(into: "base")
        let path = ((base as NSString).deletingLastPathComponent as NSString).appendingPathComponent("variant.toml")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func load(_ text: String, base files: ScenarioFiles = .valid) throws -> Scenario {
        let path = try variant(text, base: files)
        do {
            return try VariantLoader.load(path: path)
        } catch {
            XCTFail(error.description)
            throw error
        }
    }

    /// The errors of a variant, with its folder's path cut to "…/".
    func errors(_ text: String, base files: ScenarioFiles = .valid) throws -> [String] {
        let path = try variant(text, base: files)
        let folder = (path as NSString).deletingLastPathComponent + "/"
        do {
            _ = try VariantLoader.load(path: path)
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: folder, with: "…/") }
        }
    }

    // MARK: changes

    func testScenarioKeysMergeAndTheRolloutTimetableIsReplaced() throws {
        let s = try load("""
            base = "base"
            name = "wider shares"
            [scenario]
            rotation.share.pcn = [0.1, 0.6]
            weights.change = 0.2
            [[scenario.rollout]]
            from_week = 5
            to_week = 13
            max_away_share = 0.5
            """)
        XCTAssertEqual(s.name, "wider shares")
        XCTAssertEqual(s.rotation.pcnShare, ShareBounds(lo: 0.1, hi: 0.6))
        XCTAssertEqual(s.rotation.casShare, ShareBounds(lo: 0.0, hi: 0.3), "kept from the base")
        XCTAssertEqual(s.rotation.minRunWeeks, 2, "kept from the base")
        XCTAssertEqual(s.weights.change, 0.2)
        XCTAssertEqual(s.weights.shortfallHub, 2.0, "kept from the base")
        XCTAssertEqual(s.rollouts, [Rollout(fromWeek: 5, toWeek: 13, maxAwayShare: 0.5)])
        XCTAssertEqual(s.weeks, 13)
        XCTAssertEqual(s.clinicians.map(\.id), ["S1", "S2", "S3"])
    }

    func testANameDefaultsToTheFileName() throws {
        XCTAssertEqual(try load("base = \"base\"\n").name, "variant")
    }

    // Base demand: H1 weeks 1–13 floor 1 target 1.5; P1 weeks 1–6 floor 0 target 1 cap 1,
    // weeks 7–13 target 0.5.
    func testDemandIsScaledWhereEveryFilterMatches() throws {
        let s = try load("""
            base = "base"
            [[demand]]
            kind = "pcn"
            from_week = 5
            to_week = 8
            target_scale = 1.2
            [[demand]]
            site = "H1"
            from_week = 10
            floor_add = 0.25
            """)
        let I = Instance(s)
        let p1 = I.siteIndex["P1"]!, h1 = I.siteIndex["H1"]!, p2 = I.siteIndex["P2"]!
        XCTAssertEqual(I.target[p1], [1, 1, 1, 1, 1.2, 1.2, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5])
        XCTAssertEqual(I.floor[h1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1.25, 1.25, 1.25, 1.25])
        XCTAssertEqual(I.target[h1], Array(repeating: 1.5, count: 13), "floor_add leaves the target")
        XCTAssertEqual(I.cap[p1], Array(repeating: 1, count: 6) + Array(repeating: nil, count: 7))
        XCTAssertEqual(I.target[p2], Array(repeating: 0, count: 13), "P2 has no demand to scale")
    }

    func testDemandCanBeSetWhereTheBaseHasNone() throws {
        let s = try load("""
            base = "base"
            [[demand]]
            ics = "ICS-B"
            kind = "pcn"
            floor = 0.5
            target = 1
            cap = 2
            """)
        let I = Instance(s)
        let p2 = I.siteIndex["P2"]!
        XCTAssertEqual(I.floor[p2], Array(repeating: 0.5, count: 13))
        XCTAssertEqual(I.target[p2], Array(repeating: 1, count: 13))
        XCTAssertEqual(I.cap[p2], Array(repeating: 2, count: 13))
    }

    func testLeaversAndJoiners() throws {
        let s = try load("""
            base = "base"
            [[leaver]]
            staff = "S2"
            from_week = 10
            [[joiner]]
            staff = "S4"
            like = "S1"
            from_week = 4
            wte = 0.6
            """)
        let I = Instance(s)
        let s2 = I.clinicianIndex["S2"]!, s4 = I.clinicianIndex["S4"]!
        XCTAssertEqual(Array(I.cover[s2][9...]), [0, 0, 0, 0], "no cover from week 10")
        XCTAssertEqual(I.cover[s2][8], 0.8)
        let joiner = s.clinicians[s4]
        XCTAssertEqual(joiner.grade, .specialist)
        XCTAssertEqual(joiner.home, "H1")
        XCTAssertEqual(joiner.skills, ["prescribing", "triage"])
        XCTAssertEqual(joiner.wte, 0.6)
        XCTAssertEqual(Array(I.cover[s4][..<3]), [0, 0, 0], "vacant before week 4")
        XCTAssertEqual(I.cover[s4][3], 0.6)
    }

    func testAbstractionAddsWholeWeeksUpToTheRateTheSameWayEveryTime() throws {
        let text = "base = \"base\"\n[abstraction]\nrate = 0.3\nseed = 7\n"
        let a = Instance(try load(text)), b = Instance(try load(text))
        XCTAssertEqual(a.cover, b.cover, "same seed, same weeks")
        // 0.3 × 13 = 3.9 → 4 weeks away each. S1 already has week 2 on leave.
        for p in a.clinicians.indices {
            let wte = a.clinicians[p].wte
            let away = a.cover[p].reduce(0.0) { $0 + (1 - $1 / wte) }
            XCTAssertEqual(away, 4, accuracy: 1e-9, a.clinicians[p].id)
        }
        XCTAssertEqual(a.cover[0][1], 0, "S1's own leave week is kept")
        let c = Instance(try load("base = \"base\"\n[abstraction]\nrate = 0.3\nseed = 8\n"))
        XCTAssertNotEqual(a.cover, c.cover, "another seed, other weeks")
    }

    // MARK: errors, where they were written

    func testVariantKeyErrors() throws {
        XCTAssertEqual(try errors("""
            base = "base"
            colour = "blue"
            [scenario]
            weeks = 20
            [[demand]]
            kind = "gp"
            [[leaver]]
            staff = "S1"
            """), [
            "…/variant.toml:2: key colour: unknown key (known here: base, name, scenario, demand, abstraction, leaver, joiner)",
            "…/variant.toml:4: key scenario.weeks: cannot be changed by a variant (make a new scenario for another horizon)",
            "…/variant.toml:5: key demand[1]: changes nothing: give scale, floor_scale, target_scale, floor_add, target_add, floor, target or cap",
            "…/variant.toml:6: key demand[1].kind: \"gp\" is not hub, pcn or cas",
            "…/variant.toml:7: key leaver[1].from_week: is required in every [[leaver]]",
        ])
        XCTAssertEqual(try errors("name = \"x\"\n"), [
            "…/variant.toml:1: key base: is required: the base scenario folder, e.g. base = \"../west-midlands\"",
        ])
    }

    func testAScenarioKeyIsCheckedLikeScenarioTomlButReportedInTheVariant() throws {
        XCTAssertEqual(try errors("base = \"base\"\n\n[scenario]\nrotation.min_run_weeks = 0\n"), [
            "…/variant.toml:4: key scenario.rotation.min_run_weeks: 0 is below 1",
        ])
        XCTAssertEqual(try errors("base = \"base\"\n[[scenario.rollout]]\nfrom_week = 3\nto_week = 40\nmax_away_share = 0.5\n"), [
            "…/variant.toml:4: key scenario.rollout[1].to_week: 40 is above 13",
        ])
    }

    // P1 has a cap of 1 in weeks 1–6: a floor set above it is the variant's doing.
    func testAChangeThatMakesACapBelowTheFloorIsReportedAtTheChange() throws {
        XCTAssertEqual(try errors("base = \"base\"\n[[demand]]\nsite = \"P1\"\nfloor = 1.5\n"), [
            "…/variant.toml:2: key demand[1]: cap 1 is below the floor 1.5 WTE: one clinician gives at most 1.0 WTE, so the floor cannot be met",
        ])
    }

    func testUnknownStaffInLeaversAndJoiners() throws {
        XCTAssertEqual(try errors("""
            base = "base"
            [[leaver]]
            staff = "S9"
            from_week = 3
            [[joiner]]
            staff = "S4"
            like = "S8"
            from_week = 2
            """), [
            "…/variant.toml:7: key joiner[1].like: \"S8\" is not in the base's staff.csv",
        ])
        XCTAssertEqual(try errors("base = \"base\"\n[[leaver]]\nstaff = \"S9\"\nfrom_week = 3\n"), [
            "…/variant.toml:3: key leaver[1].staff: \"S9\" is not in staff.csv",
        ])
    }

    func testAJoinerWhoClashesWithTheBaseIsReportedAtTheJoiner() throws {
        XCTAssertEqual(try errors("base = \"base\"\n[[joiner]]\nstaff = \"S1\"\nlike = \"S2\"\nfrom_week = 2\nhome = \"P1\"\n"), [
            "…/variant.toml:2: key joiner[1]: \"S1\" is already used on line 2",
            "…/variant.toml:2: key joiner[1]: \"P1\" is not a hub (it is a pcn)",
        ])
    }

    func testProblemsOfTheBaseAreReportedInTheBase() throws {
        var files = ScenarioFiles.valid
        files.staff = files.staff!.replacing(line: 3, with: "S2,Bob,advanced,H9,0.8,,true,50,0.1,0.4,,")
        let found = try errors("base = \"base\"\n", base: files)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasSuffix("/base/staff.csv:3: column home: \"H9\" is not a site in sites.csv"), found[0])
        let missing = try errors("base = \"nowhere\"\n")
        XCTAssertEqual(missing.count, 4, "\(missing)")
        XCTAssertTrue(missing.contains { $0.hasSuffix("nowhere/scenario.toml:0: column -: required file of the base scenario is missing") }, "\(missing)")
    }
}
