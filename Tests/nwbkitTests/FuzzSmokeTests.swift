import Foundation
import TestSupport
import XCTest

/// The libFuzzer target builds and runs a fixed number of inputs from a fixed seed (Fuzz/run.sh), so CI
/// fuzzes every change briefly. Set NWBKIT_SKIP_FUZZ=1 to leave it out of a local run.
final class FuzzSmokeTests: XCTestCase {
    func testFuzzTargetBuildsAndRunsBriefly() throws {
        if ProcessInfo.processInfo.environment["NWBKIT_SKIP_FUZZ"] != nil { throw XCTSkip("NWBKIT_SKIP_FUZZ is set") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", TestPaths.packageRoot.appending(path: "Fuzz/run.sh").path]
        var environment = ProcessInfo.processInfo.environment
        environment["FUZZ_RUNS"] = "5000"
        environment["FUZZ_SEED"] = "1"
        process.environment = environment
        process.currentDirectoryURL = TestPaths.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(text.suffix(3000)))
        XCTAssertTrue(text.contains("Done 5000 runs"), String(text.suffix(3000)))
        XCTAssertFalse(text.contains("ERROR: libFuzzer"), String(text.suffix(3000)))
    }
}
