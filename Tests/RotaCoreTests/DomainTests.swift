import RotaCore
import XCTest

final class DomainTests: XCTestCase {
    func testDayParsingAndWeekdays() {
        XCTAssertEqual(Day(iso: "2027-04-05")?.description, "2027-04-05")
        XCTAssertEqual(Day(iso: "2027-04-05")?.weekday, 0)   // a Monday
        XCTAssertEqual(Day(iso: "2028-02-29")?.adding(days: 1).description, "2028-03-01")
        XCTAssertNil(Day(iso: "2027-02-29"))
        XCTAssertNil(Day(iso: "05/04/2027"))
        XCTAssertNil(Day(iso: "2027-4-5"))
        XCTAssertEqual(Day(iso: "1970-01-01")?.ordinal, 0)
    }

    func testHaversineKnownDistance() {
        // Birmingham New Street to Coventry station: 27.50 km on the 6371 km sphere.
        let d = haversineKm(Coordinates(lat: 52.4778, lon: -1.8990), Coordinates(lat: 52.4008, lon: -1.5135))
        XCTAssertEqual(d, 27.4979, accuracy: 1e-3)
        XCTAssertEqual(haversineKm(Coordinates(lat: 0, lon: 0), Coordinates(lat: 0, lon: 1)), 6371.0 * Double.pi / 180, accuracy: 1e-9)
    }

    func testFormatDecimal() {
        XCTAssertEqual(formatDecimal(0.714285714285, places: 6), "0.714286")
        XCTAssertEqual(formatDecimal(3.0, places: 6), "3")
        XCTAssertEqual(formatDecimal(-0.5, places: 2), "-0.5")
        XCTAssertEqual(formatDecimal(1e-9, places: 6), "0")
        XCTAssertEqual(formatDecimal(12.05, places: 1), "12.1")
    }

    func testInstanceShareWeeksRounding() {
        var r = RotationPolicy()
        r.pcnShare = ShareBounds(lo: 0.35, hi: 0.35)
        let s = Scenario(name: "x", start: Day(iso: "2027-04-05")!, weeks: 20, rotation: r,
                         sites: [Site(id: "h", kind: .hub, ics: "A")],
                         clinicians: [Clinician(id: "p", grade: .paramedic, home: "h")])
        XCTAssertEqual(Instance(s).shareWeeks[0][.pcn], WeekBounds(lo: 7, hi: 7))
    }

    func testModelBuilderCountsColumnsAndFamilies() {
        var r = RotationPolicy()
        r.minRunWeeks = 2
        r.maxRunWeeks = 3
        let s = Scenario(name: "x", start: Day(iso: "2027-04-05")!, weeks: 4, rotation: r,
                         sites: [Site(id: "h", kind: .hub, ics: "A"), Site(id: "p", kind: .pcn, ics: "A")],
                         clinicians: [Clinician(id: "c", grade: .paramedic, home: "h")],
                         demand: [DemandRow(site: "h", fromWeek: 1, toWeek: 4, floor: 0.5, target: 1)])
        let (m, _) = ModelBuilder(Instance(s)).build()
        // x: 2 sites × 4 weeks; y: 2 × 3; u: 4 target weeks.
        XCTAssertEqual(m.columns.count, 8 + 6 + 4)
        XCTAssertEqual(m.integerColumnCount, 8)
        let count = { (f: MIPModel.Family) in m.rows.filter { $0.family == f }.count }
        XCTAssertEqual(count(.onePlacement), 4)
        XCTAssertEqual(count(.floor), 4)
        XCTAssertEqual(count(.minRun), 3)     // non-home site, weeks 2–4
        XCTAssertEqual(count(.maxRun), 1)     // window weeks 1–4
        XCTAssertEqual(count(.start), 6)
    }
}
