import Foundation
import TestSupport
import XCTest

/// `nwbkit mcp` driven by the official Python MCP SDK (`Tests/MCPClient/mcp_session.py`): every tool on
/// SampleData and on the stand-in archive beside the command line's output, errors that leave the server
/// serving, a cancelled call that stops its worker, a deadline, a slice cut by its budget, long results in
/// pages, and a remote file's blocks kept between calls (the stand-in's request log).
final class MCPServerTests: XCTestCase {
    func testAnAssistantSessionThroughThePythonSDK() throws {
        let server = try StandInArchive.start(in: try temporaryFolder("archive"))
        defer { server.stop() }
        let script = TestPaths.packageRoot.appending(path: "Tests/MCPClient/mcp_session.py")
        let run = try CommandRun.bash(
            "python3 \"$1\" \"$2\" \"$3\" \"$4\" \"$5\"",
            [script.path, TestPaths.binary.path, TestPaths.sampleData.path, server.apiURL, server.url("").dropLast().description])
        if run.status == 3 { throw XCTSkip("the MCP SDK (PyPI mcp) is not installed: scripts/bootstrap installs it") }
        let verdict = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout + run.stderr)
        XCTAssertEqual(verdict["failed"] as? [String: String], [:], run.stderr.suffix(3000).description)
        XCTAssertGreaterThanOrEqual((verdict["passed"] as? [String])?.count ?? 0, 28)
        XCTAssertEqual(run.status, 0)
    }
}
