/// `rota generate`: synthetic, reproducible scenarios built from the public
/// NHS figures in BRIEF.md, each shipped with a witness rota that keeps
/// every hard rule (H1–H8 of PROBLEM.md), so a generated scenario is always
/// feasible.
///
/// How feasibility is guaranteed: the generator first builds the witness
/// (contracted PCN and CAS cover as chains of alternating blocks, then each
/// rotating clinician's PCN and CAS blocks, placed so that run lengths,
/// shares, caps, eligibility and the rollout limit all hold), then leave,
/// and only then sets the floors from the witness's cover: hub floors at
/// 90–97% of the witness's lowest cover in each 4-week period, rounded down
/// to 0.1 WTE; PCN and CAS floors only where a contract chain covers them.

/// The presets of `rota generate --preset`.
public enum ScenarioPreset: String, CaseIterable, Sendable {
    /// The smallest scheme: one ICS, 1 hub, 2 PCNs, 5 clinicians, 26 weeks.
    case tiny
    /// Two ICSs, 2 hubs, 5 PCNs, 1 CAS, 12 clinicians, 12 weeks.
    case small
    /// One ICS after the Leeds pilot (BRIEF.md): 2 hubs, 15 PCNs, 1 CAS,
    /// 20 clinicians, 52 weeks in 10-week blocks.
    case pilot
    /// Two ICSs of one trust: 4 hubs, 12 PCNs, 1 CAS, 30 clinicians, 26 weeks.
    case twoICS = "two-ics"
    /// WMAS (BRIEF.md): 6 ICSs, 110 PCNs, 15 hubs, 2 CAS; about 200
    /// rotating and 40 non-rotating clinicians; 52 weeks from 2027-04-05.
    case westMidlands = "west-midlands"
    /// YAS (BRIEF.md): 3 ICSs, about 75 PCNs, 10 hubs, 1 CAS, about 140
    /// clinicians; 6–12 week runs after YAS's 6-week alternating scheme.
    case yorkshire
    /// All ten trusts (BRIEF.md): 42 ICSs, about 1,250 PCNs, about 140
    /// hubs, 11 CAS, about 1,800 rotating clinicians; `trust` set on sites.
    case england
}

/// A generated scenario: the folder's files and a valid rota for it.
public struct GeneratedScenario: Sendable {
    /// scenario.toml, sites.csv, staff.csv, demand.csv, leave.csv,
    /// pinned.csv, in that order (pinned.csv may hold only its header).
    public var files: [(name: String, contents: String)]
    /// A rota.csv (staff, week, week_start, site, kind, ics, cover_wte, one
    /// row per clinician and week) that keeps every hard rule H1–H8.
    public var witnessRota: String
    /// Counts, for reports and tests.
    public var stats: ScenarioStats

    /// The contents of one of `files`, by name.
    public func file(_ name: String) -> String? { files.first { $0.name == name }?.contents }
}

/// What a generated scenario holds.
public struct ScenarioStats: Sendable, Equatable {
    public var trusts = 0, ics = 0, hubs = 0, pcns = 0, cas = 0
    public var rotating = 0, nonRotating = 0
    public var weeks = 0
    public var demandRows = 0, leaveRows = 0, pinnedRows = 0
    /// Sites with a contracted floor (PCNs and CAS), covered by chains.
    public var contracts = 0
    /// Clinicians given share overrides on purpose (policy variety).
    public var shareOverrides = 0
    /// Clinicians whose lower share bound had to be lowered because the
    /// witness could not reach the default (kept valid by an override).
    public var loweredShares = 0
    public var sites: Int { hubs + pcns + cas }
}

public enum ScenarioGenerator {
    /// Builds the preset's scenario. The same preset and seed give the same
    /// bytes on every platform.
    public static func generate(_ preset: ScenarioPreset, seed: UInt64) -> GeneratedScenario {
        var b = GenBuilder(spec: GenData.spec(preset, seed: seed), seed: seed)
        b.build()
        return b.output()
    }
}
