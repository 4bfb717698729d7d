import Foundation
import HDF5TestFiles
import TestSupport
import XCTest

/// Hostile inputs that used to take unbounded memory or time, crash the main process, or forge output.
final class BoundsTests: XCTestCase {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// 462 bytes of nested YAML anchors stand for 10^8 values: refused at once, for metadata and rules alike.
    func testYAMLAliasBombsAreRefused() throws {
        let folder = try temporaryFolder()
        var bomb = "a0: &a0 [" + Array(repeating: "lol", count: 10).joined(separator: ", ") + "]\n"
        for level in 1...7 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let metadata = folder.appending(path: "metadata.yaml")
        try (bomb + "description: *a7\n").write(to: metadata, atomically: true, encoding: .utf8)
        let started = Date()
        let run = try CommandRun.nwbkit(["dandiset", TestPaths.sample("ophys.nwb"), "--metadata", metadata.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("aliases are expanded"), run.stderr)
        // Anchors under unknown keys alone.
        try bomb.write(to: metadata, atomically: true, encoding: .utf8)
        let unknownKeys = try CommandRun.nwbkit(["dandiset", TestPaths.sample("ophys.nwb"), "--metadata", metadata.path])
        XCTAssertEqual(unknownKeys.status, 2, unknownKeys.stderr)
        let rules = folder.appending(path: "rules.yaml")
        try (bomb + "rules: *a7\n").write(to: rules, atomically: true, encoding: .utf8)
        let check = try CommandRun.nwbkit(["check", TestPaths.sample("ophys.nwb"), "--rules", rules.path])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("aliases are expanded"), check.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    }

    /// A rules file over 1 MiB is refused before it is parsed.
    func testAnOversizedRulesFileIsRefused() throws {
        let folder = try temporaryFolder()
        let rules = folder.appending(path: "rules.yaml")
        let line = "# " + String(repeating: "x", count: 1000) + "\n"
        try String(repeating: line, count: 1100).write(to: rules, atomically: true, encoding: .utf8)
        let run = try CommandRun.nwbkit(["check", TestPaths.sample("ophys.nwb"), "--rules", rules.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("more than the 1048576 accepted"), run.stderr)
    }

    /// 50,000 nested sections used to overflow the Mustache parser's stack in the main process.
    func testADeeplyNestedTemplateIsRefused() throws {
        let folder = try temporaryFolder()
        let template = folder.appending(path: "deep.mustache")
        let text = String(repeating: "{{#a}}", count: 50_000) + String(repeating: "{{/a}}", count: 50_000)
        try text.write(to: template, atomically: true, encoding: .utf8)
        for command in [["summarize", "--format", "markdown"], ["dandiset"]] {
            let run = try CommandRun.nwbkit(command + [TestPaths.sample("ophys.nwb"), "--template", template.path])
            XCTAssertEqual(run.status, 2, "\(command): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("nested 50000 deep, more than the 64 accepted"), run.stderr)
        }
        // Changed delimiters do not hide the nesting.
        try ("{{=<% %>=}}" + String(repeating: "<%#a%>", count: 100) + String(repeating: "<%/a%>", count: 100))
            .write(to: template, atomically: true, encoding: .utf8)
        let run = try CommandRun.nwbkit(["summarize", "--format", "markdown", TestPaths.sample("ophys.nwb"), "--template", template.path])
        XCTAssertEqual(run.status, 2, run.stderr)
    }

    func testTimeoutMustBeAFiniteNumber() throws {
        for value in ["nan", "inf", "-1"] {
            let run = try CommandRun.nwbkit(["summarize", TestPaths.sample("ophys.nwb"), "--timeout", value])
            XCTAssertEqual(run.status, 2, "--timeout \(value): \(run.stderr)")
        }
    }

    /// Control characters in a file name reach stderr escaped, on one line: no forged `nwbkit:` line, no
    /// terminal escape.
    func testControlCharactersInNamesCannotForgeLines() throws {
        let folder = try temporaryFolder()
        let name = "x\u{1B}]0;pwned\u{07}\nnwbkit: forged.nwb"
        try Data("not hdf5".utf8).write(to: folder.appending(path: name))
        let run = try CommandRun.nwbkit(["summarize", folder.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertFalse(run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, run.stderr)
        XCTAssertTrue(run.stderr.contains("x\\e]0;pwned\\x07\\nnwbkit: forged.nwb"), run.stderr)
    }

    /// A description holding HTML, a line break and a code fence stays inside its table cell in NWBKit's
    /// Markdown, and reaches a pipe with its exact bytes in text (the DANDI lines' contract), and escaped
    /// on a terminal.
    func testHostileDescriptionsStayInTheirCell() throws {
        let folder = try temporaryFolder()
        let path = folder.appending(path: "hostile.nwb").path
        let hostile = "</details><script>alert(1)</script> | x\n```\n\u{1B}[31mred"
        try TestFileWriter(path: path, sessionDescription: hostile).close()
        let markdown = try CommandRun.nwbkit(["summarize", "--format", "markdown", path])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        let row = try XCTUnwrap(markdown.stdout.split(separator: "\n").first { $0.hasPrefix("| Description |") })
        XCTAssertEqual(
            row, #"| Description | \</details>\<script>alert(1)\</script> \| x<br>\`\`\`<br>"# + "\u{1B}[31mred |")
        XCTAssertFalse(markdown.stdout.contains("\n```"))
        let report = try CommandRun.nwbkit(["dandiset", "--report", path])
        XCTAssertFalse(report.stdout.contains("<script>"), report.stdout)
        let text = try CommandRun.nwbkit(["summarize", path])
        XCTAssertTrue(text.stdout.contains("session_description: " + hostile), "a pipe gets the exact bytes")
        // On a terminal (script(1) gives the run one), the escape sequence is shown, not obeyed.
        let terminal = try CommandRun.bash(#"script -qec "\"$0\" summarize \"$1\"" /dev/null"#, [path])
        XCTAssertTrue(terminal.stdout.contains("\\e[31mred"), terminal.stdout)
        XCTAssertFalse(terminal.stdout.contains("\u{1B}[31m"))
    }
}
