import Foundation
import HDF5
import NWBJSON
import NWBKit
import NWBSupport
import Platform

/// Summarizes files in worker processes (`nwbkit worker`), `jobs` at a time, so that libhdf5 runs in
/// parallel (it takes one global lock inside a process) and a crash or hang inside libhdf5 costs one
/// file, not the run. Outcomes are handed over in input order, each as soon as it and all before it
/// are done; the output is the same whatever `jobs` is.
public struct ParallelSummaryRun {
    /// How to start a worker: the executable and its arguments (`nwbkit worker`; everything else it is told
    /// in `configuration`).
    public var workerExecutable: URL
    public var workerArguments: [String]
    /// Worker processes at once.
    public var jobs: Int
    /// Seconds one file may take before its worker is stopped; `nil` for no limit.
    public var timeout: Double?
    /// Summaries kept between runs, if any.
    public var cache: SummaryCache?
    /// What each worker is told on its standard input before any path (archive locations with their
    /// credentials; never on a command line or in a file). Its deadline and parent are set here.
    public var configuration: WorkerConfiguration
    /// The workers' environment (the run's: AWS credentials, certificate authorities).
    public var environment: [String: String]

    public init(
        workerExecutable: URL, workerArguments: [String], jobs: Int, timeout: Double?, cache: SummaryCache? = nil,
        configuration: WorkerConfiguration = WorkerConfiguration(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.environment = environment
        self.workerExecutable = workerExecutable
        self.workerArguments = workerArguments
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.cache = cache
        self.configuration = configuration
        self.configuration.fileDeadline = timeout
        self.configuration.parent = CurrentProcess.id
    }

    private final class Worker {
        let process: ChildProcess
        /// Its output cut into replies.
        var framer = ReplyFramer()
        var current: Int?
        var started = Date()

        init(process: ChildProcess) {
            self.process = process
        }
    }

    /// Runs over `paths` and calls `body` with each outcome in input order. Returns the failure count.
    ///
    /// The caller must ignore SIGPIPE (as `nwbkit` does from its start): a worker that dies while it is
    /// written to must not take the process down. The library changes no signal disposition itself.
    @discardableResult
    public func run(
        paths: [String], discovery: FileDiscovery, body: (_ outcome: FileOutcome, _ position: Int, _ total: Int) throws -> Void
    ) throws -> Int {
        var state = plan(discovery.items(for: paths))
        // Fewer files than cores: each file's walk is split across the cores that would idle (up to 4
        // processes per file; the output is the same, see `SplitWalk`).
        var configuration = self.configuration
        configuration.split = max(1, min(4, jobs / max(1, state.queue.count)))
        let configurationLine = try configuration.line()
        var workers: [Worker] = []
        defer { workers.forEach { stop($0) } }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        try state.emitReady(body)
        while !state.isDone {
            try handOut(&state, to: &workers, configurationLine: configurationLine)
            let busy = workers.filter { $0.current != nil }
            if !busy.isEmpty {
                let ready = FileDescriptor.waitForInput(busy.map(\.process.outputDescriptor), milliseconds: 100)
                for (worker, isReady) in zip(busy, ready) {
                    let keep = isReady ? receive(from: worker, into: &state, chunk: &chunk) : withinTimeout(worker, &state)
                    if !keep { workers.removeAll { $0 === worker } }
                }
            }
            try state.emitReady(body)
        }
        return state.failures
    }

    /// What a run has to do and has done: each input's outcome (in input order), the files still to hand
    /// out (a stack), their cache keys, and how far outcomes have been handed to the caller.
    private struct RunState {
        let items: [FileDiscovery.Item]
        var outcomes: [FileOutcome?]
        var queue: [Int] = []
        var keys: [String?]
        var nextToEmit = 0
        var failures = 0

        var isDone: Bool { nextToEmit >= outcomes.count }

        /// Hands every outcome that is ready, in input order, to `body`, releasing each once handed.
        mutating func emitReady(_ body: (FileOutcome, Int, Int) throws -> Void) throws {
            while nextToEmit < outcomes.count, let outcome = outcomes[nextToEmit] {
                if case .failure = outcome { failures += 1 }
                try body(outcome, nextToEmit, outcomes.count)
                outcomes[nextToEmit] = nil  // emitted: release the summary
                nextToEmit += 1
            }
        }
    }

    /// The run's plan: failures of discovery and cached replies are outcomes at once; the other files are
    /// queued in reading order.
    private func plan(_ items: [FileDiscovery.Item]) -> RunState {
        var state = RunState(
            items: items, outcomes: [FileOutcome?](repeating: nil, count: items.count),
            keys: [String?](repeating: nil, count: items.count))
        let folders = SummaryCache.RealFolders()
        for (index, item) in items.enumerated() {
            switch item {
            case .failure(let error): state.outcomes[index] = .failure(.file(error))
            case .file(let path):
                if let cache, let key = cache.key(for: path, folders: folders) {
                    state.keys[index] = key
                    if var reply = cache.reply(for: key), let outcome = Self.decodeCached(&reply, path: path) {
                        state.outcomes[index] = outcome
                        continue
                    }
                }
                state.queue.append(index)
            }
        }
        state.queue = Self.readingOrder(state.queue, items: items, jobs: jobs)
        return state
    }

    /// Hands files to idle workers, starting workers as needed: no more than there are files to read (one
    /// file and `--jobs 2` is one worker and its split-walk helper, not an idle second worker).
    private func handOut(_ state: inout RunState, to workers: inout [Worker], configurationLine: [UInt8]) throws {
        let wanted = min(jobs, state.queue.count + workers.filter { $0.current != nil }.count)
        while workers.count < wanted {
            let worker = try start(arguments: workerArguments)
            // Its first line: the configuration (a worker that is gone is reported by its read side).
            _ = worker.process.send(configurationLine)
            workers.append(worker)
        }
        for worker in workers where worker.current == nil && !state.queue.isEmpty {
            let index = state.queue.removeLast()
            guard case .file(let path) = state.items[index] else { continue }
            worker.current = index
            worker.started = Date()
            var line = (try? FastJSONEncoder(prettyPrinted: false).encode(path)) ?? []
            line.append(UInt8(ascii: "\n"))
            // A worker that is gone is reported by its read side.
            _ = worker.process.send(line)
        }
    }

    /// Reads what a worker wrote; a complete reply becomes its file's outcome (and a cache entry). False
    /// when the worker is gone: its output ended, so it died on its file.
    private func receive(from worker: Worker, into state: inout RunState, chunk: inout [UInt8]) -> Bool {
        guard let index = worker.current else { return true }
        let path = state.items[index].path
        let count =
            (try? chunk.withUnsafeMutableBytes { (raw) throws(Errno) in try worker.process.outputDescriptor.read(into: raw) }) ?? 0
        guard count > 0 else {
            state.outcomes[index] = .failure(.worker(path: path, detail: Self.death(of: worker)))
            return false
        }
        // One file at a time per worker: at most one reply completes.
        guard let line = worker.framer.append(chunk[..<count]).first else { return true }
        if let cache, let key = state.keys[index] {
            let outcome = Self.decode(line, path: path)
            if !Self.isWorkerFailure(outcome) { cache.store(line, for: key) }
            state.outcomes[index] = outcome
        } else {
            // The line becomes the body in place: a large summary is not copied.
            state.outcomes[index] = Self.decode(consume line, path: path)
        }
        worker.current = nil
        return true
    }

    /// False (and the worker stopped, its file failed) when the worker's file has taken longer than `timeout`.
    private func withinTimeout(_ worker: Worker, _ state: inout RunState) -> Bool {
        guard let index = worker.current, let timeout, Date().timeIntervalSince(worker.started) > timeout else { return true }
        worker.process.killAndReap()
        state.outcomes[index] = .failure(
            .worker(path: state.items[index].path, detail: "took longer than \(Self.seconds(timeout)) s to read (--timeout); stopped"))
        return false
    }

    private func start(arguments: [String]) throws -> Worker {
        do {
            return Worker(process: try WorkerProcesses.start(executable: workerExecutable, arguments: arguments, environment: environment))
        } catch {
            throw WorkerStartError(executable: workerExecutable.path, reason: error.description)
        }
    }

    /// The order files are handed to workers, as a stack (the last is taken first). With several workers
    /// the largest files go first, so that one large file late in the input does not run alone at the end
    /// (outcomes are still reported in input order); files of one size keep their input order.
    static func readingOrder(_ queue: [Int], items: [FileDiscovery.Item], jobs: Int) -> [Int] {
        guard jobs > 1, queue.count > 1 else { return queue.reversed() }
        let sizes = queue.map { index -> Int in
            guard case .file(let path) = items[index], let status = RawPath.status(path) else { return 0 }
            return Int(status.st_size)
        }
        let order = queue.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : queue[$0] < queue[$1] }
        return order.reversed().map { queue[$0] }
    }

