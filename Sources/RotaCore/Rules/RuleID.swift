/// A hard rule of PROBLEM.md, H1…H8: the one name every module uses for it.
///
/// Violations, conflicts and model rows carry a `RuleID`, never a number or
/// a message text, so rewording a message changes no behaviour.
public enum RuleID: Int, Sendable, CaseIterable, Comparable, Hashable, CustomStringConvertible {
    case onePlacement = 1
    case floor
    case cap
    case pinned
    case minRun
    case maxRun
    case share
    case rollout

    /// `H1`…`H8`, as the spec and every output write it.
    public var code: String { "H\(rawValue)" }

    /// The rule in a planner's words (PROBLEM.md's table).
    public var name: String {
        switch self {
        case .onePlacement: "one placement a week, at an eligible site"
        case .floor: "staffing floor"
        case .cap: "cap on heads"
        case .pinned: "pinned placement"
        case .minRun: "minimum run"
        case .maxRun: "maximum run"
        case .share: "rotation share"
        case .rollout: "rollout limit"
        }
    }

    /// The rule as a conflict explanation names it ("the minimum run").
    public var phrase: String {
        switch self {
        case .onePlacement: "one placement a week"
        case .floor: "the floors"
        case .cap: "the caps"
        case .pinned: "the pins"
        case .minRun: "the minimum run"
        case .maxRun: "the maximum run"
        case .share: "the rotation shares"
        case .rollout: "the rollout limit"
        }
    }

    /// Why a re-plan's move stays (`Moves`): "keeps the floor at hub-a week 3".
    /// `span` is "" or " week 3" / " weeks 3–5".
    public func kept(subject: String, span: String) -> String {
        switch self {
        case .floor: "keeps the floor at \(subject)\(span)"
        case .cap: "keeps the cap at \(subject)\(span)"
        case .pinned: "keeps a pin\(span)"
        case .minRun: "keeps the minimum run (\(subject)\(span))"
        case .maxRun: "keeps the maximum run (\(subject)\(span))"
        case .share: "keeps \(subject)'s rotation share"
        case .rollout: "keeps the rollout limit\(span)"
        case .onePlacement: "keeps \(code) (\(subject)\(span))"
        }
    }

    public var description: String { code }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}

/// Several rules that clash together, written the way PROBLEM.md does:
/// `H7+H8`, a run of three or more as a range (`H4-H7`, `H1+H3-H8`).
public struct RuleSet: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public let rules: [RuleID]

    public init(_ rules: some Sequence<RuleID>) { self.rules = Array(Set(rules)).sorted() }
    public init(arrayLiteral rules: RuleID...) { self.init(rules) }

    public func contains(_ rule: RuleID) -> Bool { rules.contains(rule) }

    public var description: String {
        var parts: [String] = []
        var i = 0
        while i < rules.count {
            var j = i
            while j + 1 < rules.count && rules[j + 1].rawValue == rules[j].rawValue + 1 { j += 1 }
            if j - i >= 2 {
                parts.append("\(rules[i].code)-\(rules[j].code)")
            } else {
                parts += rules[i...j].map(\.code)
            }
            i = j + 1
        }
        return parts.joined(separator: "+")
    }
}
