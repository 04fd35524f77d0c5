@testable import RotaXLSX
import XCTest

/// Date serials and formats, checked against days Excel itself shows.
final class WorkbookReaderTests: XCTestCase {
    func day(_ serial: Double, _ date1904: Bool = false) -> String? {
        WorkbookReader.day(serial: serial, date1904: date1904).map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) }
    }

    func testSerialsInBothDateSystems() {
        XCTAssertEqual(day(1), "1900-01-01")
        XCTAssertEqual(day(59), "1900-02-28")
        XCTAssertNil(day(60), "1900-02-29 never was (Excel's Lotus leap-year bug)")
        XCTAssertEqual(day(61), "1900-03-01")
        XCTAssertEqual(day(46482), "2027-04-05")
        XCTAssertEqual(day(46482.75), "2027-04-05", "the time of day is dropped")
        XCTAssertEqual(day(45020, true), "2027-04-05", "the 1904 system counts 1462 days fewer")
        XCTAssertNil(day(0))
        XCTAssertNil(day(.nan))
        XCTAssertNil(day(3_000_000))
    }

    func testDateFormatsAreToldFromNumberFormats() {
        for code in ["yyyy-mm-dd", "dd/mm/yyyy", "d-mmm-yy", "[$-809]dd mmmm yyyy", "yyyy-mm-dd h:mm:ss"] {
            XCTAssertTrue(StylesPart.isDateFormat(code), code)
        }
        for code in ["0.00", "#,##0", "0%", "\"days\" 0", "[Red]0.0", "General"] {
            XCTAssertFalse(StylesPart.isDateFormat(code), code)
        }
    }

    func testCellReferences() {
        XCTAssertEqual(WorkbookReader.position("A1")?.row, 1)
        XCTAssertEqual(WorkbookReader.position("C12")?.column, 2)
        XCTAssertEqual(WorkbookReader.position("AB7")?.column, 27)
        XCTAssertNil(WorkbookReader.position("12"))
        XCTAssertEqual(WorkbookReader.columnName(27), "AB")
    }
}
