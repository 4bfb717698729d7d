import Foundation
import TestSupport
import XCTest

/// Damaged copies of real files (truncated, bytes flipped in metadata, zeroed blocks, empty): every one
/// gets exactly one answer — a summary or one error line — and none crashes the run or hangs it.
final class DamageSuiteTests: XCTestCase {
    /// Writes the damaged variants of `source` into `folder`; returns how many.
    private func damage(_ source: String, into folder: URL, seed: UInt64) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        let stem = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        var random = SplitMix(seed: seed)
        var count = 0
        func write(_ name: String, _ content: [UInt8]) throws {
            try Data(content).write(to: folder.appending(path: "\(stem)-\(name).nwb"))
            count += 1
        }
        try write("empty", [])
        // Truncated: inside the superblock, the first object headers and heaps, and throughout the file.
        for offset in [8, 40, 96, 512, 1024, 2048, 4096, 8192] + (0..<8).map({ _ in Int(random.next() % UInt64(bytes.count)) }) {
            try write("truncated-\(offset)", Array(bytes.prefix(offset)))
        }
        // Bytes flipped in the first 16 KiB, where the superblock, root group and B-trees live.
        for index in 0..<16 {
            var copy = bytes
            for _ in 0..<4 {
                let position = Int(random.next() % UInt64(min(bytes.count, 16_384)))
                copy[position] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            try write("flipped-\(index)", copy)
        }
        // Zeroed 512-byte blocks.
        for index in 0..<6 {
            var copy = bytes
            let start = Int(random.next() % UInt64(max(1, bytes.count - 512)))
            for position in start..<min(bytes.count, start + 512) { copy[position] = 0 }
            try write("zeroed-\(index)", copy)
        }
        return count
    }

    func testDamagedFilesEachGetOneAnswerWithNoCrashOrHang() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-damage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var total = 0
        var sources = ["ecephys.nwb", "ophys.nwb", "icephys.nwb"].map(TestPaths.sample)
        // NWBKIT_DAMAGE_LONG=N: N rounds of damage, and a sample of the corpus (every 8th file) too.
        let rounds = Int(ProcessInfo.processInfo.environment["NWBKIT_DAMAGE_LONG"] ?? "") ?? 1
        if rounds > 1, let shared = TestPaths.shared {
            sources += TestPaths.corpusFiles().enumerated().filter { $0.offset % 8 == 0 }.map {
                shared.appending(path: "corpus/" + $0.element).path
            }
        }
        for round in 0..<rounds {
            for (index, source) in sources.enumerated() {
                let subfolder = folder.appending(path: "r\(round)-\(index)")
                try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
                total += try damage(source, into: subfolder, seed: UInt64(round * 1000 + index + 1))
            }
        }
        // The long mode stops a looping libhdf5 sooner: many damaged corpus files send it into endless loops.
        let timeout = rounds > 1 ? 3 : 10
        let started = Date()
        let run = try CommandRun.nwbkit(["summarize", "--format", "jsonl", "--quiet", "--timeout", String(timeout), folder.path])
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, total, "one answer per file")
        let failures = lines.filter { $0.hasPrefix("{\"error\":") }.count
        let crashes = run.stderr.components(separatedBy: "crashed while reading").count - 1
        let hangs = run.stderr.components(separatedBy: "took longer than").count - 1
        // The run itself never crashes or hangs: it ends with status 1 (some files failed), and a crash or an
        // endless loop inside libhdf5 on one file is contained in its worker and reported as that file's error.
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, failures, "one stderr line per failed file")
        XCTAssertTrue(run.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("nwbkit: \(folder.path)/") })
        XCTAssertLessThan(Date().timeIntervalSince(started), rounds > 1 ? 7200 : 240, "hangs are stopped at the timeout")
        print(
            "damage suite: \(total) files, \(failures) errors, \(total - failures) summaries, run crashes 0, run hangs 0; "
                + "contained in workers: \(crashes) libhdf5 crashes, \(hangs) libhdf5 hangs stopped at \(timeout) s; \(Int(Date().timeIntervalSince(started))) s"
        )
    }
}

/// A small deterministic random number generator (the suite must be the same on every run).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
