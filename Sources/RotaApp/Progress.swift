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
        /// The last report, redrawn each second on a terminal so the clock ticks.
        var last: SolveProgress?
        var ticking = false
    }
    private let state = Mutex(State())
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let terminal: Bool
    private let width: @Sendable () -> Int
    private let write: @Sendable (String) -> Void

    /// `terminal`: redraw one line in place, at most `width()` characters
    /// (a longer one would wrap and leave half-lines behind); `write` gets
    /// the text to put on standard error.
    public init(terminal: Bool, width: @escaping @Sendable () -> Int = { 80 }, write: @escaping @Sendable (String) -> Void) {
        self.terminal = terminal
        self.width = width
        self.write = write
        started = clock.now
    }

    /// For the real standard error: live when it is a terminal, as wide as it.
    public static func standardError() -> ProgressPrinter {
        ProgressPrinter(terminal: isatty(2) == 1, width: terminalWidth) { FileHandle.standardError.write(Data($0.utf8)) }
    }

    @Sendable static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    public func stage(_ name: String) { update(SolveProgress(stage: name)) }

    /// What the solve is waiting for, in words and units.
    public static func text(_ p: SolveProgress, seconds: Double) -> String {
        var text = "\(formatDecimal(seconds, places: 0).padded(4)) s  \(p.stage)"
        if let best = p.best {
            text += ": best \(formatDecimal(best, places: 2))"
            if let bound = p.bound, abs(bound) < 1e15, abs(best) > 1e-12 {   // GLPK's bound before the root LP is ±1.8e308
                text += ", proven within \(formatDecimal(100 * max(0, best - bound) / abs(best), places: 1)) %"
            }
        } else if let left = p.breachLeft {
            text += ": no valid rota yet, \(formatDecimal(left, places: 1)) WTE-weeks below floors or weeks off share"
        }
        return text
    }

    public func update(_ p: SolveProgress) {
        let now = clock.now
        // Written under the lock, so a tick never lands after `finish`.
        state.withLock { s in
            s.last = p
            if terminal {
                s.live = true
                write(liveText(p, now))
                return
            }
            let due = s.lastLine[p.stage].map { $0.duration(to: now) >= .seconds(5) } ?? true
            guard due else { return }
            s.lastLine[p.stage] = now
            write("progress " + Self.text(p, seconds: seconds(now)) + "\n")
        }
        if terminal { startTicking() }
    }

    private func seconds(_ now: ContinuousClock.Instant) -> Double {
        let elapsed = started.duration(to: now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The live line: cleared, redrawn, cut to the terminal's width.
    private func liveText(_ p: SolveProgress, _ now: ContinuousClock.Instant) -> String {
        let text = Self.text(p, seconds: seconds(now))
        let room = max(10, width() - 1)
        return "\r\u{1B}[K" + (text.count > room ? String(text.prefix(room - 1)) + "…" : text)
    }

    /// Redraws the live line once a second while the solve is quiet.
    private func startTicking() {
        let start = state.withLock { s in let was = s.ticking; s.ticking = true; return !was }
        guard start else { return }
        Thread.detachNewThread { [self] in
            var going = true
            while going {
                Thread.sleep(forTimeInterval: 1)
                state.withLock { s in
                    guard s.live, let p = s.last else { going = false; s.ticking = false; return }
                    write(liveText(p, clock.now))
                }
            }
        }
    }

    /// Ends the live line, so the summary starts on a clean line.
    public func finish() {
        state.withLock { s in
            if s.live { s.live = false; write("\r\u{1B}[K") }
        }
    }
}

private extension String {
    func padded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
