import Foundation
import RotaGen
import RotaIO

/// `rota template`: a starter scenario workbook, filled in with a small
/// worked example (the `tiny` preset of `rota generate`) for a planner to
/// overwrite with their own scheme.
public enum TemplateCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
    }

    public static func run(out: String, force: Bool) -> Report {
        // A planner's filled-in workbook is never overwritten by a blank one by accident.
        if FileManager.default.fileExists(atPath: out) && !force {
            return Report(exitCode: .badInput, lines: [], errors: ["\(out) already exists: give another name, or --force to replace it."])
        }
        let example = ScenarioGenerator.generate(.tiny, seed: 1)
        let texts = ScenarioTexts(files: example.files.map { ($0.name, $0.contents) })
        var problems: [InputError] = []
        guard let scenario = ScenarioLoader.check(toml: texts.toml, sites: texts.sites, staff: texts.staff, demand: texts.demand,
                                                  leave: texts.leave, pinned: texts.pinned, defaultName: "example", errors: &problems) else {
            return Report(exitCode: .badInput, lines: [], errors: problems.map(\.description))   // the generator's own defect
        }
        do {
            try AtomicFiles.write(ScenarioWorkbookWriter.bytes(texts, created: scenario.start), toFile: out)
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: ["Cannot write \(out): \(error)"])
        }
        return Report(exitCode: .success, lines: [
            "written    \(out): a scenario workbook with a worked example (\(scenario.clinicians.count) clinicians, \(scenario.sites.count) sites, \(scenario.weeks) weeks)",
            "next       replace the example with your scheme, then: rota solve \(out) --out OUT",
        ], errors: [])
    }
}
