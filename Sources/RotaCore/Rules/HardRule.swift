/// One hard rule of PROBLEM.md (or two that share their statement, as H5
/// and H6 share a run), with its file under `Rules/`: the validator's
/// check and the model's rows.
///
/// The rule is stated twice on purpose. The check reads the scenario, the
/// rows read the instance, so a slip in one is caught by the other (the
/// validator and the model are compared on exhaustive tiny cases). What the
/// search and the bound need of a rule lives in their own hot loops, on
/// precomputed arrays; docs/ARCHITECTURE.md lists those places.
protocol HardRule: Sendable {
    /// The rules this type states, in H-order.
    static var rules: [RuleID] { get }
    /// Every breach of the rule in the rota, whatever order; the validator sorts.
    static func check(_ v: Validator, _ grid: Validator.Grid) -> [Violation]
    /// Where the rule's rows go in the model's fixed order (`RowPlace`).
    static var rowPlace: RowPlace { get }
    /// The rule's rows of the model (or of a part of it: `rows.free`, `rows.base`).
    static func addRows(_ rows: ModelRows, to m: inout MIPModel)
    /// With `rowPlace == .siteWeek`: its rows for site s in 0-based week w,
    /// given the free clinicians' cover terms there.
    static func addRows(_ rows: ModelRows, site s: Int, week w: Int, cover: [(Int, Double)], to m: inout MIPModel)
}

extension HardRule {
    static var rowPlace: RowPlace { .last }
    static func addRows(_ rows: ModelRows, to m: inout MIPModel) {}
    static func addRows(_ rows: ModelRows, site s: Int, week w: Int, cover: [(Int, Double)], to m: inout MIPModel) {}
}

/// The model's rows come in a fixed order, since GLPK's path (and so which
/// of several optimal rotas it returns) depends on it: the rules `.first`,
/// the start indicators, per site and week the `.siteWeek` rules and the
/// shortfall, the `.beforeChangeCut` rules, the valid inequality on
/// changes, then the `.last` rules. A new rule goes `.last`.
enum RowPlace: Sendable { case first, siteWeek, beforeChangeCut, last }

/// The hard rules in H-order: the validator checks them and the model builder
/// adds their rows in this order, so adding a rule is one line here.
enum HardRules {
    static let all: [any HardRule.Type] = [
        OnePlacementRule.self, FloorRule.self, CapRule.self, PinRule.self, RunRule.self, ShareRule.self, RolloutRule.self,
    ]
}

/// What a rule's rows are built from: the instance, the neighbourhood
/// (`ModelBuilder.Options`), where the placement columns are, and what the
/// clinicians outside the neighbourhood contribute as constants.
struct ModelRows {
    let instance: Instance
    let options: ModelBuilder.Options
    let layout: ModelBuilder.Layout
    /// Per clinician: whether they have columns.
    let free: [Bool]
    let freeClinicians: [Int]
    /// Who can be at each site: (clinician, index in their eligible sites).
    let atSite: [[(p: Int, k: Int)]]
    /// The 0-based weeks whose site-week rows are built (a window's, else all).
    let weeks: Range<Int>
    /// Cover and heads per site and week, and WTE away per group and week,
    /// of the clinicians without columns.
    let baseCover: [[Double]]
    let baseHead: [[Int]]
    let baseAway: [[Double]]

    /// The sites that get site-week rows: in the whole model every site, so a
    /// floor or target nobody can serve still reaches the model; in a part,
    /// only where a free clinician can be.
    var rowSites: [Int] {
        instance.sites.indices.filter { !atSite[$0].isEmpty || options.free == nil }
    }

    /// The cover terms of site s in week w: one per free clinician who can be there.
    func coverTerms(_ s: Int, _ w: Int) -> [(Int, Double)] {
        atSite[s].map { (layout.place($0.p, $0.k, w), instance.cover[$0.p][w]) }
    }
}
