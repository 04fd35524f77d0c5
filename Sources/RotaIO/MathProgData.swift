import RotaCore

/// Writes a scenario as GNU MathProg data for `models/rotation.mod`, so that
/// `glpsol -m models/rotation.mod -d FILE` solves the same model as the tool.
/// Everything that needs the spec's care (cover with leave, eligibility,
/// distances, H7 rounding to whole weeks, H8 groups) is computed by
/// `Instance` and written as plain numbers, keeping the .mod simple.
public enum MathProgData {
    public static func text(_ I: Instance) -> String {
        var o = "# Data for models/rotation.mod, written by `rota export --dat`.\n"
        o += "# Scenario: \(I.scenario.name.replacingOccurrences(of: "\n", with: " "))\n"
        for (g, name) in I.groupNames.enumerated() {
            o += "# group 'g\(g + 1)' = trust \(name.isEmpty ? "(none)" : name.replacingOccurrences(of: "\n", with: " "))\n"
        }
        o += "data;\n\n"
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        func num(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let P = I.clinicians.map { q($0.id) }
        let S = I.sites.map { q($0.id) }
        let W = I.weeks
        func block(_ header: String, _ items: [String]) {
            o += header + " :=\n"
            var line = ""
            for it in items {
                if line.count + it.count > 100 { o += "  " + line + "\n"; line = "" }
                line += (line.isEmpty ? "" : " ") + it
            }
            if !line.isEmpty { o += "  " + line + "\n" }
            o += ";\n\n"
        }
        o += "param W := \(W);\n\n"
        block("set P", P)
        block("set S", S)
        block("param kind", I.sites.indices.map { "\(S[$0]) \(q(I.sites[$0].kind.rawValue))" })
        block("param home", I.clinicians.indices.map { "\(P[$0]) \(S[I.home[$0]])" })
        block("set E", I.clinicians.indices.flatMap { p in I.eligible[p].map { "(\(P[p]),\(S[$0]))" } })
        block("param cover", I.clinicians.indices.flatMap { p in (0..<W).map { "\(P[p]) \($0 + 1) \(num(I.cover[p][$0]))" } })
        block("param dist", I.clinicians.indices.flatMap { p in
            I.eligible[p].enumerated().compactMap { k, s in I.distance[p][k] > 0 ? "\(P[p]) \(S[s]) \(num(I.distance[p][k]))" : nil }
        })
        let w8 = I.scenario.weights
        block("param sw", I.sites.indices.map { "\(S[$0]) \(num(I.shortfallWeight[$0]))" })
        o += "param wc := \(num(w8.change));\nparam wt := \(num(w8.travelKm));\n\n"
        func siteWeeks(_ include: (Int, Int) -> Bool) -> [(Int, Int)] {
            I.sites.indices.flatMap { s in (0..<W).filter { include(s, $0) }.map { (s, $0) } }
        }
        let floors = siteWeeks { I.floor[$0][$1] > 0 }
        block("set FLOOR", floors.map { "(\(S[$0.0]),\($0.1 + 1))" })
        block("param floor", floors.map { "\(S[$0.0]) \($0.1 + 1) \(num(I.floor[$0.0][$0.1]))" })
        let targets = siteWeeks { I.target[$0][$1] > 0 }
        block("set TARGET", targets.map { "(\(S[$0.0]),\($0.1 + 1))" })
        block("param target", targets.map { "\(S[$0.0]) \($0.1 + 1) \(num(I.target[$0.0][$0.1]))" })
        let caps = siteWeeks { I.cap[$0][$1] != nil }
        block("set CAP", caps.map { "(\(S[$0.0]),\($0.1 + 1))" })
        block("param cap", caps.map { "\(S[$0.0]) \($0.1 + 1) \(I.cap[$0.0][$0.1]!)" })
        block("set PIN", I.clinicians.indices.flatMap { p in
            (0..<W).compactMap { w in I.pinned[p][w].map { "(\(P[p]),\(S[$0]),\(w + 1))" } }
        })
        // Weeks in post (staff.csv from/to), only where not the whole horizon.
        let partial = I.clinicians.indices.filter { I.post[$0] != 0...(W - 1) }
        if !partial.isEmpty {
            block("param first", partial.map { "\(P[$0]) \(I.post[$0].lowerBound + 1)" })
            block("param last", partial.map { "\(P[$0]) \(I.post[$0].upperBound + 1)" })
        }
        // rota replan: the agreed placements that may change, and their weight.
        let agreed = I.clinicians.indices.flatMap { p in (0..<W).compactMap { w in I.agreed[p][w].map { "(\(P[p]),\(S[$0]),\(w + 1))" } } }
        if !agreed.isEmpty {
            block("set AGREED", agreed)
            o += "param wd := \(num(I.disruption));\n\n"
        }
        o += "param minrun := \(I.scenario.rotation.minRunWeeks);\n"
        o += "param maxrun := \(I.scenario.rotation.maxRunWeeks ?? 0);\n\n"
        let rot = I.clinicians.indices.filter { I.clinicians[$0].rotates }
        block("set ROT", rot.map { P[$0] })
        block("param lo", rot.flatMap { p in ["pcn", "cas"].map { "\(P[p]) '\($0)' \(I.shareWeeks[p][SiteKind(rawValue: $0)!]!.lo)" } })
        block("param hi", rot.flatMap { p in ["pcn", "cas"].map { "\(P[p]) '\($0)' \(I.shareWeeks[p][SiteKind(rawValue: $0)!]!.hi)" } })
        block("set GROUPS", I.groupNames.indices.map { "'g\($0 + 1)'" })
        block("param group", I.clinicians.indices.map { "\(P[$0]) 'g\(I.group[$0] + 1)'" })
        block("param wte", I.clinicians.indices.map { "\(P[$0]) \(num(I.clinicians[$0].wte))" })
        let rw = (0..<W).filter { I.maxAway[$0] != nil }
        block("set RW", rw.map { String($0 + 1) })
        block("param maxaway", rw.map { "\($0 + 1) \(num(I.maxAway[$0]!))" })
        o += "end;\n"
        return o
    }
}
