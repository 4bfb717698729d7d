import Foundation
import HDF5
import NWBJSON
import NWBKit
import NWBSupport
import Platform
import RemoteReading

/// Per-file summaries kept on disk between runs, keyed by the file's real path, size, modification
/// time and the tool's version and limits: a re-run over unchanged files reads no HDF5 at all.
public struct SummaryCache: Sendable {
    public let directory: URL
    /// Extra text in every key (the tool version, the walk limits).
    public let salt: String

    /// How a remote file's validator (size and ETag) is asked for.
    public let remote: RemoteOptions

    public init(directory: URL, salt: String, remote: RemoteOptions = RemoteOptions()) {
        self.directory = directory
        self.salt = salt
        self.remote = remote
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
        if let identity = remote.locations[path]?.contentIdentity { return "\(salt)\n\(identity)" }
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

    /// The first line of a cache file: the key, as JSON.
    private func header(of key: String) -> [UInt8] {
        ((try? FastJSONEncoder(prettyPrinted: false).encode(key)) ?? []) + [UInt8(ascii: "\n")]
    }

    /// The cached reply for `key` (checked against the key stored with it, byte for byte).
    func reply(for key: String) -> [UInt8]? {
        guard var bytes = Self.contents(of: location(of: key).path) else { return nil }
        let expected = header(of: key)
        guard bytes.count >= expected.count, bytes[..<expected.count].elementsEqual(expected) else { return nil }
        bytes.removeSubrange(..<expected.count)  // in place: no second array per file
        return bytes
    }

    /// The whole file at `path` with plain `open`/`read` (no `Data` in between), or `nil`.
    private static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var complete = true
        // Read straight into the array's storage (not zero-filled first).
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var filled = 0
            while filled < size {
                let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    complete = false
                    break
                }
                filled += count
            }
            initialized = filled
        }
        return complete ? bytes : nil
    }

    /// Stores `reply` under `key` (atomically: written beside, then renamed; a failure to write only
    /// costs the cache entry). Plain `mkdir`/`open`/`write`/`rename`: Foundation's atomic write and
    /// directory creation took half a millisecond a file, a third of a first run over 1,000 small files.
    func store(_ reply: [UInt8], for key: String) {
        let url = location(of: key)
        let folder = url.deletingLastPathComponent().path
        if mkdir(folder, 0o755) != 0, errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let temporary = url.path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let written =
            DescriptorWriting.writeAll(header(of: key), to: descriptor) == nil
            && DescriptorWriting.writeAll(reply, to: descriptor) == nil
        close(descriptor)
        if !written || rename(temporary, url.path) != 0 { unlink(temporary) }
    }
}
