import NWBKit
import NWBSupport

/// Why an input of a run gave no result: the file's own fault (`SummaryError`: missing, not HDF5, not
/// NWB, …), its worker's (it crashed, ran out of time, or its answer could not be read), or the archive's
/// (a dandiset, version or asset it did not give). Each reads as one line for a user, naming the input.
public enum RunFailure: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    case file(SummaryError)
    /// The worker process reading the file died, was stopped, or could not make what was asked.
    case worker(path: String, detail: String)
    /// A dandiset, version or asset the archive did not give (not found, access denied, a failing server).
    case archive(path: String, detail: String)

    /// The input the failure is about.
    public var path: String {
        switch self {
        case .file(let error): error.path
        case .worker(let path, _), .archive(let path, _): path
        }
    }

    /// What is wrong, without the path.
    public var reason: String {
        switch self {
        case .file(let error): error.reason
        case .worker(_, let detail), .archive(_, let detail): detail
        }
    }

    /// `PATH: reason`.
    public var description: String {
        if case .file(let error) = self { return error.description }
        return "\(RawPath.display(path)): \(reason)"
    }
}
