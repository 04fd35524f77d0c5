import RotaCore
import RotaIO
@testable import RotaSolver
import Synchronization
import XCTest

/// Exchanges between two or three clinicians (`SwapSearch`): the moves the
/// one-at-a-time re-plans cannot make, priced exactly, never breaking a rule.
final class SwapSearchTests: XCTestCase {
    func z(_ I: Instance, _ rota: Rota) -> Double { Validator(I.scenario).evaluate(rota.placements(I)).objective }

    /// p1 (1.0 WTE) is at pcn-a, which wants 0.6; p2 (0.6 WTE) at pcn-b,
    /// which wants 1.0; both must spend every week at a PCN. Moving either
    /// alone leaves its PCN empty, so no re-plan gains; exchanging them meets
    /// both targets: the shortfall falls from 0.4 a week to 0.
    func testAnExchangeMatchesWTEToTargets() throws {
        let scenario = try Micro(
            toml: toml(weeks: 4, "[rotation]\nmin_run_weeks = 2\nshare.pcn = [1.0, 1.0]"),
            sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\n",
            demand: "site,from_week,to_week,floor,target\npcn-a,1,4,,0.6\npcn-b,1,4,,1.0\n").scenario()
        let I = Instance(scenario)
        let (a, b) = (I.siteIndex["pcn-a"]!, I.siteIndex["pcn-b"]!)
        let start = Rota(sites: [Array(repeating: a, count: 4), Array(repeating: b, count: 4)])
        XCTAssertEqual(z(I, start), 1.6, accuracy: 1e-9)
        var descent = CoordinateDescent(I, rota: start, penalty: nil)
        XCTAssertEqual(descent.replan(0) + descent.replan(1), 0, "no single re-plan gains")
        var swaps = SwapSearch(I, rota: start)
        XCTAssertEqual(swaps.run(stop: { false }), 1.6, accuracy: 1e-9)
        XCTAssertEqual(swaps.rota.sites, [Array(repeating: b, count: 4), Array(repeating: a, count: 4)])
        XCTAssertEqual(Validator(scenario).check(swaps.rota.placements(I)), [])
        XCTAssertEqual(z(I, swaps.rota), 0, accuracy: 1e-9)
    }

    /// While no valid rota is known (`NeighbourhoodSearch.mend`) the floors
    /// are soft, and an exchange may pay in floor breach mended: the PCN
    /// (cap 1 head, floor 1.0) has p2 (0.6 WTE), 0.4 short; p1 (1.0 WTE) is
    /// at hub-1, which wants 1.0. Neither can move alone (the cap; the PCN
    /// empty), and the exchange costs Z 0.6 a week (hub-1 short, p2 wasted
    /// at hub-2), so with every rule hard it is not made; at the penalty's
    /// price for the breach it is, and the rota is valid.
    func testWithSoftFloorsAnExchangeMendsABreach() throws {
        let scenario = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1"),
            sites: "id,kind,ics\nhub-1,hub,A\nhub-2,hub,A\npcn,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub-1,1.0\np2,specialist,hub-2,0.6\n",
            demand: "site,from_week,to_week,floor,target,cap\nhub-1,1,2,,1.0,\npcn,1,2,1.0,1.0,1\n").scenario()
        let I = Instance(scenario)
        let (h1, h2, pcn) = (I.siteIndex["hub-1"]!, I.siteIndex["hub-2"]!, I.siteIndex["pcn"]!)
        let start = Rota(sites: [[h1, h1], [pcn, pcn]])
        var hard = SwapSearch(I, rota: start)
        XCTAssertEqual(hard.run(stop: { false }), 0, "Z alone: no exchange gains")
        XCTAssertEqual(hard.rota, start)

        var soft = SwapSearch(CoordinateDescent(I, rota: start, penalty: 1000))
        soft.floorPenalty = 1000
        // 0.4 WTE short in each of 2 weeks, mended at 1000 each, less Z's 0.6 a week.
        XCTAssertEqual(soft.run(stop: { false }), 2 * (400 - 0.6), accuracy: 1e-9)
        XCTAssertEqual(soft.rota.sites, [[pcn, pcn], [h2, h2]])
        XCTAssertEqual(Validator(scenario).check(soft.rota.placements(I)), [])

