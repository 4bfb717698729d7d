import Foundation
import TestSupport
import XCTest

/// Temporary files follow no planted link, the catalog replaces only what a catalog wrote, the cache is
/// private and checked and speaks of the current input, merges are set unions, and a remote file's
/// export checksum is the file's own.
final class FileAndCacheSafetyTests: XCTestCase {
    private let victimText = "a file the run must not touch\n"

    private func makeVictim(in folder: URL) throws -> URL {
        let victim = folder.appending(path: "victim.txt")
        try Data(victimText.utf8).write(to: victim)
        return victim
    }

    private func assertUntouched(_ victim: URL, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try? String(contentsOf: victim, encoding: .utf8), victimText, message, file: file, line: line)
    }

    /// Links planted at every name a run could have used for its temporary files (the old predictable
    /// names: `.NAME.nwbkit-PID.tmp` beside `--output` and export records, `HASH.json.PID.tmp` in the
    /// cache, with the PID the run will have: `exec` keeps the shell's) and at the output itself: the
    /// links' targets are unchanged, and the outputs are written.
    func testPlantedLinksAreNeverWrittenThrough() throws {
        let folder = try temporaryFolder("links")
        let victim = try makeVictim(in: folder)
        let sample = TestPaths.sample("ophys.nwb")
        // --output: a link at the old temporary name, and the output itself a link.
        let output = try CommandRun.bash(
            #"cd "$1" && ln -s victim.txt ".out.txt.nwbkit-$$.tmp" && exec "$0" summarize "$2" --output out.txt"#,
            [folder.path, sample])
        XCTAssertEqual(output.status, 0, output.stderr)
        assertUntouched(victim, "--output")
        XCTAssertTrue(try String(contentsOf: folder.appending(path: "out.txt"), encoding: .utf8).hasPrefix("== "))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appending(path: "linked.txt").path, withDestinationPath: victim.path)
        let throughLink = try InProcessCommand.nwbkit(["summarize", sample, "--output", folder.appending(path: "linked.txt").path])
        XCTAssertEqual(throughLink.status, 0, throughLink.stderr)
        assertUntouched(victim, "--output naming a link")

        // Export records: the names of a first export's records, each with a link at its old temporary name.
        let records = folder.appending(path: "records")
        let export = ["export", "--to", "crucible", "--project", "p", "--no-checksums", sample, "--output", records.path]
        XCTAssertEqual(try InProcessCommand.nwbkit(export).status, 0)
        let written = try FileManager.default.subpathsOfDirectory(atPath: records.path).filter { $0.hasSuffix(".json") }
        XCTAssertFalse(written.isEmpty)
        let plant = written.map { name -> String in
            let path = records.appending(path: name)
            let temporary = path.deletingLastPathComponent().path + "/." + path.lastPathComponent + ".nwbkit-$$.tmp"
            return #"ln -s "\#(victim.path)" "\#(temporary)" && "#
        }.joined()
        let again = try CommandRun.bash(
            plant + #"exec "$0" "$@""#, export)
        XCTAssertEqual(again.status, 0, again.stderr)
        assertUntouched(victim, "export")

        // The cache: every entry damaged (so it is written again), with a link at its old temporary name.
        let cache = folder.appending(path: "cache")
        let cached = ["summarize", "--cache", cache.path, sample, TestPaths.sample("ecephys.nwb")]
        XCTAssertEqual(try InProcessCommand.nwbkit(cached).status, 0)
        let entries = try FileManager.default.subpathsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(entries.count, 2)
        let damage = entries.map { name -> String in
            let path = cache.appending(path: name).path
            return #": > "\#(path)" && ln -s "\#(victim.path)" "\#(path).$$.tmp" && "#
        }.joined()
        let rewritten = try CommandRun.bash(damage + #"exec "$0" "$@""#, cached)
        XCTAssertEqual(rewritten.status, 0, rewritten.stderr)
        assertUntouched(victim, "cache")
        XCTAssertEqual(rewritten.stderr.components(separatedBy: "nwbkit: warning: cache entry").count - 1, 2, rewritten.stderr)
    }

    /// A catalog folder into which a user put a file (or a link) is refused and left as it is; once the
    /// user's file is gone it is replaced.
    func testTheCatalogReplacesOnlyWhatACatalogWrote() throws {
        let folder = try temporaryFolder("catalog")
        let site = folder.appending(path: "site")
        let sample = TestPaths.sample("ophys.nwb")
        XCTAssertEqual(try InProcessCommand.nwbkit(["catalog", sample, "--output", site.path]).status, 0)
        let index = try Data(contentsOf: site.appending(path: "index.html"))
        for planted in ["notes.txt", "files/notes.txt"] {
            let notes = site.appending(path: planted)
            try Data("my notes\n".utf8).write(to: notes)
            let run = try InProcessCommand.nwbkit(["catalog", TestPaths.sample("ecephys.nwb"), "--output", site.path])
            XCTAssertNotEqual(run.status, 0)
            XCTAssertTrue(run.stderr.contains("holds \(planted), which no catalog wrote"), run.stderr)
            XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "my notes\n")
            XCTAssertEqual(try Data(contentsOf: site.appending(path: "index.html")), index, "nothing was changed")
            try FileManager.default.removeItem(at: notes)
        }
        let victim = try makeVictim(in: folder)
        try FileManager.default.createSymbolicLink(atPath: site.appending(path: "link").path, withDestinationPath: victim.path)
        let linked = try InProcessCommand.nwbkit(["catalog", sample, "--output", site.path])
        XCTAssertNotEqual(linked.status, 0)
        XCTAssertTrue(linked.stderr.contains("holds link"), linked.stderr)
        try FileManager.default.removeItem(at: site.appending(path: "link"))
        let replaced = try InProcessCommand.nwbkit(["catalog", TestPaths.sample("ecephys.nwb"), "--output", site.path])
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertNotEqual(try Data(contentsOf: site.appending(path: "index.html")), index)
        assertUntouched(victim, "catalog")
    }

    /// Folders 0700 and entries 0600; a truncated, emptied or bit-flipped entry is read again with one
    /// warning naming it, the output as before, and the entry rewritten.
    func testTheCacheIsPrivateAndChecked() throws {
        let folder = try temporaryFolder("cache")
        let cache = folder.appending(path: "cache")
        let samples = ["behavior.nwb", "ecephys.nwb", "ophys.nwb"].map(TestPaths.sample)
        let arguments = ["summarize", "--format", "json", "--cache", cache.path] + samples
        let first = try InProcessCommand.nwbkit(arguments)
        XCTAssertEqual(first.status, 0, first.stderr)
        var entries: [String] = []
        for name in try FileManager.default.subpathsOfDirectory(atPath: cache.path) {
            let mode = (RawStatus.of(cache.appending(path: name).path)?.st_mode ?? 0)
            if mode & S_IFMT == S_IFDIR {
                XCTAssertEqual(mode & 0o777, 0o700, name)
            } else {
                XCTAssertEqual(mode & 0o777, 0o600, name)
                entries.append(cache.appending(path: name).path)
            }
        }
        XCTAssertEqual((RawStatus.of(cache.path)?.st_mode ?? 0) & 0o777, 0o700)
        XCTAssertEqual(entries.count, 3)
        entries.sort()
        // Truncated, emptied, one byte flipped.
        var truncated = try Data(contentsOf: URL(fileURLWithPath: entries[0]))
        truncated.removeLast(truncated.count / 2)
        try truncated.write(to: URL(fileURLWithPath: entries[0]))
        try Data().write(to: URL(fileURLWithPath: entries[1]))
        var flipped = try Data(contentsOf: URL(fileURLWithPath: entries[2]))
        flipped[flipped.count - 10] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: entries[2]))
        let second = try InProcessCommand.nwbkit(arguments)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, first.stdout)
        let warnings = second.stderr.split(separator: "\n")
        XCTAssertEqual(warnings.count, 3, second.stderr)
        for entry in entries { XCTAssertEqual(warnings.filter { $0.contains("cache entry \(entry):") }.count, 1, entry) }
        let third = try InProcessCommand.nwbkit(arguments)
        XCTAssertEqual(third.stderr, "", "rewritten")
        XCTAssertEqual(third.stdout, first.stdout)
        // A product (the catalog's) from a damaged entry: read again, never a decoding error.
        let site = folder.appending(path: "site").path
        let catalog = ["catalog", "--cache", cache.path, "--output", site] + samples
        XCTAssertEqual(try InProcessCommand.nwbkit(catalog).status, 0)
        for entry in try FileManager.default.subpathsOfDirectory(atPath: cache.path) where entry.hasSuffix(".json") {
            let url = cache.appending(path: entry)
            var bytes = try Data(contentsOf: url)
            bytes.removeLast(bytes.count / 3)
            try bytes.write(to: url)
        }
        let damaged = try InProcessCommand.nwbkit(catalog)
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertFalse(damaged.stderr.contains("DecodingError"), damaged.stderr)
    }

    /// A cache filled under one name prints the current one: a relative path then the absolute path, and
    /// a draft's assets then the published version's (which share their blobs).
    func testACachedResultIsPrintedUnderTheCurrentName() throws {
        let folder = try temporaryFolder("names")
        let data = folder.appending(path: "d")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: data.appending(path: "x.nwb").path)
        let cache = folder.appending(path: "cache").path
        for command in [["summarize", "--format", "json"], ["summarize"], ["check"], ["assets", "--per-file"]] {
            let relative = try InProcessCommand.nwbkit(command + ["--cache", cache, "d/x.nwb"], in: folder)
            XCTAssertTrue(relative.stdout.contains("d/x.nwb"), "\(command): \(relative.stdout)")
            let absolute = try InProcessCommand.nwbkit(command + ["--cache", cache, data.appending(path: "x.nwb").path], in: folder)
            XCTAssertEqual(absolute.status, relative.status, absolute.stderr)
            XCTAssertEqual(
                absolute.stdout, relative.stdout.replacingOccurrences(of: "d/x.nwb", with: data.appending(path: "x.nwb").path),
                "\(command)")
        }
        let server = try StandInArchive.start(in: folder)
        let archive = ["--cache", cache, "--dandi-instance", server.apiURL]
        let draft = try InProcessCommand.nwbkit(["summarize", "--format", "json", "DANDI:000001/draft"] + archive)
        XCTAssertEqual(draft.status, 0, draft.stderr)
        try server.resetStats()
        let published = try InProcessCommand.nwbkit(["summarize", "--format", "json", "DANDI:000001/0.230101.0000"] + archive)
        XCTAssertEqual(published.stdout, draft.stdout.replacingOccurrences(of: "/draft/", with: "/0.230101.0000/"))
        XCTAssertFalse(published.stdout.contains("/draft/"))
        XCTAssertEqual(try server.archiveStats().blobs, 0, "the summaries came from the cache")
    }

    /// `merge` and `--from-summaries` of one part twice equal one part; two different lines for one path
    /// are refused with one line naming it.
    func testMergesAreSetUnions() throws {
        let folder = try temporaryFolder("merge")
        let part = folder.appending(path: "part.jsonl").path
        let samples = ["behavior.nwb", "ophys.nwb"].map(TestPaths.sample)
        XCTAssertEqual(try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--output", part] + samples).status, 0)
        for command in [["merge", "--format", "json"], ["assets", "--from-summaries"], ["types", "--from-summaries"]] {
            let once = try InProcessCommand.nwbkit(command + [part])
            let twice = try InProcessCommand.nwbkit(command + [part, part])
            XCTAssertEqual(once.status, 0, once.stderr)
            XCTAssertEqual(twice.stdout, once.stdout, "\(command)")
            XCTAssertEqual(twice.status, 0, twice.stderr)
        }
        let lines = try String(contentsOfFile: part, encoding: .utf8).split(separator: "\n")
        let changed = folder.appending(path: "changed.jsonl")
        try Data((lines[0].replacingOccurrences(of: "\"fileSize\":", with: "\"fileSize\":1") + "\n").utf8).write(to: changed)
        let conflict = try InProcessCommand.nwbkit(["merge", "--format", "jsonl", part, changed.path])
        XCTAssertEqual(conflict.status, 1)
        XCTAssertEqual(
            conflict.stderr,
            "nwbkit: \(samples[0]): two different summaries of this path (in \(part) and \(changed.path)); neither is used\n")
        XCTAssertTrue(conflict.stdout.contains(samples[1]))
    }

    /// `export --to crucible` of a remote file (a URL, an archive asset) hashes the file's own bytes,
    /// read through the remote reader: the SHA-256 of the local copy, never a local file of the same name.
    func testARemoteExportHashesTheRemoteFile() throws {
        let folder = try temporaryFolder("export")
        let server = try StandInArchive.start(in: folder)
        let expected = try CommandRun.bash(#"sha256sum "$1" | cut -d' ' -f1"#, [TestPaths.sample("ophys.nwb")])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(expected.count, 64)
        // A local decoy at the URL's display path, which must not be hashed.
        try FileManager.default.createDirectory(at: folder.appending(path: "http:"), withIntermediateDirectories: true)
        for input in [server.url("files/ophys.nwb"), "DANDI:000003/draft/sub-d/sub-d.nwb"] {
            let run = try InProcessCommand.nwbkit(
                ["export", "--to", "crucible", "--project", "p", input, "--dandi-instance", server.apiURL], in: folder)
            XCTAssertEqual(run.status, 0, "\(input): \(run.stderr)")
            XCTAssertTrue(run.stdout.contains("\"sha256_hash_file_to_upload\": \"\(expected)\""), "\(input): \(run.stdout)")
        }
    }
}
