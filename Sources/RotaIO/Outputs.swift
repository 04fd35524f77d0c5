import Foundation
import RotaCore

/// Everything a run's files are rendered from. One value, so rota.csv, the
/// grid, coverage, summary.json and the workbook can never disagree.
public struct RunResult: Sendable {
    public let scenario: Scenario
    public let placements: [Placement]
    public let evaluation: Evaluation
    public var summary: RunSummary
    /// A re-plan's changes to agreed placements (nil for a plain solve).
    public var moves: [Move]?
    /// The rota seen from the sites (site-view.csv and the workbook's sheet).
    public let siteView: [SiteView.Row]
    public init(scenario: Scenario, placements: [Placement], evaluation: Evaluation, summary: RunSummary, moves: [Move]? = nil) {
        self.scenario = scenario; self.placements = placements; self.evaluation = evaluation
        self.summary = summary; self.moves = moves
        siteView = SiteView.rows(scenario, placements, evaluation)
    }
}

/// One file a run writes: its name, what it holds (for the docs and the
/// "written" line), when a run writes it, and how it is rendered.
public struct OutputFile: Sendable {
    public let name: String
    public let holds: String
    let writes: @Sendable (RunResult) -> Bool
    let render: @Sendable (RunResult) throws -> Data

    init(_ name: String, holds: String, writes: @escaping @Sendable (RunResult) -> Bool = { _ in true },
         render: @escaping @Sendable (RunResult) throws -> Data) {
        self.name = name; self.holds = holds; self.writes = writes; self.render = render
    }

    /// A text file for spreadsheets: UTF-8, with a byte-order mark when any
    /// cell is not ASCII (so Excel reads it as UTF-8).
    static func spreadsheet(_ name: String, holds: String, writes: @escaping @Sendable (RunResult) -> Bool = { _ in true },
                            _ text: @escaping @Sendable (RunResult) -> String) -> OutputFile {
        OutputFile(name, holds: holds, writes: writes) { Data(SpreadsheetText.withByteOrderMarkIfNeeded(text($0)).utf8) }
    }
}

/// The registry of a run's files: a new output format is one entry here and
/// its renderer's own file.
public enum Outputs {
    public static let all: [OutputFile] = [
        .spreadsheet("rota.csv", holds: "one row per clinician and week: the site, its kind and ICS, the WTE the clinician gives") {
            OutputWriter.rotaCSV($0.scenario, $0.placements)
        },
        .spreadsheet("rota-grid.csv", holds: "clinicians × weeks, the site in each cell") {
            OutputWriter.gridCSV($0.scenario, $0.placements)
        },
        .spreadsheet("coverage.csv", holds: "one row per site and week: cover against floor, target and cap") {
            OutputWriter.coverageCSV($0.evaluation)
        },
        .spreadsheet("site-view.csv", holds: "a page per site: who is there each week, and cover against floor and target") {
            SiteView.csv($0)
        },
        OutputFile("summary.json", holds: "status, objective, bound and gap, KPIs, warnings") {
            Data(OutputWriter.summaryJSON($0.scenario, $0.evaluation, $0.summary).utf8)
        },
        .spreadsheet("moves.csv", holds: "a re-plan's changes to agreed placements, and why", writes: { $0.moves != nil }) {
            OutputWriter.movesCSV($0.scenario, $0.moves ?? [])
        },
        OutputFile("rota.xlsx", holds: "the same as a workbook: Summary, Rota, Sites, Clinicians (and Changes for a re-plan)") {
            try WorkbookOutput.render($0)
        },
    ]

    /// Every file a run owns in its output folder: the registry's, and the
    /// page `rota report` (or `solve --report`) renders from them. A run
    /// removes those it does not write itself (an earlier re-plan's
    /// moves.csv, a report of the old rota), so nothing in the folder
    /// describes another run.
    public static var runFiles: [String] { all.map(\.name) + ["report.html"] }

    /// The files `result` renders to, in the registry's order.
    public static func render(_ result: RunResult) throws -> [(name: String, contents: Data)] {
        try all.filter { $0.writes(result) }.map { ($0.name, try $0.render(result)) }
    }
}
