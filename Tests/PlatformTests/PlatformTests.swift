import Foundation
import XCTest

@testable import Platform

/// The system layer on its own: exclusive temporary files, whole writes, the libcrypto digests.
final class PlatformTests: XCTestCase {
    private func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appending(path: "nwbkit-platform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testExclusiveFilesAreNewRandomAndNeverFollowALink() throws {
        let base = try folder()
        let first = try ExclusiveFile(besides: base + "/out.json", mode: 0o600)
        let second = try ExclusiveFile(besides: base + "/out.json", mode: 0o600)
        defer {
            close(first.descriptor)
            close(second.descriptor)
        }
        XCTAssertNotEqual(first.path, second.path)
        XCTAssertTrue(first.path.hasPrefix(base + "/.out.json.nwbkit-"), first.path)
        XCTAssertTrue(first.path.hasSuffix(".tmp"))
        var status = stat()
        XCTAssertEqual(stat(first.path, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o600 & ~currentUmask())
        // A folder that is not there: the errno, not a crash.
        XCTAssertThrowsError(try ExclusiveFile(besides: base + "/missing/out.json", mode: 0o600)) { error in
            XCTAssertEqual((error as? Errno)?.code, ENOENT)
        }
    }

    private func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    func testWriteAllWritesEveryByteThroughAPipe() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        // Less than a pipe holds (64 KiB), so the write completes before anything is read.
        let bytes = (0..<50_000).map { UInt8($0 % 251) }
        XCTAssertNil(DescriptorWriting.writeAll(bytes, to: ends[1]))
        close(ends[1])
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        close(ends[0])
        XCTAssertEqual(received, bytes)
        // A closed descriptor: its errno.
        XCTAssertEqual(DescriptorWriting.writeAll([1, 2, 3], to: ends[1]), EBADF)
    }

    /// FIPS 180-2's and RFC 4231's test vectors.
    func testDigestsMatchTheirStandardsVectors() throws {
        XCTAssertEqual(
            SHA256Digest.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256Digest.hex(of: []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let digest = try XCTUnwrap(SHA256Digest())
        for piece in ["a", "b", "c"] { Array(piece.utf8).withUnsafeBytes { digest.update($0) } }
        XCTAssertEqual(digest.finish(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256Digest.hex(SHA256Digest.hmac(key: Array("Jefe".utf8), "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
