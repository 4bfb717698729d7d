import ArgumentParser
import Foundation
import NWBCatalogs
import NWBJSON
import NWBRendering
import NWBRunner
import Platform
import NWBKit

/// The inputs every command reads: paths, which files in folders, walk limits, warnings.
struct InputOptions: ParsableArguments {
    @Argument(help: "NWB files or folders (searched recursively for *.nwb).")
    var paths: [String]

    @Option(
        name: .customLong("include"), help: "Also read files in folders whose name matches this glob (repeatable), e.g. '*.h5'.")
    var includePatterns: [String] = []

    @Option(help: "Stop reading a file after this many objects (the summary is marked incomplete).")
    var maxObjects: Int = WalkLimits.standard.maxObjects

    @Option(help: "Do not descend deeper than this many levels.")
    var maxDepth: Int = WalkLimits.standard.maxDepth

    @Flag(help: "Do not print warnings (dangling and external links, unreadable parts) on stderr.")
    var quiet = false

    @Option(
        help:
            "Worker processes reading files at once (default: the number of cores); 0 reads in this process, without the isolation from crashes and hangs."
    )
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds one file may take before its worker is stopped and the file reported (0 = no limit).")
    var timeout: Double = 300

    @Option(help: "Keep per-file summaries in this folder; unchanged files are not read again.")
    var cache: String?

    @Option(help: "Read only shard I of N (e.g. 2/10): a deterministic part of the files, for job arrays.")
    var shard: String?

    @Flag(
        help:
            "The paths are JSON Lines outputs of `summarize --format jsonl` (e.g. shards): merge them instead of reading NWB files."
    )
    var fromSummaries = false

    func validate() throws {
        if maxObjects < 1 { throw ValidationError("--max-objects must be at least 1") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be at least 1") }
        if jobs < 0 { throw ValidationError("--jobs must be 0 (in this process) or more") }
        if !timeout.isFinite || timeout < 0 {
            throw ValidationError("--timeout takes a number of seconds, 0 (no limit) or more")
        }
        if shard != nil && parsedShard == nil { throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, e.g. 3/8") }
        if fromSummaries && (shard != nil || cache != nil) {
            throw ValidationError("--from-summaries reads no NWB file: no --shard or --cache")
        }
    }

    var summaryOptions: SummaryOptions {
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        return options
    }

    var discovery: FileDiscovery { FileDiscovery(includePatterns: includePatterns, shard: parsedShard) }

    /// Stops the run with status 2, before anything is read, when `output` is (or would be found as) one of
    /// the inputs: an output never replaces an input.
    func refuseOverwritingInputs(_ output: String?) throws {
        guard let output else { return }
        if let conflict = OutputGuard(inputs: paths, discovery: discovery).conflict(output: output) {
            Diagnostics.error(conflict)
            throw ExitCode(2)
        }
    }

    /// `--shard I/N` as numbers.
    var parsedShard: (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
        else {
            return nil
        }
        return (index, count)
    }

    /// The arguments that start a worker with these limits.
    var workerArguments: [String] {
        ["worker", "--max-objects", String(maxObjects), "--max-depth", String(maxDepth)]
    }

    /// This program, which is also the worker.
    static var executable: URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Summarizes every input, printing one line per failure (and warnings unless quiet) on stderr,
    /// and calling `body` with each summary (and `onFailure` with each failure) in input order. Returns the failures.
    @discardableResult
    func eachSummary(onFailure: (SummaryError) throws -> Void = { _ in }, _ body: (FileSummary) throws -> Void) throws
        -> [SummaryError]
    {
        try eachResult(onFailure: onFailure) { try body(try $0.summary()) }
    }

    /// Like `eachSummary`, with what `product` makes of each file (made by the worker that read it: the
    /// parent never decodes the summary).
    @discardableResult
    func eachProduct<Value>(
        _ product: FileProduct<Value>, onFailure: (SummaryError) throws -> Void = { _ in },
        _ body: (_ path: String, _ value: Value) throws -> Void
    ) throws -> [SummaryError] {
        try eachResult(productArguments: product.workerArguments, onFailure: onFailure) {
            try body($0.path, try $0.product(product))
        }
    }

    /// Like `eachSummary`, with each file's result as the worker sent it (compact JSON, not decoded).
    @discardableResult
    func eachResult(
        productArguments: [String] = [], onFailure: (SummaryError) throws -> Void = { _ in },
        _ body: (WorkerResult) throws -> Void
    ) throws -> [SummaryError] {
        let progress = Progress()
        var failures: [SummaryError] = []
        let arguments = workerArguments + productArguments
        // The worker's arguments are part of the key: a summary and a rendered text are kept apart.
        let cacheStore = cache.map {
            SummaryCache(
                directory: URL(fileURLWithPath: $0), salt: "nwbkit \(NWBKitVersion.current) protocol \(WorkerProtocol.version) " + arguments.joined(separator: " "))
        }
        let runner = ParallelSummaryRun(
            workerExecutable: Self.executable, workerArguments: arguments, jobs: jobs, timeout: timeout > 0 ? timeout : nil,
            cache: cacheStore)
        func handle(_ outcome: FileOutcome, _ position: Int, _ total: Int) throws {
            progress.show(position: position, total: total)
            switch outcome {
            case .failure(let error):
                progress.clear()
                Diagnostics.error(error.description)
                failures.append(error)
                try onFailure(error)
            case .result(let result):
                if !quiet {
                    progress.clear()
                    result.warnings.forEach { Diagnostics.warning("\(result.path): \($0)") }
                }
                try body(result)
            }
        }
        if fromSummaries {
            try MergedSummaries.run(parts: paths, body: handle)
        } else if jobs == 0 {
            try SummaryRun.run(paths: paths, discovery: discovery, options: summaryOptions) { outcome, position, total in
                switch outcome {
                case .summary(let summary): try handle(.result(WorkerResult(summary: summary)), position, total)
                case .failure(let error): try handle(.failure(error), position, total)
                }
            }
        } else {
            try runner.run(paths: paths, discovery: discovery, body: handle)
        }
        progress.clear()
        return failures
    }
}
