import Foundation
import RotaApp
import RotaCore
import RotaIO
import XCTest

/// `rota export --ics`: one calendar per clinician, read back by Python's
/// icalendar parser (Debian's python3-icalendar; scripts/test.sh installs it).
final class CalendarTests: XCTestCase {
    /// Each file's events as icalendar parses them: uid, start, end, summary, sequence.
    func parsed(_ folder: String) throws -> [String: [[String]]] {
        let script = """
            import icalendar, json, os, sys
            out = {}
            for name in sorted(os.listdir(sys.argv[1])):
                cal = icalendar.Calendar.from_ical(open(os.path.join(sys.argv[1], name), 'rb').read())
                out[name] = [[str(e['UID']), e['DTSTART'].dt.isoformat(), e['DTEND'].dt.isoformat(), str(e['SUMMARY']), str(e['SEQUENCE'])]
                             for e in cal.walk('VEVENT')]
            print(json.dumps(out))
            """
        return try XCTUnwrap(readWithPython(script, [folder], reader: "icalendar") as? [String: [[String]]])
    }

    func testEveryClinicianGetsACalendarOfTheirRunsThatAParserReads() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/run", options: .init()).exitCode, .success)
        let r = ExportCommand.run(scenario: smallScenario, dat: nil, mps: nil, ics: dir + "/calendars", rota: dir + "/run/rota.csv")
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        let scenario = try ScenarioLoader.load(folder: smallScenario)
        let placements = try RotaReader.read(path: dir + "/run/rota.csv")
        let runs = Calendars.runs(scenario, placements)
        let events = try parsed(dir + "/calendars")
        XCTAssertEqual(Set(events.keys), Set(scenario.clinicians.map { $0.id + ".ics" }))
        let sites = Dictionary(uniqueKeysWithValues: scenario.sites.map { ($0.id, $0) })
        for c in scenario.clinicians {
            let expected = runs[c.id]!.map { run in
                [c.id + "-" + run.site + "-" + scenario.weekStart(run.fromWeek).description.replacingOccurrences(of: "-", with: "") + "@rota",
                 scenario.weekStart(run.fromWeek).description, scenario.weekStart(run.toWeek + 1).description,
                 "\(sites[run.site]!.name ?? run.site) (\(sites[run.site]!.kind.rawValue.uppercased()))", "0"]
            }
            XCTAssertEqual(events[c.id + ".ics"], expected, c.id)
            // Every week of the rota is in exactly one event.
            XCTAssertEqual(runs[c.id]!.reduce(0) { $0 + $1.toWeek - $1.fromWeek + 1 }, scenario.weeks)
        }
        XCTAssertEqual(r.lines, ["written    12 calendars in \(dir)/calendars (one per clinician, \(runs.values.reduce(0) { $0 + $1.count }) events: one per run of weeks at a site)"])
    }

    /// A re-plan keeps the UIDs of the runs it does not change and raises
    /// SEQUENCE, so a calendar imported again updates in place.
    func testUIDsStayTheSameAcrossAReplan() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/agreed", options: .init()).exitCode, .success)
        XCTAssertEqual(ExportCommand.run(scenario: smallScenario, dat: nil, mps: nil, ics: dir + "/before", rota: dir + "/agreed/rota.csv").exitCode, .success)
        let scenario = dir + "/scenario"
        try FileManager.default.copyItem(atPath: smallScenario, toPath: scenario)
        try "staff,from,to\nbs-01,2027-05-10,2027-06-27\n".write(toFile: scenario + "/leave.csv", atomically: false, encoding: .utf8)
        let replan = ReplanCommand.run(scenario: scenario, previous: dir + "/agreed/rota.csv", fromWeek: 6, out: dir + "/new", options: .init())
        XCTAssertEqual(replan.exitCode, .success, "\(replan.errors)")
        let r = ExportCommand.run(scenario: scenario, dat: nil, mps: nil, previous: dir + "/agreed/rota.csv", fromWeek: 6,
                                  ics: dir + "/after", rota: dir + "/new/rota.csv")
        XCTAssertEqual(r.exitCode, .success, "\(r.errors)")
        let before = try parsed(dir + "/before"), after = try parsed(dir + "/after")
        for (file, events) in before {
            // Runs before week 6 have happened: the same UID and start (a run
            // into week 6 may end later now, as an update of the same event).
            let early = events.filter { $0[2] <= "2027-05-10" }
            for e in early {
                XCTAssertTrue(after[file]!.contains { $0[0] == e[0] && $0[1] == e[1] }, "\(file): \(e)")
            }
        }
        XCTAssertTrue(after.values.joined().allSatisfy { $0[4] == "6" }, "SEQUENCE is the re-plan's first week")
    }

    func testLongLinesAreFoldedAndTextEscaped() {
        let line = "SUMMARY:" + Calendars.escape("Ysbyty Gwynedd, Bangor; \"Clinical\" hub — Canolfan Asesu Clinigol (CAS) \\ ñ")
        XCTAssertTrue(line.contains("Gwynedd\\, Bangor\\; "))
        XCTAssertTrue(line.contains(" \\\\ "))
        let folded = Calendars.fold(line)
        XCTAssertTrue(folded.hasSuffix("\r\n"))
        // "\r\n" is one Character in Swift, so the end is cut by scalars.
        let physical = String(folded.unicodeScalars.dropLast(2)).components(separatedBy: "\r\n")
        XCTAssertGreaterThan(physical.count, 1)
        XCTAssertTrue(physical.allSatisfy { $0.utf8.count <= 75 }, "\(physical.map { $0.utf8.count })")
        XCTAssertTrue(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        XCTAssertEqual(physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined(), line)
    }

    func testARotaThatBreaksARuleGetsNoCalendar() throws {
        let dir = temporaryFolder()
        XCTAssertEqual(SolveCommand.run(scenario: smallScenario, out: dir + "/run", options: .init()).exitCode, .success)
        var lines = read(dir + "/run", "rota.csv").split(separator: "\n").map(String.init)
        let i = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("bs-05,5,") })
        lines[i] = "bs-05,5,2027-05-03,pcn-b1,pcn,,0"
        try lines.joined(separator: "\n").write(toFile: dir + "/bad.csv", atomically: false, encoding: .utf8)
        let r = ExportCommand.run(scenario: smallScenario, dat: nil, mps: nil, ics: dir + "/calendars", rota: dir + "/bad.csv")
        XCTAssertEqual(r.exitCode, .brokenRule)
        XCTAssertEqual(r.errors.last, "\(dir)/bad.csv breaks the hard rules, so no calendar was written: a clinician would be sent where the rota cannot hold.")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/calendars"))
    }
}
