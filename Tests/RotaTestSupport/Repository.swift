import Foundation

/// The repository the tests run from, found one way for every test target:
/// this file sits at Tests/RotaTestSupport/, two folders below the root.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the repository, e.g. `path("inputs/small")`.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A shipped scenario folder under inputs/.
    public static func inputs(_ name: String) -> String { path("inputs/" + name) }
}

/// The repository root (as `Repository.root`).
public let repoRoot = Repository.root
/// inputs/small: 12 clinicians, 12 weeks, its optimum worked out by hand.
public let smallScenario = Repository.inputs("small")

/// One folder per test process under the system's temporary folder; it is
/// removed when the process exits, so a test run leaves nothing behind.
private let testsRoot: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rota-tests-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: testsRoot) }
    return path
}()

/// A new empty folder of its own, inside the test process's folder.
public func temporaryFolder(_ name: String = #function) -> String {
    let path = (testsRoot as NSString).appendingPathComponent(UUID().uuidString)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A file's text ("" when it is absent).
public func read(_ folder: String, _ file: String) -> String {
    (try? String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8)) ?? ""
}
