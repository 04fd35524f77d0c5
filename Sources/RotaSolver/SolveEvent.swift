/// What a solve did, as values: tests (and any tool) follow a strategy's
/// phases by these, never by the wording of its trace lines, which are for
/// people and may change.
public enum SolveEvent: Sendable, Equatable {
    /// One whole iteration of the Lagrangian bound; `sharesPriced` in its
    /// first phase (H7 priced in the objective), else the exact programme.
    case boundIteration(sharesPriced: Bool, value: Double)
    /// The background bound on one core starts from the search's priced
    /// multipliers (their value), or from none (nil).
    case boundResumed(fromPricedValue: Double?)
    /// The search's exchanges with the floors soft: what they gained and the penalty left.
    case exchangesWithSoftFloors(gain: Double, penaltyLeft: Double)
    /// A GLPK repair of a few clinicians over a window of weeks.
    case repair(clinicians: Int)
}