    /// Ends a worker: end of input, then SIGKILL (it may be busy with a file nobody waits for any more).
    private func stop(_ worker: Worker) {
        worker.process.closeInput()
        worker.process.killAndReap()
    }

    private static func death(of worker: Worker) -> String { WorkerProcesses.death(of: worker.process) }

    private static func decode(_ line: consuming [UInt8], path: String) -> FileOutcome {
        WorkerProtocol.decode(line) ?? .failure(.worker(path: path, detail: "the worker's answer could not be read"))
    }

    /// The outcome of a cached reply for the input `path` (taken: its bytes become the body in place).
    /// The entry may have been filled by a run that named the same content otherwise (`d/x.nwb` and
    /// `$PWD/d/x.nwb`, a draft's asset and its published version's): a summary is then given the current
    /// name; a product or a failure, whose text holds the name, is not used (`nil`: the file is read again).
    static func decodeCached(_ reply: inout [UInt8], path: String) -> FileOutcome? {
        var taken: [UInt8] = []
        swap(&taken, &reply)
        guard let outcome = WorkerProtocol.decode(consume taken) else { return nil }
        switch outcome {
        case .result(let result) where result.path == path: return outcome
        case .result(let result) where !result.holdsProduct:
            guard var summary = try? result.summary() else { return nil }
            summary.path = path
            return .result(WorkerResult(summary: summary))
        case .failure(let error) where error.path == path: return outcome
        default: return nil
        }
    }

    private static func isWorkerFailure(_ outcome: FileOutcome) -> Bool {
        if case .failure(.worker) = outcome { return true }
        return false
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A worker process could not be started (the run cannot go on without one).
public struct WorkerStartError: Error, CustomStringConvertible {
    public var executable: String
    public var reason: String
    public var description: String { "could not start a worker process (\(executable)): \(reason)" }
}

extension FileDiscovery.Item {
    /// The path of the item.
    var path: String {
        switch self {
        case .file(let path): return path
        case .failure(let error): return error.path
        }
    }
}
