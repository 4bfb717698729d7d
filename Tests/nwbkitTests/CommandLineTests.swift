import Foundation
import TestSupport
import XCTest

/// Runs the built `nwbkit` binary as users do and checks output, stderr lines and exit codes.
final class CommandLineTests: XCTestCase {
    func testSummarizeSampleFolderWorksFromAnyDirectoryAndReportsTheCorruptFile() throws {
        let run = try CommandRun.nwbkit(["summarize", TestPaths.sampleData.path])
        XCTAssertEqual(run.status, 1, "the truncated sample file makes the run fail")
        XCTAssertEqual(run.stdout.components(separatedBy: "\n== ").count, 5, "five NWB files summarized (bad/ holds the sixth)")
        XCTAssertTrue(run.stdout.contains("Group / (NWBFile) \n"))
        let errors = run.stderr.split(separator: "\n").filter { !$0.contains("warning:") }
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(
            errors[0].hasPrefix("nwbkit: \(TestPaths.sample("bad/corrupt-truncated.nwb")): corrupt or truncated HDF5 file"))
    }

    func testAllGoodFilesExitZero() throws {
        let run = try CommandRun.nwbkit(["summarize", "--format", "json", TestPaths.sample("ophys.nwb"), TestPaths.sample("icephys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((document?["summaries"] as? [Any])?.count, 2)
        XCTAssertEqual((document?["failures"] as? [Any])?.count, 0)
    }

    func testBadInputsEachGetOneLineAndTheRestIsStillSummarized() throws {
        let run = try CommandRun.nwbkit([
            "summarize", "--format", "jsonl", "/no/such/file.nwb", TestPaths.sample("bad/not-nwb.h5"),
            TestPaths.sample("generate.py"),
            TestPaths.sample("ecephys.nwb"),
        ])
        XCTAssertEqual(run.status, 1)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, "three failure records and one summary")
        let errors = run.stderr.split(separator: "\n")
        XCTAssertEqual(
            errors,
            [
                "nwbkit: /no/such/file.nwb: no such file or folder",
                "nwbkit: \(TestPaths.sample("bad/not-nwb.h5")): an HDF5 file, but not NWB (no nwb_version attribute and no NWB 1.x /nwb_version dataset)",
                "nwbkit: \(TestPaths.sample("generate.py")): not an HDF5 file (looks like a text file)",
            ])
    }

    func testUsageErrorsExitTwo() throws {
        let nwbkit = InProcessCommand.nwbkit
        XCTAssertEqual(try nwbkit(["summarize"], nil, [:]).status, 2)
        XCTAssertEqual(try nwbkit(["summarize", "--format", "xml", TestPaths.sample("ophys.nwb")], nil, [:]).status, 2)
        XCTAssertEqual(try nwbkit(["summarize", "--max-objects", "0", TestPaths.sample("ophys.nwb")], nil, [:]).status, 2)
        XCTAssertEqual(try nwbkit(["frobnicate"], nil, [:]).status, 2)
        XCTAssertEqual(try nwbkit(["--help"], nil, [:]).status, 0)
    }

    /// The in-process runner the command tests use is the tool: the same output, errors and status as the
    /// binary started as a process, on a usage error, help, a summary with a failure and a check report.
    func testARunInThisProcessIsTheBinarysRun() throws {
        let commands: [[String]] = [
            ["summarize", "--jobs", "0", TestPaths.sample("ophys.nwb"), "missing.nwb"],
            ["check", "--jobs", "0", "--format", "json", TestPaths.sample("ecephys.nwb")],
            ["summarize", "--format", "xml"], ["--help"], ["check", "--help"], ["sumarize"],
            ["merge", "/dev/zero"],
        ]
        for command in commands {
            let process = try CommandRun.nwbkit(command)
            let inProcess = try InProcessCommand.nwbkit(command)
            XCTAssertEqual(inProcess.status, process.status, "\(command)")
            XCTAssertEqual(inProcess.stdout, process.stdout, "\(command)")
            XCTAssertEqual(inProcess.stderr, process.stderr, "\(command)")
        }
    }

    func testOutputFileIsWrittenWholeAndIdenticalAcrossRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "summary.json").path
        for _ in 0..<2 {
            XCTAssertEqual(
                try CommandRun.nwbkit(["summarize", "--format", "json", "--output", output, TestPaths.sample("ophys.nwb")]).status, 0)
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: output))
        XCTAssertEqual(
            try CommandRun.nwbkit(["summarize", "--format", "json", "--output", output, TestPaths.sample("ophys.nwb")]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: output)), first)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path), ["summary.json"], "no temporary files left")
    }

    func testAFullDiskLeavesTheOldOutputAndNoDebris() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "summary.json")
        try "previous output\n".write(to: output, atomically: true, encoding: .utf8)
        // A file-size limit of 8 KiB stands in for a full disk.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", "ulimit -f 8; exec \"$0\" summarize --format json --jobs 0 --output \"$1\" \"$2\"", TestPaths.binary.path,
            output.path,
            TestPaths.sample("ophys.nwb"),
        ]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        XCTAssertEqual(stderr, "nwbkit: \(output.path): cannot write output: File too large\n")
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), "previous output\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["summary.json"])
    }

    func testMarkdownWithUserTemplateAndBrokenTemplate() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appending(path: "good.mustache")
        try "{{session.identifier}} has {{#units}}{{rows}}{{/units}} units\n".write(to: good, atomically: true, encoding: .utf8)
        let run = try CommandRun.nwbkit(["summarize", "--format", "markdown", "--template", good.path, TestPaths.sample("ecephys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "e5242167-1f21-5c36-bed5-4579dfa27fd7 has 5 units\n")
        let bad = folder.appending(path: "bad.mustache")
        try "ok\n{{#units}}\n".write(to: bad, atomically: true, encoding: .utf8)
        let broken = try CommandRun.nwbkit(["summarize", "--format", "markdown", "--template", bad.path, TestPaths.sample("ecephys.nwb")])
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.hasPrefix("nwbkit: \(bad.path):"), broken.stderr)
    }

    func testDanglingAndExternalLinksAreWarnedAbout() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let run = try CommandRun.nwbkit(["summarize", shared.appending(path: "corpus/matnwb/link_test.nwb").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("external link to"), run.stderr)
    }

    /// Runs `nwbkit` as the user `nobody` (root reads any file, so permission tests need another user).
    private func nwbkitAsNobody(_ arguments: [String]) throws -> CommandRun {
        let runuser = "/usr/sbin/runuser"
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: runuser) else {
            throw XCTSkip("needs root and runuser to act as a user who cannot read the input")
        }
        // Swift reads a process's arguments from /proc/self/cmdline; some sandboxes hide /proc from a process
        // that changed its user, and the binary then sees none.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: runuser)
        probe.arguments = ["-u", "nobody", "--", TestPaths.binary.path, "--version"]
        let probeOutput = Pipe()
        probe.standardOutput = probeOutput
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        let version = String(decoding: probeOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        if version.contains("USAGE") || version.isEmpty {
            throw XCTSkip("a process that changes its user cannot read its own /proc/self/cmdline here, where Swift reads its arguments")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runuser)
        process.arguments = ["-u", "nobody", "--", TestPaths.binary.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if stderr.contains("Permission denied") && stderr.contains(TestPaths.binary.path) {
            throw XCTSkip("nobody cannot run the test binary here")
        }
        return CommandRun(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// A folder in /tmp that `nobody` can enter, removed after the test.
    private func sharedFolder(_ name: String) throws -> URL {
        let folder = URL(fileURLWithPath: "/tmp/nwbkit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    func testUnreadableFileIsOneLineAndExitOne() throws {
        let folder = try sharedFolder("perm")
        let locked = folder.appending(path: "locked.nwb").path
        try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ophys.nwb"))).write(to: URL(fileURLWithPath: locked))
        chmod(locked, 0)
        let run = try nwbkitAsNobody(["summarize", locked, TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stderr, "nwbkit: \(locked): permission denied (cannot read)\n")
    }

    func testUnreadableSubfolderIsOneLineAndTheRestIsRead() throws {
        let folder = try sharedFolder("locked")
        try FileManager.default.createDirectory(at: folder.appending(path: "locked"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: TestPaths.sample("ophys.nwb")), to: folder.appending(path: "ophys.nwb"))
        chmod(folder.appending(path: "ophys.nwb").path, 0o644)
        chmod(folder.appending(path: "locked").path, 0)
        let run = try nwbkitAsNobody(["summarize", "--format", "jsonl", folder.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stderr, "nwbkit: \(folder.path)/locked: permission denied (cannot read)\n")
        XCTAssertTrue(run.stdout.contains("\"path\":\"\(folder.path)/ophys.nwb\""))
    }

    func testAFullRunOverTheCorpusChangesNoInput() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let corpus = shared.appending(path: "corpus")
        func fingerprint() throws -> [String: (Int, Date, Data)] {
            var result: [String: (Int, Date, Data)] = [:]
            for file in TestPaths.corpusFiles() {
                let path = corpus.appending(path: file).path
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                result[file] = (data.count, attributes[.modificationDate] as? Date ?? .distantPast, data)
            }
            return result
        }
        let before = try fingerprint()
        let run = try CommandRun.nwbkit(["summarize", "--quiet", "--format", "jsonl", corpus.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let after = try fingerprint()
        XCTAssertEqual(before.count, after.count)
        for (file, value) in before {
            XCTAssertTrue(after[file].map { $0 == value } ?? false, "\(file) changed")
        }
    }

    func testInputsAreNotModified() throws {
        let path = TestPaths.sample("behavior.nwb")
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try CommandRun.nwbkit(["summarize", "--format", "json", path])
        let after = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual(before[.modificationDate] as? Date, after[.modificationDate] as? Date)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes)
    }
}

/// Documentation that a command writes stays what the command writes.
final class GeneratedDocumentationTests: XCTestCase {
    func testChecksDocumentIsWhatListChecksWrites() throws {
        let run = try InProcessCommand.nwbkit(["list-checks", "--markdown"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let committed = try String(
            contentsOf: TestPaths.packageRoot.appending(path: "Documentation/Checks.md"), encoding: .utf8)
        XCTAssertEqual(committed, run.stdout, "run `nwbkit list-checks --markdown > Documentation/Checks.md`")
    }
}
