import Foundation
import RotaCore
import RotaIO
import RotaSolver
import XCTest

/// Splitting into independent parts (issue #4): which clinicians go
/// together, and that solving the parts never changes the answer.
final class DecompositionTests: XCTestCase {
    /// Trusts t1…tn, each with a hub, two PCNs and a few clinicians, random
    /// floors, targets and caps from a seed; optionally a CAS without a trust
    /// (which every trust may use) and a rollout limit.
    func scenario(seed: UInt64, trusts: Int = 3, sharedCAS: Bool = false, rollout: Bool = false) throws -> Scenario {
        var rng = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var sites = "id,kind,ics,trust,lat,lon\n", staff = "id,grade,home,wte\n", demand = "site,from_week,to_week,floor,target,cap\n"
        let grades = ["paramedic", "specialist", "advanced"]
        for t in 1...trusts {
            let lat = 52.0 + Double(t), lon = -1.0 - Double(t) / 10
            sites += "hub-\(t),hub,ics-\(t),t\(t),\(lat),\(lon)\n"
            for k in 1...2 { sites += "pcn-\(t)-\(k),pcn,ics-\(t),t\(t),\(lat + Double(k) / 50),\(lon + Double(pick(5)) / 50)\n" }
            let people = 2 + pick(3)
            for p in 1...people { staff += "p\(t)-\(p),\(grades[pick(3)]),hub-\(t),\([1.0, 0.8, 0.6][pick(3)])\n" }
            demand += "hub-\(t),1,6,\(Double(pick(2)) * 0.5),\(1.0 + Double(pick(3)) * 0.5),\n"
            demand += "pcn-\(t)-1,1,6,,\(0.5 + Double(pick(3)) * 0.5),\(1 + pick(2))\n"
            demand += "pcn-\(t)-2,2,5,,\(Double(pick(3)) * 0.5),\n"
        }
        if sharedCAS {
            sites += "cas,cas,,,52.5,-1.5\n"
            demand += "cas,1,6,,1.0,\n"
        }
        let toml = "start = 2027-04-05\nweeks = 6\n[rotation]\nmin_run_weeks = 2\nshare.pcn = [0.0, 0.5]\n"
            + (rollout ? "[[rollout]]\nfrom_week = 1\nto_week = 6\nmax_away_share = 0.5\n" : "")
        return try Micro(toml: toml, sites: sites, staff: staff, demand: demand).scenario()
    }

    func testPartsFollowSharedSitesAndRolloutGroups() throws {
        XCTAssertEqual(Decomposed.parts(Instance(try scenario(seed: 1))).count, 3, "three trusts share nothing")
        XCTAssertEqual(Decomposed.parts(Instance(try scenario(seed: 1, sharedCAS: true))).count, 1, "a CAS every trust may use joins them")
        XCTAssertEqual(Decomposed.parts(Instance(try scenario(seed: 1, rollout: true))).count, 3, "a rollout limit is per trust")
        // Within one trust, two ICSs that share no site are still one part when a rollout limit binds them.
        let m = Micro(toml: toml(weeks: 4, "[[rollout]]\nfrom_week = 1\nto_week = 4\nmax_away_share = 0.5"),
                      sites: "id,kind,ics,trust\nhub-a,hub,A,T\nhub-b,hub,B,T\npcn-a,pcn,A,T\npcn-b,pcn,B,T\n",
                      staff: "id,grade,home\np1,specialist,hub-a\np2,specialist,hub-b\n")
        XCTAssertEqual(Decomposed.parts(Instance(try m.scenario())).map(\.count), [2])
        let free = Micro(toml: toml(weeks: 4), sites: m.sites, staff: m.staff)
        XCTAssertEqual(Decomposed.parts(Instance(try free.scenario())).map(\.count), [1, 1])
    }

