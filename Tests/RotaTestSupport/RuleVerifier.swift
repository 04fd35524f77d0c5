import RotaCore
import XCTest

/// "This rota breaks H5 for p1 in weeks 3–5": asserts that `violations`
/// hold exactly one of `rule` about `subject` starting in `week` (and, for
/// a span, ending in `toWeek`), and returns it for further checks.
@discardableResult
public func assertBreaks(_ violations: [Violation], _ rule: RuleID, _ subject: String, week: Int? = nil, toWeek: Int? = nil,
                         file: StaticString = #filePath, line: UInt = #line) -> Violation? {
    let found = violations.filter { $0.rule == rule && $0.subject == subject && (week == nil || $0.week == week) && (toWeek == nil || $0.toWeek == toWeek) }
    XCTAssertEqual(found.count, 1, "\(rule) for \(subject)\(week.map { " week \($0)" } ?? ""): found \(violations.map(\.description))",
                   file: file, line: line)
    return found.first
}

/// Asserts that a rota keeps every rule: no violations, or each one listed.
public func assertKeepsEveryRule(_ violations: [Violation], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(violations.map(\.description), [], "the rota should keep every rule", file: file, line: line)
}
