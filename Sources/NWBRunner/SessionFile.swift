import HDF5
import NWBKit
import NWBSupport
import RemoteReading

/// The file a session worker read last: its summary and the file, still open, for the next task on the
/// same file. An assistant asks of one file call after call (its summary, then one object after another);
/// each call then costs its own product, not another walk of the file (3 s on a file of 100,000 objects).
///
/// The same file means the same key (`key(of:location:)`): a local file's path with its device, inode,
/// size and modification time as they are now, so a file changed or replaced between calls is read
/// again; a remote file's URL (or archive location), kept as `RemoteFileShelf` keeps it open. One file is
/// kept: the one before is closed and let go when another is read.
final class SessionFile {
    private var key: String?
    private var summary: FileSummary?
    private var file: File?

    /// The summary of `path` and the file, open: the kept ones when `key` is the kept file's, else read
    /// (and kept in their place when `key` is not `nil`).
    func read(_ path: String, key: String?, options: SummaryOptions) throws(SummaryError) -> (summary: FileSummary, file: File?) {
        if let key, key == self.key, let summary { return (summary, file) }
        forget()
        let (summary, file) = try FileSummarizer.summarizeKeepingFile(path, options: options)
        if let key {
            self.key = key
            self.summary = summary
            self.file = file
        }
        return (summary, file)
    }

    /// Lets the kept file go (closed once no product holds it).
    func forget() {
        if let summary { BackgroundRelease.release(summary) }
        key = nil
        summary = nil
        file = nil
    }

    /// What makes a task's file the same as the last: `nil` when a local file cannot be stat'ed (it is read,
    /// and its failure said, as without a session).
    static func key(of path: String, location: RemoteLocation?) -> String? {
        if let location { return "archive\n\(path)\n\(location.url)\n\(location.contentIdentity ?? "")" }
        if RemoteFile.isRemote(path) { return "remote\n\(path)" }
        guard let status = RawPath.status(path) else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return "local\n\(path)\n\(status.st_dev)\n\(status.st_ino)\n\(status.st_size)\n\(modified)"
    }
}
