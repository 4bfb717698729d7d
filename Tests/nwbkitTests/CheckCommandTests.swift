import Foundation
import TestSupport
import XCTest

/// `nwbkit check`, `nwbkit list-checks` and `nwbkit diff` from the command line.
final class CheckCommandTests: XCTestCase {
    /// Runs in a folder of its own: GitHub and SARIF reports name files under the working directory
    /// relatively, and a checkout inside the temporary directory would otherwise be under it.
    private func nwbkit(_ arguments: [String]) throws -> CommandRun {
        try InProcessCommand.nwbkit(arguments, in: try temporaryFolder("check-cwd"))
    }

    private var samples: [String] { TestPaths.samples }

    func testTheThresholdDecidesTheExitCode() throws {
        // images.nwb names an external video SampleData does not ship: CRITICAL, as nwbinspector says.
        let run = try nwbkit(["check"] + samples)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(
            run.stdout.hasSuffix(
                "5 files checked, 14 findings: 1 CRITICAL, 2 BEST_PRACTICE_VIOLATION, 11 BEST_PRACTICE_SUGGESTION\n"), run.stdout)
        XCTAssertTrue(
            run.stdout.contains("ecephys.nwb: BEST_PRACTICE_VIOLATION check_units_resolution_is_set at /units (Units): "))
        let others = samples.filter { !$0.hasSuffix("images.nwb") }
        let passing = try nwbkit(["check"] + others)
        XCTAssertEqual(passing.status, 0, passing.stdout)
        let strict = try nwbkit(["check", "--threshold", "BEST_PRACTICE_VIOLATION"] + others)
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stdout, passing.stdout, "the threshold decides the exit code, not the report")
    }

    func testABadFileIsACriticalFindingAndTheOthersAreStillChecked() throws {
        let run = try nwbkit([
            "check", TestPaths.sample("bad/corrupt-truncated.nwb"), TestPaths.sample("ophys.nwb"), "/nonexistent/x.nwb",
        ])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(
            run.stdout.contains("corrupt-truncated.nwb: CRITICAL nwbkit_file_readable at /: corrupt or truncated HDF5 file"))
        XCTAssertTrue(run.stdout.contains("/nonexistent/x.nwb: CRITICAL nwbkit_file_readable at /: "))
        XCTAssertTrue(run.stdout.contains("ophys.nwb: BEST_PRACTICE_SUGGESTION check_description"))
        XCTAssertTrue(
            run.stdout.hasSuffix(
                "3 files checked, 4 findings: 2 CRITICAL, 0 BEST_PRACTICE_VIOLATION, 2 BEST_PRACTICE_SUGGESTION\n"), run.stdout)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 2, "one line per unreadable file: \(run.stderr)")
    }

    func testRulesFileWithJUnitReport() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appending(path: "report.xml").path
        let run = try nwbkit(
            ["check", "--rules", TestPaths.sample("rules.yaml"), "--format", "junit", "--output", report] + samples)
        XCTAssertEqual(run.status, 1, "four files miss the two-photon rules")
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("5 files checked"), run.stderr)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nwbkit check\""))
        XCTAssertTrue(xml.contains("name=\"rule:one-raw-movie\">\n      <failure type=\"CRITICAL\""))
        XCTAssertEqual(xml.components(separatedBy: "<testsuite ").count - 1, 5)
        let onlyRules = try nwbkit([
            "check", "--no-best-practices", "--rules", TestPaths.sample("rules.yaml"), TestPaths.sample("ophys.nwb"),
        ])
        XCTAssertEqual(onlyRules.status, 0)
        XCTAssertEqual(
            onlyRules.stdout, "1 file checked, 0 findings: 0 CRITICAL, 0 BEST_PRACTICE_VIOLATION, 0 BEST_PRACTICE_SUGGESTION\n")
    }

    func testABadRulesFileIsAUsageErrorNamingLineAndColumn() throws {
        let rules = FileManager.default.temporaryDirectory.appending(path: "bad-rules-\(UUID().uuidString).yaml")
        try "rules:\n  - id: x\n    forbid_typ: SweepTable\n".write(to: rules, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: rules) }
        let run = try nwbkit(["check", "--rules", rules.path, TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("nwbkit: \(rules.path):3:5: unknown key 'forbid_typ'"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testGitHubFormatAndSelection() throws {
        let run = try nwbkit(["check", "--format", "github", "--select", "check_description", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(
            run.stdout.split(separator: "\n").first,
            "::notice file=\(TestPaths.sample("ophys.nwb")),title=BEST_PRACTICE_SUGGESTION check_description::/acquisition/TwoPhotonSeries: Description ('no description') is a placeholder."
        )
        let unknown = try nwbkit(["check", "--select", "check_nothing", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown check 'check_nothing'"))
    }

    func testJSONReportIsTheSameWithWorkersAndInProcess() throws {
        let workers = try nwbkit(["check", "--format", "json", "--jobs", "2"] + samples)
        let inProcess = try InProcessCommand.nwbkit(["check", "--format", "json", "--jobs", "0"] + samples)
        XCTAssertEqual(workers.status, 1)
        XCTAssertEqual(workers.stdout, inProcess.stdout)
        XCTAssertTrue(workers.stdout.contains("\"check\": \"check_units_resolution_is_set\""))
    }

    private var flawed: [String] {
        ["behavior", "metadata", "mouse", "tables", "timestamps", "units-negative", "units-samples"].map {
            TestPaths.packageRoot.appending(path: "Tests/NWBCheckTests/Fixtures/flawed/\($0).nwb").path
        }
    }

    /// The data checks run by default, in workers as in the process, and their reads are bounded, said when
    /// stopped, and left out on request or when checking summaries written earlier.
    func testDataChecksAreBoundedAndSaid() throws {
        let workers = try nwbkit(["check", "--format", "json", "--jobs", "2"] + flawed)
        let inProcess = try InProcessCommand.nwbkit(["check", "--format", "json", "--jobs", "0"] + flawed)
        XCTAssertEqual(workers.stdout, inProcess.stdout)
        let report = try JSONSerialization.jsonObject(with: Data(workers.stdout.utf8)) as? [String: Any]
        let findings = try XCTUnwrap(report?["findings"] as? [[String: Any]])
        XCTAssertTrue(findings.contains { $0["check"] as? String == "check_regular_timestamps" })
        XCTAssertEqual((report?["notes"] as? [[String: Any]])?.filter { $0["check"] as? String != "nwbkit_schema" }.count, 0)
        XCTAssertGreaterThan(report?["dataBytesRead"] as? Int ?? 0, 0)

        let timestamps = try XCTUnwrap(flawed.first { $0.hasSuffix("timestamps.nwb") })
        let starved = try nwbkit(["check", "--data-bytes", "0", timestamps])
        XCTAssertEqual(starved.status, 0)
        XCTAssertTrue(
            starved.stdout.contains(
                "timestamps.nwb: note: check_regular_timestamps at /acquisition/regular not completed: reading /acquisition/regular/timestamps needs 80 bytes, more than the 0 bytes left of the file's 0 bytes data allowance (--data-bytes)\n"
            ), starved.stdout)
        XCTAssertTrue(starved.stdout.contains(" checks not completed (notes)\n"), starved.stdout)
        XCTAssertFalse(starved.stdout.contains("check_regular_timestamps at /acquisition/regular (TimeSeries)"))
        let github = try nwbkit(["check", "--format", "github", "--data-bytes", "0", timestamps])
        XCTAssertTrue(github.stdout.contains("::notice file=\(timestamps),title=not completed check_regular_timestamps::"))

        let off = try nwbkit(["check", "--no-data-checks", timestamps])
        XCTAssertFalse(off.stdout.contains("check_regular_timestamps"), off.stdout)
        XCTAssertFalse(off.stdout.contains("not completed"), off.stdout)
        XCTAssertTrue(try nwbkit(["check", timestamps]).stdout.contains("check_regular_timestamps at /acquisition/regular"))

        // Summaries written earlier: no file is opened unless --data-checks asks for it.
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-data-checks-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let summaries = folder.appending(path: "summaries.jsonl").path
        XCTAssertEqual(try nwbkit(["summarize", "--format", "jsonl", "--output", summaries, timestamps]).status, 0)
        let fromSummaries = try nwbkit(["check", "--from-summaries", summaries])
        XCTAssertFalse(fromSummaries.stdout.contains("check_regular_timestamps"), fromSummaries.stdout)
        let withData = try nwbkit(["check", "--from-summaries", "--data-checks", summaries])
        XCTAssertTrue(withData.stdout.contains("check_regular_timestamps at /acquisition/regular"), withData.stdout)
    }

    func testListChecks() throws {
        let run = try nwbkit(["list-checks"])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("check_subject_species_form\tBEST_PRACTICE_VIOLATION\t"))
        XCTAssertTrue(run.stdout.contains("nwbkit_file_readable\tCRITICAL\t"))
    }

    func testDiffOfTwoFilesAndTwoFolders() throws {
        let same = try nwbkit(["diff", TestPaths.sample("ophys.nwb"), TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(same.status, 0)
        XCTAssertEqual(same.stdout, "1 file pair compared, 0 differ, 0 unmatched\n")
        let different = try nwbkit(["diff", TestPaths.sample("ophys.nwb"), TestPaths.sample("ecephys.nwb")])
        XCTAssertEqual(different.status, 1)
        XCTAssertTrue(different.stdout.contains("- /acquisition/TwoPhotonSeries: group TwoPhotonSeries (and 3 objects inside)\n"))
        XCTAssertTrue(different.stdout.contains("+ /units: group Units (and 4 objects inside)\n"))

        // Two folders: a file only on one side, and a file whose structure changed (another file under the same name).
        let root = FileManager.default.temporaryDirectory.appending(path: "nwbkit-diff-\(UUID().uuidString)")
        let old = root.appending(path: "v1")
        let new = root.appending(path: "v2")
        for folder in [old, new] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        try manager.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: old.appending(path: "session.nwb").path)
        try manager.copyItem(atPath: TestPaths.sample("icephys.nwb"), toPath: new.appending(path: "session.nwb").path)
        try manager.copyItem(atPath: TestPaths.sample("images.nwb"), toPath: old.appending(path: "gone.nwb").path)
        let folders = try nwbkit(["diff", "--format", "json", old.path, new.path])
        XCTAssertEqual(folders.status, 1)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(folders.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["onlyInOld"] as? [String], ["gone.nwb"])
        XCTAssertEqual(json["onlyInNew"] as? [String], [])
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 1)
        XCTAssertFalse((files[0]["changes"] as? [Any] ?? []).isEmpty)
        let usage = try nwbkit(["diff", old.path])
        XCTAssertEqual(usage.status, 2)
    }

    /// A file that runs out of time while checked against a rules file: its line names the rules as what
    /// may have taken the time (a costly rules file is not the NWB file's fault).
    func testATimeOutWithRulesNamesTheRules() throws {
        let rules = TestPaths.sample("rules.yaml")
        let run = try InProcessCommand.nwbkit(
            ["check", "--timeout", "2", "--rules", rules, TestPaths.sample("ophys.nwb")],
            environment: ["NWBKIT_TEST_HANG_ON": "ophys"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("took longer than 2 s to read (--timeout); stopped; it was checked against the rules in \(rules)"), run.stderr)
        let without = try InProcessCommand.nwbkit(
            ["check", "--timeout", "2", TestPaths.sample("ophys.nwb")], environment: ["NWBKIT_TEST_HANG_ON": "ophys"])
        XCTAssertFalse(without.stderr.contains("rules"), without.stderr)
    }
}