        // The same in the search's first phase: the re-plans stall, the
        // exchanges mend it (before any GLPK repair), and the rota is valid.
        let events = Mutex<[SolveEvent]>([])
        var options = SolveOptions(timeLimitSeconds: 30)
        options.events = { e in events.withLock { $0.append(e) } }
        options.boundingZ = false
        var descent = CoordinateDescent(I, rota: start, penalty: 1000)
        let left = NeighbourhoodSearch().mend(I, &descent, movable: [0, 1], options: options, elapsed: { 0 }, label: "") { _, _ in }
        XCTAssertEqual(left, 0)
        XCTAssertEqual(descent.rota.sites, [[pcn, pcn], [h2, h2]])
        let seen = events.withLock { $0 }
        XCTAssertTrue(seen.contains { if case .exchangesWithSoftFloors = $0 { true } else { false } }, "\(seen)")
        XCTAssertFalse(seen.contains { if case .repair = $0 { true } else { false } }, "mended before any GLPK repair")
    }

    /// Colleagues of two hubs: p1 (1.0 WTE, hub-1) is home, where 0.6 is
    /// wanted; p2 (0.6 WTE, hub-2) is at the PCN, which wants 1.0, and hub-2
    /// wants 0.6. The exchange sends p1 to the PCN and p2 to their own hub
    /// (not p1's, where they may not work).
    func testHomesMapToEachClinicianOwnHub() throws {
        let scenario = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1"),
            sites: "id,kind,ics\nhub-1,hub,A\nhub-2,hub,A\npcn,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub-1,1.0\np2,specialist,hub-2,0.6\n",
            demand: "site,from_week,to_week,floor,target\nhub-1,1,2,,0.6\nhub-2,1,2,,0.6\npcn,1,2,,1.0\n").scenario()
        let I = Instance(scenario)
        let (h1, h2, pcn) = (I.siteIndex["hub-1"]!, I.siteIndex["hub-2"]!, I.siteIndex["pcn"]!)
        let start = Rota(sites: [[h1, h1], [pcn, pcn]])
        var swaps = SwapSearch(I, rota: start)
        let gain = swaps.run(stop: { false })
        XCTAssertEqual(swaps.rota.sites, [[pcn, pcn], [h2, h2]])
        XCTAssertEqual(gain, z(I, start) - z(I, swaps.rota), accuracy: 1e-9)
        XCTAssertEqual(z(I, swaps.rota), 1.2, accuracy: 1e-9)
        XCTAssertEqual(Validator(scenario).check(swaps.rota.placements(I)), [])
    }

    /// Where no pair gains, three may: p1 (0.6), p2 (0.8) and p3 (1.0) at
    /// PCNs a, b and c, which want 1.0, 0.8 and 0.6, c with a floor of 0.8.
    /// p1 cannot take c (floor); p1 with p2, or p2 with p3, gains nothing.
    /// Rotated (p1 to b, p2 to c, p3 to a), a week's shortfall falls from 0.4 to 0.2.
    func testThreeCliniciansRotateWhereNoPairGains() throws {
        let scenario = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1\nshare.pcn = [1.0, 1.0]"),
            sites: "id,kind,ics\nhub,hub,A\na,pcn,A\nb,pcn,A\nc,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub,0.6\np2,specialist,hub,0.8\np3,specialist,hub,1.0\n",
            demand: "site,from_week,to_week,floor,target\na,1,2,,1.0\nb,1,2,,0.8\nc,1,2,0.8,0.6\n").scenario()
        let I = Instance(scenario)
        let (a, b, c) = (I.siteIndex["a"]!, I.siteIndex["b"]!, I.siteIndex["c"]!)
        let start = Rota(sites: [[a, a], [b, b], [c, c]])
        var pairs = SwapSearch(I, rota: start)
        XCTAssertEqual(pairs.run(stop: { false }, triples: false), 0)
        var triples = SwapSearch(I, rota: start)
        XCTAssertEqual(triples.run(stop: { false }), 0.4, accuracy: 1e-9)
        XCTAssertEqual(triples.rota.sites, [[b, b], [c, c], [a, a]])
        XCTAssertEqual(z(I, triples.rota), 0.4, accuracy: 1e-9)
        XCTAssertEqual(Validator(scenario).check(triples.rota.placements(I)), [])
    }

    /// No exchange may break a rule: here the only one that would gain takes
    /// the hub below its floor, goes over the rollout limit, or breaks a
    /// minimum run, and none is made.
    func testNoExchangeBreaksARule() throws {
        // p1 (1.0) at home meets the hub's floor of 1.0 alone; p2 (0.6) at the PCN.
        let floor = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1"),
            sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\n",
            demand: "site,from_week,to_week,floor,target\nhub,1,2,1.0,1.0\npcn,1,2,,1.0\n").scenario()
        // Same, with a rollout limit instead: 0.6 of the 1.6 WTE away, at most
        // 0.64 allowed; the exchange would send 1.0 away.
        let rollout = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1\n[[rollout]]\nfrom_week = 1\nto_week = 2\nmax_away_share = 0.4"),
            sites: "id,kind,ics\nhub,hub,A\npcn,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\n",
            demand: "site,from_week,to_week,floor,target\nhub,1,2,,0.6\npcn,1,2,,1.0\n").scenario()
        for scenario in [floor, rollout] {
            let I = Instance(scenario)
            let (hub, pcn) = (I.siteIndex["hub"]!, I.siteIndex["pcn"]!)
            let start = Rota(sites: [[hub, hub], [pcn, pcn]])
            XCTAssertEqual(Validator(scenario).check(start.placements(I)), [])
            var swaps = SwapSearch(I, rota: start)
            XCTAssertEqual(swaps.run(stop: { false }), 0)
            XCTAssertEqual(swaps.rota, start)
        }
        // A minimum run of 3 weeks: exchanging week 2 alone would leave p1 a
        // one-week run; the whole span (weeks 1–3) is allowed and made.
        let runs = try Micro(
            toml: toml(weeks: 3, "[rotation]\nmin_run_weeks = 3"),
            sites: "id,kind,ics\nhub,hub,A\npcn-a,pcn,A\npcn-b,pcn,A\n",
            staff: "id,grade,home,wte\np1,specialist,hub,1.0\np2,specialist,hub,0.6\n",
            demand: "site,from_week,to_week,floor,target\npcn-a,1,3,,0.6\npcn-b,2,2,,1.0\n").scenario()
        let I = Instance(runs)
        let (a, b) = (I.siteIndex["pcn-a"]!, I.siteIndex["pcn-b"]!)
        var swaps = SwapSearch(I, rota: Rota(sites: [[a, a, a], [b, b, b]]))
        XCTAssertEqual(swaps.run(stop: { false }), 0.4, accuracy: 1e-9)
        XCTAssertEqual(swaps.rota.sites, [[b, b, b], [a, a, a]])
        XCTAssertEqual(Validator(runs).check(swaps.rota.placements(I)), [])
    }

    /// On generated scenarios, from the search's first valid rota: every
    /// exchange keeps the rota valid, and the gain reported is exactly the
    /// fall in Z that the validator measures.
    func testExchangesKeepRotasValidAndPriceZExactly() throws {
        var gained = 0
        for seed: UInt64 in [1, 2, 3, 4, 5, 6] {
            let (I, start) = try generatedSmallScenario(seed: seed)
            var swaps = SwapSearch(I, rota: start)
            let gain = swaps.run(stop: { false })
            XCTAssertEqual(Validator(I.scenario).check(swaps.rota.placements(I)), [], "seed \(seed)")
            XCTAssertEqual(gain, z(I, start) - z(I, swaps.rota), accuracy: 1e-6, "seed \(seed)")
            if gain > 1e-6 { gained += 1 }
        }
        XCTAssertGreaterThan(gained, 0, "some seed's first rota has an exchange that gains")
    }

    /// The ledger (`ExchangeLedger`) skips only cycles that would gain
    /// nothing again. Runs that keep one ledger through the moves a search
    /// makes between them (kicks: noisy re-plans of some clinicians; rounds
    /// of re-plans; an earlier rota put back) make exactly the exchanges of
    /// runs that price every cycle every time, and they do skip.
    func testTheLedgerSkipsOnlyCyclesThatWouldGainNothing() throws {
        var skipped = 0, gains = 0
        for seed: UInt64 in [1, 2, 3, 4, 5, 6] {
            let (I, start) = try generatedSmallScenario(seed: seed)
            var ledger = ExchangeLedger()
            var rng = SplitMix64(seed: seed)
            var rota = start, earlier = start
            for step in 0..<10 {
                var kept = SwapSearch(I, rota: rota), plain = SwapSearch(I, rota: rota)
                var off = ExchangeLedger()
                off.skips = false
                let gain = kept.run(stop: { false }, ledger: &ledger)
                XCTAssertEqual(gain, plain.run(stop: { false }, ledger: &off), "seed \(seed), step \(step)")
                XCTAssertEqual(kept.rota, plain.rota, "seed \(seed), step \(step)")
                if gain > 1e-9 { gains += 1 }
                rota = kept.rota
                switch step % 3 {
                case 0:  // a kick: a few clinicians re-planned at noisy costs
                    earlier = rota
                    var kick = CoordinateDescent(I, rota: rota, penalty: nil)
                    kick.noise = (0..<I.sites.count).map { _ in (0..<I.weeks).map { _ in 2 * (2 * rng.unit() - 1) } }
                    for p in I.clinicians.indices where rng.below(3) == 0 { _ = kick.replan(p) }
                    rota = kick.rota
                case 1:  // a round of re-plans
                    var round = CoordinateDescent(I, rota: rota, penalty: nil)
                    for p in I.clinicians.indices { _ = round.replan(p) }
                    rota = round.rota
                default:  // the rota before the kick, put back
                    rota = earlier
                }
            }
            skipped += ledger.skipped
        }
        XCTAssertGreaterThan(skipped, 0, "the ledger skips cycles")
        XCTAssertGreaterThan(gains, 6, "runs after the moves find exchanges that gain")
    }

    /// What the ledger must notice between two runs, each on a micro
    /// scenario where p1 (hub-a) and p2 (pcn-a) first gain nothing by an
    /// exchange and then do, after a move that involves neither of them:
    /// - rollout: the exchange sends 0.4 more WTE away and the limit stops
    ///   it, until p3, of another ICS of the same trust, comes home;
    /// - arrival: the exchange would leave the CAS (where p2 is, not pcn-a)
    ///   short, until p4, of another ICS, arrives there.
    func testTheLedgerSeesMovesOfOthers() throws {
        let rollout = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1\n[[rollout]]\nfrom_week = 1\nto_week = 2\nmax_away_share = 0.7"),
            sites: "id,kind,ics\nhub-a,hub,A\npcn-a,pcn,A\nhub-b,hub,B\npcn-b,pcn,B\n",
            staff: "id,grade,home,wte\np1,specialist,hub-a,1.0\np2,specialist,hub-a,0.6\np3,specialist,hub-b,1.0\n",
            demand: "site,from_week,to_week,floor,target\nhub-a,1,2,,0.6\npcn-a,1,2,,1.0\n").scenario()
        let arrival = try Micro(
            toml: toml(weeks: 2, "[rotation]\nmin_run_weeks = 1"),
            sites: "id,kind,ics\nhub-a,hub,A\nhub-b,hub,B\ncas,cas,\n",
            staff: "id,grade,home,wte\np1,specialist,hub-a,0.6\np2,specialist,hub-a,1.0\np4,specialist,hub-b,0.6\n",
            demand: "site,from_week,to_week,floor,target\nhub-a,1,2,,1.0\ncas,1,2,,1.0\n").scenario()
        for (name, scenario, before, after) in [
            ("rollout", rollout, ["hub-a", "pcn-a", "pcn-b"], ["hub-a", "pcn-a", "hub-b"]),
            ("arrival", arrival, ["hub-a", "cas", "hub-b"], ["hub-a", "cas", "cas"]),
        ] {
            let I = Instance(scenario)
            let rota = { (ids: [String]) in Rota(sites: ids.map { [I.siteIndex[$0]!, I.siteIndex[$0]!] }) }
            var ledger = ExchangeLedger()
            var first = SwapSearch(I, rota: rota(before))
            XCTAssertEqual(first.run(stop: { false }, ledger: &ledger), 0, name)
            var second = SwapSearch(I, rota: rota(after)), plain = SwapSearch(I, rota: rota(after))
            let gain = second.run(stop: { false }, ledger: &ledger)
            XCTAssertEqual(gain, 0.8, accuracy: 1e-9, name)
            XCTAssertEqual(gain, plain.run(stop: { false }), name)
            XCTAssertEqual(second.rota, plain.rota, name)
        }
    }
}
