import Foundation
import RotaIO

/// What the fuzz targets share: the repository's folder and the texts of
/// the small scenario (inputs/small), which the targets use for the files
/// they do not fuzz, so that an input gets past its own file's checks into
/// the cross-file ones.
public enum FuzzSupport {
    /// The repository: $ROTA_REPO, else the folder this file was compiled from.
    public static let repository: String = {
        if let r = ProcessInfo.processInfo.environment["ROTA_REPO"] { return r }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // fuzz/Sources/FuzzSupport/Support.swift
        return url.path
    }()

    public static var smallFolder: String { repository + "/inputs/small" }

    /// The files of a scenario folder as texts (nil = absent).
    public struct Files: Sendable {
        public var toml, sites, staff, demand, leave, pinned: String?

        /// Runs the same check as `rota` does on a folder; the result is
        /// not used: only a trap, a hang or a runaway allocation matters.
        public func check() {
            var errors: [InputError] = []
            let s = ScenarioLoader.check(toml: toml, sites: sites, staff: staff, demand: demand, leave: leave,
                                         pinned: pinned, defaultName: "fuzz", errors: &errors)
            if errors.isEmpty { precondition(s != nil, "no scenario and no error") }
            for e in errors { _ = e.description }
        }
    }

    public static let small: Files = {
        func read(_ name: String) -> String {
            let path = smallFolder + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                fatalError("fuzz: cannot read \(path) (set ROTA_REPO to the repository)")
            }
            return text
        }
        return Files(toml: read("scenario.toml"), sites: read("sites.csv"), staff: read("staff.csv"),
                     demand: read("demand.csv"), leave: read("leave.csv"), pinned: read("pinned.csv"))
    }()

    /// The input as text. Invalid UTF-8 is repaired (U+FFFD) rather than
    /// skipped: `rota` rejects such a file before parsing, so what matters
    /// is every text the parsers can be given.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    }
}
