import NWBSupport
import HDF5

/// Opens what a path names for reading: a local file, or a remote one (`http://`, `https://`) through
/// NWBKit's byte-source driver. Every reader of NWB files (summaries, data checks) opens through here.
public enum FileOpening {
    /// The open file and its size; the reason when there is none (missing, not HDF5, a server that fails).
    public static func open(_ path: String, remote: (any RemoteOpening)?) throws(SummaryError) -> (
        file: File, size: Int
    ) {
        if RemotePaths.isRemote(path) {
            guard let remote else {
                throw .remoteUnavailable(path: path, detail: "remote files are not read here (no remote reader given)")
            }
            return try openRemote(path, remote: remote)
        }
        let size = try FileSummarizer.checkReadableFile(path)
        guard File.isHDF5(path) else {
            throw .notHDF5(path: path, detail: FileSniffer.describe(path: path, size: size))
        }
        do {
            return (try File.open(path), size)
        } catch let error as HDF5Error {
            throw .unreadableHDF5(path: path, detail: error.message)
        } catch {
            throw .unreadableHDF5(path: path, detail: "\(error)")
        }
    }

    private static func openRemote(_ path: String, remote opener: any RemoteOpening) throws(SummaryError) -> (
        file: File, size: Int
    ) {
        let remote: ByteSource
        do throws(RemoteOpenFailure) {
            remote = try opener.openRemote(path)
        } catch {
            // A server that answered with something else than the file's bytes (a web page, a folder's
            // listing): said as a local file of those bytes would be.
            if let head = error.answer { throw .notHDF5(path: path, detail: FileSniffer.describe(head: head, size: head.count)) }
            // An archive asset refused: its dandiset is embargoed (or the key is not an owner's).
            if RemotePaths.isArchiveName(path), error.accessDenied {
                throw .remoteUnavailable(path: path, detail: error.message + "; for an embargoed DANDI dandiset set DANDI_API_KEY")
            }
            throw .remoteUnavailable(path: path, detail: error.message)
        }
        guard File.hasHDF5Signature(remote) else {
            if let failure = remote.failure { throw .remoteUnavailable(path: path, detail: failure) }
            throw .notHDF5(path: path, detail: FileSniffer.describe(source: remote))
        }
        do {
            return (try File.open(path, source: remote), remote.size)
        } catch let error as HDF5Error {
            throw failure(path, source: remote, error.message)
        } catch {
            throw .unreadableHDF5(path: path, detail: "\(error)")
        }
    }

    /// The error for a read that failed part way: the server's failure when a remote read caused it.
    public static func failure(_ path: String, file: File, _ detail: String) -> SummaryError {
        failure(path, source: file.byteSource, detail)
    }

    static func failure(_ path: String, source: ByteSource?, _ detail: String) -> SummaryError {
        if let failure = source?.failure { return .remoteUnavailable(path: path, detail: failure) }
        return .unreadableHDF5(path: path, detail: detail)
    }
}
