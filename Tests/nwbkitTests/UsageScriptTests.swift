import Foundation
import TestSupport
import XCTest

/// `summarize --format pynwb`: usage scripts that run under pynwb and state the shapes pynwb gives
/// (`Tests/UsageScripts/run_scripts.py` runs each script and compares).
final class UsageScriptTests: XCTestCase {
    private let runner = TestPaths.packageRoot.appending(path: "Tests/UsageScripts/run_scripts.py")

    /// The harness's verdict on `files`: checked, skipped (pynwb cannot read the file), failed, shapes compared.
    private func runScripts(_ files: [String]) throws -> [String: Any] {
        let run = try CommandRun.bash(
            "python3 \"$1\" \"$2\" \"${@:3}\"", [runner.path, TestPaths.binary.path] + files)
        if run.status == 3 { throw XCTSkip("pynwb (PyPI) is not installed: the usage scripts are run with it") }
        XCTAssertEqual(run.status, 0, run.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    func testEveryScriptRunsUnderPynwbAndStatesItsShapes() throws {
        let samples = StandInArchive.samples.map(TestPaths.sample)
        let files = TestPaths.sampleAndCorpusPaths()
        let verdict = try runScripts(files)
        let failed = try XCTUnwrap(verdict["failed"] as? [String: String])
        let checked = try XCTUnwrap(verdict["checked"] as? [String])
        let skipped = try XCTUnwrap(verdict["skipped"] as? [String: String])
        XCTAssertEqual(failed, [:])
        // Every file is run or skipped because pynwb itself cannot read it.
        XCTAssertEqual(checked.count + skipped.count, files.count)
        XCTAssertTrue(skipped.values.allSatisfy { $0.hasPrefix("pynwb: ") }, "\(skipped)")
        XCTAssertTrue(samples.allSatisfy(checked.contains), "every SampleData file runs")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(verdict["shapes"] as? Int), checked.count, "shapes compared")
        if TestPaths.shared != nil { XCTAssertGreaterThanOrEqual(checked.count, 120, "corpus files run") }
    }

    /// A URL's script streams the file through remfile and h5py, and runs as the local one does.
    func testARemoteFileScriptStreamsItsURL() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        defer { server.stop() }
        let url = server.url("files/ophys.nwb")
        let script = try InProcessCommand.nwbkit(["summarize", "--format", "pynwb", url])
        XCTAssertEqual(script.status, 0, script.stderr)
        XCTAssertTrue(script.stdout.contains("remote_file = remfile.File('\(url)')"), script.stdout)
        XCTAssertTrue(script.stdout.contains("Fluorescence = ophys['Fluorescence']  # Fluorescence"), script.stdout)
        let verdict = try runScripts([url])
        XCTAssertEqual(verdict["failed"] as? [String: String], [:])
        XCTAssertEqual(verdict["checked"] as? [String], [url])
    }

    /// An archive asset's script opens the asset's download URL and never holds the archive's key.
    func testAnArchiveAssetScriptOpensItsDownloadURLWithoutTheKey() throws {
        let server = try StandInArchive.start(in: try temporaryFolder("archive"))
        defer { server.stop() }
        let run = try InProcessCommand.nwbkit(
            ["summarize", "--format", "pynwb", "--dandi-instance", server.apiURL, "DANDI:000002/draft"],
            environment: ["DANDI_API_KEY": "owner-key"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("remfile.File('http://127.0.0.1:\(server.port)/api/"), run.stdout)
        XCTAssertFalse(run.stdout.contains("owner-key"))
        XCTAssertTrue(run.stdout.contains("ElectricalSeries = nwbfile.acquisition['ElectricalSeries']"), run.stdout)
    }

    /// A user's template renders the same lines (the bundled one is only the default).
    func testAUsersTemplateRendersTheScript() throws {
        let template = try temporaryFolder("template").appending(path: "short.py.mustache")
        try Data("# {{{path}}}\n{{#sections}}{{#lines}}{{{.}}}\n{{/lines}}{{/sections}}".utf8).write(to: template)
        let ophys = TestPaths.sample("ophys.nwb")
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "pynwb", "--template", template.path, ophys])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "# \(ophys)")
        XCTAssertTrue(lines.contains("Fluorescence = ophys['Fluorescence']  # Fluorescence"), run.stdout)
        XCTAssertFalse(run.stdout.contains("from pynwb import"))
        let wrongFormat = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--template", template.path, ophys])
        XCTAssertEqual(wrongFormat.status, 2)
    }
}
