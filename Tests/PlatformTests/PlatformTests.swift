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
        let (reading, writing) = (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
        // Less than a pipe holds (64 KiB), so the write completes before anything is read.
        let bytes = (0..<50_000).map { UInt8($0 % 251) }
        XCTAssertNoThrow(try writing.writeAll(bytes))
        writing.close()
        XCTAssertEqual(reading.readToEnd(chunkSize: 4096), bytes)
        reading.close()
        // A closed descriptor: its errno.
        XCTAssertThrowsError(try writing.writeAll([1, 2, 3])) { error in XCTAssertEqual((error as? Errno)?.code, EBADF) }
    }

    func testABoundedReadWaitsNoLongerThanAsked() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        let (reading, writing) = (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
        var buffer = [UInt8](repeating: 0, count: 16)
        let started = Date()
        XCTAssertEqual(reading.read(into: &buffer, waitingAtMost: 50), .timedOut)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        try writing.writeAll([7, 8, 9])
        XCTAssertEqual(reading.read(into: &buffer, waitingAtMost: 1000), .bytes(3))
        XCTAssertEqual(Array(buffer[0..<3]), [7, 8, 9])
        writing.close()
        XCTAssertEqual(reading.read(into: &buffer, waitingAtMost: 1000), .end)
        reading.close()
    }

    func testFileSystemCallsThrowTheirErrno() throws {
        let base = try folder()
        try FileSystem.makeFolder(base + "/made", mode: 0o700)
        XCTAssertTrue(FileSystem.isFolder(try FileSystem.linkStatus(base + "/made")))
        XCTAssertThrowsError(try FileSystem.makeFolder(base + "/made", mode: 0o700)) { error in
            XCTAssertEqual((error as? Errno)?.code, EEXIST)
        }
        XCTAssertThrowsError(try FileSystem.rename(base + "/absent", to: base + "/other")) { error in
            XCTAssertEqual((error as? Errno)?.code, ENOENT)
        }
        let file = try FileDescriptor.openForWriting(base + "/file", flags: O_CREAT | O_EXCL, mode: 0o600)
        try file.writeAll(Array("hello".utf8))
        try file.synchronize()
        try file.closeReportingErrors()
        try FileSystem.rename(base + "/file", to: base + "/renamed")
        let reading = try FileDescriptor.openForReading(base + "/renamed")
        XCTAssertEqual(reading.readToEnd(), Array("hello".utf8))
        XCTAssertEqual(try reading.status().st_size, 5)
        reading.close()
        FileSystem.remove(base + "/renamed")
        XCTAssertThrowsError(try FileSystem.linkStatus(base + "/renamed"))
    }

    /// No raw system call above Platform: the library targets and the command line reach the system
    /// through `FileDescriptor`, `FileSystem`, `ChildProcess`, `ExclusiveFile`, `ProcessLifetime`,
    /// `InterruptCleanup` and `CurrentProcess` (NWBSupport's `RawPath`, below Platform, keeps path bytes;
    /// `HDF5` calls libhdf5).
    func testNoRawSystemCallAbovePlatform() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources")
        let calls = [
            "open", "read", "write", "close", "poll", "rename", "unlink", "mkdir", "rmdir", "lstat", "fstat", "fsync",
            "mkstemp", "pipe", "dup2", "fcntl", "waitpid", "kill", "getpid", "getppid", "getuid", "isatty", "signal",
            "raise", "alarm", "chmod", "prctl", "posix_spawn", "_exit",
        ]
        let pattern = try NSRegularExpression(pattern: "(?<![A-Za-z0-9_.])(" + calls.joined(separator: "|") + ")\\(")
        let exempt = ["Platform", "CPlatform", "HDF5", "NWBSupport", "TestSupport", "TemplateEmbedder"]
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        while let item = enumerator?.nextObject() as? String {
            guard item.hasSuffix(".swift"), let target = item.split(separator: "/").first,
                !exempt.contains(String(target))
            else { continue }
            let text = try String(contentsOf: sources.appending(path: item), encoding: .utf8)
            // A file's own functions and closure parameters of these names (`func read(`, `open: () ->`) are
            // not system calls.
            let own = Set(calls.filter { text.contains("func \($0)(") || text.contains(" \($0): ") || text.contains("(\($0): ") })
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                let range = NSRange(code.startIndex..., in: code)
                for match in pattern.matches(in: code, range: range) {
                    let name = (code as NSString).substring(with: match.range(at: 1))
                    if !own.contains(name) { found.append("\(item):\(number + 1): \(name)(") }
                }
            }
        }
        XCTAssertEqual(found, [], "raw system calls above Platform")
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