    /// Where the whole model is solved to proven optimality, the parts give
    /// the same Z, and their summed bound never exceeds it.
    func testSolvingThePartsNeverChangesTheAnswer() throws {
        var proven = 0
        for seed in UInt64(1)...6 {
            let s = try scenario(seed: seed, rollout: seed % 2 == 0)
            let I = Instance(s)
            XCTAssertGreaterThan(Decomposed.parts(I).count, 1)
            let whole = PlainSolve().solve(I, SolveOptions(timeLimitSeconds: 60))
            let parts = Decomposed(inner: PlainSolve()).solve(I, SolveOptions(timeLimitSeconds: 60))
            XCTAssertEqual(parts.status, whole.status, "seed \(seed)")
            guard whole.status == .optimal else { continue }
            proven += 1
            let v = Validator(s)
            let rota = try XCTUnwrap(parts.rota)
            XCTAssertEqual(v.check(rota.placements(I)), [], "seed \(seed)")
            let z = v.evaluate(whole.rota!.placements(I)).objective
            XCTAssertEqual(v.evaluate(rota.placements(I)).objective, z, accuracy: 1e-6, "seed \(seed)")
            XCTAssertLessThanOrEqual(try XCTUnwrap(parts.bound), z + 1e-6, "seed \(seed)")
            // The automatic strategy splits too, and agrees.
            XCTAssertGreaterThan(Decomposed.parts(I).count, 1)
            let auto = AutomaticStrategy().solve(I, SolveOptions(timeLimitSeconds: 60))
            XCTAssertEqual(v.evaluate(auto.rota!.placements(I)).objective, z, accuracy: 1e-6, "seed \(seed)")
        }
        XCTAssertGreaterThanOrEqual(proven, 4, "most seeds give a feasible scenario to compare on")
    }

    /// The search on parts (first rotas for every part, then each improved
    /// from its own): valid rotas, Z never below the proven optimum of the
    /// whole model, and a bound never above it.
    func testTheSearchOnPartsKeepsEveryRuleAndATrueBound() throws {
        var compared = 0, reached = 0
        for seed in UInt64(1)...4 {
            let s = try scenario(seed: seed, rollout: seed % 2 == 0)
            let I = Instance(s)
            let whole = PlainSolve().solve(I, SolveOptions(timeLimitSeconds: 60))
            guard whole.status == .optimal else { continue }
            compared += 1
            let parts = Decomposed(inner: NeighbourhoodSearch()).solve(I, SolveOptions(timeLimitSeconds: 30))
            let v = Validator(s)
            let rota = try XCTUnwrap(parts.rota, "seed \(seed)")
            XCTAssertEqual(v.check(rota.placements(I)), [], "seed \(seed)")
            let z = v.evaluate(whole.rota!.placements(I)).objective
            let found = v.evaluate(rota.placements(I)).objective
            XCTAssertGreaterThanOrEqual(found, z - 1e-6, "seed \(seed)")
            if found <= z + 1e-6 { reached += 1 }
            XCTAssertLessThanOrEqual(try XCTUnwrap(parts.bound), z + 1e-6, "seed \(seed)")
            XCTAssertNotNil(parts.firstRotaSeconds)
        }
        XCTAssertGreaterThanOrEqual(compared, 3)
        XCTAssertEqual(reached, compared, "the search reaches the proven optimum on these small scenarios")
    }

    /// One trust cannot meet its floor: the least breach of the whole is the
    /// sum of the parts', and the other trusts' rotas are unchanged.
    func testAnInfeasiblePartMakesTheWholeInfeasibleWithTheSameLeastBreach() throws {
        var s = try scenario(seed: 3)
        s.demand.append(DemandRow(site: "hub-2", fromWeek: 3, toWeek: 3, floor: 9.0, target: nil, cap: nil))
        s.demand.removeAll { $0.site == "hub-2" && $0.fromWeek == 1 }
        s.demand.append(DemandRow(site: "hub-2", fromWeek: 1, toWeek: 2, floor: 0.5, target: 1.0, cap: nil))
        let I = Instance(s)
        let whole = PlainSolve().solve(I, SolveOptions(timeLimitSeconds: 60))
        let parts = Decomposed(inner: PlainSolve()).solve(I, SolveOptions(timeLimitSeconds: 60))
        XCTAssertEqual(whole.status, .infeasible)
        XCTAssertEqual(parts.status, .infeasible)
        XCTAssertTrue(parts.leastBreachProven)
        let v = Validator(s)
        XCTAssertEqual(v.evaluate(try XCTUnwrap(parts.rota).placements(I)).breachWTEWeeks,
                       v.evaluate(try XCTUnwrap(whole.rota).placements(I)).breachWTEWeeks, accuracy: 1e-6)
    }
}
