import RotaCore
@testable import RotaSolver
import XCTest

/// The per-clinician dynamic programme is exact: on small random years it
/// finds the same optimum as trying every sequence of sites. Both the search
/// and the Lagrangian bound rest on this (a DP that missed a better year
/// would make the bound too high).
final class ClinicianDPTests: XCTestCase {
    /// Every rule the DP keeps, checked on a whole sequence.
    func brute(_ dp: ClinicianDP) -> Double? {
        let W = dp.weeks, K = dp.sites
        var best: Double?
        var seq = [Int](repeating: 0, count: W)
        func cost() -> Double? {
            var z = 0.0, pcn = 0, cas = 0
            for w in 0..<W {
                let c = dp.cost[seq[w] * W + w]
                if !c.isFinite { return nil }
                z += c
                if w > 0 && seq[w] != seq[w - 1] { z += dp.changeCost }
                if dp.kind[seq[w]] == 1 { pcn += 1 } else if dp.kind[seq[w]] == 2 { cas += 1 }
            }
            if pcn > dp.pcn.upperBound || cas > dp.cas.upperBound || pcn < dp.pcn.lowerBound || cas < dp.cas.lowerBound { return nil }
            var w = 0
            while w < W {
                var end = w
                while end + 1 < W && seq[end + 1] == seq[w] { end += 1 }
                if seq[w] != dp.home {
                    let length = end - w + 1
                    if length < dp.minRun && w > 0 && end < W - 1 { return nil }
                    if let m = dp.maxRun, length > m { return nil }
                }
                w = end + 1
            }
            return z
        }
        func visit(_ w: Int) {
            if w == W {
                if let z = cost(), best == nil || z < best! { best = z }
                return
            }
            for k in 0..<K { seq[w] = k; visit(w + 1) }
        }
        visit(0)
        return best
    }

    func testDPMatchesEnumeration() {
        var rng = SplitMix64(seed: 2027)   // the generator's PRNG: the same cases on every run
        var feasibleCases = 0
        for _ in 0..<300 {
            let W = 3 + rng.int(0...4)          // 3…7 weeks
            let K = 2 + rng.int(0...2)          // 2…4 sites, site 0 is home
            let kind: [UInt8] = (0..<K).map { $0 == 0 ? 0 : UInt8(1 + rng.int(0...1)) }
            var cost = (0..<(K * W)).map { _ in rng.unit() * 2 - 1 }
            for i in cost.indices where rng.int(0...9) == 0 { cost[i] = .infinity }   // a pin elsewhere, a full cap
            let minRun = 1 + rng.int(0...2)
            let maxRun: Int? = rng.int(0...1) == 0 ? nil : minRun + rng.int(0...2)
            let pcnLo = rng.int(0...2), casLo = rng.int(0...1)
            let dp = ClinicianDP(sites: K, weeks: W, cost: cost, kind: kind, home: 0, minRun: minRun, maxRun: maxRun,
                                 changeCost: rng.unit() * 0.3, pcn: pcnLo...(pcnLo + rng.int(0...(W - 1))), cas: casLo...(casLo + rng.int(0...(W - 1))),
                                 shortPenalty: nil)
            let expected = brute(dp)
            let got = dp.solve()
            XCTAssertEqual(got == nil, expected == nil, "W \(W) K \(K) minRun \(minRun) maxRun \(String(describing: maxRun))")
            if let expected, let got {
                feasibleCases += 1
                XCTAssertEqual(got.cost, expected, accuracy: 1e-9)
                // The year returned costs what the DP says.
                var z = 0.0
                for w in 0..<W { z += cost[got.sites[w] * W + w]; if w > 0 && got.sites[w] != got.sites[w - 1] { z += dp.changeCost } }
                XCTAssertEqual(z, got.cost, accuracy: 1e-9)
            }
        }
        XCTAssertGreaterThan(feasibleCases, 100)
    }

