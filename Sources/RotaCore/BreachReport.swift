/// The explanation of a rota that breaks floors (PROBLEM.md, "When no valid
/// rota exists"; issue #5): consecutive breached weeks of one site grouped
/// into one line, with the floor, the cover the rota gives, the eligible
/// supply, who of the eligible clinicians is on leave, and why the floor
/// could not be met. Sorted by size of breach, largest first.
public struct BreachGroup: Sendable, Equatable, CustomStringConvertible {
    public var site: String
    public var kind: SiteKind
    public var ics: String?
    /// 1-based, inclusive.
    public var fromWeek: Int
    public var toWeek: Int
    /// Σ breach over the weeks (WTE-weeks).
    public var breach: Double
    /// Ranges over the weeks (lowest, highest).
    public var floor: ClosedRange<Double>
    public var cover: ClosedRange<Double>
    public var supply: ClosedRange<Double>
    /// Eligible clinicians (counted in the supply) on leave in these weeks,
    /// each with the weeks (1-based) they are on leave.
    public var onLeave: [(staff: String, weeks: [Int])]
    /// Why, with the weeks (1-based) each reason applies to, in order of first week.
    public var why: [(reason: BreachReason, weeks: [Int])]

    public var description: String {
        let weeks = fromWeek == toWeek ? "week \(fromWeek)" : "weeks \(fromWeek)–\(toWeek)"
        var line = "\(site) \(weeks): short \(number(breach)) WTE-weeks; floor \(range(floor)) WTE, best \(range(cover)), "
            + "eligible supply \(range(supply))"
        if !onLeave.isEmpty {
            let shown = onLeave.prefix(8).map { "\($0.staff) (\(weekList($0.weeks)))" }
            line += "; on leave: " + shown.joined(separator: ", ") + (onLeave.count > 8 ? " and \(onLeave.count - 8) more" : "")
        }
        if why.count == 1 { return line + "; why: \(why[0].reason)" }
        return line + "; why: " + why.map { "\($0.reason) (\(weekList($0.weeks)))" }.joined(separator: "; ")
    }

    public static func == (a: BreachGroup, b: BreachGroup) -> Bool { a.description == b.description }

    func number(_ x: Double) -> String { formatDecimal(x, places: 2) }
    func range(_ r: ClosedRange<Double>) -> String {
        let lo = number(r.lowerBound), hi = number(r.upperBound)
        return lo == hi ? lo : "\(lo)–\(hi)"
    }
}

/// Why a floor is breached, from the most to the least certain.
public enum BreachReason: Sendable, Equatable, CustomStringConvertible {
    /// Every eligible clinician together gives less than the floor.
    case supplyBelowFloor
    /// The cap allows too few heads for the floor (with the covers on offer).
    case cap(Int)
    /// The trust's rollout limit is reached, so nobody more may leave a hub.
    case rollout(share: Double)
    /// Supply is there, but those who could come are held by other floors,
    /// their run lengths, shares or pins.
    case heldElsewhere

    public var description: String {
        switch self {
        case .supplyBelowFloor: "the eligible supply is below the floor"
        case .cap(let c): "the cap of \(c) head\(c == 1 ? "" : "s") allows less cover than the floor"
        case .rollout(let share): "the rollout limit (at most \(formatDecimal(100 * share, places: 1))% of the trust's rotating WTE away from hubs) is reached"
        case .heldElsewhere: "the clinicians who could cover are needed at other floors or held by their runs, shares or pins"
        }
    }
}

