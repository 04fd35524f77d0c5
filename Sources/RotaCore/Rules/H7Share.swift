/// H7: each rotating clinician's weeks at PCNs, and at CASs, over the
/// weeks in post, lie within their share bounds (their own from staff.csv,
/// else the scenario's), compared with `ShareLimit.slack`.
enum ShareRule: HardRule {
    static var rules: [RuleID] { [.share] }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = []
        let r = v.scenario.rotation
        for c in v.scenario.clinicians where c.rotates {
            // Over the weeks the clinician is in post (all W unless staff.csv has from/to).
            let W = Double(v.scenario.weeksInPost(c))
            let span = W == Double(v.weeks) ? "weeks 1-\(v.weeks)" : "the \(Int(W)) weeks in post"
            for kind in [SiteKind.pcn, .cas] {
                let (lo, hi) = (c.shareBounds(kind, r).lo, c.shareBounds(kind, r).hi)
                let n = g.at[c.id]!.filter { $0.flatMap { v.sitesById[$0] }?.kind == kind }.count
                if ShareLimit.isBelow(Double(n), least: lo * W) {
                    out.append(Violation(rule: .share, subject: c.id, week: 1,
                                         detail: "\(n) weeks at \(kind.rawValue) over \(span), at least \(fmt(lo * W)) needed (share \(fmt(lo)))"))
                }
                if ShareLimit.isAbove(Double(n), most: hi * W) {
                    out.append(Violation(rule: .share, subject: c.id, week: 1,
                                         detail: "\(n) weeks at \(kind.rawValue) over \(span), at most \(fmt(hi * W)) allowed (share \(fmt(hi)))"))
                }
            }
        }
        return out
    }

    /// lo ≤ Σ x over the kind's sites ≤ hi, in whole weeks (`Instance.shareWeeks`);
    /// soft lower bounds (`Options.sharePenalty`) get a slack column.
    static func addRows(_ r: ModelRows, to m: inout MIPModel) {
        let I = r.instance, W = I.weeks
        for p in r.freeClinicians where I.clinicians[p].rotates {
            for kind in [SiteKind.pcn, .cas] {
                let bounds = I.shareWeeks[p][kind]!
                var terms: [(Int, Double)] = []
                for (k, s) in I.eligible[p].enumerated() where I.sites[s].kind == kind {
                    for w in 0..<W { terms.append((r.layout.place(p, k, w), 1)) }
                }
                if bounds.lo > 0 || bounds.hi < min(W, terms.count) || bounds.lo > bounds.hi {
                    // Two one-sided rows: lo > hi must reach the solver as a conflict.
                    var lower = terms
                    if let penalty = r.options.sharePenalty, bounds.lo > 0 {
                        lower.append((m.addColumn(.shareSlack(p: p, kind: kind), binary: false, upper: nil, objective: penalty), 1))
                    }
                    m.addRow(.share, p: p, lower: Double(bounds.lo), upper: nil, terms: lower)
                    m.addRow(.share, p: p, lower: nil, upper: Double(bounds.hi), terms: terms)
                }
            }
        }
    }
}

/// H7's bounds for one clinician: their own staff.csv bounds where given,
/// else the scenario's `rotation.share.*`. The one place the two are merged.
extension Clinician {
    public func shareBounds(_ kind: SiteKind, _ rotation: RotationPolicy) -> ShareBounds {
        switch kind {
        case .pcn: ShareBounds(lo: sharePCNMin ?? rotation.pcnShare.lo, hi: sharePCNMax ?? rotation.pcnShare.hi)
        case .cas: ShareBounds(lo: shareCASMin ?? rotation.casShare.lo, hi: shareCASMax ?? rotation.casShare.hi)
        case .hub: .any
        }
    }
}

extension ShareBounds {
    /// The whole weeks out of `weeksInPost` the bounds allow; `lo > hi` when
    /// no whole number of weeks meets both.
    public func weeks(of weeksInPost: Int) -> WeekBounds {
        let W = Double(weeksInPost)
        return WeekBounds(lo: max(0, Int((lo * W - ShareLimit.slack).rounded(.up))),
                          hi: min(weeksInPost, Int((hi * W + ShareLimit.slack).rounded(.down))))
    }
}