    /// Leaving out dominated sites keeps the DP exact: with many sites of
    /// few distinct cost profiles (most of a large ICS's PCNs), enumeration
    /// and the DP still agree, and a full year agrees with the DP on every site.
    func testLeavingOutDominatedSitesKeepsTheOptimum() {
        var rng = SplitMix64(seed: 31)
        var pruned = 0
        for _ in 0..<120 {
            let W = 3 + rng.int(0...1)          // 3…4 weeks
            let K = 6 + rng.int(0...2)          // 6…8 sites: pruning applies
            let kind: [UInt8] = (0..<K).map { $0 == 0 ? 0 : UInt8(rng.int(0...9) < 7 ? 1 : rng.int(0...1) * 2) }
            // Few distinct values, so that sites often dominate each other.
            var cost = (0..<(K * W)).map { _ in rng.int(0...3) == 0 ? -1 : 0.01 * Double(rng.int(0...1)) }
            for i in cost.indices where rng.int(0...19) == 0 { cost[i] = .infinity }
            let minRun = 1 + rng.int(0...2)
            let maxRun: Int? = rng.int(0...1) == 0 ? nil : minRun + rng.int(0...1)
            let pcnLo = rng.int(0...1)
            let dp = ClinicianDP(sites: K, weeks: W, cost: cost, kind: kind, home: rng.int(0...1), minRun: minRun, maxRun: maxRun,
                                 changeCost: 0.05, pcn: pcnLo...(pcnLo + rng.int(0...(W - 1))), cas: 0...rng.int(0...(W - 1)),
                                 shortPenalty: nil)
            if dp.undominatedSites().count < K { pruned += 1 }
            let expected = brute(dp)
            let got = dp.solve()
            XCTAssertEqual(got == nil, expected == nil)
            if let expected, let got { XCTAssertEqual(got.cost, expected, accuracy: 1e-9) }
        }
        XCTAssertGreaterThan(pruned, 20, "the cases must exercise the pruning")

        for _ in 0..<20 {
            let W = 52, K = 25
            let kind: [UInt8] = (0..<K).map { $0 < 3 ? 0 : ($0 < 22 ? 1 : 2) }
            // PCNs: travel only, except a few with demand left in some weeks.
            var cost = [Double](repeating: 0, count: K * W)
            for k in 0..<K {
                let travel = 0.001 * Double(rng.int(5...60))
                let short = rng.int(0...3) == 0
                for w in 0..<W { cost[k * W + w] = travel - (short && rng.int(0...3) == 0 ? rng.unit() : 0) }
            }
            // A full cap here and there.
            for k in 0..<K where rng.int(0...4) == 0 { cost[k * W + rng.int(0...(W - 1))] = .infinity }
            let dp = ClinicianDP(sites: K, weeks: W, cost: cost, kind: kind, home: 0, minRun: 4, maxRun: 13, changeCost: 0.05,
                                 pcn: 11...26, cas: 0...15, shortPenalty: nil)
            XCTAssertLessThan(dp.undominatedSites().count, K)
            let full = dp.solveAll(), fast = dp.solve()
            XCTAssertEqual(full?.cost ?? .nan, fast?.cost ?? .nan, accuracy: 1e-9)
        }
    }

    /// Leaving out share counters (`solveCounting`) keeps the programme exact:
    /// on years of West Midlands' shape (shares binding in some cases, CAS
    /// cheap in others, soft lower bounds in a third of them) it finds the
    /// cost of the programme with both counters, and its year keeps H7.
    func testFewerCountersKeepTheOptimum() {
        var rng = SplitMix64(seed: 52)
        var bindingCases = 0
        for _ in 0..<60 {
            let W = 20, K = 6
            let kind: [UInt8] = [0, 1, 1, 1, 2, 2]
            let pcnBias = rng.unit() - 0.5, casBias = rng.unit() - 0.5
            var cost = [Double](repeating: 0, count: K * W)
            for k in 1..<K {
                for w in 0..<W { cost[k * W + w] = (kind[k] == 1 ? pcnBias : casBias) + 0.3 * (rng.unit() - 0.5) }
            }
            for i in cost.indices where rng.int(0...19) == 0 { cost[i] = .infinity }
            let soft: Double? = rng.int(0...2) == 0 ? 0.2 : nil
            let dp = ClinicianDP(sites: K, weeks: W, cost: cost, kind: kind, home: 0, minRun: 2, maxRun: 6, changeCost: 0.05,
                                 pcn: 4...10, cas: 0...5, shortPenalty: soft)
            let exact = dp.solveAll(), fewer = dp.solveCounting()
            XCTAssertEqual(exact == nil, fewer == nil)
            guard let exact, let fewer else { continue }
            XCTAssertEqual(fewer.cost, exact.cost, accuracy: 1e-9)
            let a = fewer.sites.filter { kind[$0] == 1 }.count, b = fewer.sites.filter { kind[$0] == 2 }.count
            XCTAssertLessThanOrEqual(a, 10); XCTAssertLessThanOrEqual(b, 5)
            if soft == nil { XCTAssertGreaterThanOrEqual(a, 4) }
            // Cases where the year without counters breaks H7, so a try must be refused.
            let free = ClinicianDP(sites: K, weeks: W, cost: cost, kind: kind.map { _ in 0 }, home: 0, minRun: 2, maxRun: 6,
                                   changeCost: 0.05, pcn: 0...W, cas: 0...W, shortPenalty: nil).solveAll()!
            let fa = free.sites.filter { kind[$0] == 1 }.count, fb = free.sites.filter { kind[$0] == 2 }.count
            if fa < 4 || fa > 10 || fb > 5 { bindingCases += 1 }
        }
        XCTAssertGreaterThan(bindingCases, 15, "the cases must make some relaxed years break H7")
    }
}

