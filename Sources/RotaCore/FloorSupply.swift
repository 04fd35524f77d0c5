/// What each site-week could get at most, whatever everyone else does:
/// the "eligible supply" of PROBLEM.md ("When no valid rota exists").
///
/// supply(s, w) = Σ c(p, w) over every clinician p with s ∈ E(p) (rotating
/// or not) who is not pinned to another site in week w.
///
/// A floor above its supply is broken by every rota, so
/// Σ max(0, F − supply) is a lower bound on the least total breach. The
/// bound here also counts the cap: at most C(s, w) heads, so at most the
/// C largest covers (the clinicians pinned there take their heads first).
/// When a rota meets every floor lowered to `min(F, reachable)` its breach
/// equals that bound, and it is proven to break the floors least: the
/// least-breach search asks for exactly such a rota.
public struct FloorSupply: Sendable {
    /// Eligible supply per site and 0-based week, as the spec defines it.
    public let supply: [[Double]]
    /// The most cover the site-week can get within its cap.
    public let reachable: [[Double]]
    /// Clinicians counted in `supply`, per site and week (for the explanation).
    public let eligible: [[[Int]]]

    public init(_ I: Instance) {
        let W = I.weeks
        var eligible = Array(repeating: Array(repeating: [Int](), count: W), count: I.sites.count)
        for p in I.clinicians.indices {
            for w in 0..<W {
                if let pin = I.pinned[p][w] {
                    eligible[pin][w].append(p)
                } else {
                    for s in I.eligible[p] { eligible[s][w].append(p) }
                }
            }
        }
        self.eligible = eligible
        supply = I.sites.indices.map { s in (0..<W).map { w in eligible[s][w].reduce(0.0) { $0 + I.cover[$1][w] } } }
        reachable = I.sites.indices.map { s in
            (0..<W).map { w in
                let all = eligible[s][w].reduce(0.0) { $0 + I.cover[$1][w] }
                guard let cap = I.cap[s][w], cap < eligible[s][w].count else { return all }
                let pinned = eligible[s][w].filter { I.pinned[$0][w] == s }
                let free = eligible[s][w].filter { I.pinned[$0][w] != s }.map { I.cover[$0][w] }.sorted(by: >)
                return pinned.reduce(0.0) { $0 + I.cover[$1][w] } + free.prefix(max(0, cap - pinned.count)).reduce(0, +)
            }
        }
    }

    /// A lower bound on the total floor breach (WTE-weeks) of any rota.
    public func forcedBreach(_ I: Instance) -> Double {
        var total = 0.0
        for s in I.sites.indices { for w in 0..<I.weeks { total += forcedBreach(I, s, w) } }
        return total
    }

    /// The breach every rota has at one site-week (0 when the floor can be met).
    public func forcedBreach(_ I: Instance, _ s: Int, _ w: Int) -> Double {
        let f = I.floor[s][w]
        return Floor.shortfall(cover: reachable[s][w], floor: f)
    }

    /// The floors lowered to what can be reached: min(F, reachable) where F
    /// cannot be met, F elsewhere.
    public func reachableFloors(_ I: Instance) -> [[Double]] {
        I.sites.indices.map { s in
            (0..<I.weeks).map { w in forcedBreach(I, s, w) > 0 ? reachable[s][w] : I.floor[s][w] }
        }
    }
}
