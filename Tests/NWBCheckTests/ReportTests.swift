import Foundation
import XCTest

@testable import NWBCheck

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The four report formats over a small hand-made report.
final class ReportTests: XCTestCase {
    let report = CheckReport(
        files: ["a b.nwb", "c.nwb"],
        findings: [
            Finding(
                check: "check_subject_exists", importance: .critical, message: "Subject is missing.", file: "a b.nwb",
                location: "/", objectType: "NWBFile"),
            Finding(
                check: "rule:x", importance: .bestPracticeViolation, message: "50% <done> & \"quoted\"\nsecond line",
                file: "a b.nwb", location: "/acquisition/x,y:z", objectType: nil),
            Finding(
                check: "check_keywords", importance: .bestPracticeSuggestion, message: "Metadata /general/keywords is missing.",
                file: "c.nwb", location: "/", objectType: "NWBFile"),
        ])

    func testTextEndsWithTheCounts() {
        let text = report.rendered(as: .text, settings: CheckReportSettings(threshold: .critical))
        XCTAssertTrue(text.hasPrefix("a b.nwb: CRITICAL check_subject_exists at / (NWBFile): Subject is missing.\n"))
        XCTAssertTrue(
            text.hasSuffix(
                "2 files checked, 3 findings: 1 CRITICAL, 1 BEST_PRACTICE_VIOLATION, 1 BEST_PRACTICE_SUGGESTION\n"))
    }

    func testJSONRoundTrips() throws {
        let text = report.rendered(as: .json, settings: CheckReportSettings(threshold: .critical))
        XCTAssertEqual(try JSONDecoder().decode(CheckReport.self, from: Data(text.utf8)), report)
        XCTAssertTrue(text.contains("\"importance\": \"BEST_PRACTICE_VIOLATION\""))
    }

    func testJUnitIsWellFormedWithOneCasePerCheckAndFile() throws {
        let xml = report.rendered(
            as: .junit,
            settings: CheckReportSettings(
                threshold: .bestPracticeViolation,
                checks: ["check_subject_exists", "check_keywords"].map {
                    CheckDescription(id: $0, importance: .critical, flags: "")
                }))
        let parser = XMLParser(data: Data(xml.utf8))
        final class Counter: NSObject, XMLParserDelegate {
            var elements: [String: Int] = [:]
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) { elements[name, default: 0] += 1 }
        }
        let counter = Counter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "JUnit XML must parse: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(counter.elements["testsuite"], 2)
        XCTAssertEqual(counter.elements["testcase"], 5)  // 2 checks × 2 files + rule:x on a b.nwb
        XCTAssertEqual(counter.elements["failure"], 2)  // CRITICAL and the violation; the suggestion is system-out
        XCTAssertEqual(counter.elements["system-out"], 1)
        XCTAssertTrue(xml.contains("50% &lt;done&gt; &amp; &quot;quoted&quot;"))
    }

    func testGitHubAnnotationsAreEscaped() {
        let lines = report.rendered(as: .github, settings: CheckReportSettings(threshold: .critical)).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines[0], "::error file=a b.nwb,title=CRITICAL check_subject_exists::/: Subject is missing.")
        XCTAssertEqual(
            lines[1],
            "::warning file=a b.nwb,title=BEST_PRACTICE_VIOLATION rule%3Ax::/acquisition/x,y:z: 50%25 <done> & \"quoted\"%0Asecond line"
        )
        XCTAssertTrue(lines[2].hasPrefix("::notice file=c.nwb,"))
    }

    func testThresholdDecidesFailure() {
        XCTAssertTrue(report.fails(at: .critical))
        XCTAssertFalse(CheckReport(files: [], findings: Array(report.findings.dropFirst())).fails(at: .critical))
        XCTAssertTrue(CheckReport(files: [], findings: Array(report.findings.dropFirst())).fails(at: .bestPracticeViolation))
    }
}
