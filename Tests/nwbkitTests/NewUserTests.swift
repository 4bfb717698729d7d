import Foundation
import TestSupport
import XCTest

/// What a new user meets first: a misspelt command, `--help`, an `--output` in a folder that is not there.
final class NewUserTests: XCTestCase {
    func testAMisspeltCommandGetsASuggestion() throws {
        let run = try InProcessCommand.nwbkit(["sumarize", "SampleData/ophys.nwb"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(
            run.stderr,
            "nwbkit: unknown command 'sumarize'; did you mean 'summarize'? (commands: summarize, assets, types, dandiset, catalog, check, list-checks, diff, export, merge, mcp)\n"
        )
        XCTAssertTrue(try InProcessCommand.nwbkit(["chek"]).stderr.contains("did you mean 'check'?"))
        XCTAssertTrue(try InProcessCommand.nwbkit(["sumary"]).stderr.contains("did you mean 'summarize'?"))
        let unknown = try InProcessCommand.nwbkit(["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("nwbkit: unknown command 'frobnicate' (commands: summarize, "), unknown.stderr)
        // The hidden worker commands are no suggestion, and real commands and options still work.
        XCTAssertFalse(try InProcessCommand.nwbkit(["worke"]).stderr.contains("'worker'"))
        XCTAssertEqual(try InProcessCommand.nwbkit(["--version"]).status, 0)
        XCTAssertEqual(try InProcessCommand.nwbkit(["help", "check"]).status, 0)
    }

    func testCheckHelpNamesImportances() throws {
        let help = try InProcessCommand.nwbkit(["check", "--help"]).stdout
        XCTAssertTrue(help.contains("(default: CRITICAL)"), help)
        XCTAssertFalse(help.contains("(default: 2)"), help)
        XCTAssertFalse(help.contains("(default: 0)"), help)
    }

    func testOutputCreatesItsFolders() throws {
        let folder = try temporaryFolder("output-folders")
        let output = folder.appending(path: "reports/nested/summary.txt").path
        let run = try InProcessCommand.nwbkit(["summarize", TestPaths.sample("ophys.nwb"), "--output", output])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output))
        // A folder that cannot be made: one line naming it and why, exit 2, nothing written.
        let blocker = folder.appending(path: "file").path
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let refused = try InProcessCommand.nwbkit(["summarize", TestPaths.sample("ophys.nwb"), "--output", blocker + "/sub/out.txt"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(
            refused.stderr, "nwbkit: \(blocker)/sub/out.txt: cannot create its folder \(blocker)/sub: Not a directory\n")
    }
}
