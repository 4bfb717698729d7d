import Foundation
import NWBKit
import TestSupport
import XCTest

@testable import NWBCheck

/// The built-in checks against nwbinspector 0.7.2's findings on the corpus
/// (`Fixtures/nwbinspector/corpus.json`, written by `generate.py` beside it).
final class NWBInspectorParityTests: XCTestCase {
    struct Reference: Decodable {
        struct Message: Decodable {
            var check: String
            var importance: String
            var file: String
            var object_type: String?
            var object_name: String?
            var location: String?
            var message: String
        }
        var nwbinspector_version: String
        var messages: [Message]
    }

    /// A finding's identity for comparison: file, check, object name.
    struct Key: Hashable, CustomStringConvertible {
        var file: String
        var check: String
        var object: String
        var description: String { "\(file) \(check) \(object)" }
    }

    /// Differences kept on purpose, each with its reason.
    static func isAllowedExtra(_ finding: Finding) -> Bool {
        // pynwb builds only objects the schema places; MIES keeps typed devices under /general/labnotebook and
        // /general/user_comment, which nwbinspector never sees and NWBKit checks like any other object.
        finding.location.hasPrefix("/general/labnotebook/") || finding.location.hasPrefix("/general/user_comment/")
    }

    /// What the comparison of both tools' findings on a set of files found.
    struct Comparison {
        var matched = 0
        /// Per check id, findings both tools made.
        var matchedByCheck: [String: Int] = [:]
        var missing: [String] = []
        var extra: [String] = []
        var messageDifferences: [String] = []
        var run: CheckRun
        var checked: [String: SummaryIndex] = [:]
        var notes: [CheckNote] = []
    }

    /// Checks every file of `files` (paths relative to `folder`) and compares the findings of the checks both
    /// tools have with nwbinspector's in `reference`, by file, check and object name; files in `unreadable`
    /// are checked but not compared.
    static func compare(folder: URL, files: [String], reference: Reference, unreadable: Set<String>) throws -> Comparison {
        let sharedIDs = Set(BestPracticeChecks.all.filter(\.isSharedWithNWBInspector).map(\.id))
        var comparison = Comparison(run: CheckRun(options: CheckOptions()))
        var ours: [Key: [Finding]] = [:]
        for relative in files {
            let path = folder.appending(path: relative).path
            var named = try FileSummarizer.summarize(path)
            named.path = relative
            let check = FileCheck(summary: named, options: comparison.run.options, dataPath: path)
            comparison.notes += check.notes
            for finding in comparison.run.record(path: relative, check)
            where !unreadable.contains(relative) && sharedIDs.contains(finding.check) {
                ours[Key(file: relative, check: finding.check, object: finding.objectName), default: []].append(finding)
            }
            comparison.checked[relative] = SummaryIndex(named)
        }
        var theirs: [Key: [Reference.Message]] = [:]
        for message in reference.messages where !unreadable.contains(message.file) && sharedIDs.contains(message.check) {
            theirs[Key(file: message.file, check: message.check, object: message.object_name ?? ""), default: []].append(message)
        }
        for (key, messages) in theirs {
            let found = ours[key] ?? []
            for (index, message) in messages.enumerated() {
                guard index < found.count else {
                    comparison.missing.append(key.description)
                    continue
                }
                comparison.matched += 1
                comparison.matchedByCheck[key.check, default: 0] += 1
                if !found.contains(where: { $0.message == message.message }) {
                    comparison.messageDifferences.append(
                        "\(key): ours «\(found[index].message)» nwbinspector «\(message.message)»")
                }
            }
        }
        for (key, found) in ours {
            for finding in found.dropFirst(theirs[key]?.count ?? 0) where !isAllowedExtra(finding) {
                comparison.extra.append("\(key) at \(finding.location)")
            }
        }
        comparison.missing.sort()
        comparison.extra.sort()
        comparison.messageDifferences.sort()
        return comparison
    }

