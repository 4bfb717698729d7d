import HDF5
import NWBSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a path could not be summarized. Each case carries the path and reads as one line for a user.
public enum SummaryError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    case missing(path: String)
    case permissionDenied(path: String)
    case notAFile(path: String)
    case noNWBFiles(path: String, pattern: String)
    case notHDF5(path: String, detail: String)
    case unreadableHDF5(path: String, detail: String)
    case notNWB(path: String)
    /// An HDF5 file whose `/nwb_version` dataset names no NWB version (another format's version).
    case notNWBVersion(path: String, found: String)
    /// A name that is not valid UTF-8. No longer raised: such names are read (see `RawPath`); kept so that
    /// summaries and worker replies written by NWBKit 0.1 still decode.
    case undecodableName(path: String)
    /// The path is longer than the system accepts (`ENAMETOOLONG`): it cannot be opened by name.
    case pathTooLong(path: String)
    /// A remote file (a URL) that could not be fetched: the server's answer or the network's, in words.
    case remoteUnavailable(path: String, detail: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .missing(let path), .permissionDenied(let path), .notAFile(let path), .noNWBFiles(let path, _),
            .notHDF5(let path, _), .unreadableHDF5(let path, _), .notNWB(let path), .notNWBVersion(let path, _),
            .undecodableName(let path), .pathTooLong(let path), .remoteUnavailable(let path, _):
            return path
        }
    }

    /// What is wrong, without the path.
    public var reason: String {
        switch self {
        case .missing: return "no such file or folder"
        case .permissionDenied: return "permission denied (cannot read)"
        case .notAFile: return "not a regular file"
        case .noNWBFiles(_, let pattern): return "no NWB files found in this folder (looked for \(pattern))"
        case .notHDF5(_, let detail): return "not an HDF5 file (\(detail))"
        case .unreadableHDF5(_, let detail): return "corrupt or truncated HDF5 file: \(detail)"
        case .notNWB: return "an HDF5 file, but not NWB (no nwb_version attribute and no NWB 1.x /nwb_version dataset)"
        case .notNWBVersion(_, let found):
            return
                "an HDF5 file, but not NWB (no nwb_version attribute, and its /nwb_version dataset says '\(ControlCharacters.escape(String(found.prefix(80))))', which is no NWB 1.x version)"
        case .remoteUnavailable(_, let detail): return "cannot read the remote file: \(detail)"
        case .undecodableName: return "the name is not valid UTF-8"
        case .pathTooLong(let path):
            return
                "the path is too long for the system to open (\(RawPath.bytes(path).count) bytes; paths take at most \(Self.maxPathBytes - 1), names 255)"
        }
    }

    /// The longest path the system opens, with its NUL (`PATH_MAX`).
    public static let maxPathBytes = 4096

    /// The error for a path the system refused with `code` (an `errno`).
    public static func unreachable(_ path: String, errno code: Int32) -> SummaryError {
        switch code {
        case EACCES: return .permissionDenied(path: path)
        case ENAMETOOLONG: return .pathTooLong(path: path)
        default: return .missing(path: path)
        }
    }

    /// `PATH: reason` (bytes of the path that are not UTF-8 shown as `\xFF`).
    public var description: String { "\(RawPath.display(path)): \(reason)" }
}
