/// The strategies a planner can name with `--strategy`: the one list the
/// CLI's check, its help text and summary.json's `strategy` come from.
/// A new strategy is one line here (and its own file).
public enum Strategies {
    public static let all: [any SolveStrategy] = [AutomaticStrategy(), PlainSolve(), NeighbourhoodSearch()]

    /// The default, `auto`.
    public static var standard: any SolveStrategy { all[0] }

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> (any SolveStrategy)? { all.first { $0.name == name } }

    /// `--strategy`'s help: each name with its one line.
    public static var help: String {
        all.enumerated().map { i, s in "\(s.name)\(i == 0 ? " (default)" : ""): \(s.summary)" }.joined(separator: "; ") + "."
    }

    /// "auto, whole or search", for the message that refuses another name.
    public static var choices: String { names.dropLast().joined(separator: ", ") + " or " + names.last! }
}

extension SolveStrategy {
    public var summary: String { name }
    public var findsARotaFirst: Bool { false }
}
