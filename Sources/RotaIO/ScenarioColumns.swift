/// The columns of each scenario table (INPUTS.md), in one place: the CSV
/// loader takes its known and required columns from here, and the starter
/// workbook its cell types, drop-downs and notes.
public struct ScenarioColumn: Sendable {
    public enum Kind: Sendable, Equatable {
        case text, number, integer, date, bool
        case choice([String])
    }
    public var name: String
    public var required: Bool
    public var kind: Kind
    /// What the column means, in a planner's words (a note on its header).
    public var note: String
}

public enum ScenarioColumns {
    static func c(_ name: String, _ kind: ScenarioColumn.Kind, required: Bool = false, _ note: String) -> ScenarioColumn {
        ScenarioColumn(name: name, required: required, kind: kind, note: note)
    }

    static let grades = ["paramedic", "specialist", "advanced"]

    public static let sites: [ScenarioColumn] = [
        c("id", .text, required: true, "Unique id of the site: letters, digits, . _ -"),
        c("name", .text, "Display name"),
        c("kind", .choice(["hub", "pcn", "cas"]), required: true, "hub (999 frontline), pcn (GP primary care network) or cas (clinical assessment centre)"),
        c("ics", .text, "The integrated care system the site belongs to; needed for hubs and PCNs"),
        c("trust", .text, "The ambulance trust whose footprint holds the site"),
        c("lat", .number, "Latitude in decimal degrees (give lat and lon, or neither)"),
        c("lon", .number, "Longitude in decimal degrees"),
        c("min_grade", .choice(grades), "Lowest grade the site accepts"),
        c("requires", .text, "Skills the site needs, separated by ;"),
        c("priority", .number, "Weight of the site's shortfall, a positive number; default 1"),
    ]

    public static let staff: [ScenarioColumn] = [
        c("id", .text, required: true, "Unique id of the clinician"),
        c("name", .text, "Display name"),
        c("grade", .choice(grades), required: true, "paramedic, specialist or advanced"),
        c("home", .text, required: true, "Id of the clinician's home hub (a site of kind hub)"),
        c("wte", .number, "Whole-time equivalent, above 0 and at most 1; default 1"),
        c("skills", .text, "Skills, separated by ;"),
        c("rotates", .bool, "TRUE if the clinician rotates away from the hub; default TRUE"),
        c("max_travel_km", .number, "Furthest the clinician travels from home, in km"),
        c("share_pcn_min", .number, "Lowest share of weeks in a PCN, 0 to 1 (overrides the scenario's)"),
        c("share_pcn_max", .number, "Highest share of weeks in a PCN, 0 to 1"),
        c("share_cas_min", .number, "Lowest share of weeks in a CAS, 0 to 1"),
        c("share_cas_max", .number, "Highest share of weeks in a CAS, 0 to 1"),
        c("from", .date, "First day in post, if after the plan's start"),
        c("to", .date, "Last day in post, if before the plan's end"),
    ]

    public static let demand: [ScenarioColumn] = [
        c("site", .text, required: true, "Id of the site"),
        c("from_week", .integer, required: true, "First week of the row, 1 to the scenario's weeks"),
        c("to_week", .integer, required: true, "Last week of the row (inclusive); rows of one site must not share a week"),
        c("floor", .number, "Fewest WTE the site may have (a hard rule); default 0"),
        c("target", .number, "WTE the site should have; default 0"),
        c("cap", .integer, "Most clinicians at the site at once; default unlimited"),
    ]

    public static let leave: [ScenarioColumn] = [
        c("staff", .text, required: true, "Id of the clinician"),
        c("from", .date, required: true, "First day of leave"),
        c("to", .date, required: true, "Last day of leave (inclusive)"),
    ]

    public static let pinned: [ScenarioColumn] = [
        c("staff", .text, required: true, "Id of the clinician"),
        c("week", .integer, required: true, "The week, 1 to the scenario's weeks"),
        c("site", .text, required: true, "Id of the site the clinician must be at that week"),
    ]

    /// Each table's columns by its CSV file name.
    public static let byFile: [String: [ScenarioColumn]] = [
        "sites.csv": sites, "staff.csv": staff, "demand.csv": demand, "leave.csv": leave, "pinned.csv": pinned,
    ]

    static func known(_ file: String) -> [String] { byFile[file]!.map(\.name) }
    static func required(_ file: String) -> [String] { byFile[file]!.filter(\.required).map(\.name) }
}
