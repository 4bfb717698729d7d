import Foundation
import TestSupport
import XCTest

/// A run that is stopped (SIGINT, SIGTERM, SIGKILL, a reader that closes the pipe) leaves nothing behind:
/// no worker process, and no file that holds the archive's key. Workers also keep their own deadline.
final class RunLifetimeTests: XCTestCase {
    private var folder: URL!
    private var temporary: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-lifetime-\(UUID().uuidString)")
        temporary = folder.appending(path: "tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Process ids whose environment holds `NWBKIT_RUN_TAG=tag` (the run's parent and its workers).
    private func processes(tagged tag: String) -> [Int32] {
        let marker = Data("NWBKIT_RUN_TAG=\(tag)\0".utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry), let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
            else { return nil }
            return environment.range(of: marker) != nil ? pid : nil
        }
    }

    /// Waits up to `seconds` for `condition`.
    private func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// Files under the run's TMPDIR that hold `secret`.
    private func files(holding secret: String) -> [String] {
        let found = FileManager.default.enumerator(atPath: temporary.path)?.compactMap { $0 as? String } ?? []
        return found.filter { name in
            FileManager.default.contents(atPath: temporary.appending(path: name).path)
                .map { $0.range(of: Data(secret.utf8)) != nil } ?? false
        }
    }

    private func environment(tag: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DANDI_API_KEY"] = "owner-key"
        environment["TMPDIR"] = temporary.path
        environment["NWBKIT_RUN_TAG"] = tag
        return environment
    }

    /// The parent is stopped by each signal while a worker is busy with the embargoed dandiset's file
    /// (it hangs there): 2 s later no process of the run is alive, and no file under TMPDIR holds the key.
    func testAStoppedRunLeavesNoWorkerAndNoKey() throws {
        let server = try StandInArchive.start(in: folder)
        for signal in [SIGINT, SIGTERM, SIGKILL] {
            let tag = UUID().uuidString
            let process = Process()
            process.executableURL = TestPaths.binary
            process.arguments = [
                "summarize", "--jobs", "2", "--timeout", "300", "DANDI:000002", "DANDI:000001/draft", "--dandi-instance",
                server.apiURL,
            ]
            var environment = environment(tag: tag)
            environment["NWBKIT_TEST_HANG_ON"] = "sub-c"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The parent and both workers are up, one of them stuck in the embargoed file.
            XCTAssertTrue(wait(seconds: 20) { processes(tagged: tag).count >= 3 }, "signal \(signal): workers started")
            usleep(300_000)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(signal)")
            XCTAssertTrue(wait(seconds: 2) { processes(tagged: tag).isEmpty }, "signal \(signal): \(processes(tagged: tag))")
            XCTAssertEqual(files(holding: "owner-key"), [], "signal \(signal)")
        }
    }

    /// `nwbkit … | head -c 1`: the parent ends on the closed pipe (SIGPIPE) part way through a slow
    /// dandiset; its workers end with it and no file holds the key.
    func testAClosedPipeLeavesNoWorkerAndNoKey() throws {
        let server = try StandInArchive.start(in: folder, latency: 0.2)
        let tag = UUID().uuidString
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", "\"$0\" summarize --jobs 2 DANDI:000001/draft DANDI:000002 --dandi-instance \"$1\" | head -c 1 >/dev/null",
            TestPaths.binary.path, server.apiURL,
        ]
        process.environment = environment(tag: tag)
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        process.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
        XCTAssertTrue(wait(seconds: 2) { processes(tagged: tag).isEmpty }, "\(processes(tagged: tag))")
        XCTAssertEqual(files(holding: "owner-key"), [])
    }

    /// A worker whose file takes longer than its deadline ends itself (SIGALRM) a little after it, with
    /// no parent to stop it.
    func testAWorkerKeepsItsOwnDeadline() throws {
        let process = Process()
        process.executableURL = TestPaths.binary
        process.arguments = ["worker"]
        var environment = ProcessInfo.processInfo.environment
        environment["NWBKIT_TEST_HANG_ON"] = "ophys"
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let started = Date()
        let lines = #"{"fileDeadline":1,"parent":\#(getpid())}"# + "\n" + #""\#(TestPaths.sample("ophys.nwb"))""# + "\n"
        try input.fileHandleForWriting.write(contentsOf: Data(lines.utf8))
        // The pipe stays open: only the deadline can end it.
        XCTAssertTrue(wait(seconds: 10) { !process.isRunning }, "the worker is still running")
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGALRM)
        XCTAssertGreaterThan(elapsed, 1)
        XCTAssertLessThan(elapsed, 8)
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }
}
