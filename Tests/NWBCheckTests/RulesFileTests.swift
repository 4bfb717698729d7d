import Foundation
import NWBKit
import TestSupport
import XCTest

@testable import NWBCheck

/// Rules files: the example in SampleData against the SampleData files, and bad files named by line and column.
final class RulesFileTests: XCTestCase {
    private func exampleRules() throws -> RulesFile {
        try RulesFile.load(TestPaths.sample("rules.yaml"))
    }

    private func ruleFindings(_ summary: FileSummary, _ rules: RulesFile) -> [String] {
        rules.findings(in: SummaryIndex(summary)).map { "\($0.check) \($0.location): \($0.message)" }
    }

    func testTheExampleRulesFileReadsEveryRuleKind() throws {
        let rules = try exampleRules()
        XCTAssertEqual(rules.rules.count, 9)
        XCTAssertEqual(rules.rules.first { $0.id == "session-metadata" }?.severity, .bestPracticeViolation)
        XCTAssertEqual(rules.rules.first { $0.id == "one-raw-movie" }?.requirement, .type("TwoPhotonSeries", min: 1, max: 1))
        guard
            case .dataset(let selector, let constraints)? = rules.rules.first(where: { $0.id == "fluorescence-per-roi" })?
                .requirement
        else { return XCTFail("fluorescence-per-roi should be a dataset rule") }
        XCTAssertEqual(selector, .member(type: "RoiResponseSeries", name: "data"))
        XCTAssertEqual(constraints.dimension, DimensionLink(axis: 1, other: "rois", otherAxis: 0))
    }

    func testTheOphysSampleKeepsEveryPromiseAndTheOthersDoNot() throws {
        let rules = try exampleRules()
        XCTAssertEqual(ruleFindings(try FileSummarizer.summarize(TestPaths.sample("ophys.nwb")), rules), [])
        let ecephys = ruleFindings(try FileSummarizer.summarize(TestPaths.sample("ecephys.nwb")), rules)
        XCTAssertEqual(
            ecephys.sorted(),
            [
                "rule:one-raw-movie /: every imaging session stores exactly one raw two-photon movie (0 objects of type TwoPhotonSeries; at least 1 required)",
                "rule:pixel-masks-complete /: no dataset matches /processing/ophys/ImageSegmentation/*/pixel_mask",
                "rule:segmentation-present /: no object matches /processing/ophys/ImageSegmentation/*",
            ])
    }

    func testDatasetRulesSeeDtypeRankFieldsAndLinkedDimensions() throws {
        let rules = try exampleRules()
        var summary = try FileSummarizer.summarize(TestPaths.sample("ophys.nwb"))
        let data = try XCTUnwrap(summary.objects.firstIndex { $0.path.hasSuffix("RoiResponseSeries/data") })
        summary.objects[data].shape = [40, 11]
        summary.objects[data].dtype = "int16"
        let movie = try XCTUnwrap(summary.objects.firstIndex { $0.path == "/acquisition/TwoPhotonSeries/data" })
        summary.objects[movie].dtype = "float64"
        let masks = try XCTUnwrap(summary.objects.firstIndex { $0.path.hasSuffix("/pixel_mask") })
        summary.objects[masks].dtype = "[('x', '<u4'), ('y', '<u4')]"
        summary.subject?.age = nil
        XCTAssertEqual(
            ruleFindings(summary, rules),
            [
                "rule:subject-described /general/subject: DANDI needs the subject's id, species, sex and age (the subject has no age (required by the rules))",
                "rule:raw-movie-is-uint16 /acquisition/TwoPhotonSeries/data: dtype is float64, expected uint16",
                "rule:pixel-masks-complete /processing/ophys/ImageSegmentation/PlaneSegmentation/pixel_mask: compound fields weight missing (has x, y)",
                "rule:fluorescence-per-roi /processing/ophys/Fluorescence/RoiResponseSeries/data: one fluorescence column per ROI (dtype is int16, expected float)",
                "rule:fluorescence-per-roi /processing/ophys/Fluorescence/RoiResponseSeries/data: one fluorescence column per ROI (shape[1] is 11, but /processing/ophys/Fluorescence/RoiResponseSeries/rois has 12 along axis 0)",
            ])
    }

    func testForbiddenPathsAndTypes() throws {
        let rules = try RulesFile.parse(
            """
            rules:
              - id: no-raw-in-processed
                forbid_path: /acquisition/**
                severity: best_practice_suggestion
              - id: no-rois
                forbid_type: DynamicTable
              - id: at-most-one-module
                require_type: ProcessingModule
                min: 0
                max: 0
            """)
        let found = ruleFindings(try FileSummarizer.summarize(TestPaths.sample("ophys.nwb")), rules)
        XCTAssertTrue(
            found.contains(
                "rule:no-raw-in-processed /acquisition/TwoPhotonSeries/data: /acquisition/TwoPhotonSeries/data matches the forbidden path /acquisition/**"
            ))
        XCTAssertTrue(
            found.contains(
                "rule:no-rois /processing/ophys/ImageSegmentation/PlaneSegmentation: /processing/ophys/ImageSegmentation/PlaneSegmentation is a PlaneSegmentation, a forbidden type"
            ))
        XCTAssertTrue(found.contains("rule:at-most-one-module /: 1 objects of type ProcessingModule; at most 0 allowed"))
        XCTAssertEqual(rules.rules[0].severity, .bestPracticeSuggestion)
    }

