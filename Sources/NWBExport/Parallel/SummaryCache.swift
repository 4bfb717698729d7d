import Foundation
import HDF5
import NWBKit

/// Per-file summaries kept on disk between runs, keyed by the file's real path, size, modification
/// time and the tool's version and limits: a re-run over unchanged files reads no HDF5 at all.
public struct SummaryCache: Sendable {
    public let directory: URL
    /// Extra text in every key (the tool version, the walk limits).
    public let salt: String

    public init(directory: URL, salt: String) {
        self.directory = directory
        self.salt = salt
    }

    /// The key of `path` as it is now, or `nil` when it cannot be stat'ed.
    func key(for path: String) -> String? {
        guard let status = RawPath.status(path) else { return nil }
        let real =
            RawPath.withCString(path) { realpath($0, nil) }.map { pointer -> String in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? path
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return "\(salt)\n\(real)\n\(status.st_size)\n\(modified)"
    }

    private func location(of key: String) -> URL {
        let name = String(StableHash.fnv1a(key), radix: 16)
        return directory.appending(path: String(name.suffix(2))).appending(path: name + ".json")
    }

    /// The cached reply for `key` (checked against the key stored with it).
    func reply(for key: String) -> [UInt8]? {
        guard let data = try? Data(contentsOf: location(of: key)) else { return nil }
        let bytes = [UInt8](data)
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
            let stored = try? JSONDecoder().decode(String.self, from: Data(bytes[..<newline])), stored == key
        else { return nil }
        return Array(bytes[(newline + 1)...])
    }

    /// Stores `reply` under `key` (atomically; a failure to write only costs the cache entry).
    func store(_ reply: [UInt8], for key: String) {
        let url = location(of: key)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var content = (try? JSONEncoder().encode(key)) ?? Data()
        content.append(UInt8(ascii: "\n"))
        content.append(contentsOf: reply)
        try? content.write(to: url, options: .atomic)
    }
}
