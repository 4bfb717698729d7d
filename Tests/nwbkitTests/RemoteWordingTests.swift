import Foundation
import TestSupport
import XCTest

/// Remote failures in the words of their real cause, and names a URL cannot hold as they are.
final class RemoteWordingTests: XCTestCase {
    /// A file named with a space, `#` and non-ASCII letters is read from the URL as typed (sent
    /// percent-encoded); its name in every output is what was typed.
    func testNamesAURLCannotHoldAreEncoded() throws {
        let folder = try temporaryFolder("names")
        let name = "sub 1 #2 ü.nwb"
        try FileManager.default.copyItem(atPath: TestPaths.sample("ophys.nwb"), toPath: folder.appending(path: name).path)
        let server = try StandInServer(root: folder)
        let url = server.url("files/" + name)
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", url])
        XCTAssertEqual(run.status, 0, run.stderr)
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", folder.appending(path: name).path])
        XCTAssertEqual(run.stdout.replacingOccurrences(of: url, with: folder.appending(path: name).path), local.stdout)
        XCTAssertTrue(try server.stats().paths.keys.contains("/files/sub%201%20%232%20%C3%BC.nwb"))
    }

    /// The same file that is not HDF5 gets the same words locally and remotely.
    func testANonHDF5FileIsSaidAlikeLocallyAndRemotely() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        for name in ["generate.py", "requirements.txt"] where FileManager.default.fileExists(atPath: TestPaths.sample(name)) {
            let local = try InProcessCommand.nwbkit(["summarize", TestPaths.sample(name)])
            let remote = try InProcessCommand.nwbkit(["summarize", server.url("files/" + name)])
            XCTAssertEqual(remote.status, 1)
            XCTAssertEqual(
                remote.stderr.replacingOccurrences(of: server.url("files/" + name), with: TestPaths.sample(name)), local.stderr)
        }
    }

    /// A file whose ETag changes between requests (replaced while read) is said to have changed, not to be
    /// corrupt; a header larger than libcurl takes is said as such, not as "Out of memory".
    func testAChangingFileAndAHugeHeaderAreSaidAsSuch() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        let changing = try InProcessCommand.nwbkit(["summarize", server.url("changing/ecephys.nwb")])
        XCTAssertEqual(changing.status, 1)
        XCTAssertTrue(changing.stderr.contains("the file changed while being read (its ETag was"), changing.stderr)
        XCTAssertFalse(changing.stderr.contains("corrupt"), changing.stderr)
        let header = try InProcessCommand.nwbkit(["summarize", "--retries", "0", server.url("big-header/ophys.nwb")])
        XCTAssertEqual(header.status, 1)
        XCTAssertTrue(header.stderr.contains("header"), header.stderr)
        XCTAssertFalse(header.stderr.contains("Out of memory"), header.stderr)
        XCTAssertEqual(header.stderr.split(separator: "\n").count, 1)
    }
}
