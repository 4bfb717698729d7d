import Foundation
import TestSupport
import XCTest

/// An output never replaces an input or a device, and every write error is said (issue: nothing lost).
final class OutputSafetyTests: XCTestCase {
    private func copySample(_ name: String, to url: URL) throws {
        try FileManager.default.copyItem(atPath: TestPaths.sample(name), toPath: url.path)
    }

    /// `--output` naming an input (itself, through a symbolic link, a hard link or `..`, or a file the folder
    /// being read would yield) is refused with one line and exit 2 before anything is read, for every command.
    func testAnOutputThatIsAnInputIsRefusedByEveryCommand() throws {
        let folder = try temporaryFolder("output")
        let input = folder.appending(path: "v.nwb")
        let other = folder.appending(path: "a.nwb")
        try copySample("ecephys.nwb", to: input)
        try copySample("ophys.nwb", to: other)
        let original = try Data(contentsOf: input)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appending(path: "link.out").path, withDestinationPath: input.path)
        XCTAssertEqual(link(input.path, folder.appending(path: "hard.out").path), 0)
        try FileManager.default.createDirectory(at: folder.appending(path: "sub"), withIntermediateDirectories: true)
        let spellings = [
            input.path, folder.appending(path: "link.out").path, folder.appending(path: "hard.out").path,
            folder.path + "/sub/../v.nwb",
        ]
        let commands: [[String]] = [
            ["summarize", input.path], ["summarize", "--format", "jsonl", input.path], ["check", input.path],
            ["assets", input.path], ["dandiset", input.path], ["diff", other.path, input.path], ["summarize", folder.path],
        ]
        // Refused before anything is read: in this test process (no process start).
        for command in commands {
            for output in spellings {
                let run = try InProcessCommand.nwbkit(command + ["--output", output])
                XCTAssertEqual(run.status, 2, "\(command) --output \(output): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains("refusing to overwrite it"), run.stderr)
                XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
                XCTAssertEqual(run.stdout, "")
                XCTAssertEqual(try Data(contentsOf: input), original, "\(command) --output \(output) changed the input")
            }
        }
        // A new file inside a folder being read, with a name the folder search would read.
        let inside = folder.appending(path: "b.nwb").path
        let run = try InProcessCommand.nwbkit(["summarize", folder.path, "--output", inside])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("which is read as input"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: inside))
        // An ordinary output beside the inputs still works.
        let fine = try InProcessCommand.nwbkit(["summarize", input.path, "--output", folder.appending(path: "summary.txt").path])
        XCTAssertEqual(fine.status, 0, fine.stderr)
        XCTAssertTrue(try String(contentsOf: folder.appending(path: "summary.txt"), encoding: .utf8).hasPrefix("== "))
    }

    /// Character devices and FIFOs are written to, never replaced by a regular file; a device that is full
    /// says so. Made with mknod in a private folder (as root), never the real /dev.
    func testDevicesAndFIFOsAreWrittenToNotReplaced() throws {
        guard getuid() == 0 else { throw XCTSkip("mknod of character devices needs root") }
        let folder = try temporaryFolder("output")
        let null = folder.appending(path: "null").path
        let full = folder.appending(path: "full").path
        XCTAssertEqual(mknod(null, S_IFCHR | 0o666, dev_t((1 << 8) | 3)), 0)
        XCTAssertEqual(mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)), 0)
        let sample = TestPaths.sample("ophys.nwb")
        for command in [["summarize"], ["summarize", "--format", "json"], ["check"], ["assets"]] {
            let run = try InProcessCommand.nwbkit(command + [sample, "--output", null])
            XCTAssertTrue([0, 1].contains(run.status), run.stderr)
            XCTAssertFalse(run.stderr.contains("cannot write"), run.stderr)
            XCTAssertEqual((RawStatus.of(null)?.st_mode ?? 0) & S_IFMT, S_IFCHR, "\(command) replaced the device")
            let filled = try InProcessCommand.nwbkit(command + [sample, "--output", full])
            XCTAssertEqual(filled.status, 1, filled.stderr)
            XCTAssertTrue(filled.stderr.contains("nwbkit: \(full): cannot write output: No space left on device"), filled.stderr)
            XCTAssertEqual((RawStatus.of(full)?.st_mode ?? 0) & S_IFMT, S_IFCHR, "\(command) replaced the device")
        }
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)), ["null", "full"], "no temporary file")
    }

    func testAFIFOIsWrittenTo() throws {
        let folder = try temporaryFolder("output")
        let fifo = folder.appending(path: "pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let run = try CommandRun.bash(
            #"cat "$1" > "$2" & exec "$0" summarize "$3" --output "$1""#,
            [fifo, folder.appending(path: "read.txt").path, TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        usleep(200_000)
        XCTAssertEqual((RawStatus.of(fifo)?.st_mode ?? 0) & S_IFMT, S_IFIFO)
        XCTAssertTrue(try String(contentsOf: folder.appending(path: "read.txt"), encoding: .utf8).hasPrefix("== "))
    }

    /// A full standard output is one line and exit 1, not a silent failure.
    func testAFullStandardOutputIsSaid() throws {
        let run = try CommandRun.bash(#"exec "$0" summarize "$1" > /dev/full"#, [TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "nwbkit: standard output: No space left on device\n")
    }

    /// `--output` that is a folder is a usage error, and the folder is untouched.
    func testAnOutputFolderIsRefused() throws {
        let folder = try temporaryFolder("output")
        let run = try InProcessCommand.nwbkit(["summarize", TestPaths.sample("ophys.nwb"), "--output", folder.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("is a folder"), run.stderr)
    }

    /// `--format jsonl --output` (streamed into the temporary file) ends whole, with no temporary file left.
    func testJSONLinesToAFileIsWholeAndLeavesNoTemporaryFile() throws {
        let folder = try temporaryFolder("output")
        for index in 0..<40 { try copySample("ecephys.nwb", to: folder.appending(path: "f\(index).nwb")) }
        let output = folder.appending(path: "out.jsonl").path
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--jobs", "1", folder.path, "--output", output])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count, 40)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasSuffix(".tmp") })
    }
}

/// `stat(2)` for tests.
enum RawStatus {
    static func of(_ path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }
}
