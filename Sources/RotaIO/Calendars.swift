import Foundation
import RotaCore

/// One iCalendar file (RFC 5545) per clinician: an all-day event for each
/// run of weeks at one site, for Outlook, Google or Apple calendars.
///
/// Written by hand rather than with a library: no Swift iCalendar library is
/// among the packages this project may use, and the subset needed (one
/// VCALENDAR of all-day VEVENTs) is small; the tests read every file back with
/// Python's icalendar parser.
///
/// UIDs name the clinician, the site and the run's first week, so the same
/// run keeps its UID across re-plans and a re-imported calendar updates the
/// event instead of adding a second; SEQUENCE is the re-plan's first week
/// (0 for a plan), so a later re-plan's version of an event wins.
public enum Calendars {
    /// One run of consecutive weeks at one site.
    public struct Run: Equatable, Sendable {
        public var staff: String
        public var site: String
        public var fromWeek: Int
        public var toWeek: Int
    }

    /// The runs of each clinician, in scenario order; weeks out of post are
    /// no event (the clinician is not there to go anywhere).
    public static func runs(_ scenario: Scenario, _ placements: [Placement]) -> [String: [Run]] {
        var at: [String: [Int: String]] = [:]
        for p in placements { at[p.staff, default: [:]][p.week] = p.site }
        var out: [String: [Run]] = [:]
        for c in scenario.clinicians {
            var runs: [Run] = []
            for w in 1...scenario.weeks {
                guard scenario.inPost(c, week: w), let site = at[c.id]?[w] else { continue }
                if let last = runs.last, last.site == site, last.toWeek == w - 1 {
                    runs[runs.count - 1].toWeek = w
                } else {
                    runs.append(Run(staff: c.id, site: site, fromWeek: w, toWeek: w))
                }
            }
            out[c.id] = runs
        }
        return out
    }

    /// The files: `<staff id>.ics` (characters unsafe in a file name as `_`).
    public static func files(_ scenario: Scenario, _ placements: [Placement]) -> [(name: String, contents: String)] {
        let sites = Dictionary(scenario.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let runs = runs(scenario, placements)
        var used = Set<String>()
        return scenario.clinicians.map { c in
            var name = fileName(c.id), n = 2
            while used.contains(name.lowercased()) { name = fileName(c.id) + "-\(n)"; n += 1 }
            used.insert(name.lowercased())
            return (name + ".ics", calendar(scenario, c, runs[c.id] ?? [], sites))
        }
    }

    static func fileName(_ id: String) -> String {
        String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" })
    }

    static func calendar(_ scenario: Scenario, _ c: Clinician, _ runs: [Run], _ sites: [String: Site]) -> String {
        let sequence = scenario.replan?.fromWeek ?? 0
        // DTSTAMP must be a UTC time; the plan's first day keeps the file the
        // same for the same input, byte for byte.
        let stamp = basic(scenario.start) + "T000000Z"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rota//rotation plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escape("Rotation: \(c.name ?? c.id) (\(scenario.name))")]
        for r in runs {
            let site = sites[r.site]
            let siteName = site?.name ?? r.site
            let kind = site?.kind.rawValue.uppercased() ?? ""
            let first = scenario.weekStart(r.fromWeek), end = scenario.weekStart(r.toWeek + 1)
            let weeks = r.fromWeek == r.toWeek ? "week \(r.fromWeek)" : "weeks \(r.fromWeek)–\(r.toWeek)"
            var place = [siteName]
            if let ics = site?.ics { place.append(ics) }
            lines += ["BEGIN:VEVENT",
                      "UID:" + escape("\(c.id)-\(r.site)-\(basic(first))@rota"),
                      "DTSTAMP:" + stamp,
                      "SEQUENCE:\(sequence)",
                      "DTSTART;VALUE=DATE:" + basic(first),
                      "DTEND;VALUE=DATE:" + basic(end),
                      "SUMMARY:" + escape("\(siteName) (\(kind))"),
                      "LOCATION:" + escape(place.joined(separator: ", ")),
                      "DESCRIPTION:" + escape("\(c.name ?? c.id): \(kind) placement at \(r.site), \(weeks) of \(scenario.name)."),
                      "TRANSP:TRANSPARENT"]
            if let g = site?.location {
                lines.append("GEO:\(formatDecimal(g.lat, places: 6));\(formatDecimal(g.lon, places: 6))")
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    /// YYYYMMDD, the form of an iCalendar DATE.
    static func basic(_ d: Day) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A content line folded at 75 octets (3.1), never inside a UTF-8
    /// character, ended by CRLF.
    public static func fold(_ line: String) -> String {
        // Most lines are short: nothing to fold.
        if line.utf8.count <= 75 { return line + "\r\n" }
        var out = "", octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out + "\r\n"
    }
}
