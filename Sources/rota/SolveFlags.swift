import ArgumentParser
import Foundation
import RotaApp

/// The flags `rota solve` and `rota replan` share, and what they set up:
/// the time limit, the strategy, GLPK's log, the progress line and Ctrl-C.
struct SolveFlags: ParsableArguments {
    @Option(name: .long, help: "Seconds the solver may search (default: [solver] time_limit_s, else 60).")
    var timeLimit: Double?

    @Option(name: .long, help: ArgumentHelp(SolveCommand.strategyHelp))
    var strategy: String = "auto"

    @Flag(name: .long, help: "Show GLPK's own log.")
    var verbose = false

    @Flag(name: .long, help: "No progress line while solving.")
    var quiet = false

    func validate() throws {
        if let t = timeLimit, !(t > 0) { throw ValidationError("--time-limit must be a number of seconds above 0.") }
        if SolveCommand.strategy(named: strategy) == nil { throw ValidationError("--strategy must be \(SolveCommand.strategyChoices).") }
    }

    /// Options for the solve, with Ctrl-C caught and the progress line chosen:
    /// live on a terminal; plain lines in a log or with --verbose (GLPK's log interleaves).
    func options(mipGap: Double? = nil) -> SolveCommand.Options {
        let stop = StopSignal()
        Interrupts.install(stop)
        let progress: ProgressPrinter? = quiet ? nil
            : verbose ? ProgressPrinter(terminal: false) { FileHandle.standardError.write(Data($0.utf8)) }
            : ProgressPrinter.standardError()
        return .init(timeLimitSeconds: timeLimit, mipGap: mipGap, verbose: verbose, progress: progress, stop: stop)
    }
}
