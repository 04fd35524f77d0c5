import Foundation
import RotaCore
import RotaIO
import RotaSolver

/// `rota export`: the model's data for glpsol, or the whole model as MPS.
public enum ExportCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
    }

    /// With `previous` and `fromWeek`, the model of `rota replan` (history
    /// pinned, the disruption term) instead of `rota solve`'s.
    public static func run(scenario folder: String, dat: String?, mps: String?,
                           previous: String? = nil, fromWeek: Int? = nil,
                           ics: String? = nil, rota: String? = nil, xlsx: String? = nil,
                           csv: String? = nil, plan: String? = nil) -> Report {
        let scenario: Scenario
        do {
            if let previous, let fromWeek {
                scenario = try ReplanLoader.apply(previous: RotaReader.readWithLines(path: previous),
                                                  file: (previous as NSString).lastPathComponent,
                                                  fromWeek: fromWeek, to: SolveCommand.load(folder))
            } else {
                scenario = try SolveCommand.load(folder)
            }
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: error.errors.map(\.description))
        }
        var report = Report(exitCode: .success, lines: [], errors: [])
        if let rota, xlsx != nil || ics != nil {
            // The rota is read and checked once for both outputs.
            let placements: [Placement], breaksFloors: Bool, validator: Validator
            switch checkedRota(scenario, rota, nothing: xlsx != nil && ics != nil ? "workbook or calendar" : xlsx != nil ? "workbook" : "calendar") {
            case .failure(let f): return f.report
            case .success(let r): (placements, breaksFloors, validator) = r
            }
            // The workbook and the calendars share nothing, so each gets a core.
            let results = Pair()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { results.first = xlsx.map { workbook(scenario, placements, validator, breaksFloors: breaksFloors, from: rota, to: $0) } }
                else { results.second = ics.map { calendars(scenario, placements, to: $0) } }
            }
            for r in [results.first, results.second].compactMap({ $0 }) {
                report.lines += r.lines; report.errors += r.errors
                if r.exitCode != .success { report.exitCode = r.exitCode; return report }
            }
        }
        if csv != nil || plan != nil {
            let r = scenarioFiles(folder, scenario, csv: csv, plan: plan)
            report.lines += r.lines; report.errors += r.errors
            if r.exitCode != .success { report.exitCode = r.exitCode; return report }
        }
        guard dat != nil || mps != nil else { return report }
        let instance = Instance(scenario)
        if let dat {
            // glpsol rejects symbols over 100 characters ("string literal too long").
            let long = (scenario.sites.map(\.id) + scenario.clinicians.map(\.id)).filter { $0.count > 100 }
            if let id = long.first {
                return Report(exitCode: .badInput, lines: [], errors: ["Cannot export MathProg data: the id \"\(id.prefix(40))…\" is longer than the 100 characters glpsol accepts."])
            }
            do {
                try AtomicFiles.write(Data(MathProgData.text(instance).utf8), toFile: dat)
                report.lines.append("wrote \(dat) (solve with: glpsol -m models/rotation.mod -d \(dat))")
            } catch {
                report.exitCode = .badInput
                report.errors.append("Cannot write \(dat): \(error.localizedDescription)")
            }
        }
        if let mps {
            if MPSExport.write(instance, to: mps) {
                report.lines.append("wrote \(mps) (free MPS)")
            } else {
                report.exitCode = .badInput
                report.errors.append("Cannot write \(mps)")
            }
        }
        return report
    }

    /// A rota read from `path` that the validator accepts (a least-breach
    /// rota may break floors; no other rule), or the report that refuses it.
    static func checkedRota(_ scenario: Scenario, _ path: String, nothing: String)
        -> Result<(placements: [Placement], breaksFloors: Bool, validator: Validator), ReportFailure> {
        let rows: [(placement: Placement, line: Int)]
        do {
            rows = try RotaReader.read(path: path, for: scenario)
        } catch {
            return .failure(ReportFailure(Report(exitCode: .badInput, lines: [], errors: error.errors.map(\.description) + ["No \(nothing) was written."])))
        }
        let placements = rows.map(\.placement)
        let validator = Validator(scenario)
        let violations = validator.check(placements)
        let breaches = violations.filter { $0.rule != .floor }
        if !breaches.isEmpty {
            return .failure(ReportFailure(Report(exitCode: .brokenRule, lines: [],
                          errors: ValidateCommand.violationLines(breaches, file: (path as NSString).lastPathComponent, rows: rows)
                              + ["\(path) breaks the hard rules, so no \(nothing) was written: a clinician would be sent where the rota cannot hold."])))
        }
        return .success((placements, !violations.isEmpty, validator))
    }

    /// Two results written from two threads, each into its own field, read after both end.
    final class Pair: @unchecked Sendable {
        var first: Report?
        var second: Report?
    }

    struct ReportFailure: Error { var report: Report; init(_ r: Report) { report = r } }

    /// rota.xlsx from a rota on file (one edited by hand and validated, say):
    /// the same workbook a solve writes, with the status the validator gives
    /// and no bound (nothing was solved).
    static func workbook(_ scenario: Scenario, _ placements: [Placement], _ validator: Validator, breaksFloors: Bool,
                         from path: String, to file: String) -> Report {
        var summary = RunSummary(status: breaksFloors ? .infeasible : .feasible, scenario: scenario.name, bound: nil, seconds: 0,
                                 timeLimitSeconds: 0, mipGap: 0, stoppedByTimeLimit: false, modelSize: nil, strategy: "none")
        summary.readFrom = (path as NSString).lastPathComponent
        let result = RunResult(scenario: scenario, placements: placements, evaluation: validator.evaluate(placements),
                               summary: summary, moves: scenario.replan == nil ? nil : Moves.list(scenario, placements))
        do {
            try AtomicFiles.write(WorkbookOutput.render(result), toFile: file)
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: ["Cannot write \(file): \(error)"])
        }
        return Report(exitCode: .success, lines: ["written    \(file) (the rota in \((path as NSString).lastPathComponent) as a workbook\(breaksFloors ? "; it breaks floors, so it is NOT a valid rota" : ""))"], errors: [])
    }

    /// One .ics per clinician from a checked rota, into `folder`; calendars of
    /// clinicians no longer in the scenario are removed with the same step.
    static func calendars(_ scenario: Scenario, _ placements: [Placement], to folder: String) -> Report {
        let files = Calendars.files(scenario, placements)
        let names = Set(files.map(\.name))
        let stale = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".ics") && !names.contains($0) }.sorted()
        do {
            try AtomicFiles.write(files, to: folder, removing: stale)
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: ["Cannot write to \(folder): \(error.localizedDescription)"])
        }
        let events = Calendars.runs(scenario, placements).values.reduce(0) { $0 + $1.count }
        var lines = ["written    \(files.count) calendars in \(folder) (one per clinician, \(events) events: one per run of weeks at a site)"]
        if !stale.isEmpty { lines.append("removed    \(stale.count) calendar\(stale.count == 1 ? "" : "s") of clinicians no longer in the scenario") }
        return Report(exitCode: .success, lines: lines, errors: [])
    }

    /// The scenario itself in the other form: a workbook as a CSV folder
    /// (`--csv`), a folder or workbook as one workbook (`--plan`). The
    /// scenario has been loaded and checked already, so only a clean one is copied.
    static func scenarioFiles(_ path: String, _ scenario: Scenario, csv: String?, plan: String?) -> Report {
        var errors: [InputError] = []
        let texts: ScenarioTexts
        if ScenarioWorkbook.isWorkbook(path) {
            do { texts = try ScenarioWorkbook.texts(path: path).texts } catch { return Report(exitCode: .badInput, lines: [], errors: error.errors.map(\.description)) }
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return Report(exitCode: .badInput, lines: [], errors: ["--csv and --plan copy a scenario folder or workbook; \(path) is neither."])
            }
            texts = ScenarioLoader.texts(folder: path, errors: &errors)
        }
        var lines: [String] = []
        if let csv {
            let files = texts.files.map { (name: $0.name, contents: $0.text) }
            // A file the scenario no longer has (no leave sheet, say) must not linger and be read next time.
            let stale = ScenarioWorkbook.sheets.map(\.file).filter { name in !files.contains { $0.name == name } }
                .filter { FileManager.default.fileExists(atPath: (csv as NSString).appendingPathComponent($0)) }
            do { try AtomicFiles.write(files, to: csv, removing: stale) } catch {
                return Report(exitCode: .badInput, lines: [], errors: ["Cannot write to \(csv): \(error.localizedDescription)"])
            }
            lines.append("written    \(csv) (\(files.map(\.name).joined(separator: ", ")))")
        }
        if let plan {
            do {
                try AtomicFiles.write(ScenarioWorkbookWriter.bytes(texts, created: scenario.start), toFile: plan)
            } catch {
                return Report(exitCode: .badInput, lines: [], errors: ["Cannot write \(plan): \(error)"])
            }
            lines.append("written    \(plan) (the scenario as one workbook: sheets \(ScenarioWorkbook.sheets.map(\.sheet).joined(separator: ", ")))")
        }
        return Report(exitCode: .success, lines: lines, errors: [])
    }
}
