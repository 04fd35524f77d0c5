/// Seconds since it was made, on the monotonic clock (time limits and the
/// seconds reported in summaries).
public struct Stopwatch: Sendable {
    private let clock = ContinuousClock()
    public let started: ContinuousClock.Instant
    public init() { started = clock.now }

    public var seconds: Double {
        let d = started.duration(to: clock.now)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The instant `seconds` after the start.
    public func instant(after seconds: Double) -> ContinuousClock.Instant {
        started.advanced(by: .milliseconds(Int64((seconds * 1000).rounded())))
    }
}
