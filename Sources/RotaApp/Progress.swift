import Foundation
import RotaCore
import RotaSolver
import Synchronization

/// A planner's Ctrl-C: asked for by the signal handler, read by the solve.
public final class StopSignal: Sendable {
    private let flag = Mutex(false)
    public init() {}
    public func request() { flag.withLock { $0 = true } }
    public var requested: Bool { flag.withLock { $0 } }
}

/// The line a planner watches while a solve runs: elapsed time, stage, best
/// rota so far, bound and gap. On a terminal it is one live line, redrawn in
/// place; otherwise (a log file, a pipe, CI) plain lines: at most one line
/// per stage every 5 seconds. The search alternates between its stages many
/// times a second once it has settled; a log that printed each switch got
/// about 90 lines in half a second of a re-plan.
public final class ProgressPrinter: Sendable {
    private struct State {
        /// When each stage last had a line (plain lines only).
        var lastLine: [String: ContinuousClock.Instant] = [:]
        var live = false
    }
    private let state = Mutex(State())
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let terminal: Bool
    private let write: @Sendable (String) -> Void

    /// `terminal`: redraw one line in place; `write` gets the text to put on standard error.
    public init(terminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.terminal = terminal
        self.write = write
        started = clock.now
    }

    /// For the real standard error: live when it is a terminal.
    public static func standardError() -> ProgressPrinter {
        ProgressPrinter(terminal: isatty(2) == 1) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    public func stage(_ name: String) { update(SolveProgress(stage: name)) }

    public func update(_ p: SolveProgress) {
        let now = clock.now
        let elapsed = started.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var text = "\(formatDecimal(seconds, places: 1).padded(6)) s  \(p.stage)"
        if let best = p.best { text += "  best \(formatDecimal(best, places: 2))" }
        if let bound = p.bound, abs(bound) < 1e15 {   // GLPK's bound before the root LP is ±1.8e308
            text += "  bound \(formatDecimal(bound, places: 2))"
            if let best = p.best, abs(best) > 1e-12 { text += "  gap \(formatDecimal(100 * abs(best - bound) / abs(best), places: 1))%" }
        }
        if let left = p.breachLeft { text += "  still broken \(formatDecimal(left, places: 2))" }
        let out: String? = state.withLock { s in
            if terminal {
                s.live = true
                return "\r\u{1B}[K" + text
            }
            let due = s.lastLine[p.stage].map { $0.duration(to: now) >= .seconds(5) } ?? true
            guard due else { return nil }
            s.lastLine[p.stage] = now
            return "progress " + text + "\n"
        }
        if let out { write(out) }
    }

    /// Ends the live line, so the summary starts on a clean line.
    public func finish() {
        let live = state.withLock { s in let l = s.live; s.live = false; return l }
        if live { write("\r\u{1B}[K") }
    }
}

private extension String {
    func padded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
