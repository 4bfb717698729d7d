import DandiArchive
import Foundation
import NWBRunner
import RemoteReading

/// How `nwbkit mcp` reads files and asks the archive, from the same options and environment as the
/// other commands (`--dandi-instance`, `DANDI_API_KEY`, `--timeout`, …), and the bounds of every call.
public struct AssistantSettings: Sendable {
    /// What `DANDI:` and bare dandiset ids mean.
    public var instance: DandiInstance = .dandi
    /// API keys by instance name (from `DANDI_API_KEY` and the like): each goes to its archive's API only.
    public var tokens: [String: String] = [:]
    /// This program, which is also the worker (`nwbkit worker`).
    public var executable: URL
    /// How the worker reads files (walk limits, remote time-outs, certificate authorities).
    public var reading = WorkerReading()
    /// Time-outs and retries of the archive's API requests.
    public var remote = RemoteOptions()
    /// Seconds one call may take (a file's read, a listing); a call past it is stopped and says so.
    public var callDeadline: Double = 120
    /// Seconds `dandiset_document` and the `describe-dandiset` prompt may take for all of a dandiset's files.
    public var documentDeadline: Double = 600
    /// The most characters of one result; a longer one is cut and says how to ask for the rest.
    public var resultCharacters = 40_000
    /// The most bytes of one remote file's blocks the worker keeps.
    public var remoteCacheBytes = 256 << 20

    public init(executable: URL) {
        self.executable = executable
    }

    /// The API key sent to `instance`'s API, if any.
    func token(for instance: DandiInstance) -> String? { tokens[instance.name] }
}
