import Foundation
import NWBJSON
import RemoteReading

/// What a worker is told on its standard input, as the first line before any path: everything it needs (the
/// worker command has no options): how to read files and what to make of each (`request`), how many
/// processes to split a walk across, where each archive asset is read (with the archive's token bound to the
/// archive's origin: never in a command line or a file), and its own deadline per file. Nothing of it is
/// written anywhere: it lives in the two processes' memory and the pipe between them.
public struct WorkerConfiguration: Codable, Sendable, Equatable {
    /// How files are read and what is made of each (the cache's key is its canonical encoding).
    public var request = WorkerRequest(reading: WorkerReading(), product: .summary)
    /// Each file's walk split across this many processes (the runner asks when cores would idle).
    public var split = 1
    /// Where named inputs that are not URLs are read (archive assets).
    public var locations: [String: RemoteLocation] = [:]
    /// Seconds one file may take (`--timeout`): the worker ends itself a little after, so the limit holds
    /// even when its parent is gone. `nil`: no limit.
    public var fileDeadline: Double?
    /// The parent's process id: a worker whose parent is already gone when it starts ends at once.
    public var parent: Int32?
    /// The most bytes of a remote file's blocks the worker keeps (many workers share one bound).
    public var remoteCacheBytes: Int?
    /// A session: each later line is a `WorkerTask` (a file and its own product) rather than a path, and
    /// remote files stay open between tasks (the MCP server's worker).
    public var session = false

    public init(
        request: WorkerRequest = WorkerRequest(reading: WorkerReading(), product: .summary),
        locations: [String: RemoteLocation] = [:], fileDeadline: Double? = nil, parent: Int32? = nil
    ) {
        self.request = request
        self.locations = locations
        self.fileDeadline = fileDeadline
        self.parent = parent
    }

    private enum CodingKeys: String, CodingKey { case request, split, locations, fileDeadline, parent, remoteCacheBytes, session }

    /// Every field may be left out (its default).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        request = try container.decodeIfPresent(WorkerRequest.self, forKey: .request) ?? request
        split = try container.decodeIfPresent(Int.self, forKey: .split) ?? 1
        locations = try container.decodeIfPresent([String: RemoteLocation].self, forKey: .locations) ?? [:]
        fileDeadline = try container.decodeIfPresent(Double.self, forKey: .fileDeadline)
        parent = try container.decodeIfPresent(Int32.self, forKey: .parent)
        remoteCacheBytes = try container.decodeIfPresent(Int.self, forKey: .remoteCacheBytes)
        session = try container.decodeIfPresent(Bool.self, forKey: .session) ?? false
    }

    /// Seconds past `fileDeadline` the worker gives its parent to stop it first (the parent reports the
    /// file as timed out; the worker's own alarm is the fallback).
    public static let deadlineGrace: Double = 2

    /// The line that carries it (compact JSON and a newline).
    public func line() throws -> [UInt8] {
        try FastJSONEncoder(prettyPrinted: false).encode(self) + [UInt8(ascii: "\n")]
    }

    /// Why the configuration line could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the configuration line from standard input (the worker's first read).
    public static func readFromStandardInput() throws(Failure) -> WorkerConfiguration {
        guard let line = readLine(strippingNewline: true) else {
            throw Failure(description: "no configuration on standard input (nwbkit worker is started by nwbkit itself)")
        }
        do {
            return try FastJSONDecoder().decode(WorkerConfiguration.self, from: Array(line.utf8))
        } catch {
            throw Failure(description: "the configuration on standard input cannot be read: \(error)")
        }
    }
}
