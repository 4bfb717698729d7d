import Foundation
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

    func testNamesWithNewlinesAreReadAndInvalidUTF8NamesAreReportedNotSkipped() throws {
        let newline = folder.appending(path: "line\nbreak.nwb").path
        FileManager.default.createFile(atPath: newline, contents: Data())
        // A name with a byte that is not UTF-8 (0xFF), created through the C API.
        var raw = Array(folder.path.utf8) + Array("/bad-".utf8) + [0xFF] + Array(".nwb".utf8) + [0]
        let descriptor = raw.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { creat($0, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        close(descriptor)
        let items = FileDiscovery().items(for: [folder.path])
        XCTAssertTrue(items.contains(.file(newline)))
        XCTAssertTrue(
            items.contains(.failure(.undecodableName(path: folder.path + "/bad-\u{FFFD}.nwb"))), "\(relative(items))")
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
