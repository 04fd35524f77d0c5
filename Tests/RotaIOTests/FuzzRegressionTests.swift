import Foundation
import RotaCore
import RotaIO
import RotaXLSX
import XCTest
import ZIPFoundation

/// The inputs on which the fuzz targets (fuzz/, issue #9) found a crash,
/// replayed as the targets run them: each must now come back as input
/// errors (or a scenario), never a trap. The files are in FuzzRegressions/,
/// one folder per target, in the target's own input format.
final class FuzzRegressionTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = Repository.root
    static let small = repository.appendingPathComponent("inputs/small").path

    /// The texts of inputs/small, the files a target does not fuzz.
    func smallFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        for f in ["scenario.toml", "sites.csv", "staff.csv", "demand.csv", "leave.csv", "pinned.csv"] {
            files[f] = try String(contentsOfFile: Self.small + "/" + f, encoding: .utf8)
        }
        return files
    }

    func inputs(_ target: String) throws -> [(name: String, data: Data)] {
        let folder = Self.here.appendingPathComponent("FuzzRegressions/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    func check(_ files: [String: String]) -> (Scenario?, [InputError]) {
        var errors: [InputError] = []
        let s = ScenarioLoader.check(toml: files["scenario.toml"], sites: files["sites.csv"], staff: files["staff.csv"],
                                     demand: files["demand.csv"], leave: files["leave.csv"], pinned: files["pinned.csv"],
                                     defaultName: "fuzz", errors: &errors)
        return (s, errors)
    }

    /// As fuzz/Sources/FuzzCSV: the first byte mod 6 picks the file.
    func testCSVInputs() throws {
        let names = ["sites.csv", "staff.csv", "demand.csv", "leave.csv", "pinned.csv"]
        for (name, data) in try inputs("FuzzCSV") where !data.isEmpty {
            let text = String(decoding: data.dropFirst(), as: UTF8.self)
            let which = Int(data[data.startIndex] % 6)
            if which == 5 {
                _ = try? RotaReader.parse(text, file: "rota.csv")
                continue
            }
            var files = try smallFiles()
            files[names[which]] = text
            let (s, errors) = check(files)
            XCTAssertTrue(s != nil || !errors.isEmpty, name)
            for e in errors { XCTAssertGreaterThanOrEqual(e.line, 0, name) }
        }
    }

    /// As fuzz/Sources/FuzzTOML: the input is scenario.toml. All found so
    /// far are invalid TOML that toml++ asserted on: now an error on the
    /// line of the fault.
    func testTOMLInputs() throws {
        let found = try inputs("FuzzTOML")
        XCTAssertFalse(found.isEmpty)
        for (name, data) in found {
            var files = try smallFiles()
            files["scenario.toml"] = String(decoding: data, as: UTF8.self)
            let (s, errors) = check(files)
            XCTAssertNil(s, name)
            XCTAssertEqual(errors.map(\.file), ["scenario.toml"], name)
            XCTAssertTrue(errors.first?.message.hasPrefix("not valid TOML: ") ?? false, "\(name): \(errors)")
        }
    }

    func tomlErrors(_ toml: String) throws -> [String] {
        var files = try smallFiles()
        files["scenario.toml"] = toml
        return check(files).1.map(\.description)
    }

    /// Each kind of text the TOML guard stops, with its line.
    func testTOMLGuardMessages() throws {
        XCTAssertEqual(try tomlErrors("weeks = 12\n[\u{1}"),
                       ["scenario.toml:2: key -: not valid TOML: a table header needs a name after '[', not U+0001"])
        XCTAssertEqual(try tomlErrors("weeks = 12\n\n[[["),
                       ["scenario.toml:3: key -: not valid TOML: a table header needs a name after '[', not '['"])
        XCTAssertEqual(try tomlErrors("[\nweeks = 12"),
                       ["scenario.toml:1: key -: not valid TOML: a table header needs a name after '[', not the end of the line"])
        XCTAssertEqual(try tomlErrors("n = [\n  1,\n}"),
                       ["scenario.toml:3: key -: not valid TOML: '}' does not close the '[' before it"])
        XCTAssertEqual(try tomlErrors("n = [\u{2028}1]"),
                       ["scenario.toml:1: key -: not valid TOML: the space or line break U+2028 is not allowed outside a string"])
        XCTAssertEqual(try tomlErrors("name = \"a\u{7F}\""),
                       ["scenario.toml:1: key -: not valid TOML: the control character U+007F is not allowed in a string"])
        XCTAssertEqual(try tomlErrors("\u{FEFF}[\u{FFFD}]"),
                       ["scenario.toml:1: key -: not valid TOML: a table header needs a name after '[', not '\u{FFFD}'"])
        XCTAssertEqual(try tomlErrors("s = 3027-0\u{FFFD}-05 6\n"),
                       ["scenario.toml:1: key -: not valid TOML: \"3027-0\u{FFFD}-05 6\" is neither a date nor a date-time (write 2027-04-05 or 2027-04-05T08:00:00)"])
        XCTAssertEqual(try tomlErrors("weeks = 12\nstart = 2027-04-05 6\n"),
                       ["scenario.toml:2: key -: not valid TOML: \"2027-04-05 6\" is neither a date nor a date-time (write 2027-04-05 or 2027-04-05T08:00:00)"])
    }

    /// Valid TOML that looks like what the guard stops is left to toml++:
    /// brackets and control-free oddities inside strings, comments, arrays.
    func testTOMLGuardLetsValidTOMLThrough() throws {
        let base = try smallFiles()["scenario.toml"]!
        for extra in [
            "note = \"\"\"\n[=\n[[[\n}\"\"\"",
            "note = '''\n[\n'''",
            "note = \"a \\\" [= }\"",
            "# [= } \u{2028} a comment",
            "grid = [\n  [1, 2],\n  [\n    3\n  ],\n  { a = [1] },\n]",
            "[x]\n\"a\" = 1\n[ \"y\" ]\n[[z]]\n[[ 'w' ]]",
            "[\"x\".y]",
            "when = 2027-04-05 08:00:00\ndays = [2027-04-05, 2027-04-06 ]\nn = 1_000 # 2027-04-05 6",
        ] {
            let errors = try tomlErrors(base + "\n" + extra + "\n")
            XCTAssertFalse(errors.contains { $0.contains("not valid TOML") }, "\(extra): \(errors)")
        }
        // Every scenario.toml and variant of inputs/ passes the guard.
        let inputs = Self.repository.appendingPathComponent("inputs")
        for folder in try FileManager.default.contentsOfDirectory(atPath: inputs.path) {
            let path = inputs.appendingPathComponent(folder).path
            if FileManager.default.fileExists(atPath: path + "/scenario.toml") {
                XCTAssertNoThrow(try ScenarioLoader.load(folder: path), folder)
            }
        }
    }

    /// As fuzz/Sources/FuzzVariant: the input is a variant on inputs/small.
    func testVariantInputs() throws {
        let folder = Self.repository.appendingPathComponent("inputs/west-midlands-variants").path
        for (name, data) in try inputs("FuzzVariant") {
            var errors: [InputError] = []
            let s = VariantLoader.check(variant: String(decoding: data, as: UTF8.self), file: name, folder: folder, errors: &errors)
            XCTAssertTrue(s != nil || !errors.isEmpty, name)
        }
    }

    /// TOMLKit lists a key with a NUL cut at the NUL and then cannot find
    /// it; merging [scenario] into the base force-unwrapped the lookup.
    func testScenarioKeyWithNUL() throws {
        let folder = Self.repository.appendingPathComponent("inputs/west-midlands-variants").path
        var errors: [InputError] = []
        let text = "base = \"../small\"\n\n[scenario.rotation]\nmin_run_weeks = 2\n\"a\\u0000b\" = 1\n"
        XCTAssertNil(VariantLoader.check(variant: text, file: "v.toml", folder: folder, errors: &errors))
        XCTAssertEqual(errors.map(\.description), ["v.toml:3: key scenario.rotation: a key may not contain the character U+0000 (\\u0000)"])
    }

    func testDemandChangeAfterTheLastWeek() throws {
        let folder = Self.repository.appendingPathComponent("inputs/west-midlands-variants").path
        var errors: [InputError] = []
        let text = "base = \"../small\"\n\n[[demand]]\nkind = \"hub\"\nfrom_week = 13\nto_week = 20\nscale = 2\n"
        XCTAssertNil(VariantLoader.check(variant: text, file: "v.toml", folder: folder, errors: &errors))
        XCTAssertEqual(errors.map(\.description), ["v.toml:5: key demand[1].from_week: week 13 is beyond the base's last week (12)"])
        // Up to the last week is fine, and a to_week beyond it is cut to it (as before).
        errors = []
        let upToLast = "base = \"../small\"\n\n[[demand]]\nkind = \"hub\"\nfrom_week = 12\nto_week = 20\nscale = 2\n"
        XCTAssertNotNil(VariantLoader.check(variant: upToLast, file: "v.toml", folder: folder, errors: &errors))
        XCTAssertEqual(errors, [])
    }

    /// As fuzz/Sources/FuzzXLSX: below 128 the first byte picks a part of
    /// fuzz/xlsx-base.xlsx (mod the number of parts, in path order) and the
    /// rest is its XML; from 128 the rest is a whole workbook.
    func testWorkbookInputs() throws {
        let base = Self.repository.appendingPathComponent("fuzz/xlsx-base.xlsx")
        let archive = try Archive(url: base, accessMode: .read, pathEncoding: nil)
        var parts: [String: Data] = [:]
        for entry in archive {
            var d = Data()
            _ = try archive.extract(entry) { d.append($0) }
            parts[entry.path] = d
        }
        let names = parts.keys.sorted()
        XCTAssertNoThrow(try ScenarioWorkbook.load(WorkbookReader.read(parts: { parts[$0] }), file: "base.xlsx"), "the base loads")
        for (name, data) in try inputs("FuzzXLSX") where !data.isEmpty {
            let first = data[data.startIndex], rest = Data(data.dropFirst())
            do {
                let contents = first >= 128 ? try WorkbookReader.read(data: rest)
                    : try WorkbookReader.read(parts: { $0 == names[Int(first) % names.count] ? rest : parts[$0] })
                _ = try? ScenarioWorkbook.load(contents, file: "fuzz.xlsx")
            } catch {
                XCTAssertFalse(error.description.isEmpty, name)
            }
        }
        // The styles part with bytes that are not UTF-8 in an element name: refused, not a trap.
        let styles = try XCTUnwrap(try inputs("FuzzXLSX").first { $0.name == "styles-not-utf8-element-name" }).data
        XCTAssertThrowsError(try WorkbookReader.read(parts: { $0 == "xl/styles.xml" ? Data(styles.dropFirst()) : parts[$0] })) { e in
            XCTAssertEqual(e as? WorkbookReadError, .malformed(part: "xl/styles.xml"))
        }
    }
}
