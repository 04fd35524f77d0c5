import Foundation
import RotaCore
import RotaGen
import RotaIO
import RotaSolver
import XCTest

/// A micro-scenario written as the planner would write its files.
struct Micro {
    var toml: String
    var sites: String
    var staff: String
    var demand = "site,from_week,to_week,floor,target,cap\n"
    var leave: String? = nil
    var pinned: String? = nil

    func scenario(file: StaticString = #filePath, line: UInt = #line) throws -> Scenario {
        var errors: [InputError] = []
        let s = ScenarioLoader.check(toml: toml, sites: sites, staff: staff, demand: demand, leave: leave, pinned: pinned,
                                     defaultName: "micro", errors: &errors)
        XCTAssertEqual(errors.map(\.description), [], file: file, line: line)
        return try XCTUnwrap(s, file: file, line: line)
    }

    /// Solves with the plain strategy; the rota must pass the validator.
    func solve(timeLimit: Double = 30, file: StaticString = #filePath, line: UInt = #line) throws -> (SolveOutcome, Evaluation?, [Violation]) {
        let s = try scenario(file: file, line: line)
        let instance = Instance(s)
        let outcome = PlainSolve().solve(instance, SolveOptions(timeLimitSeconds: timeLimit))
        guard let rota = outcome.rota else { return (outcome, nil, []) }
        let placements = rota.placements(instance)
        let v = Validator(s)
        return (outcome, v.evaluate(placements), v.check(placements))
    }

    /// The rota as "site site site" per clinician, for readable assertions.
    static func grid(_ outcome: SolveOutcome, _ s: Scenario) -> [String] {
        guard let rota = outcome.rota else { return [] }
        return rota.sites.map { $0.map { s.sites[$0].id }.joined(separator: " ") }
    }
}

func toml(weeks: Int, _ extra: String = "") -> String {
    """
    start = 2027-04-05
    weeks = \(weeks)
    \(extra)
    """
}

/// Great-circle distance written out again here, so the tests do not trust the code under test.
func referenceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = Double.pi / 180
    let a = pow(sin((lat2 - lat1) * r / 2), 2) + cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2)
    return 2 * 6371.0 * atan2(sqrt(a), sqrt(1 - a))
}

/// A generated scenario's files, loaded as `rota solve` would; `demand`
/// replaces demand.csv.
func loadGenerated(_ g: GeneratedScenario, demand: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Scenario {
    var errors: [InputError] = []
    let scenario = try XCTUnwrap(ScenarioLoader.check(
        toml: g.file("scenario.toml"), sites: g.file("sites.csv"), staff: g.file("staff.csv"), demand: demand ?? g.file("demand.csv"),
        leave: g.file("leave.csv"), pinned: g.file("pinned.csv"), defaultName: "generated", errors: &errors), file: file, line: line)
    XCTAssertEqual(errors.map(\.description), [], file: file, line: line)
    return scenario
}

/// The `small` preset's scenario for a seed, loaded as `rota solve` would,
/// and the search's first valid rota of it (no bound).
func generatedSmallScenario(seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws -> (Instance, Rota) {
    let I = Instance(try loadGenerated(ScenarioGenerator.generate(.small, seed: seed), file: file, line: line))
    var first = SolveOptions(timeLimitSeconds: 30)
    first.firstRotaOnly = true
    first.boundingZ = false
    let start = try XCTUnwrap(NeighbourhoodSearch().solve(I, first).rota, "seed \(seed): no first rota", file: file, line: line)
    return (I, start)
}
