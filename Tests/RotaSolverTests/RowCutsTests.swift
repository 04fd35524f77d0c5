import RotaCore
import RotaIO
@testable import RotaSolver
import XCTest

/// The MIR cuts of the bound (`RowCuts`): every cut holds for every choice of
/// clinicians, and with them the bound sees that cover comes in whole
/// clinicians where the rows alone did not.
final class RowCutsTests: XCTestCase {
    /// The example of the documentation: T = 1.0 and δ = 0.8 give
    /// u ≥ 0.2·(2 − 2x₁.₀ − x₀.₈ − x₀.₆).
    func testTheDocumentedCut() throws {
        let cuts = RowCuts.cuts(row: 1.0, wtes: [0.6, 0.8, 1.0])
        // δ = 1.0 gives b = 1 (f = 0): no cut.
        XCTAssertEqual(cuts.map(\.delta), [0.6, 0.8])
        let c = try XCTUnwrap(cuts.last)
        XCTAssertEqual(c.frac, 0.25, accuracy: 1e-12)
        XCTAssertEqual(c.rhs, 0.4, accuracy: 1e-8)
        let d = { (cover: Double) in RowCuts.coefficient(delta: c.delta, frac: c.frac, row: 1.0, cover: cover) }
        XCTAssertEqual(d(1.0), 0.4, accuracy: 1e-12)
        XCTAssertEqual(d(0.8), 0.2, accuracy: 1e-12)
        XCTAssertEqual(d(0.6), 0.2, accuracy: 1e-12)
        // A 1.5 WTE cover counts as 1.0, the row's right-hand side.
        XCTAssertEqual(d(1.5), 0.4, accuracy: 1e-12)
    }

