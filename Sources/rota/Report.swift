import ArgumentParser
import RotaApp

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a one-file HTML report of a solved run: summary, coverage heatmap, charts, rota grid.",
        discussion: """
        Reads summary.json, coverage.csv, rota.csv and rota-grid.csv from the run folder and writes \
        report.html beside them (or --out FILE). The page needs no network: open it in any browser, \
        or print it to PDF (A4 landscape).

        Example:
          rota solve inputs/west-midlands --out out/wm && rota report out/wm
        """)

    @Argument(help: "The folder a solve wrote (rota solve … --out DIR).")
    var folder: String

    @Option(name: .long, help: "Where to write the page (default: RUN/report.html).")
    var out: String?

    func run() throws {
        let r = ReportCommand.run(folder: folder, file: out)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
