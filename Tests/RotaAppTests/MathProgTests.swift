import Foundation
import RotaApp
import XCTest

/// models/rotation.mod, fed by `rota export --dat`, is the same model as the
/// one the tool builds: glpsol and `rota solve` reach the same optimum.
final class MathProgTests: XCTestCase {
    func glpsol() -> String? {
        ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func testGlpsolOnTheExportedDataReachesTheToolsOptimum() throws {
        let glpsol = try XCTUnwrap(glpsol(), "glpsol is needed (Debian package glpk-utils; scripts/install-glpk.sh installs it)")
        let dir = temporaryFolder()
        let dat = dir + "/small.dat"
        let export = ExportCommand.run(scenario: smallScenario, dat: dat, mps: nil)
        XCTAssertEqual(export.exitCode, .success, export.errors.joined())

        let p = Process()
        p.executableURL = URL(fileURLWithPath: glpsol)
        p.arguments = ["-m", repoRoot.appendingPathComponent("models/rotation.mod").path, "-d", dat, "--tmlim", "300"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertTrue(output.contains("INTEGER OPTIMAL SOLUTION FOUND"), output)
        let zLine = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix("Z = ") }, output)
        let glpsolZ = try XCTUnwrap(Double(zLine.dropFirst(4).trimmingCharacters(in: .whitespaces)))

        let solved = SolveCommand.run(scenario: smallScenario, out: dir + "/out", options: .init())
        XCTAssertEqual(solved.exitCode, .success)
        XCTAssertEqual(glpsolZ, try XCTUnwrap(solved.evaluation?.objective), accuracy: 1e-6)
    }
}
