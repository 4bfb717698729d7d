import Foundation
import TestSupport
import XCTest

/// `nwbkit export` from the command line: files under --output, usage errors, data roots.
final class ExportCommandTests: XCTestCase {
    func testEveryTargetWritesItsRecordsUnderOutput() throws {
        let output = try temporaryFolder("export")
        let samples = TestPaths.samples
        for target in ["brainstem", "flexilims", "crucible", "portal"] {
            let run = try InProcessCommand.nwbkit(["export", "--to", target, "--project", "demo", "--output", output.path] + samples)
            XCTAssertEqual(run.status, 0, "\(target): \(run.stderr)")
            XCTAssertEqual(run.stdout, "")
            XCTAssertTrue(run.stderr.contains("record files written under"), run.stderr)
        }
        let written = FileManager.default.enumerator(atPath: output.path)?.allObjects.compactMap { $0 as? String } ?? []
        XCTAssertEqual(written.filter { $0.hasPrefix("brainstem/") && $0.hasSuffix(".json") }.count, 5)
        XCTAssertEqual(written.filter { $0.hasPrefix("flexilims/") && $0.hasSuffix(".yaml") }.count, 5)
        XCTAssertEqual(written.filter { $0.hasPrefix("crucible/") && $0.hasSuffix(".json") }.count, 5)
        XCTAssertTrue(written.contains("portal/1/dataset_metadata.json"))
        XCTAssertFalse(written.contains { $0.contains(".nwbkit-") }, "no temporary files left: \(written)")
        let crucible = try Data(contentsOf: output.appending(path: "crucible/ophys.json"))
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: crucible) as? [String: Any])
        let dataset = try XCTUnwrap(record["dataset"] as? [String: Any])
        XCTAssertEqual((dataset["sha256_hash_file_to_upload"] as? String)?.count, 64)
    }

    func testUsageErrorsAndDataRoots() throws {
        let missingProject = try InProcessCommand.nwbkit(["export", "--to", "brainstem", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(missingProject.status, 2)
        XCTAssertTrue(missingProject.stderr.contains("--project is required for brainstem"), missingProject.stderr)
        let wrongTarget = try InProcessCommand.nwbkit(["export", "--to", "dropbox", "--project", "x", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(wrongTarget.status, 2)

        let root = try temporaryFolder("export")
        let raw = root.appending(path: "raw")
        try FileManager.default.createDirectory(at: raw.appending(path: "demo/m1"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: raw.appending(path: "demo/m1/s.nwb").path)
        let inside = try InProcessCommand.nwbkit([
            "export", "--to", "flexilims", "--project", "demo", "--data-root", raw.path,
            raw.appending(path: "demo/m1/s.nwb").path,
        ])
        XCTAssertEqual(inside.status, 0, inside.stderr)
        XCTAssertTrue(inside.stdout.hasPrefix("--- # flexilims/mouse-ophys-1_S20240314.yaml\nproject: demo\n"), inside.stdout)
        XCTAssertTrue(inside.stdout.contains("path: demo/m1/s.nwb\n"))
        let outside = try InProcessCommand.nwbkit([
            "export", "--to", "flexilims", "--project", "demo", "--data-root", raw.path, TestPaths.sample("ophys.nwb"),
        ])
        XCTAssertEqual(outside.status, 1)
        XCTAssertTrue(outside.stderr.contains("ophys.nwb: lies under neither the raw root \(raw.path)"), outside.stderr)
    }
}
