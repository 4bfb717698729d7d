import Foundation
import HDF5
import NWBSupport
import TestSupport
import XCTest

@testable import NWBKit

final class DiscoveryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-discovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "b/deeper"), withIntermediateDirectories: true)
        for name in ["z.nwb", "a.nwb", "b/deeper/c.nwb", "b/x.h5", "notes.txt", "with space.nwb"] {
            FileManager.default.createFile(atPath: folder.appending(path: name).path, contents: Data())
        }
        // A symbolic link back to the top folder must not loop.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appending(path: "b/loop").path, withDestinationPath: folder.path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func relative(_ items: [FileDiscovery.Item]) -> [String] {
        items.map { item in
            switch item {
            case .file(let path): return String(path.dropFirst(folder.path.count + 1))
            case .failure(let error): return "error: \(error.reason)"
            }
        }
    }

    func testFolderIsSearchedRecursivelyInByteOrderWithoutFollowingFolderLinks() {
        let items = FileDiscovery().items(for: [folder.path])
        XCTAssertEqual(relative(items), ["a.nwb", "b/deeper/c.nwb", "with space.nwb", "z.nwb"])
    }

    func testIncludePatternAddsOtherNames() {
        let items = FileDiscovery(includePatterns: ["*.h5"]).items(for: [folder.path])
        XCTAssertEqual(relative(items), ["a.nwb", "b/deeper/c.nwb", "b/x.h5", "with space.nwb", "z.nwb"])
    }

    func testPathGivenTwiceIsReadOnce() {
        let file = folder.appending(path: "a.nwb").path
        XCTAssertEqual(FileDiscovery().items(for: [file, file, folder.path + "/./a.nwb"]), [.file(file)])
    }

    func testMissingPathAndEmptyFolderAreFailures() throws {
        let empty = folder.appending(path: "empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let items = FileDiscovery().items(for: [folder.appending(path: "nope").path, empty.path])
        XCTAssertEqual(
            items,
            [
                .failure(.missing(path: folder.appending(path: "nope").path)),
                .failure(.noNWBFiles(path: empty.path, pattern: "*.nwb")),
            ])
    }

    /// Names with newlines and with bytes that are not UTF-8 are found, opened, summarized and reported by
    /// their exact bytes (RawPath), so no file is skipped for its name.
    func testNamesWithNewlinesAndNonUTF8BytesAreRead() throws {
        let newline = folder.appending(path: "line\nbreak.nwb").path
        FileManager.default.createFile(atPath: newline, contents: Data())
        // A copy of a SampleData file under a name with the byte 0xFF, written through the C API.
        let sample = try Data(contentsOf: URL(fileURLWithPath: TestPaths.sample("ophys.nwb")))
        let raw = Array(folder.path.utf8) + Array("/bad-".utf8) + [0xFF] + Array(".nwb".utf8)
        let descriptor = (raw.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { creat($0.baseAddress!, 0o644) }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        _ = sample.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let items = FileDiscovery().items(for: [folder.path])
        XCTAssertTrue(items.contains(.file(newline)))
        let odd = RawPath.string(fromBytes: raw)
        XCTAssertEqual(RawPath.bytes(odd), raw, "the path keeps every byte")
        XCTAssertEqual(RawPath.display(odd), folder.path + "/bad-\\xFF.nwb")
        XCTAssertTrue(items.contains(.file(odd)), "\(relative(items))")
        let summary = try FileSummarizer.summarize(odd)
        XCTAssertEqual(summary.subject?.subjectID, "mouse-ophys-1")
        XCTAssertEqual(summary.fileSize, sample.count)
        // A name that is not UTF-8 in an error line: the byte is shown, not lost.
        XCTAssertEqual(
            SummaryError.missing(path: RawPath.string(fromBytes: Array("gone-".utf8) + [0xC3, 0x28])).description,
            "gone-\\xC3(: no such file or folder")
    }

    func testUnreadableFileIsReportedAsPermissionDenied() throws {
        guard getuid() != 0 else { throw XCTSkip("root can read files without read permission") }
        let file = folder.appending(path: "a.nwb").path
        chmod(file, 0)
        XCTAssertThrowsError(try FileSummarizer.summarize(file)) { error in
            XCTAssertEqual(error as? SummaryError, .permissionDenied(path: file))
        }
    }
}
