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

    static func isAllowedMissing(_ message: Reference.Message, in file: SummaryIndex?) -> Bool {
        // These two read the first (and last) timestamp values; NWBKit reads no data arrays, so it covers the
        // starting_time + rate case only.
        guard ["check_time_series_duration", "check_timestamp_of_the_first_sample_is_not_negative"].contains(message.check),
            let file, let location = message.location
        else { return false }
        return file.member(location, "timestamps") != nil
    }

    func testSharedChecksFindWhatNWBInspectorFinds() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "corpus", withExtension: "json"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(reference.nwbinspector_version, "0.7.2")
        let corpus = shared.appending(path: "corpus")
        let files = TestPaths.corpusFiles()
        XCTAssertEqual(files.count, 132)

        // Files pynwb could not open get no findings from nwbinspector: nothing to compare there.
        let unreadable = Set(reference.messages.filter { $0.check.hasPrefix("During io.read()") }.map(\.file))
        XCTAssertEqual(unreadable.count, 17)
        let shared_ = Set(BestPracticeChecks.all.filter(\.isSharedWithNWBInspector).map(\.id))

        var run = CheckRun(options: CheckOptions())
        var checked: [String: SummaryIndex] = [:]
        var ours: [Key: [Finding]] = [:]
        for relative in files {
            let summary = try FileSummarizer.summarize(corpus.appending(path: relative).path)
            var named = summary
            named.path = relative
            for finding in run.check(named) where !unreadable.contains(relative) && shared_.contains(finding.check) {
                ours[Key(file: relative, check: finding.check, object: finding.objectName), default: []].append(finding)
            }
            checked[relative] = SummaryIndex(named)
        }
        var theirs: [Key: [Reference.Message]] = [:]
        for message in reference.messages
        where !unreadable.contains(message.file) && shared_.contains(message.check) {
            theirs[Key(file: message.file, check: message.check, object: message.object_name ?? ""), default: []].append(message)
        }

        var missing: [String] = []
        var messageDifferences: [String] = []
        var matched = 0
        for (key, messages) in theirs {
            let found = ours[key] ?? []
            for (index, message) in messages.enumerated() {
                guard index < found.count else {
                    if !Self.isAllowedMissing(message, in: checked[key.file]) { missing.append(key.description) }
                    continue
                }
                matched += 1
                if !found.contains(where: { $0.message == message.message }) {
                    messageDifferences.append("\(key): ours «\(found[index].message)» nwbinspector «\(message.message)»")
                }
            }
        }
        var extra: [String] = []
        for (key, found) in ours {
            for finding in found.dropFirst(theirs[key]?.count ?? 0) where !Self.isAllowedExtra(finding) {
                extra.append("\(key) at \(finding.location)")
            }
        }
        XCTAssertGreaterThanOrEqual(matched, 1500, "the corpus gave 1,519 shared findings when this test was written")
        XCTAssertEqual(missing.sorted(), [], "nwbinspector found these, NWBKit did not")
        XCTAssertEqual(extra.sorted(), [], "NWBKit found these, nwbinspector did not")
        XCTAssertEqual(messageDifferences.sorted(), [], "same finding, different message")

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
