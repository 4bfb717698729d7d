import Foundation
import HDF5
import NWBJSON
import NWBKit
import NWBSupport
import Platform
import RemoteReading

/// Per-file summaries kept on disk between runs, keyed by the file's real path, size, modification
/// time and the tool's version and limits: a re-run over unchanged files reads no HDF5 at all.
///
/// The cache is private and checked: its folders are 0700 and its entries 0600 (a summary may hold an
/// embargoed dandiset's subject ids), written exclusively under random names and renamed into place. Each
/// entry starts with a line that holds its key, the length and the SHA-256 of what follows; an entry that
/// does not match (truncated, emptied, changed) is a miss: the file is read again, the entry rewritten,
/// and `damaged` is told the entry's path once.
public struct SummaryCache: Sendable {
    public let directory: URL
    /// Extra text in every key (the tool version, the walk limits).
    public let salt: String

    /// How a remote file's validator (size and ETag) is asked for.
    public let remote: RemoteOptions
    /// Told of each damaged entry (its path and what is wrong), which is then read again.
    public let damaged: @Sendable (_ entry: String, _ problem: String) -> Void

    public init(
        directory: URL, salt: String, remote: RemoteOptions = RemoteOptions(),
        damaged: @escaping @Sendable (_ entry: String, _ problem: String) -> Void = { _, _ in }
    ) {
        self.directory = directory
        self.salt = salt
        self.remote = remote
        self.damaged = damaged
    }

    /// The first line of an entry.
    private struct EntryHeader: Codable {
        var key: String
        /// The bytes after the header's newline.
        var length: Int
        /// Their SHA-256, in hex.
        var sha256: String
    }

    /// Real paths of folders met so far: a file then costs one `lstat`, not a `readlink` per component
    /// of its path (which took a tenth of a warm run over 1,000 files).
    final class RealFolders {
        var known: [String: String] = [:]
        init() {}
    }

    /// The key of `path` as it is now, or `nil` when it cannot be stat'ed. An archive asset's key is its
    /// content's identity from the listing (no request). A remote file's key is its URL, size and ETag, asked of its server with a one-byte request (a server that sends no ETag, or does not
    /// answer, leaves the file uncached: it is read, and its failure said, as without a cache).
    func key(for path: String, folders: RealFolders) -> String? {
        let location = remote.locations[path]
        if let identity = location?.contentIdentity { return "\(salt)\n\(identity)" }
        if let location {
            guard let (size, etag) = try? RemoteFile.validator(location.url, options: remote, credentials: location.credentials),
                let etag
            else { return nil }
            return "\(salt)\n\(location.url)\n\(size)\n\(etag)"
        }
        if RemoteFile.isRemote(path) {
            guard let (size, etag) = try? RemoteFile.validator(path, options: remote), let etag else { return nil }
            return "\(salt)\n\(path)\n\(size)\n\(etag)"
        }
        guard let status = RawPath.status(path) else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return "\(salt)\n\(realPath(path, folders: folders))\n\(status.st_size)\n\(modified)"
    }

    /// `realpath(3)` of `path`, through the folder's real path when the file itself is not a link.
    private func realPath(_ path: String, folders: RealFolders) -> String {
        let resolved = RawPath.realPath
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let link = RawPath.status(path, followLinks: false), link.st_mode & S_IFMT != S_IFLNK,
            !name.isEmpty, name != ".", name != ".."
        else { return resolved(path) ?? path }
        if folders.known[folder] == nil { folders.known[folder] = resolved(folder) }
        guard let realFolder = folders.known[folder] else { return resolved(path) ?? path }
        return (realFolder == "/" ? "" : realFolder) + "/" + name
    }

    private func location(of key: String) -> URL {
        let name = String(StableHash.fnv1a(key), radix: 16)
        return directory.appending(path: String(name.suffix(2))).appending(path: name + ".json")
    }

