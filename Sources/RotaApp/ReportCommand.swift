import Foundation
import RotaIO

/// `rota report RUN_DIR`: the HTML page of a run (see `HTMLReport`).
public enum ReportCommand {
    public struct Report: Sendable {
        public var exitCode: ExitCode
        public var lines: [String]
        public var errors: [String]
    }

    /// Writes `file` (default RUN_DIR/report.html) from the run's files.
    public static func run(folder: String, file: String? = nil) -> Report {
        let target = file ?? (folder as NSString).appendingPathComponent("report.html")
        do {
            let data = try HTMLReport.read(folder: folder)
            let html = HTMLReport.render(data)
            let dir = (target as NSString).deletingLastPathComponent
            try AtomicFiles.write([((target as NSString).lastPathComponent, html)], to: dir.isEmpty ? "." : dir)
            return Report(exitCode: .success, lines: ["written    \(target)"], errors: [])
        } catch let e as HTMLReport.ReportError {
            return Report(exitCode: .badInput, lines: [], errors: [e.description])
        } catch {
            return Report(exitCode: .badInput, lines: [], errors: ["Cannot write \(target): \(error.localizedDescription)"])
        }
    }
}