    /// Every cut of a row holds for every subset of clinicians: with u the
    /// least shortfall the row allows, u ≥ K − Σ d; and on a floor (no u),
    /// every subset that meets the floor has Σ d ≥ K. Rows and covers as the
    /// generator makes them (targets and floors in tenths, WTEs 0.6 to 1.0,
    /// covers cut by days of leave).
    func testEveryCutHoldsForEverySubset() {
        var rng = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<400 {
            let n = Int.random(in: 1...8, using: &rng)
            let wtes = (0..<n).map { _ in [0.6, 0.8, 1.0, 0.5, 0.9].randomElement(using: &rng)! }
            let covers = wtes.map { w in Bool.random(using: &rng) ? w : w * Double(Int.random(in: 0...6, using: &rng)) / 7 }
            let T = Double(Int.random(in: 1...40, using: &rng)) / 10 - (Bool.random(using: &rng) ? 1e-6 : 0)
            for cut in RowCuts.cuts(row: T, wtes: wtes.sorted()) {
                let d = covers.map { RowCuts.coefficient(delta: cut.delta, frac: cut.frac, row: T, cover: $0) }
                for mask in 0..<(1 << n) {
                    var cover = 0.0, lhs = 0.0
                    for p in 0..<n where mask & (1 << p) != 0 { cover += min(covers[p], T); lhs += d[p] }
                    let u = max(0, T - cover)
                    XCTAssertGreaterThanOrEqual(u, cut.rhs - lhs, "T \(T), covers \(covers), mask \(mask)")
                    if cover >= T { XCTAssertGreaterThanOrEqual(lhs, cut.rhs, "floor \(T), covers \(covers), mask \(mask)") }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    /// A target row's multiplier and its cuts' share the shortfall's weight:
    /// the projection keeps them ≥ 0 with a sum within it.
    func testTheProjectionKeepsTheSharedWeight() {
        var inside = [0.2, 0.3, 0.1]
        RowCuts.project(&inside, cap: 1.0)
        XCTAssertEqual(inside, [0.2, 0.3, 0.1])
        var outside = [1.0, 0.5, 0.0]
        RowCuts.project(&outside, cap: 1.0)
        XCTAssertEqual(outside[0], 0.75, accuracy: 1e-12)
        XCTAssertEqual(outside[1], 0.25, accuracy: 1e-12)
        XCTAssertEqual(outside[2], 0)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            var x = (0..<Int.random(in: 1...5, using: &rng)).map { _ in Double.random(in: 0...3, using: &rng) }
            let cap = Double.random(in: 0...3, using: &rng)
            RowCuts.project(&x, cap: cap)
            XCTAssertTrue(x.allSatisfy { $0 >= 0 })
            XCTAssertLessThanOrEqual(x.reduce(0, +), cap)
        }
    }

    /// A one-week scenario of two clinicians at one hub, who may spend the
    /// week anywhere: GLPK proves its optimum, the bound without the cuts
    /// stays at or below `without`, and with them comes within 5% of the
    /// optimum (and never above it).
    func checkCutsClose(staff: String, demand: String, sites: String, optimum: Double, without: Double,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        let I = Instance(try Micro(toml: toml(weeks: 1, "[rotation]\nshare.pcn = [0.0, 1.0]\nshare.cas = [0.0, 1.0]"),
                                   sites: "id,kind,ics\nhub,hub,A\n" + sites, staff: "id,grade,home,wte\n" + staff,
                                   demand: "site,from_week,to_week,floor,target,cap\n" + demand).scenario())
        let solved = PlainSolve().solve(I, SolveOptions(timeLimitSeconds: 60))
        XCTAssertEqual(solved.status, .optimal, file: file, line: line)
        XCTAssertEqual(Validator(I.scenario).evaluate(solved.rota!.placements(I)).objective, optimum, accuracy: 1e-9, file: file, line: line)
        func bound(cuts: Bool) throws -> Double {
            let clock = ContinuousClock()
            return try XCTUnwrap(LagrangianBound(instance: I, cuts: cuts, steps: .long)
                .run(deadline: clock.now.advanced(by: .seconds(10)), iterations: 300), file: file, line: line)
        }
        XCTAssertLessThanOrEqual(try bound(cuts: false), without + 1e-6, file: file, line: line)
        let withCuts = try bound(cuts: true)
        XCTAssertLessThanOrEqual(withCuts, optimum + 1e-6, file: file, line: line)
        XCTAssertGreaterThan(withCuts, 0.95 * optimum, file: file, line: line)
    }

    /// Two 0.8 WTE clinicians, a PCN that wants 1.0 and one that wants 0.6:
    /// one at each leaves 0.2 short, the optimum. The relaxation alone sends a
    /// quarter of one clinician's year to the first PCN (0.15 short); the cut
    /// u ≥ 0.2·(2 − x₁ − x₂) on the first PCN's target prices that quarter.
    func testATargetCutClosesTheGap() throws {
        try checkCutsClose(staff: "p1,specialist,hub,0.8\np2,specialist,hub,0.8\n",
                           demand: "pcn-a,1,1,,1.0,\npcn-b,1,1,,0.6,\n",
                           sites: "pcn-a,pcn,A\npcn-b,pcn,A\n", optimum: 0.2, without: 0.15)
    }

    /// A hub floor of 1.5 that only two 1.0 WTE clinicians together meet:
    /// neither can go to the PCN (1.0 short, the optimum). The relaxation alone
    /// meets the floor with one and a half clinicians and sends the other half
    /// to the PCN (0.5); the floor's cut Σ x ≥ 2 keeps both at the hub.
    func testAFloorCutClosesTheGap() throws {
        try checkCutsClose(staff: "p1,specialist,hub,1.0\np2,specialist,hub,1.0\n",
                           demand: "hub,1,1,1.5,1.5,\npcn,1,1,,1.0,\n",
                           sites: "pcn,pcn,A\n", optimum: 1.0, without: 0.5)
    }
}

/// How a bound run stops early: after one whole iteration when asked
/// (`firstOnly`, the background bound's last resort), and, in the search's
/// priced phase, handing over the best multipliers it reached.
final class BoundRunTests: XCTestCase {
    func testFirstOnlyStopsAfterOneIterationOfEitherPhase() throws {
        let instance = Instance(try ScenarioLoader.load(folder: SmallScenarioTests.folder))
        let clock = ContinuousClock()
        var events: [SolveEvent] = []
        let value = LagrangianBound(instance: instance).run(deadline: clock.now.advanced(by: .seconds(60)),
                                                            handOff: nil, from: nil, firstOnly: true, events: { events.append($0) })
        let iterations = events.compactMap { e -> Bool? in if case .boundIteration(let priced, _) = e { priced } else { nil } }
        XCTAssertEqual(iterations, [true], "one iteration, with the shares priced")
        XCTAssertLessThanOrEqual(try XCTUnwrap(value), SmallScenarioTests.expectedOptimum() + 1e-6)
    }

    func testThePricedPhaseHandsOverItsBestMultipliers() throws {
        let instance = Instance(try ScenarioLoader.load(folder: SmallScenarioTests.folder))
        let clock = ContinuousClock()
        var handed: [LagrangianBound.PricedPoint] = []
        let best = LagrangianBound(instance: instance).run(deadline: clock.now.advanced(by: .seconds(60)), pricedOnly: true,
                                                           handOff: { handed.append($0) }, from: nil)
        XCTAssertEqual(handed.count, 1)
        XCTAssertEqual(try XCTUnwrap(handed.first?.value), try XCTUnwrap(best))
        // Going on from them, the exact phase starts at that value or above.
        var events: [SolveEvent] = []
        let onward = try XCTUnwrap(LagrangianBound(instance: instance).run(deadline: clock.now.advanced(by: .seconds(60)), iterations: 1,
                                                                           handOff: nil, from: handed[0], events: { events.append($0) }))
        XCTAssertFalse(events.contains(where: { if case .boundIteration(sharesPriced: true, _) = $0 { true } else { false } }),
                       "the priced phase is not run again")
        XCTAssertGreaterThanOrEqual(onward, handed[0].value)
        XCTAssertLessThanOrEqual(onward, SmallScenarioTests.expectedOptimum() + 1e-6)
    }
}
