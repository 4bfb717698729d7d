import Foundation
import NWBJSON
import NWBKit
import RemoteReading

/// One run over many inputs, the one way in for every command that reads files (the MCP server, which
/// reads one file a call, has its per-call twin in `SessionWorker`): a typed request in (`RunRequest`, planned by `init(_:workerExecutable:environment:warn:)`),
/// each file's outcome out in input order. Files are read in this process, in worker processes (each told
/// the request on its standard input), or from summaries written earlier; results are kept in a cache
/// when given one.
public struct FileRun {
    /// How files are read.
    public enum Mode: Sendable {
        /// In this process, one file after another (no worker, no time-out).
        case inProcess
        /// In `jobs` worker processes started from `executable` (`nwbkit worker`), each file within `timeout`.
        case workers(executable: URL, jobs: Int, timeout: Double?)
        /// The inputs are JSON Lines of `summarize` (shards), merged.
        case fromSummaries
    }

    /// Inputs as given: files, folders, URLs, archive asset names.
    public var paths: [String]
    public var discovery: FileDiscovery
    /// How to read each file and what to make of it.
    public var request: WorkerRequest
    public var mode: Mode
    /// Where archive assets are read, with their origin-bound credentials (told to workers on their
    /// standard input, never in a command line, a file or the cache's key).
    public var locations: [String: RemoteLocation] = [:]
    /// Each worker's bound on a remote file's cached blocks (many workers share one bound).
    public var remoteCacheBytes: Int?
    /// Results kept between runs, keyed by `cacheSalt(for:)` and each file's identity.
    public var cache: SummaryCache?
    /// The environment AWS credentials and certificate authorities come from, and the workers'.
    public var environment: [String: String]
    /// Inputs that failed before any file was read (an archive that did not list them): their outcomes
    /// come first.
    public var failedInputs: [RunFailure] = []

    public init(
        paths: [String], discovery: FileDiscovery, request: WorkerRequest, mode: Mode,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.paths = paths
        self.discovery = discovery
        self.request = request
        self.mode = mode
        self.environment = environment
    }

    /// The options a file is summarized with in this process (the same a worker builds).
    public var summaryOptions: SummaryOptions {
        request.reading.summaryOptions(environment: environment, locations: locations)
    }

    /// The cache's salt for `request`: the tool's version, the protocol's, and the request's canonical
    /// encoding (what decides the replies; never where archive assets are, nor their secrets).
    public static func cacheSalt(for request: WorkerRequest) throws -> String {
        let encoded = String(decoding: try FastJSONEncoder(prettyPrinted: false).encode(request), as: UTF8.self)
        return "nwbkit \(NWBKitVersion.current) protocol \(WorkerProtocol.version) " + encoded
    }

    /// Runs, calling `body` with each outcome in input order (position and total with it). Returns the
    /// number of failures. Worker runs need SIGPIPE ignored by the caller (see `ParallelSummaryRun`).
    @discardableResult
    public func run(_ body: (_ outcome: FileOutcome, _ position: Int, _ total: Int) throws -> Void) throws -> Int {
        for (position, failure) in failedInputs.enumerated() {
            try body(.failure(failure), position, failedInputs.count)
        }
        return try failedInputs.count + runFiles(body)
    }

    /// The run's files, read as `mode` says.
    private func runFiles(_ body: (_ outcome: FileOutcome, _ position: Int, _ total: Int) throws -> Void) throws -> Int {
        switch mode {
        case .fromSummaries:
            return try MergedSummaries.run(parts: paths, body: body)
        case .inProcess:
            return try SummaryRun.run(paths: paths, discovery: discovery, options: summaryOptions) { outcome, position, total in
                switch outcome {
                case .summary(let summary): try body(.result(WorkerResult(summary: summary)), position, total)
                case .failure(let error): try body(.failure(.file(error)), position, total)
                }
            }
        case .workers(let executable, let jobs, let timeout):
            var configuration = WorkerConfiguration(request: request, locations: locations)
            configuration.remoteCacheBytes = remoteCacheBytes
            let runner = ParallelSummaryRun(
                workerExecutable: executable, workerArguments: ["worker"], jobs: jobs, timeout: timeout, cache: cache,
                configuration: configuration, environment: environment)
            return try runner.run(paths: paths, discovery: discovery, body: body)
        }
    }
}
