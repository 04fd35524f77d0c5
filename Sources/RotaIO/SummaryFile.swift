import Foundation
import RotaCore

/// summary.json read back, typed: what `rota report` shows and re-checks
/// from a run folder. `OutputWriter.summaryJSON` writes it; a key renamed
/// there fails the read (and the round-trip test) instead of silently
/// blanking a figure on the page. Keys a run always writes are required;
/// the rest are optional because a run only writes them when they apply
/// (a bound, a re-plan, a least-breach explanation).
public struct SummaryFile: Decodable, Sendable, Equatable {
    public var status: RotaStatus
    /// Absent in runs of older versions, where it followed from `status`.
    public var validRota: Bool?
    public var scenario: String
    /// The scenario the rota belongs to, so the report can re-check it.
    public var scenarioFolder: String?
    public var objective: Double
    public var shortfall: Double
    public var changes: Double
    public var travel: Double
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var timeLimitSeconds: Double?
    public var mipGap: Double?
    public var strategy: String?
    public var placementBinaries: Int?
    public var replan: Replan?
    public var leastBreach: LeastBreach?
    public var kpis: KPIs

    public struct Replan: Decodable, Sendable, Equatable {
        public var fromWeek: Int
        public var previousPath: String?
        enum CodingKeys: String, CodingKey { case fromWeek = "from_week", previousPath = "previous_path" }
    }

    public struct LeastBreach: Decodable, Sendable, Equatable {
        /// Each group's line in words, largest breach first.
        public var breaches: [Breach]
        public struct Breach: Decodable, Sendable, Equatable { public var line: String }
    }

    public struct KPIs: Decodable, Sendable, Equatable {
        public var floorBreaches: Int
        public var breachWTEWeeks: Double
        public var changes: Int
        public var travelKm: Double
        public var byKind: [String: Target]?
        public var byICS: [String: Target]?
        enum CodingKeys: String, CodingKey {
            case floorBreaches = "floor_breaches", breachWTEWeeks = "breach_wte_weeks", changes, travelKm = "travel_km",
                 byKind = "by_kind", byICS = "by_ics"
        }
    }

    public struct Target: Decodable, Sendable, Equatable {
        public var targetWTEWeeks: Double
        public var shortfallWTEWeeks: Double
        /// nil where the target is zero.
        public var targetMetPercent: Double?
        enum CodingKeys: String, CodingKey {
            case targetWTEWeeks = "target_wte_weeks", shortfallWTEWeeks = "shortfall_wte_weeks", targetMetPercent = "target_met_percent"
        }
    }

    enum CodingKeys: String, CodingKey {
        case status, validRota = "valid_rota", scenario, scenarioFolder = "scenario_folder", objective, shortfall, changes, travel,
             bound, gap, seconds, timeLimitSeconds = "time_limit_s", mipGap = "mip_gap", strategy,
             placementBinaries = "placement_binaries", replan, leastBreach = "least_breach", kpis
    }

    /// The page's verdict when nothing was re-checked against it: a
    /// least-breach rota is not valid.
    public var isValidRota: Bool { validRota ?? (status != .infeasible) }

    /// Reads summary.json's text; the error names the key that is missing
    /// or of the wrong type, in the file's terms.
    public static func read(_ text: String) throws(SummaryError) -> SummaryFile {
        do {
            return try JSONDecoder().decode(SummaryFile.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw SummaryError(why: "no \(path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw SummaryError(why: "not an object of rota's keys")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw SummaryError(why: "\(path(context.codingPath)) is not what rota writes there")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw SummaryError(why: "\(path(context.codingPath)) is not what rota writes there")
        } catch {
            throw SummaryError(why: "not JSON")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        "\"" + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "\""
    }

    public struct SummaryError: Error, Sendable, Equatable {
        public var why: String
    }
}
