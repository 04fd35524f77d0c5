/// H5 and H6: a run, the weeks in a row at one non-home site, lasts at
/// least `min_run_weeks` and at most `max_run_weeks`.
///
/// `RunLength` is the statement for one run, used by the validator, the
/// search's moves and its first rota. The model and the per-clinician
/// programme state the same rule in their own terms: the model with start
/// indicators (below), the programme with a run-length state
/// (`ClinicianDP`).
enum RunRule: HardRule {
    static var rules: [RuleID] { [.minRun, .maxRun] }
    static var rowPlace: RowPlace { .beforeChangeCut }

    static func check(_ v: Validator, _ g: Validator.Grid) -> [Violation] {
        var out: [Violation] = []
        let run = RunLength(v.scenario.rotation)
        for c in v.scenario.clinicians {
            let row = g.at[c.id]!
            let inPost = (1...v.weeks).filter { v.scenario.inPost(c, week: $0) }
            let post = (inPost.first ?? 1) - 1...(inPost.last ?? v.weeks) - 1
            var w = 1
            while w <= v.weeks {
                guard let site = row[w - 1] else { w += 1; continue }
                var end = w
                while end < v.weeks && row[end] == site { end += 1 }
                // The run is weeks w…end (row[end] is week end+1).
                if site != c.home {
                    let length = end - w + 1
                    if run.isTooShort(first: w - 1, last: end - 1, weeks: v.weeks, inPost: post) {
                        out.append(Violation(rule: .minRun, subject: c.id, week: w, toWeek: end,
                                             detail: "run of \(length) week\(length == 1 ? "" : "s") at \(site), minimum \(run.minimum)"))
                    }
                    if run.isTooLong(first: w - 1, last: end - 1) {
                        out.append(Violation(rule: .maxRun, subject: c.id, week: w, toWeek: end,
                                             detail: "run of \(length) weeks at \(site), maximum \(run.maximum!)"))
                    }
                }
                w = end + 1
            }
        }
        return out
    }

    /// At every non-home site: H5 in the Rajan–Takriti minimum-up-time form
    /// Σ_{t=w−L+1..w} y[t] ≤ x[w] (a run that starts in the first week in post
    /// has no y, and one still going in the last runs out of window: both
    /// exempt), and H6 as at most `maximum` of any `maximum + 1` weeks in a row.
    static func addRows(_ r: ModelRows, to m: inout MIPModel) {
        let I = r.instance, W = I.weeks, L = r.layout
        let run = RunLength(I.scenario.rotation)
        for p in r.freeClinicians {
            for (k, s) in I.eligible[p].enumerated() where s != I.home[p] {
                if run.minimum > 1 {
                    let post = I.post[p]
                    for w in 1..<max(1, W) where w <= post.upperBound && w > post.lowerBound {
                        var terms: [(Int, Double)] = [(L.place(p, k, w), -1)]
                        for t in max(post.lowerBound + 1, w - run.minimum + 1)...w { terms.append((L.start(p, k, t), 1)) }
                        m.addRow(.minRun, p: p, s: s, w: w, lower: nil, upper: 0, terms: terms)
                    }
                }
                if let maxRun = run.maximum, maxRun < W {
                    for w in 0..<(W - maxRun) {
                        m.addRow(.maxRun, p: p, s: s, w: w, lower: nil, upper: Double(maxRun),
                                 terms: (w...(w + maxRun)).map { (L.place(p, k, $0), 1.0) })
                    }
                }
            }
        }
    }
}

/// H5 and H6 for one run: the weeks `first...last` (0-based) at one
/// non-home site.
public struct RunLength: Sendable, Equatable {
    public let minimum: Int
    public let maximum: Int?

    public init(_ rotation: RotationPolicy) {
        minimum = rotation.minRunWeeks
        maximum = rotation.maxRunWeeks
    }

    /// H5: shorter than the minimum and not exempt. A run that touches the
    /// horizon's edge, or begins in the clinician's first week in post or ends
    /// in their last, is exempt: the plan did not cut it short.
    @inlinable
    public func isTooShort(first: Int, last: Int, weeks: Int, inPost: ClosedRange<Int>) -> Bool {
        let atEdge = first == 0 || last == weeks - 1 || first == inPost.lowerBound || last == inPost.upperBound
        return last - first + 1 < minimum && !atEdge
    }

    /// H6: longer than the maximum.
    @inlinable
    public func isTooLong(first: Int, last: Int) -> Bool {
        maximum.map { last - first + 1 > $0 } ?? false
    }
}
