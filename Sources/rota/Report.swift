import ArgumentParser
import RotaApp

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a one-file HTML report of a solved run: summary, coverage heatmap, charts, rota grid.",
        discussion: """
        Re-checks the folder's rota.csv against its scenario (the one summary.json names, or \
        --scenario) and writes report.html beside it (or --out FILE), every figure recomputed from \
        rota.csv: a hand-edited rota is reported as it is, with a banner where the folder's other \
        files describe another rota. The page needs no network: open it in any browser, or print it \
        to PDF (A4 landscape).

        Example:
          rota solve inputs/west-midlands --out out/wm && rota report out/wm
        """)

    @Argument(help: "The folder a solve wrote (rota solve … --out DIR).")
    var folder: String

    @Option(name: .long, help: "Where to write the page (default: RUN/report.html).")
    var out: String?

    @Option(name: .long, help: "The scenario to re-check rota.csv against (default: the one summary.json names).")
    var scenario: String?

    func run() throws {
        let r = ReportCommand.run(folder: folder, file: out, scenario: scenario)
        finish(lines: r.lines, errors: r.errors, code: r.exitCode.rawValue)
    }
}
