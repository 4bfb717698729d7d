import Foundation
import TestSupport
import XCTest

/// Long command lines, lists of paths, and lines no input can forge.
final class ArgumentAndLineTests: XCTestCase {
    /// 40,000 paths on the command line (ArgumentParser alone took minutes for this many): every one is
    /// read, in order, with options before and after them; `--paths-from FILE` and `-` give the same.
    func testManyPathsAreTakenInOrder() throws {
        let folder = try temporaryFolder("paths")
        let count = 40_000
        let paths = (0..<count).map { "missing-\($0).nwb" } + [TestPaths.sample("ophys.nwb")]
        let list = folder.appending(path: "paths.txt")
        try Data(paths.joined(separator: "\n").utf8).write(to: list)
        let started = Date()
        let direct = try CommandRun.bash(
            #"exec "$0" summarize --jobs 0 "$@" --format jsonl"#, paths)
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "a list of paths takes time in proportion to it")
        XCTAssertEqual(direct.status, 1)
        let failures = direct.stderr.split(separator: "\n")
        XCTAssertEqual(failures.count, count)
        XCTAssertEqual(failures.first, "nwbkit: missing-0.nwb: no such file or folder")
        XCTAssertEqual(failures.last, "nwbkit: missing-\(count - 1).nwb: no such file or folder")
        XCTAssertEqual(direct.stdout.split(separator: "\n").count, count + 1, "one JSON line each, format after the paths")
        let fromFile = try InProcessCommand.nwbkit(["summarize", "--jobs", "0", "--format", "jsonl", "--paths-from", list.path])
        XCTAssertEqual(fromFile.stdout, direct.stdout)
        XCTAssertEqual(fromFile.stderr, direct.stderr)
        let fromInput = try CommandRun.bash(
            #"exec "$0" summarize --jobs 0 --format jsonl --paths-from - < "$1""#, [list.path])
        XCTAssertEqual(fromInput.stdout, direct.stdout)
        // An option value that looks like a path stays the option's; `--` ends the options.
        let output = folder.appending(path: "out.jsonl").path
        let mixed = try CommandRun.bash(
            #"exec "$0" summarize --jobs 0 --output "$1" --format jsonl -- "${@:2}""#, [output] + paths)
        XCTAssertEqual(mixed.status, 1)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), direct.stdout)
    }

    /// A line break in a file's name is escaped in the `== NAME ==` frame on stdout, which stays one line;
    /// every error line starts `nwbkit:`, also ArgumentParser's; a part that is a device is refused.
    func testFramesAndErrorLinesStayOneLine() throws {
        let folder = try temporaryFolder("frames")
        let name = "a\nnwbkit: forged\rline.nwb"
        try FileManager.default.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: folder.appending(path: name).path)
        let run = try CommandRun.nwbkit(["summarize", name], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").first, #"== a\nnwbkit: forged\rline.nwb =="#)
        XCTAssertFalse(run.stdout.split(separator: "\n").contains { $0.hasPrefix("nwbkit: forged") })
        let usage = try CommandRun.nwbkit(["summarize", "--jobs", "x", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.hasPrefix("nwbkit: "), usage.stderr)
        let device = try InProcessCommand.nwbkit(["merge", "/dev/zero"])
        XCTAssertEqual(device.status, 2)
        XCTAssertEqual(device.stderr.split(separator: "\n").first, "nwbkit: /dev/zero: not a regular file (a part is a summarize --format jsonl output)")
    }

    /// A cache folder that cannot be written is said once, and the run goes on.
    func testAnUnwritableCacheIsSaid() throws {
        let folder = try temporaryFolder("cache")
        let file = folder.appending(path: "a-file")
        try Data("x".utf8).write(to: file)
        let run = try CommandRun.nwbkit(
            ["summarize", "--cache", file.path + "/cache", TestPaths.sample("ophys.nwb"), TestPaths.sample("ecephys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(
            run.stderr,
            "nwbkit: warning: --cache: cannot make the cache folder \(file.path)/cache (Not a directory); results are not kept\n")
        XCTAssertEqual(run.stdout.components(separatedBy: "\n== ").count, 2)
    }
}
