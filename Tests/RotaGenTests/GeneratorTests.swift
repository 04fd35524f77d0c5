import Foundation
import RotaCore
import RotaGen
import RotaIO
import XCTest

final class GeneratorTests: XCTestCase {
    func load(_ g: GeneratedScenario) throws -> Scenario {
        var errors: [InputError] = []
        let s = ScenarioLoader.check(toml: g.file("scenario.toml"), sites: g.file("sites.csv"), staff: g.file("staff.csv"),
                                     demand: g.file("demand.csv"), leave: g.file("leave.csv"), pinned: g.file("pinned.csv"),
                                     defaultName: "generated", errors: &errors)
        XCTAssertEqual(errors.map(\.description), [])
        return try XCTUnwrap(s)
    }

    /// Every generated scenario loads cleanly and its witness keeps every hard rule.
    func testWitnessIsValidForEveryPresetButEngland() throws {
        for preset in [ScenarioPreset.small, .westMidlands, .yorkshire] {
            for seed: UInt64 in [1, 42] {
                let g = ScenarioGenerator.generate(preset, seed: seed)
                let scenario = try load(g)
                let witness = try RotaReader.parse(g.witnessRota, file: "witness.csv")
                XCTAssertEqual(Validator(scenario).check(witness).map(\.description), [], "\(preset) seed \(seed)")
            }
        }
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() {
        let a = ScenarioGenerator.generate(.westMidlands, seed: 7)
        let b = ScenarioGenerator.generate(.westMidlands, seed: 7)
        let c = ScenarioGenerator.generate(.westMidlands, seed: 8)
        XCTAssertEqual(a.files.map(\.contents), b.files.map(\.contents))
        XCTAssertEqual(a.witnessRota, b.witnessRota)
        XCTAssertNotEqual(a.file("staff.csv"), c.file("staff.csv"))
    }

    /// The sizes the issue asks for: 6 ICSs, 110 PCNs, 15 hubs, 2 CAS, ~200 + ~40 clinicians.
    func testWestMidlandsHasTheTrustsShape() throws {
        let s = try load(ScenarioGenerator.generate(.westMidlands, seed: 42))
        XCTAssertEqual(s.weeks, 52)
        XCTAssertEqual(s.sites.filter { $0.kind == .hub }.count, 15)
        XCTAssertEqual(s.sites.filter { $0.kind == .pcn }.count, 110)
        XCTAssertEqual(s.sites.filter { $0.kind == .cas }.count, 2)
        XCTAssertEqual(Set(s.sites.compactMap(\.ics)).count, 6)
        XCTAssertEqual(s.clinicians.filter(\.rotates).count, 200)
        XCTAssertEqual(s.clinicians.filter { !$0.rotates }.count, 40)
        // PCNs are split unevenly between ICSs.
        let perICS = Dictionary(grouping: s.sites.filter { $0.kind == .pcn }, by: { $0.ics! }).mapValues(\.count)
        XCTAssertGreaterThan(perICS.values.max()! - perICS.values.min()!, 5)
    }

    /// inputs/west-midlands, inputs/pilot and inputs/two-ics are exactly
    /// `rota generate --preset NAME --seed 42`.
    func testShippedScenariosCanBeRemade() throws {
        for preset in [ScenarioPreset.westMidlands, .pilot, .twoICS] {
            let folder = URL(fileURLWithPath: Repository.inputs(preset.rawValue))
            let g = ScenarioGenerator.generate(preset, seed: 42)
            for (name, contents) in g.files {
                let shipped = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                XCTAssertEqual(shipped, contents, "\(preset.rawValue)/\(name)")
            }
        }
    }
}
