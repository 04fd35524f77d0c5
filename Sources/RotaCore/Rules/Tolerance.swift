/// H2's comparison, decided once: cover meets a floor when it is at most
/// `tolerance` below it, so sums of fractional WTE that print as the floor
/// are never called short (PROBLEM.md, Clarifications).
public enum Floor {
    // Inlinable and computed, not a stored `let`: these run per cell in the
    // search's inner loops in another module, where a call or a lazy-global
    // check per comparison would cost.
    @inlinable public static var tolerance: Double { 1e-6 }

    /// Whether `cover` falls short of `floor`.
    @inlinable @inline(__always)
    public static func isBreached(cover: Double, floor: Double) -> Bool { cover < floor - tolerance }

    /// How far `cover` falls short of `floor` (0 when it meets it).
    @inlinable @inline(__always)
    public static func shortfall(cover: Double, floor: Double) -> Double {
        isBreached(cover: cover, floor: floor) ? floor - cover : 0
    }

    /// The right-hand side a model row or a relaxation uses for the floor,
    /// so a rota the validator accepts is never cut off by rounding.
    @inlinable @inline(__always)
    public static func rowLower(_ floor: Double) -> Double { max(0, floor - tolerance) }
}

/// H7 and H8's comparison: a share of weeks or WTE is compared with a
/// `slack` allowance, so 0.3 × 10 weeks allows 3 weeks exactly.
public enum ShareLimit {
    @inlinable public static var slack: Double { 1e-9 }

    @inlinable @inline(__always)
    public static func isBelow(_ value: Double, least: Double) -> Bool { value < least - slack }

    @inlinable @inline(__always)
    public static func isAbove(_ value: Double, most: Double) -> Bool { value > most + slack }
}
