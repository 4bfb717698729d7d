import Foundation
import TestSupport
import XCTest

/// Files are read in worker processes: a crash or a hang costs one file, never the run.
final class WorkerTests: XCTestCase {
    private var samples: [String] { TestPaths.samples }

    private func nwbkit(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRun {
        try CommandRun.nwbkit(arguments, environment: environment)
    }

    func testAWorkerThatCrashesCostsOneFileAndTheRunGoesOn() throws {
        let run = try nwbkit(["summarize", "--format", "jsonl"] + samples, environment: ["NWBKIT_TEST_CRASH_ON": "ecephys"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "nwbkit: \(TestPaths.sample("ecephys.nwb")): crashed while reading (signal 11)\n")
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 5, "four summaries and one failure record, in input order")
        XCTAssertTrue(lines[1].hasPrefix("{\"error\":\"crashed while reading (signal 11)\""), String(lines[1]))
        XCTAssertTrue(lines[4].contains("\"path\":\"\(TestPaths.sample("ophys.nwb"))\""))
    }

    func testAHangingFileIsStoppedAtTheTimeout() throws {
        let started = Date()
        let run = try nwbkit(
            ["summarize", "--timeout", "2", "--format", "jsonl"] + samples, environment: ["NWBKIT_TEST_HANG_ON": "icephys"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stderr, "nwbkit: \(TestPaths.sample("icephys.nwb")): took longer than 2 s to read (--timeout); stopped\n")
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 5)
    }

    func testOutputIsTheSameWhateverTheNumberOfJobs() throws {
        let one = try nwbkit(["summarize", "--format", "json", "--jobs", "1"] + samples)
        let three = try nwbkit(["summarize", "--format", "json", "--jobs", "3"] + samples)
        let inProcess = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--jobs", "0"] + samples)
        XCTAssertEqual(one.status, 0)
        XCTAssertEqual(one.stdout, three.stdout)
        XCTAssertEqual(one.stdout, inProcess.stdout)
        XCTAssertFalse(one.stdout.isEmpty)
    }

    /// Workers render the text, the Markdown, the DANDI asset and the check findings of their file:
    /// what they send equals what this process makes from the summary, on SampleData and the corpus
    /// (the run weighs findings and checks identifiers across files: the same files twice must clash).
    func testWorkersMakeEachCommandsPartExactlyAsThisProcessDoes() throws {
        let template = FileManager.default.temporaryDirectory.appending(path: "nwbkit-worker-template.mustache")
        try Data("{{path}}: {{#session}}{{identifier}}{{/session}}\n".utf8).write(to: template)
        defer { try? FileManager.default.removeItem(at: template) }
        // Two copies of one file: the run (not a worker) sees their identifiers clash.
        let copies = FileManager.default.temporaryDirectory.appending(path: "nwbkit-worker-copies")
        try? FileManager.default.removeItem(at: copies)
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copies) }
        for name in ["a.nwb", "b.nwb"] {
            try FileManager.default.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: copies.appending(path: name).path)
        }
        let corpus = TestPaths.shared.map { [$0.appending(path: "corpus").path] } ?? []
        let commands: [[String]] = [
            ["summarize"] + samples + corpus,
            ["summarize", "--format", "markdown"] + samples,
            ["summarize", "--format", "markdown", "--template", template.path] + samples,
            ["assets"] + samples + corpus,
            ["assets", "--per-file", "--recognise-byte-types"] + samples,
            ["types", "--format", "json"] + samples,
            ["check", "--format", "json", "--rules", TestPaths.sample("rules.yaml")] + samples + corpus,
            ["check", "--config", "dandi", "--select", "check_subject_sex,check_unique_identifiers", copies.path] + samples,
        ]
        for command in commands {
            let workers = try nwbkit(command + ["--jobs", "2"])
            // In this test process (no process start): the same code path as `nwbkit … --jobs 0`.
            let inProcess = try InProcessCommand.nwbkit(command + ["--jobs", "0"])
            XCTAssertEqual(workers.status, inProcess.status, "\(command.prefix(4))")
            XCTAssertEqual(workers.stdout, inProcess.stdout, "\(command.prefix(4))")
            XCTAssertEqual(workers.stderr, inProcess.stderr, "\(command.prefix(4))")
            XCTAssertGreaterThan(workers.stdout.count, 100, "\(command.prefix(4))")
            if command.contains(copies.path) { XCTAssertTrue(workers.stdout.contains("check_unique_identifiers")) }
        }
    }

    func testACrashWhileRenderingTextCostsOneFile() throws {
        let run = try nwbkit(["summarize"] + samples, environment: ["NWBKIT_TEST_CRASH_ON": "images"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "nwbkit: \(TestPaths.sample("images.nwb")): crashed while reading (signal 11)\n")
        XCTAssertEqual(run.stdout.components(separatedBy: "== ").count - 1, 4, "the four other files are rendered")
    }

    /// One file and two cores: its walk is split across two processes, and what is printed is what one
    /// walk prints — on SampleData, corpus files and every edge-case file (groups dealt out from one link
    /// up, so even small files split), and when the helper process dies (the worker then walks it whole).
    func testAFileSplitAcrossProcessesPrintsWhatOneWalkPrints() throws {
        var files = samples
        if let shared = TestPaths.shared {
            files += TestPaths.corpusFiles().enumerated().filter { $0.offset % 8 == 0 }.map {
                shared.appending(path: "corpus/" + $0.element).path
            }
            files += TestPaths.edgeFiles().map { shared.appending(path: "hdf5-edge/" + $0).path }
        }
        // One run over all the files, one file at a time (no split), against one split run per file.
        let options = ["summarize", "--format", "jsonl", "--include", "*", "--timeout", "60"]
        let whole = try nwbkit(options + ["--jobs", "1"] + files)
        var differences: [String] = []
        var wholeLines = whole.stdout.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        var stderr = ""
        // The split runs as many at a time as there are cores (each waits on its processes' starts).
        let splits = try CommandRun.each(files) { file in
            try CommandRun.nwbkit(options + ["--jobs", "2", file], environment: ["NWBKIT_TEST_SPLIT_FAN_OUT": "1"])
        }
        for (file, split) in zip(files, splits) {
            stderr += split.stderr
            if split.stdout != (wholeLines.next().map { $0 + "\n" } ?? "") { differences.append(file) }
        }
        XCTAssertEqual(differences, [])
        XCTAssertEqual(stderr, whole.stderr)
        // The five SampleData files, and with ../shared every 8th corpus file and every edge file.
        XCTAssertEqual(files.count == samples.count, TestPaths.corpusFiles().isEmpty)
        let file = TestPaths.sample("ecephys.nwb")
        let oneWalk = try nwbkit(["summarize", "--format", "json", "--jobs", "1", file])
        let fallback = try nwbkit(
            ["summarize", "--format", "json", "--jobs", "2", file],
            environment: ["NWBKIT_TEST_SPLIT_FAN_OUT": "1", "NWBKIT_TEST_HELPER_CRASH": "1"])
        XCTAssertEqual(fallback.status, 0)
        XCTAssertEqual(fallback.stdout, oneWalk.stdout)
        XCTAssertEqual(fallback.stderr, "")
    }

    func testEveryEdgeCaseFileGetsOneAnswerThroughWorkers() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let run = try nwbkit([
            "summarize", "--format", "jsonl", "--quiet", "--timeout", "60", "--include", "*",
            shared.appending(path: "hdf5-edge").path,
        ])
        let files = TestPaths.edgeFiles().count + 1  // and MANIFEST.md, which --include '*' also takes
        XCTAssertEqual(run.stdout.split(separator: "\n").count, files)
        XCTAssertFalse(run.stderr.contains("crashed"), run.stderr)
        XCTAssertFalse(run.stderr.contains("took longer"), run.stderr)
        // And checked, data checks included (they read values of these files too): one answer each.
        let check = try nwbkit([
            "check", "--format", "json", "--quiet", "--timeout", "60", "--include", "*",
            shared.appending(path: "hdf5-edge").path,
        ])
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((report?["files"] as? [String])?.count, files)
        XCTAssertFalse(check.stderr.contains("crashed"), check.stderr)
        XCTAssertFalse(check.stderr.contains("took longer"), check.stderr)
        // And catalogued with previews and checks (both read values): a row or one failure line each.
        let site = FileManager.default.temporaryDirectory.appending(path: "nwbkit-edge-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        let catalog = try nwbkit([
            "catalog", "--thumbnails", "--checks", "--quiet", "--timeout", "60", "--include", "*", "--output", site.path,
            shared.appending(path: "hdf5-edge").path,
        ])
        XCTAssertEqual(catalog.status, 1)
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.appending(path: "files").path).count
        let failures = catalog.stderr.split(separator: "\n").filter { $0.hasPrefix("nwbkit: ") }.count
        XCTAssertEqual(pages + failures, files, catalog.stderr)
        XCTAssertFalse(catalog.stderr.contains("crashed"), catalog.stderr)
        XCTAssertFalse(catalog.stderr.contains("took longer"), catalog.stderr)
    }
}