    func testPathPatterns() {
        XCTAssertTrue(PathPattern("/acquisition/*Series").matches("/acquisition/TwoPhotonSeries"))
        XCTAssertFalse(PathPattern("/acquisition/*").matches("/acquisition/TwoPhotonSeries/data"))
        XCTAssertTrue(PathPattern("/processing/**/data").matches("/processing/ophys/Fluorescence/RoiResponseSeries/data"))
        XCTAssertTrue(PathPattern("/**").matches("/general"))
        XCTAssertTrue(PathPattern("/general/subject").matches("/general/subject"))
        XCTAssertFalse(PathPattern("/general/sub?").matches("/general/subject"))
        XCTAssertTrue(PathPattern("/**/data/**").matches("/acquisition/data"))
        XCTAssertTrue(PathPattern("/a/**/b/**/c").matches("/a/x/b/y/z/c"))
        XCTAssertFalse(PathPattern("/a/**/b/**/c").matches("/a/x/c/y/b"))
        XCTAssertTrue(PathPattern("/**/**/**").matches("/"))
    }

    /// A pattern of 120 `**` and a path of 40 components it does not match: a backtracking matcher tries
    /// more ways than it could ever finish (the hostile rules file of 415 bytes); this one answers at once.
    func testPathPatternsMatchWithoutBacktracking() {
        let hostile = PathPattern(String(repeating: "/**", count: 120) + "/x/y")
        let deep = "/" + (0..<40).map { "g\($0)" }.joined(separator: "/")
        XCTAssertFalse(hostile.matches(deep))
        XCTAssertTrue(hostile.matches(deep + "/x/y"))
        let stars = PathPattern(String(repeating: "/**/a", count: 60) + "/b")
        XCTAssertFalse(stars.matches("/" + Array(repeating: "a", count: 80).joined(separator: "/")))
    }

    /// Each bad rules file is refused with the place and a message a user can act on.
    func testBadRulesFilesAreNamedByLineAndColumn() {
        let cases: [(String, String)] = [
            ("rules:\n  - id: a\n    require_pth: /x\n", "rules:3:5: unknown key 'require_pth'"),
            ("rules:\n  - id: a\n    require_path: acquisition\n", "rules:3:19: paths start at the file's root: '/acquisition'"),
            ("rules:\n  - id: a\n    forbid_type: X\n    severity: FATAL\n", "rules:4:15: unknown severity 'FATAL'"),
            ("rules:\n  - id: a\n    forbid_type: X\n  - id: a\n    forbid_type: Y\n", "rules:4:5: rule id 'a' is used twice"),
            ("rules:\n  - id: a\n", "rules:2:5: rule 'a' needs exactly one of"),
            ("rules:\n  - id: a\n    dataset: /x\n", "rules:3:14: a dataset rule needs dtype"),
            ("rules:\n  - id: a\n    dataset: /x\n    dtype: floot\n", "rules:4:12: dtype is a kind"),
            ("rules:\n  - id: a\n    require_type: X\n    min: -1\n", "rules:4:10: expected a whole number"),
            (
                "rules:\n  - id: a\n    forbid_type: X\n    rank: 2\n",
                "rules:4:5: `rank` belongs to a `dataset` or `member_of` rule"
            ),
            ("rules: [\n  - id: a\n", "rules:"),
            ("version: 2\nrules: []\n", "rules:1:10: unsupported rules version"),
            ("", "rules:1:1: the rules file is empty"),
        ]
        for (text, expected) in cases {
            do {
                _ = try RulesFile.parse(text)
                XCTFail("accepted: \(text)")
            } catch {
                XCTAssertTrue(error.description.hasPrefix(expected), "\(error.description) should start with \(expected)")
                XCTAssertNotNil(error.line, "\(error.description) should name a line")
            }
        }
    }
}

/// The documented schema (`Documentation/rules.schema.json`) names exactly the keys the reader takes.
final class RulesSchemaTests: XCTestCase {
    func testSchemaAndReaderAgreeOnKeysAndFields() throws {
        let url = TestPaths.packageRoot.appending(path: "Documentation/rules.schema.json")
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let defs = try XCTUnwrap(schema["$defs"] as? [String: Any])
        let rule = try XCTUnwrap(defs["Rule"] as? [String: Any])
        let properties = try XCTUnwrap(rule["properties"] as? [String: Any])
        XCTAssertEqual(Set(properties.keys), Set(RulesReader.ruleKeys))
        let fileFields = (properties["require_file_fields"] as? [String: Any])?["items"] as? [String: Any]
        XCTAssertEqual(fileFields?["enum"] as? [String], RulesReader.fileFields)
        let subjectFields = (properties["require_subject_fields"] as? [String: Any])?["items"] as? [String: Any]
        XCTAssertEqual(subjectFields?["enum"] as? [String], RulesReader.subjectFields)
    }
}