    /// The cached reply for `key`: `nil` for a miss. An entry under another key (a hash collision) is a
    /// plain miss; a damaged one is also reported (`damaged`).
    func reply(for key: String) -> [UInt8]? {
        let path = location(of: key).path
        guard var bytes = Self.contents(of: path) else { return nil }
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
            let header = try? FastJSONDecoder().decode(EntryHeader.self, from: Array(bytes[..<newline]))
        else {
            damaged(path, "its header cannot be read")
            return nil
        }
        guard header.key == key else { return nil }
        let bodyLength = bytes.count - newline - 1
        guard bodyLength == header.length else {
            damaged(path, "it holds \(bodyLength) bytes where \(header.length) were written")
            return nil
        }
        bytes.removeSubrange(...newline)  // in place: no second array per file
        guard SHA256Digest.hex(of: bytes) == header.sha256 else {
            damaged(path, "its checksum does not match")
            return nil
        }
        return bytes
    }

    /// The whole file at `path` with plain `open`/`read` (no `Data` in between), or `nil`.
    private static func contents(of path: String) -> [UInt8]? {
        guard let descriptor = try? FileDescriptor.openForReading(path) else { return nil }
        defer { descriptor.close() }
        guard let info = try? descriptor.status() else { return nil }
        let size = Int(info.st_size)
        var complete = true
        // Read straight into the array's storage (not zero-filled first).
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            let filled = (try? descriptor.readFully(into: UnsafeMutableRawBufferPointer(buffer))) ?? 0
            complete = filled == size
            initialized = filled
        }
        return complete ? bytes : nil
    }

    /// Stores `reply` under `key`: written exclusively beside its place (0600), then renamed over it; a
    /// failure to write only costs the cache entry. Plain system calls: Foundation's atomic write and
    /// directory creation took half a millisecond a file, a third of a first run over 1,000 small files.
    func store(_ reply: [UInt8], for key: String) {
        let url = location(of: key)
        let folder = url.deletingLastPathComponent().path
        guard Self.makePrivateFolder(folder) else { return }
        let header = EntryHeader(key: key, length: reply.count, sha256: SHA256Digest.hex(of: reply))
        guard let headerLine = try? FastJSONEncoder(prettyPrinted: false).encode(header),
            let file = try? ExclusiveFile(besides: url.path, mode: 0o600)
        else { return }
        let descriptor = FileDescriptor(rawValue: file.descriptor)
        let written = (try? descriptor.writeAll(headerLine + [UInt8(ascii: "\n")])) != nil && (try? descriptor.writeAll(reply)) != nil
        descriptor.close()
        if !written || (try? FileSystem.rename(file.path, to: url.path)) == nil { FileSystem.remove(file.path) }
    }

    /// Why nothing could be kept in the cache's folder (it cannot be made, or a file cannot be created in
    /// it), or `nil` when it is writable: a run that cannot keep its results says so once, and goes on.
    public func writeProblem() -> String? {
        if let failure = Self.makePrivateFolderReporting(directory.path) {
            return "cannot make the cache folder \(directory.path) (\(failure))"
        }
        do {
            let probe = try ExclusiveFile(folder: directory.path + "/", prefix: ".probe-", mode: 0o600)
            FileDescriptor(rawValue: probe.descriptor).close()
            FileSystem.remove(probe.path)
            return nil
        } catch {
            return "cannot write in the cache folder \(directory.path) (\(error))"
        }
    }

    /// Makes `folder` (and the cache's root) only this user may enter (0700); false when it cannot be made.
    private static func makePrivateFolder(_ folder: String) -> Bool {
        makePrivateFolderReporting(folder) == nil
    }

    /// `makePrivateFolder`, with the reason it failed.
    private static func makePrivateFolderReporting(_ folder: String) -> Errno? {
        do throws(Errno) {
            try FileSystem.makeFolder(folder, mode: 0o700)
            return nil
        } catch let failure where failure.code == EEXIST {
            // Made by an earlier version with the umask's mode: made private (ours only; a link is refused).
            guard let info = try? FileSystem.linkStatus(folder), FileSystem.isFolder(info) else { return failure }
            if info.st_uid == CurrentProcess.userID && info.st_mode & 0o077 != 0 { try? FileSystem.setPermissions(folder, 0o700) }
            return nil
        } catch let failure where failure.code == ENOENT {
            let root = (folder as NSString).deletingLastPathComponent
            guard root != folder, makePrivateFolder(root) else { return failure }
            do throws(Errno) {
                try FileSystem.makeFolder(folder, mode: 0o700)
                return nil
            } catch {
                return error.code == EEXIST ? nil : error
            }
        } catch {
            return error
        }
    }
}
