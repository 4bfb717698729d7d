import Foundation
import TestSupport
import XCTest

/// Input that changes or has odd names, and runs that are interrupted: every file still gets an answer,
/// and an interrupted run leaves the old output and no debris.
final class HostileInputTests: XCTestCase {
    /// A name with a byte that is not UTF-8 is read through the worker processes and shown as `\xFF`.
    func testNonUTF8NameThroughWorkers() throws {
        let folder = try temporaryFolder("hostile")
        let raw = Array(folder.path.utf8) + Array("/bad-".utf8) + [0xFF] + Array(".nwb".utf8)
        let sample = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ecephys.nwb")))
        let descriptor = (raw.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { creat($0.baseAddress!, 0o644) }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        _ = sample.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let run = try CommandRun.nwbkit(["summarize", "--jobs", "2", folder.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("== \(folder.path)/bad-\\xFF.nwb ==\n"), String(run.stdout.prefix(200)))
        let json = try CommandRun.nwbkit(["summarize", "--format", "json", folder.path])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((document["summaries"] as? [[String: Any]])?.count, 1)
    }

    /// A file rewritten and truncated over and over while it is read: each run answers (a summary or one
    /// clear line), never a crash of the run or a hang.
    func testAFileChangingWhileItIsRead() throws {
        let folder = try temporaryFolder("hostile")
        let path = folder.appending(path: "changing.nwb").path
        let full = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ophys.nwb")))
        try full.write(to: URL(fileURLWithPath: path))
        let stop = ManagedAtomicFlag()
        let writer = Thread {
            var round = 0
            while !stop.isSet {
                // In place (not atomic): truncate, write a part, then the whole again.
                let cut = [64, 4096, full.count / 3, full.count / 2, full.count][round % 5]
                if let handle = FileHandle(forWritingAtPath: path) {
                    try? handle.truncate(atOffset: 0)
                    try? handle.write(contentsOf: full.prefix(cut))
                    try? handle.close()
                }
                round += 1
                usleep(2_000)
            }
        }
        writer.start()
        defer { stop.set() }
        var answers = (summaries: 0, errors: 0)
        for _ in 0..<12 {
            let run = try CommandRun.nwbkit(["summarize", "--format", "jsonl", "--timeout", "10", "--quiet", path])
            XCTAssertTrue([0, 1].contains(run.status), "exit \(run.status): \(run.stderr)")
            for line in run.stdout.split(separator: "\n") {
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
                if object["error"] != nil { answers.errors += 1 } else { answers.summaries += 1 }
            }
            XCTAssertTrue(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("nwbkit: \(path): ") }, run.stderr)
        }
        stop.set()
        XCTAssertEqual(answers.summaries + answers.errors, 12, "one answer per run")
    }

    /// SIGINT and SIGTERM in the middle of a run that writes --output: the old file stays, no temporary file is left.
    func testInterruptedRunKeepsTheOldOutput() throws {
        let folder = try temporaryFolder("hostile")
        let inputs = folder.appending(path: "inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for index in 0..<150 {
            try FileManager.default.copyItem(
                atPath: TestPaths.sample("ophys.nwb"), toPath: inputs.appending(path: "f\(index).nwb").path)
        }
        let output = folder.appending(path: "summary.json")
        for signal in [SIGINT, SIGTERM] {
            try Data("old output\n".utf8).write(to: output)
            let process = Process()
            process.executableURL = TestPaths.binary
            process.arguments = ["summarize", "--format", "json", "--jobs", "1", "--output", output.path, inputs.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(400_000)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertNotEqual(process.terminationStatus, 0, "signal \(signal) should stop the run")
            XCTAssertEqual(try String(contentsOf: output, encoding: .utf8), "old output\n")
            let debris = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".nwbkit-") }
            XCTAssertEqual(debris, [], "signal \(signal)")
        }
    }
}

extension HostileInputTests {
    /// `nwbkit summarize … | head`: when the reader of stdout goes away, nwbkit stops quietly as SIGPIPE
    /// stops other tools — no crash report (Foundation's FileHandle would trap on the closed pipe).
    func testAClosedStdoutStopsTheRunQuietly() throws {
        let folder = try temporaryFolder("hostile")
        for index in 0..<60 {
            try FileManager.default.copyItem(
                atPath: TestPaths.sample("ophys.nwb"), toPath: folder.appending(path: "f\(index).nwb").path)
        }
        for jobs in ["2", "0"] {
            let process = Process()
            process.executableURL = TestPaths.binary
            process.arguments = ["summarize", "--jobs", jobs, folder.path]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            _ = output.fileHandleForReading.readData(ofLength: 100)
            try output.fileHandleForReading.close()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "jobs \(jobs): \(stderr)")
            XCTAssertEqual(process.terminationStatus, SIGPIPE, "jobs \(jobs)")
            XCTAssertEqual(stderr, "", "jobs \(jobs)")
        }
    }
}

/// A flag set from one thread and read from another.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
