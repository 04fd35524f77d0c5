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
