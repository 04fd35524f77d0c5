import Foundation

/// Great-circle distance (haversine, Earth radius 6371.0 km), as the spec fixes it.
public func haversineKm(_ a: Coordinates, _ b: Coordinates) -> Double {
    let r = 6371.0
    let rad = Double.pi / 180
    let dLat = (b.lat - a.lat) * rad
    let dLon = (b.lon - a.lon) * rad
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * r * asin(min(1, sqrt(h)))
}

/// Why a site is not in E(p) — for input-error messages and explanations.
public enum Ineligibility: Sendable, Equatable {
    case otherHub
    case doesNotRotate
    case grade(required: Grade)
    case missingSkills([String])
    case otherICS(String?)
    case otherTrust(String)
    case tooFar(km: Double, limit: Double)

    public var description: String {
        switch self {
        case .otherHub: "it is a hub other than the home hub"
        case .doesNotRotate: "the clinician does not rotate"
        case .grade(let g): "it needs grade \(g.name) or above"
        case .missingSkills(let s): "it requires \(s.joined(separator: ";"))"
        case .otherICS(let ics): "it is in another ICS (\(ics ?? "none"))"
        case .otherTrust(let t): "it is in another trust (\(t))"
        case .tooFar(let km, let limit): "it is \(formatKm(km)) km away (limit \(formatKm(limit)) km)"
        }
    }

    private func formatKm(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// E(p), the sites clinician p may be placed at (PROBLEM.md, "Eligibility").
/// Used by the model builder and the input checks; the validator has its
/// own derivation on purpose, so that a bug in one is caught by the other.
public enum Eligibility {
    /// nil when `site` ∈ E(clinician); otherwise the first reason it is not.
    public static func reason(_ clinician: Clinician, _ site: Site, home: Site?,
                              rotation: RotationPolicy) -> Ineligibility? {
        if site.id == clinician.home { return nil }
        if site.kind == .hub { return .otherHub }
        if !clinician.rotates { return .doesNotRotate }
        if let g = site.minGrade, clinician.grade < g { return .grade(required: g) }
        let missing = site.requires.filter { !clinician.skills.contains($0) }
        if !missing.isEmpty { return .missingSkills(missing) }
        if rotation.sameICSPCN, site.kind == .pcn, site.ics != home?.ics { return .otherICS(site.ics) }
        if let st = site.trust, let ht = home?.trust, st != ht { return .otherTrust(st) }
        if let limit = clinician.maxTravelKm, let a = home?.location, let b = site.location {
            let d = haversineKm(a, b)
            if d > limit { return .tooFar(km: d, limit: limit) }
        }
        return nil
    }

    /// d(home(p), s): 0 at home or where either lacks coordinates.
    public static func distanceKm(home: Site?, site: Site) -> Double {
        guard let home, home.id != site.id, let a = home.location, let b = site.location else { return 0 }
        return haversineKm(a, b)
    }
}