/// The cores a process may run on, from its affinity mask as Linux writes
/// it in /proc/self/status (`taskset -c 0` leaves "1").
final class CoresTests: XCTestCase {
    func testTheAffinityMaskCountsAllowedCores() {
        XCTAssertEqual(Cores.allowedCount(mask: "\t3"), 2)
        XCTAssertEqual(Cores.allowedCount(mask: "1"), 1)
        XCTAssertEqual(Cores.allowedCount(mask: "\t2"), 1)
        XCTAssertEqual(Cores.allowedCount(mask: "ff,ffffffff"), 40)
        XCTAssertEqual(Cores.allowedCount(mask: "0,00000001"), 1)
        XCTAssertNil(Cores.allowedCount(mask: "all"))
        XCTAssertGreaterThanOrEqual(Cores.available, 1)
    }

    /// A container's CPU quota (`docker run --cpus`) leaves the mask alone:
    /// it is read from the process's control group, whole cores only.
    func testAContainersCPUQuotaCountsItsWholeCores() {
        XCTAssertEqual(Cores.quotaCores(cpuMax: "100000 100000\n"), 1)
        XCTAssertEqual(Cores.quotaCores(cpuMax: "150000 100000"), 1)
        XCTAssertEqual(Cores.quotaCores(cpuMax: "200000 100000"), 2)
        XCTAssertEqual(Cores.quotaCores(cpuMax: "50000 100000"), 1)
        XCTAssertNil(Cores.quotaCores(cpuMax: "max 100000"))
        XCTAssertNil(Cores.quotaCores(cpuMax: ""))
        XCTAssertEqual(Cores.quotaCores(quotaMicroseconds: "100000\n", periodMicroseconds: "100000\n"), 1)
        XCTAssertNil(Cores.quotaCores(quotaMicroseconds: "-1\n", periodMicroseconds: "100000\n"))

        // cgroup v2: the group's own folder, else the root the container sees.
        let v2 = ["/sys/fs/cgroup/user.slice/rota/cpu.max": "300000 100000", "/sys/fs/cgroup/cpu.max": "100000 100000"]
        XCTAssertEqual(Cores.quotaCores(cgroups: "0::/user.slice/rota\n", read: { v2[$0] }), 1)
        XCTAssertEqual(Cores.quotaCores(cgroups: "0::/\n", read: { ["/sys/fs/cgroup/cpu.max": "max 100000"][$0] }), nil)
        XCTAssertEqual(Cores.quotaCores(cgroups: "0::/docker/abc\n", read: { ["/sys/fs/cgroup/cpu.max": "100000 100000"][$0] }), 1)
        // cgroup v1, cpu mounted with cpuacct; the unified line has no quota.
        let v1 = ["/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "200000",
                  "/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000"]
        XCTAssertEqual(Cores.quotaCores(cgroups: "4:cpu,cpuacct:/docker/abc\n2:memory:/docker/abc\n0::/docker/abc\n", read: { v1[$0] }), 2)
        // No quota anywhere (this machine's kind of listing): nil.
        XCTAssertNil(Cores.quotaCores(cgroups: "1:cpu:/\n2:cpuacct:/\n0::/\n",
                                      read: { ["/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000"][$0] }))
    }
}
