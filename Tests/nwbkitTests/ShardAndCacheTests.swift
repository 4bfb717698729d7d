import Foundation
import TestSupport
import XCTest

/// `--shard I/N` + `merge` give what one run gives; `--cache` re-reads only what changed.
final class ShardAndCacheTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "data/sub"), withIntermediateDirectories: true)
        for name in TestPaths.sampleNames {
            let target = folder.appending(path: name.hasPrefix("i") ? "data/sub/\(name)" : "data/\(name)")
            try FileManager.default.copyItem(at: URL(fileURLWithPath: TestPaths.sample(name)), to: target)
        }
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: TestPaths.sample("bad/corrupt-truncated.nwb")), to: folder.appending(path: "data/broken.nwb")
        )
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func nwbkit(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRun {
        try InProcessCommand.nwbkit(arguments, environment: environment)
    }

    func testShardsMergeIntoExactlyWhatOneRunPrints() throws {
        let data = folder.appending(path: "data").path
        var parts: [String] = []
        var lines = 0
        for index in 1...3 {
            let part = folder.appending(path: "part-\(index).jsonl").path
            let run = try nwbkit(["summarize", "--quiet", "--format", "jsonl", "--shard", "\(index)/3", "--output", part, data])
            XCTAssertNotEqual(run.status, 2, run.stderr)
            lines += try String(contentsOfFile: part, encoding: .utf8).split(separator: "\n").count
            parts.append(part)
        }
        XCTAssertEqual(lines, 6, "every file in exactly one shard")
        for format in ["json", "text", "jsonl"] {
            let one = try nwbkit(["summarize", "--quiet", "--format", format, data])
            let merged = try nwbkit(["merge", "--quiet", "--format", format] + parts)
            XCTAssertEqual(merged.stdout, one.stdout, format)
            XCTAssertEqual(merged.status, one.status)
            XCTAssertEqual(merged.stderr, one.stderr)
        }
        for command in [["assets"], ["types"], ["dandiset", "--id", "000001"]] {
            let one = try nwbkit(command + ["--quiet", data])
            let merged = try nwbkit(command + ["--quiet", "--from-summaries"] + parts)
            XCTAssertEqual(merged.stdout, one.stdout, command[0])
            XCTAssertFalse(one.stdout.isEmpty)
        }
    }

    /// Every shard of 4, before and after a file is added: no file moves between shards, and the shards
    /// together hold every file (so no assertion passes on an empty selection).
    func testShardOfAPathIsStable() throws {
        let data = folder.appending(path: "data").path
        func shards() throws -> [Set<Substring>] {
            try (1...4).map { index in
                let run = try nwbkit(["summarize", "--quiet", "--format", "jsonl", "--shard", "\(index)/4", data])
                return Set(run.stdout.split(separator: "\n"))
            }
        }
        let whole = try nwbkit(["summarize", "--quiet", "--format", "jsonl", data]).stdout.split(separator: "\n")
        let before = try shards()
        XCTAssertGreaterThan(whole.count, 1)
        XCTAssertEqual(before.reduce(Set()) { $0.union($1) }, Set(whole), "the shards together are the whole run")
        XCTAssertEqual(before.map(\.count).reduce(0, +), whole.count, "each file in exactly one shard")
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: TestPaths.sample("ophys.nwb")), to: folder.appending(path: "data/sub/zz-added.nwb"))
        let after = try shards()
        for (old, new) in zip(before, after) {
            XCTAssertTrue(old.isSubset(of: new), "adding a file moves no other file between shards")
        }
        XCTAssertEqual(after.map(\.count).reduce(0, +), whole.count + 1)
    }

    func testCachedRunReadsNoHDF5AndRereadsOnlyWhatChanged() throws {
        let data = folder.appending(path: "data").path
        let cache = folder.appending(path: "cache").path
        let first = try nwbkit(["summarize", "--quiet", "--format", "json", "--cache", cache, data])
        // Every worker would now crash on any file: an answer can only come from the cache.
        let cached = try nwbkit(
            ["summarize", "--quiet", "--format", "json", "--cache", cache, data], environment: ["NWBKIT_TEST_CRASH_ON": ".nwb"])
        XCTAssertEqual(cached.stdout, first.stdout)
        XCTAssertEqual(cached.stderr, first.stderr)
        // Change one file's modification time: that file alone is read again.
        let changed = folder.appending(path: "data/ecephys.nwb").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: changed)
        let again = try nwbkit(
            ["summarize", "--quiet", "--format", "jsonl", "--cache", cache, data], environment: ["NWBKIT_TEST_CRASH_ON": ".nwb"])
        let crashed = again.stderr.split(separator: "\n").filter { $0.contains("crashed while reading") }
        XCTAssertEqual(crashed, ["nwbkit: \(changed): crashed while reading (signal 11)"])
    }

    func testTheCacheKeepsEachCommandsPartApart() throws {
        let data = folder.appending(path: "data").path
        let cache = folder.appending(path: "cache-parts").path
        let text = try nwbkit(["summarize", "--quiet", "--cache", cache, data])
        let asset = try nwbkit(["assets", "--quiet", "--per-file", "--cache", cache, data])
        // From the cache alone (workers would crash), each command gets its own part back, not another's.
        let crash = ["NWBKIT_TEST_CRASH_ON": ".nwb"]
        XCTAssertEqual(try nwbkit(["summarize", "--quiet", "--cache", cache, data], environment: crash).stdout, text.stdout)
        XCTAssertEqual(
            try nwbkit(["assets", "--quiet", "--per-file", "--cache", cache, data], environment: crash).stdout, asset.stdout)
        XCTAssertTrue(text.stdout.hasPrefix("== "), text.stdout)
        XCTAssertTrue(asset.stdout.hasPrefix("{\"approach\""), asset.stdout)
        // The summaries were never cached: a JSON run must read the files.
        let json = try nwbkit(["summarize", "--quiet", "--format", "jsonl", "--cache", cache, data], environment: crash)
        XCTAssertEqual(json.status, 1)
        XCTAssertTrue(json.stderr.contains("crashed while reading"), json.stderr)
    }

    func testBadShardIsAUsageError() throws {
        XCTAssertEqual(try nwbkit(["summarize", "--shard", "4/3", folder.path]).status, 2)
        XCTAssertEqual(try nwbkit(["summarize", "--shard", "x", folder.path]).status, 2)
    }
}
