import Foundation
import RotaApp
import RotaCore
import RotaIO
import RotaSolver
import Synchronization
import XCTest

/// Progress while solving, and stopping a search early (Ctrl-C).
final class ProgressAndStopTests: XCTestCase {
    /// Collects what a printer writes.
    final class Sink: Sendable {
        let text = Mutex("")
        func write(_ s: String) { text.withLock { $0 += s } }
    }

    func testPlainProgressLinesWhenNotATerminal() throws {
        let sink = Sink()
        let printer = ProgressPrinter(terminal: false) { sink.write($0) }
        let r = SolveCommand.run(scenario: smallScenario, out: temporaryFolder(), options: .init(progress: printer))
        XCTAssertEqual(r.exitCode, .success)
        let lines = sink.text.withLock { $0 }.split(separator: "\n").map(String.init)
        let stages = lines.map { $0.replacingOccurrences(of: #"^progress +[0-9.]+ s  "#, with: "", options: .regularExpression) }
        XCTAssertEqual(stages.first, "loading and checking \(smallScenario)")
        // The default: the search first, then GLPK on the whole (small) model.
        XCTAssertEqual(Array(stages.prefix(3).dropFirst()), ["building and solving", "finding a first valid rota"])
        XCTAssertTrue(stages.contains("solving the whole model with GLPK"), "\(stages)")
        XCTAssertEqual(Array(stages.suffix(2)).map { $0.prefix(7) }, ["checkin", "writing"])
        XCTAssertFalse(sink.text.withLock { $0 }.contains("\r"), "no live-line control characters in a log")
    }

    // A settled search switches between its stages many times a second; a
    // log gets each stage once (within 5 s), then the stages that follow.
    func testAlternatingStagesGetOneLogLineEach() {
        let sink = Sink()
        let printer = ProgressPrinter(terminal: false) { sink.write($0) }
        for _ in 0..<50 {
            printer.update(SolveProgress(stage: "improving: one clinician at a time", best: 100, bound: 90))
            printer.update(SolveProgress(stage: "improving: exchanges between clinicians", best: 100, bound: 90))
        }
        printer.stage("checking the rota against every rule")
        let stages = sink.text.withLock { $0 }.split(separator: "\n").map {
            $0.replacingOccurrences(of: #"^progress +[0-9.]+ s  "#, with: "", options: .regularExpression)
                .replacingOccurrences(of: ": best.*$", with: "", options: .regularExpression)
        }
        XCTAssertEqual(stages, ["improving: one clinician at a time", "improving: exchanges between clinicians",
                                "checking the rota against every rule"])
    }

    func testATerminalGetsOneLiveLineThatIsClearedAtTheEnd() {
        let sink = Sink()
        let printer = ProgressPrinter(terminal: true) { sink.write($0) }
        printer.update(SolveProgress(stage: "improving", best: 100, bound: 90))
        printer.finish()
        let text = sink.text.withLock { $0 }
        XCTAssertTrue(text.hasPrefix("\r\u{1B}[K"), text)
        XCTAssertTrue(text.contains("improving: best 100, proven within 10 %"), text)
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[K"))
    }

    /// Issue 29: the live line says what it waits for in words and units,
    /// fits the terminal, and ticks every second while nothing is reported.
    func testTheLiveLineSpeaksPlainlyFitsTheWidthAndTicks() {
        XCTAssertEqual(ProgressPrinter.text(SolveProgress(stage: "finding a first valid rota", breachLeft: 4.14), seconds: 3.2),
                       "   3 s  finding a first valid rota: no valid rota yet, 4.1 WTE-weeks below floors or weeks off share")
        XCTAssertEqual(ProgressPrinter.text(SolveProgress(stage: "improving", best: 3.79, bound: 3.7369), seconds: 12),
                       "  12 s  improving: best 3.79, proven within 1.4 %")
        let sink = Sink()
        let printer = ProgressPrinter(terminal: true, width: { 40 }) { sink.write($0) }
        printer.update(SolveProgress(stage: "finding a first valid rota", breachLeft: 4.14))
        Thread.sleep(forTimeInterval: 2.3)
        printer.finish()
        let draws = sink.text.withLock { $0 }.components(separatedBy: "\r\u{1B}[K").filter { !$0.isEmpty }
        XCTAssertGreaterThanOrEqual(draws.count, 2, "redrawn while quiet: \(draws)")
        for d in draws {
            XCTAssertLessThanOrEqual(d.count, 39, d)
            XCTAssertTrue(d.hasSuffix("…"), d)
        }
        let after = sink.text.withLock { $0 }
        Thread.sleep(forTimeInterval: 1.2)
        XCTAssertEqual(sink.text.withLock { $0 }, after, "nothing drawn after finish")
    }

    // Stop as soon as the search reports its first valid rota: it ends with
    // that rota (valid), marked as stopped by the planner, not proven.
    func testAStoppedSearchKeepsItsBestValidRota() throws {
        let scenario = try ScenarioLoader.load(folder: smallScenario)
        let instance = Instance(scenario)
        let stop = StopSignal()
        var options = SolveOptions(timeLimitSeconds: 60)
        options.stopRequested = { stop.requested }
        options.progress = { p in if p.best != nil { stop.request() } }
        let outcome = NeighbourhoodSearch().solve(instance, options)
        XCTAssertTrue(outcome.interrupted)
        XCTAssertFalse(outcome.stoppedByTimeLimit)
        XCTAssertEqual(outcome.status, .feasible)
        let rota = try XCTUnwrap(outcome.rota)
        XCTAssertEqual(Validator(scenario).check(rota.placements(instance)), [])
    }

    func testAStopBeforeAnyRotaWritesNothing() throws {
        let stop = StopSignal()
        stop.request()
        let out = (temporaryFolder() as NSString).appendingPathComponent("never")
        let r = SolveCommand.run(scenario: smallScenario, out: out, options: .init(stop: stop), strategy: PlainSolve())
        XCTAssertEqual(r.exitCode, .noRotaInTime)
        XCTAssertEqual(r.errors, ["Stopped (Ctrl-C) before any valid rota was found. Nothing was written."])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
