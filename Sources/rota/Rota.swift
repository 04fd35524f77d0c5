import ArgumentParser
import Foundation

@main
struct Rota: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rota",
        abstract: "Plans where rotating paramedics work, week by week: hub, PCN or CAS.",
        discussion: """
        A scenario is a folder: scenario.toml with sites.csv, staff.csv, demand.csv and \
        optionally leave.csv and pinned.csv (see docs/INPUTS.md).

        Example:
          rota solve inputs/small --out out/small
        """,
        version: "0.1.0",
        subcommands: [Solve.self, Explain.self, Compare.self, Validate.self, Export.self, Generate.self]
    )
}

/// Prints lines to standard output and errors to standard error, then exits.
func finish(lines: [String], errors: [String], code: Int32) -> Never {
    if !lines.isEmpty { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
    if !errors.isEmpty { FileHandle.standardError.write(Data((errors.joined(separator: "\n") + "\n").utf8)) }
    exit(code)
}