public enum BreachReport {
    /// The grouped breaches of a rota (`rota.sites[p][w]`, site indices),
    /// measured against the instance's floors.
    public static func groups(_ I: Instance, _ rota: Rota, supply: FloorSupply? = nil) -> [BreachGroup] {
        let W = I.weeks
        let supply = supply ?? FloorSupply(I)
        var cover = Array(repeating: Array(repeating: 0.0, count: W), count: I.sites.count)
        var heads = Array(repeating: Array(repeating: 0, count: W), count: I.sites.count)
        var away = Array(repeating: Array(repeating: 0.0, count: W), count: I.groupNames.count)
        var total = Array(repeating: 0.0, count: I.groupNames.count)
        for p in I.clinicians.indices {
            if I.clinicians[p].rotates { total[I.group[p]] += I.clinicians[p].wte }
            for w in 0..<W {
                let s = rota.sites[p][w]
                cover[s][w] += I.cover[p][w]
                heads[s][w] += 1
                if I.clinicians[p].rotates && I.sites[s].kind != .hub { away[I.group[p]][w] += I.clinicians[p].wte }
            }
        }
        func breach(_ s: Int, _ w: Int) -> Double { Floor.shortfall(cover: cover[s][w], floor: I.floor[s][w]) }

        // Why one breached site-week: certain causes first.
        func reason(_ s: Int, _ w: Int) -> BreachReason {
            if Floor.isBreached(cover: supply.supply[s][w], floor: I.floor[s][w]) { return .supplyBelowFloor }
            if let c = I.cap[s][w], Floor.isBreached(cover: supply.reachable[s][w], floor: I.floor[s][w]) { return .cap(c) }
            if I.sites[s].kind != .hub {
                // Binding when no eligible clinician now at a hub fits under the limit.
                let candidates = supply.eligible[s][w].filter {
                    I.clinicians[$0].rotates && I.sites[rota.sites[$0][w]].kind == .hub && I.pinned[$0][w] == nil
                }
                let fits = candidates.contains { p in
                    let g = I.group[p]
                    guard let share = I.maxAway[w] else { return true }
                    return away[g][w] + I.clinicians[p].wte <= share * total[g] + ShareLimit.slack
                }
                if !candidates.isEmpty && !fits, let share = I.maxAway[w] { return .rollout(share: share) }
            }
            if let c = I.cap[s][w], heads[s][w] >= c { return .cap(c) }
            return .heldElsewhere
        }

        var groups: [BreachGroup] = []
        for s in I.sites.indices {
            var w = 0
            while w < W {
                guard breach(s, w) > 0 else { w += 1; continue }
                var end = w + 1
                while end < W && breach(s, end) > 0 { end += 1 }
                let weeks = w..<end
                var why: [(reason: BreachReason, weeks: [Int])] = []
                for v in weeks {
                    let r = reason(s, v)
                    if let i = why.firstIndex(where: { $0.reason == r }) { why[i].weeks.append(v + 1) } else { why.append((r, [v + 1])) }
                }
                var leave: [(staff: String, weeks: [Int])] = []
                var seen: [Int: Int] = [:]
                for v in weeks {
                    for p in supply.eligible[s][v] where I.cover[p][v] < I.clinicians[p].wte - 1e-12 {
                        if let i = seen[p] { leave[i].weeks.append(v + 1) } else {
                            seen[p] = leave.count
                            leave.append((I.clinicians[p].id, [v + 1]))
                        }
                    }
                }
                func spread(_ f: (Int) -> Double) -> ClosedRange<Double> {
                    let xs = weeks.map(f)
                    return xs.min()!...xs.max()!
                }
                groups.append(BreachGroup(site: I.sites[s].id, kind: I.sites[s].kind, ics: I.sites[s].ics,
                                          fromWeek: w + 1, toWeek: end, breach: weeks.reduce(0.0) { $0 + breach(s, $1) },
                                          floor: spread { I.floor[s][$0] }, cover: spread { cover[s][$0] },
                                          supply: spread { supply.supply[s][$0] },
                                          onLeave: leave.sorted { $0.staff < $1.staff }, why: why))
                w = end
            }
        }
        // Largest breach first; ties in site order, then week (stable sort).
        return groups.enumerated().sorted {
            abs($0.element.breach - $1.element.breach) > 1e-9 ? $0.element.breach > $1.element.breach : $0.offset < $1.offset
        }.map(\.element)
    }
}

/// "week 3" or "weeks 3–5, 9" for sorted 1-based weeks.
public func weekList(_ weeks: [Int]) -> String {
    var parts: [String] = []
    var i = 0
    while i < weeks.count {
        var j = i
        while j + 1 < weeks.count && weeks[j + 1] == weeks[j] + 1 { j += 1 }
        parts.append(i == j ? "\(weeks[i])" : "\(weeks[i])–\(weeks[j])")
        i = j + 1
    }
    return (weeks.count == 1 ? "week " : "weeks ") + parts.joined(separator: ", ")
}

extension BreachReport {
    /// The site-weeks whose floor is above the eligible supply (within the
    /// cap), grouped like `groups`: what no rota can meet, known before any solve.
    public static func unmeetable(_ I: Instance, _ supply: FloorSupply) -> [String] {
        var out: [(breach: Double, line: String)] = []
        for s in I.sites.indices {
            var w = 0
            while w < I.weeks {
                guard supply.forcedBreach(I, s, w) > 0 else { w += 1; continue }
                var end = w + 1
                while end < I.weeks && supply.forcedBreach(I, s, end) > 0 { end += 1 }
                let weeks = w..<end
                let total = weeks.reduce(0.0) { $0 + supply.forcedBreach(I, s, $1) }
                func r(_ f: (Int) -> Double) -> String {
                    let lo = formatDecimal(weeks.map(f).min()!, places: 2), hi = formatDecimal(weeks.map(f).max()!, places: 2)
                    return lo == hi ? lo : "\(lo)–\(hi)"
                }
                let label = weeks.count == 1 ? "week \(w + 1)" : "weeks \(w + 1)–\(end)"
                out.append((total, "\(I.sites[s].id) \(label): at least \(formatDecimal(total, places: 2)) WTE-weeks short; "
                                   + "floor \(r { I.floor[s][$0] }) WTE, eligible supply \(r { supply.reachable[s][$0] })"))
                w = end
            }
        }
        return out.enumerated().sorted {
            abs($0.element.breach - $1.element.breach) > 1e-9 ? $0.element.breach > $1.element.breach : $0.offset < $1.offset
        }.map(\.element.line)
    }
}
