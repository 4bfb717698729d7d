import Foundation

/// Remote files kept open between the reads of one long-lived process (the MCP server's worker): a second
/// read of a file it holds finds the blocks already fetched and asks the server nothing for them. At most
/// `capacity` files are kept, the least recently used let go first; each keeps its own block-cache bound
/// (`RemoteOptions.maximumCachedBytes`). A file whose read failed is opened again.
public final class RemoteFileShelf: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: (file: RemoteFile, lastUse: Int)] = [:]
    private var clock = 0
    public let capacity: Int

    public init(capacity: Int = 8) {
        self.capacity = max(1, capacity)
    }

    /// The file kept for `key`, or the one `open` opens (then kept).
    public func file(for key: String, open: () throws(RemoteError) -> RemoteFile) throws(RemoteError) -> RemoteFile {
        lock.lock()
        clock += 1
        if let kept = files[key], kept.file.failure == nil {
            files[key] = (kept.file, clock)
            lock.unlock()
            return kept.file
        }
        lock.unlock()
        let opened = try open()
        lock.lock()
        defer { lock.unlock() }
        files[key] = (opened, clock)
        while files.count > capacity, let oldest = files.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            files[oldest.key] = nil
        }
        return opened
    }

    /// How many files are kept.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return files.count
    }
}