    static func reference(_ name: String) throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(reference.nwbinspector_version, "0.7.2")
        return reference
    }

    /// Where nwbinspector's own check code raised instead of answering (its report says ERROR); NWBKit runs
    /// these checks on those files like on any other, and finds nothing there.
    static let inspectorErrors: [String: Int] = [
        // numpy cannot index with the float array made by joining a uint64 zero to a signed index.
        "During evaluation of 'check_units_table_duration' - <class 'TypeError'>: Indexing arrays must have integer dtypes": 5,
        // `column.data[0]` of an empty column.
        "During evaluation of 'check_table_values_for_dict' - <class 'IndexError'>: Index (0) out of range for empty dimension":
            1,
        "During evaluation of 'check_col_not_nan' - <class 'IndexError'>: Index (0) out of range for empty dimension": 1,
    ]

    func testEveryCheckFindsWhatNWBInspectorFindsOnTheCorpus() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let reference = try Self.reference("corpus")
        let files = TestPaths.corpusFiles()
        XCTAssertEqual(files.count, 132)

        // Files pynwb could not open get no findings from nwbinspector: nothing to compare there.
        let unreadable = Set(reference.messages.filter { $0.check.hasPrefix("During io.read()") }.map(\.file))
        XCTAssertEqual(unreadable.count, 17)
        var errors: [String: Int] = [:]
        for message in reference.messages where message.check.hasPrefix("During evaluation") {
            errors[message.check, default: 0] += 1
        }
        XCTAssertEqual(errors, Self.inspectorErrors)

        let comparison = try Self.compare(
            folder: shared.appending(path: "corpus"), files: files, reference: reference, unreadable: unreadable)
        XCTAssertGreaterThanOrEqual(comparison.matched, 1620, "the corpus gave 1,626 shared findings when this test was written")
        XCTAssertEqual(comparison.missing, [], "nwbinspector found these, NWBKit did not")
        XCTAssertEqual(comparison.extra, [], "NWBKit found these, nwbinspector did not")
        XCTAssertEqual(comparison.messageDifferences, [], "same finding, different message")
        // The data checks read all they needed, except an index of region references (NWB 2.0's form, which
        // pynwb cannot read either): said in notes, not passed in silence.
        // (The schema check's notes, files NWBKit cannot validate, are SchemaValidationTests' to check.)
        XCTAssertEqual(
            Set(comparison.notes.filter { $0.check != "nwbkit_schema" }.map { "\($0.file) \($0.check)" }),
            ["matnwb/ecephys_tutorial.nwb check_ascending_spike_times", "matnwb/ecephys_tutorial.nwb check_units_table_duration"])
        let run = comparison.run
        let checked = comparison.checked

        // The identifiers used by more than one file (among the files both tools read).
        let report = run.report()
        let readable = Set(files).subtracting(unreadable)
        var byIdentifier: [String: Set<String>] = [:]
        for (relative, file) in checked where readable.contains(relative) {
            if let identifier = file.summary.session.identifier { byIdentifier[identifier, default: []].insert(relative) }
        }
        let ourDuplicates = Set(byIdentifier.filter { $0.value.count > 1 }.keys)
        let theirDuplicates = Set(
            reference.messages.filter { $0.check == CheckRun.uniqueIdentifiersID }.compactMap {
                $0.message.firstMatch(of: /The identifier '([^']*)'/).map { String($0.1) }
            })
        XCTAssertEqual(ourDuplicates, theirDuplicates)
        XCTAssertTrue(
            ourDuplicates.allSatisfy { identifier in
                report.findings.contains { $0.check == CheckRun.uniqueIdentifiersID && $0.message.contains("'\(identifier)'") }
            })
    }
}

extension NWBInspectorParityTests {
    /// Files written with pynwb to break the practices the corpus keeps (Fixtures/flawed/generate.py), and
    /// nwbinspector's findings on them: every finding is the same, message for message.
    func testEveryCheckFindsWhatNWBInspectorFindsOnFlawedFiles() throws {
        let reference = try Self.reference("flawed")
        let folder = TestPaths.packageRoot.appending(path: "Tests/NWBCheckTests/Fixtures/flawed")
        let files = Set(reference.messages.map(\.file)).sorted()
        XCTAssertEqual(files.count, 7)
        let comparison = try Self.compare(folder: folder, files: files, reference: reference, unreadable: [])
        XCTAssertEqual(comparison.matched, 52)
        XCTAssertEqual(comparison.missing, [], "nwbinspector found these, NWBKit did not")
        XCTAssertEqual(comparison.extra, [], "NWBKit found these, nwbinspector did not")
        XCTAssertEqual(comparison.messageDifferences, [], "same finding, different message")
        XCTAssertEqual(comparison.notes, [])
    }

    /// Between the corpus and the flawed files, every check nwbinspector has finds something, except these
    /// (BestPracticeTests trips each on a SampleData summary changed for it).
    func testEveryCheckIsSeenToFind() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        var found = Set<String>()
        let flawed = try Self.reference("flawed")
        for (name, folder, files) in [
            ("corpus", shared.appending(path: "corpus"), TestPaths.corpusFiles()),
            (
                "flawed", TestPaths.packageRoot.appending(path: "Tests/NWBCheckTests/Fixtures/flawed"),
                Set(flawed.messages.map(\.file)).sorted()
            ),
        ] {
            let reference = try Self.reference(name)
            let unreadable = Set(reference.messages.filter { $0.check.hasPrefix("During io.read()") }.map(\.file))
            found.formUnion(
                try Self.compare(folder: folder, files: files, reference: reference, unreadable: unreadable)
                    .matchedByCheck.keys)
        }
        let unseen = Set(BestPracticeChecks.all.filter(\.isSharedWithNWBInspector).map(\.id)).subtracting(found)
        XCTAssertEqual(
            unseen.sorted(),
            [
                // pynwb refuses to write these: a region into a table not named electrodes, a region of ROIs into
                // another table, a SweepTable (deprecated), starting_frame without external_file, a '\\' in a name.
                "check_electrical_series_reference_electrodes_table",
                // nwbinspector reads only '*.nwb*' files.
                "check_file_extension",
                // Data over 20 GB, 50 MB uncompressed, 20 GB uncompressed: no such file is kept here.
                "check_image_series_data_size",
                "check_image_series_starting_frame_without_external_file",
                "check_index_series_points_to_image",
                "check_large_dataset_compression",
                "check_name_slashes",
                "check_roi_response_series_link_to_plane_segmentation",
                "check_small_dataset_compression",
                "check_sweeptable_deprecated",
            ])
    }
}
