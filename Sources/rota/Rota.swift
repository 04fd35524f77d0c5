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
        subcommands: [Solve.self, Replan.self, Explain.self, Compare.self, Report.self, Validate.self, Export.self, Template.self, Generate.self]
    )

    /// ArgumentParser exits with 64 (EX_USAGE) and three lines for a bad
    /// flag; planners get the README's exit code 1 and one line that says
    /// what is wrong and where the options are listed.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let words = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }
                let known = configuration.subcommands.map { $0._commandName }
                let help = words.first.flatMap { known.contains($0) ? "rota \($0) --help" : nil } ?? "rota --help"
                let message = Self.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
                FileHandle.standardError.write(Data("rota: \(message) (\(help) lists the options)\n".utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// Prints lines to standard output and errors to standard error, then exits.
func finish(lines: [String], errors: [String], code: Int32) -> Never {
    if !lines.isEmpty { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
    if !errors.isEmpty { FileHandle.standardError.write(Data((errors.joined(separator: "\n") + "\n").utf8)) }
    exit(code)
}
