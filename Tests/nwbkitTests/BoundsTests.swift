import Foundation
import HDF5TestFiles
import TestSupport
import XCTest

/// Hostile inputs that used to take unbounded memory or time, crash the main process, or forge output.
final class BoundsTests: XCTestCase {
    /// 462 bytes of nested YAML anchors stand for 10^8 values: refused at once, for metadata and rules alike.
    func testYAMLAliasBombsAreRefused() throws {
        let folder = try temporaryFolder("bounds")
        var bomb = "a0: &a0 [" + Array(repeating: "lol", count: 10).joined(separator: ", ") + "]\n"
        for level in 1...7 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let metadata = folder.appending(path: "metadata.yaml")
        try (bomb + "description: *a7\n").write(to: metadata, atomically: true, encoding: .utf8)
        let started = Date()
        let run = try InProcessCommand.nwbkit(["dandiset", TestPaths.sample("ophys.nwb"), "--metadata", metadata.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("aliases are expanded"), run.stderr)
        // Anchors under unknown keys alone.
        try bomb.write(to: metadata, atomically: true, encoding: .utf8)
        let unknownKeys = try InProcessCommand.nwbkit(["dandiset", TestPaths.sample("ophys.nwb"), "--metadata", metadata.path])
        XCTAssertEqual(unknownKeys.status, 2, unknownKeys.stderr)
        let rules = folder.appending(path: "rules.yaml")
        try (bomb + "rules: *a7\n").write(to: rules, atomically: true, encoding: .utf8)
        let check = try InProcessCommand.nwbkit(["check", TestPaths.sample("ophys.nwb"), "--rules", rules.path])
        XCTAssertEqual(check.status, 2, check.stderr)
        XCTAssertTrue(check.stderr.contains("aliases are expanded"), check.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    }

    /// A rules file over 1 MiB is refused before it is parsed.
    func testAnOversizedRulesFileIsRefused() throws {
        let folder = try temporaryFolder("bounds")
        let rules = folder.appending(path: "rules.yaml")
        let line = "# " + String(repeating: "x", count: 1000) + "\n"
        try String(repeating: line, count: 1100).write(to: rules, atomically: true, encoding: .utf8)
        let run = try InProcessCommand.nwbkit(["check", TestPaths.sample("ophys.nwb"), "--rules", rules.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("more than the 1048576 accepted"), run.stderr)
    }

    /// 50,000 nested sections used to overflow the Mustache parser's stack in the main process.
    func testADeeplyNestedTemplateIsRefused() throws {
        let folder = try temporaryFolder("bounds")
        let template = folder.appending(path: "deep.mustache")
        let text = String(repeating: "{{#a}}", count: 50_000) + String(repeating: "{{/a}}", count: 50_000)
        try text.write(to: template, atomically: true, encoding: .utf8)
        for command in [["summarize", "--format", "markdown"], ["dandiset"]] {
            let run = try InProcessCommand.nwbkit(command + [TestPaths.sample("ophys.nwb"), "--template", template.path])
            XCTAssertEqual(run.status, 2, "\(command): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("nested 50000 deep, more than the 64 accepted"), run.stderr)
        }
        // Changed delimiters do not hide the nesting.
        try ("{{=<% %>=}}" + String(repeating: "<%#a%>", count: 100) + String(repeating: "<%/a%>", count: 100))
            .write(to: template, atomically: true, encoding: .utf8)
        let run = try InProcessCommand.nwbkit([
            "summarize", "--format", "markdown", TestPaths.sample("ophys.nwb"), "--template", template.path,
        ])
        XCTAssertEqual(run.status, 2, run.stderr)
    }

    func testTimeoutMustBeAFiniteNumber() throws {
        for value in ["nan", "inf", "-1"] {
            let run = try InProcessCommand.nwbkit(["summarize", TestPaths.sample("ophys.nwb"), "--timeout", value])
            XCTAssertEqual(run.status, 2, "--timeout \(value): \(run.stderr)")
        }
    }

    /// Control characters in a file name reach stderr escaped, on one line: no forged `nwbkit:` line, no
    /// terminal escape.
    func testControlCharactersInNamesCannotForgeLines() throws {
        let folder = try temporaryFolder("bounds")
        let name = "x\u{1B}]0;pwned\u{07}\nnwbkit: forged.nwb"
        try Data("not hdf5".utf8).write(to: folder.appending(path: name))
        let run = try InProcessCommand.nwbkit(["summarize", folder.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        XCTAssertFalse(run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, run.stderr)
        XCTAssertTrue(run.stderr.contains("x\\e]0;pwned\\x07\\nnwbkit: forged.nwb"), run.stderr)
    }

    /// A description holding HTML, a line break and a code fence stays inside its table cell in NWBKit's
    /// Markdown, and reaches a pipe with its exact bytes in text (the DANDI lines' contract), and escaped
    /// on a terminal.
    func testHostileDescriptionsStayInTheirCell() throws {
        let folder = try temporaryFolder("bounds")
        let path = folder.appending(path: "hostile.nwb").path
        let hostile = "</details><script>alert(1)</script> | x\n```\n\u{1B}[31mred"
        try TestFileWriter(path: path, sessionDescription: hostile).close()
        let markdown = try InProcessCommand.nwbkit(["summarize", "--format", "markdown", path])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        let row = try XCTUnwrap(markdown.stdout.split(separator: "\n").first { $0.hasPrefix("| Description |") })
        XCTAssertEqual(
            row, #"| Description | \</details>\<script>alert(1)\</script> \| x<br>\`\`\`<br>"# + "\u{1B}[31mred |")
        XCTAssertFalse(markdown.stdout.contains("\n```"))
        let report = try InProcessCommand.nwbkit(["dandiset", "--report", path])
        XCTAssertFalse(report.stdout.contains("<script>"), report.stdout)
        let text = try InProcessCommand.nwbkit(["summarize", path])
        XCTAssertTrue(text.stdout.contains("session_description: " + hostile), "a pipe gets the exact bytes")
        // On a terminal (script(1) gives the run one), the escape sequence is shown, not obeyed.
        let terminal = try CommandRun.bash(#"script -qec "\"$0\" summarize \"$1\"" /dev/null"#, [path])
        XCTAssertTrue(terminal.stdout.contains("\\e[31mred"), terminal.stdout)
        XCTAssertFalse(terminal.stdout.contains("\u{1B}[31m"))
    }

    /// A chunked dataset declared (2^32, 2^32) stores nothing; its element count saturates instead of
    /// trapping, in a worker and in the main process (`--from-summaries`).
    func testAHugeDeclaredShapeIsNoCrash() throws {
        let folder = try temporaryFolder("bounds")
        let path = folder.appending(path: "huge.nwb").path
        let writer = try TestFileWriter(path: path)
        writer.emptyChunkedDataset("/acquisition/huge", shape: [1 << 32, 1 << 32], chunk: [1, 1])
        writer.close()
        for command in [["check"], ["summarize"], ["assets"], ["export", "--to", "portal"]] {
            let run = try InProcessCommand.nwbkit(command + [path])
            XCTAssertTrue([0, 1].contains(run.status), "\(command): \(run.status) \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("crashed") || run.stderr.contains("internal error"), run.stderr)
        }
        let summaries = folder.appending(path: "s.jsonl").path
        XCTAssertEqual(try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", path, "--output", summaries]).status, 0)
        let fromSummaries = try InProcessCommand.nwbkit(["check", "--from-summaries", summaries])
        XCTAssertTrue([0, 1].contains(fromSummaries.status), fromSummaries.stderr)
        XCTAssertTrue(fromSummaries.stdout.contains("checked"), fromSummaries.stdout)
    }

    /// An object with more attributes than the cap: its NWB attributes are still read (it stays typed),
    /// and what was left is a problem and a count, not silence.
    func testAttributesPastTheCapAreSaidAndTheTypeIsKept() throws {
        let folder = try temporaryFolder("bounds")
        let path = folder.appending(path: "many-attributes.nwb").path
        let writer = try TestFileWriter(path: path)
        writer.group("/acquisition/series")
        for index in 0..<10_050 { writer.integerAttribute("/acquisition/series", String(format: "a%05d", index), Int64(index)) }
        writer.stringAttribute("/acquisition/series", "neurodata_type", "TimeSeries")
        writer.stringAttribute("/acquisition/series", "namespace", "core")
        writer.close()
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap((document["summaries"] as? [[String: Any]])?.first)
        let objects = try XCTUnwrap(summary["objects"] as? [[String: Any]])
        let series = try XCTUnwrap(objects.first { $0["path"] as? String == "/acquisition/series" })
        XCTAssertEqual(series["neurodataType"] as? String, "TimeSeries")
        XCTAssertEqual((series["attributes"] as? [Any])?.count, 10_000)
        let problems = try XCTUnwrap(summary["problems"] as? [[String: Any]])
        XCTAssertTrue(
            problems.contains { ($0["message"] as? String) == "52 of 10052 attributes not read (more than 10000 on one object)" },
            "\(problems)")
        XCTAssertEqual((summary["counts"] as? [String: Any])?["attributesNotRead"] as? Int, 52)
    }

    /// References are named from the walk's own addresses: 1,024 references into 20,000 groups took more
    /// than 120 s when each was named by a search of the file.
    func testReferencesAreNamedWithoutSearchingTheFile() throws {
        let folder = try temporaryFolder("bounds")
        let path = folder.appending(path: "references.nwb").path
        let writer = try TestFileWriter(path: path)
        writer.group("/general/many")
        for index in 0..<20_000 { writer.group(String(format: "/general/many/g%05d", index)) }
        let targets = (0..<1024).map { String(format: "/general/many/g%05d", $0 * 19) }
        writer.referenceAttribute("/", "targets", targets: targets)
        writer.close()
        let started = Date()
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--timeout", "60", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap((document["summaries"] as? [[String: Any]])?.first)
        let root = try XCTUnwrap((summary["objects"] as? [[String: Any]])?.first { $0["path"] as? String == "/" })
        let attribute = try XCTUnwrap((root["attributes"] as? [[String: Any]])?.first { $0["name"] as? String == "targets" })
        let values = try XCTUnwrap(attribute["value"] as? [[String: Any]])
        XCTAssertEqual(values.compactMap { $0["reference"] as? String }, targets)
    }

    /// 10,000 nested groups and a reference to the deepest: libhdf5's name search recursed until it
    /// crashed; now the walk's depth limit holds and the reference is named as not reached.
    func testAReferenceIntoDeepNestingIsNoCrash() throws {
        let folder = try temporaryFolder("bounds")
        let path = folder.appending(path: "deep.nwb").path
        let writer = try TestFileWriter(path: path)
        writer.nestedGroups(under: "/general", depth: 10_000)
        writer.referenceAttribute("/", "deepest", targets: ["/general" + String(repeating: "/g", count: 10_000)])
        writer.close()
        for depth in ["10", "256"] {
            let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--max-depth", depth, "--timeout", "60", path])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("not reached by the walk"), String(run.stdout.suffix(2000)))
            XCTAssertFalse(run.stderr.contains("crashed"), run.stderr)
        }
    }

    /// Variable-length text is kept up to 1 MiB per value (the string where the limit falls is cut and
    /// says so); the rest is a problem in the summary, not gigabytes of output.
    func testVariableLengthTextIsKeptWithinItsLimit() throws {
        let folder = try temporaryFolder("bounds")
        let path = folder.appending(path: "long-strings.nwb").path
        let writer = try TestFileWriter(path: path)
        let long = (0..<48).map { String(repeating: Character(UnicodeScalar(UInt8(65 + $0 % 26))), count: 256 << 10) }
        writer.stringArrayAttribute("/general", "notes", long)
        writer.stringArrayDataset("/general/long_notes", long)
        writer.close()
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertLessThan(run.stdout.utf8.count, 4 << 20, "12 MiB of text per value must not reach the output")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try XCTUnwrap((document["summaries"] as? [[String: Any]])?.first)
        let messages = (summary["problems"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        XCTAssertTrue(
            messages.contains("attribute notes: 11534336 bytes of text not kept (5 of 48 elements kept)"), "\(messages)")
        XCTAssertTrue(messages.contains("value: 11534336 bytes of text not kept (5 of 48 elements kept)"), "\(messages)")
        let general = try XCTUnwrap((summary["objects"] as? [[String: Any]])?.first { $0["path"] as? String == "/general" })
        let notes = try XCTUnwrap((general["attributes"] as? [[String: Any]])?.first { $0["name"] as? String == "notes" })
        let kept = try XCTUnwrap(notes["value"] as? [String])
        XCTAssertEqual(kept.count, 5)
        XCTAssertTrue(kept[4].hasSuffix(" …[cut: 262144 bytes, more than the limit]"), String(kept[4].suffix(80)))
        XCTAssertEqual(kept.dropLast().map(\.utf8.count), [262144, 262144, 262144, 262144])
    }

    /// A file deeper than PATH_MAX inside a folder, and an over-long path given directly: each is named
    /// as too long, and the other files are still read.
    func testOverLongPathsAreSaidAsSuch() throws {
        let folder = try temporaryFolder("bounds")
        addTeardownBlock { _ = try? CommandRun.bash(#"rm -rf "$1""#, [folder.path]) }
        try FileManager.default.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: folder.appending(path: "a.nwb").path)
        let component = String(repeating: "d", count: 200)
        let made = try CommandRun.bash(
            #"cd "$1" && for i in $(seq 24); do mkdir "$2" && cd "$2" || exit 1; done && cp "$3" deep.nwb"#,
            [folder.path, component, TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(made.status, 0, made.stderr)
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", folder.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 2, "a summary of a.nwb and one error line")
        XCTAssertTrue(run.stderr.contains("the path is too long for the system to open"), run.stderr)
        XCTAssertFalse(run.stderr.contains("no NWB files found"), run.stderr)
        let direct = folder.path + "/" + String(repeating: "x", count: 5000) + ".nwb"
        let named = try InProcessCommand.nwbkit(["summarize", direct])
        XCTAssertEqual(named.status, 1)
        XCTAssertTrue(
            named.stderr.hasSuffix(
                "the path is too long for the system to open (\(direct.utf8.count) bytes; paths take at most 4095, names 255)\n"),
            named.stderr)
    }
}
