import Foundation
import NWBKit
import RemoteReading

/// What a caller asks of a run, in its own terms (the command line builds it from its options): which inputs, what to make of each, how many workers, the cache. `FileRun(_:)` turns it
/// into a plan: the mode, the workers' share of the remote block cache, the cache and its salt.
public struct RunRequest: Sendable {
    /// Inputs as given: files, folders, URLs, archive asset names.
    public var paths: [String]
    public var discovery: FileDiscovery
    /// How to read each file and what to make of it (what workers are told, and the cache's key).
    public var work: WorkerRequest
    /// Worker processes reading at once: `nil` for the default of the inputs (`FileRun.defaultJobs`), 0 to
    /// read in this process (no isolation from crashes and hangs, no time-out).
    public var jobs: Int?
    /// Seconds one file may take before its worker is stopped and the file reported; `nil` for no limit.
    public var timeout: Double?
    /// The inputs are JSON Lines outputs of `summarize` (shards), merged instead of read.
    public var fromSummaries = false
    /// Keep each file's result in this folder; unchanged files are not read again.
    public var cacheFolder: URL?
    /// Where archive assets are read, with their origin-bound credentials (told to workers on their
    /// standard input, never in a command line, a file or the cache's key).
    public var locations: [String: RemoteLocation] = [:]
    /// Inputs that failed before any file was read (an archive that did not list them): reported first.
    public var failedInputs: [RunFailure] = []

    public init(paths: [String], discovery: FileDiscovery = FileDiscovery(), work: WorkerRequest) {
        self.paths = paths
        self.discovery = discovery
        self.work = work
    }

    /// Whether any input is read over the network.
    public var hasRemoteInputs: Bool { paths.contains { RemoteFile.isRemote($0) } }
}

extension FileRun {
    /// Workers for remote inputs when none are asked for: reading a remote file is mostly waiting for
    /// answers (3 to 4 round trips a file), so files in flight follow the latency, not the cores. Measured
    /// in Benchmarks.md part 11 (10,000 assets at 50 ms a request).
    public static let remoteJobs = 16
    /// The block caches of all remote workers together stay within this (each worker's share).
    public static let remoteCacheBytes = 1 << 30

    /// The workers a run starts when none are asked for: the number of cores, or at least `remoteJobs`
    /// when inputs are remote.
    public static func defaultJobs(remote: Bool) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return remote ? max(cores, remoteJobs) : cores
    }

    /// The run `request` asks for, its workers started from `workerExecutable` (`nwbkit`, which answers
    /// `nwbkit worker`). `warn` hears what the run goes on without: a cache that cannot be written, a
    /// damaged entry read again.
    public init(
        _ request: RunRequest, workerExecutable: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        warn: @escaping @Sendable (String) -> Void
    ) throws {
        let remote = request.hasRemoteInputs
        let jobs = request.jobs ?? Self.defaultJobs(remote: remote)
        let timeout = request.timeout.flatMap { $0 > 0 ? $0 : nil }
        let mode: Mode =
            request.fromSummaries
            ? .fromSummaries
            : jobs == 0 ? .inProcess : .workers(executable: workerExecutable, jobs: jobs, timeout: timeout)
        self.init(
            paths: request.paths, discovery: request.discovery, request: request.work, mode: mode, environment: environment)
        locations = request.locations
        failedInputs = request.failedInputs
        // Many remote workers share one bound on their block caches.
        if remote, jobs > 0 {
            remoteCacheBytes = max(16 << 20, min(RemoteOptions().maximumCachedBytes, Self.remoteCacheBytes / jobs))
        }
        if let folder = request.cacheFolder, !request.fromSummaries {
            let cache = SummaryCache(
                directory: folder, salt: try Self.cacheSalt(for: request.work),
                remote: request.work.reading.remoteOptions(environment: environment, locations: request.locations),
                damaged: { entry, problem in warn("cache entry \(entry): \(problem); the file is read again") })
            if let problem = cache.writeProblem() {
                warn("--cache: \(problem); results are not kept")
            }
            self.cache = cache
        }
    }
}
