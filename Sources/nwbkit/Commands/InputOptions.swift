import ArgumentParser
import Foundation
import NWBExport
import NWBKit

/// The inputs every command reads: paths, which files in folders, walk limits, warnings.
struct InputOptions: ParsableArguments {
    @Argument(help: "NWB files or folders (searched recursively for *.nwb).")
    var paths: [String]

    @Option(name: .customLong("include"), help: "Also read files in folders whose name matches this glob (repeatable), e.g. '*.h5'.")
    var includePatterns: [String] = []

    @Option(help: "Stop reading a file after this many objects (the summary is marked incomplete).")
    var maxObjects: Int = WalkLimits.standard.maxObjects

    @Option(help: "Do not descend deeper than this many levels.")
    var maxDepth: Int = WalkLimits.standard.maxDepth

    @Flag(help: "Do not print warnings (dangling and external links, unreadable parts) on stderr.")
    var quiet = false

    @Option(help: "Worker processes reading files at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds one file may take before its worker is stopped and the file reported (0 = no limit).")
    var timeout: Double = 300

    func validate() throws {
        if maxObjects < 1 { throw ValidationError("--max-objects must be at least 1") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if timeout < 0 { throw ValidationError("--timeout must be 0 (no limit) or more") }
    }

    var summaryOptions: SummaryOptions {
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        return options
    }

    var discovery: FileDiscovery { FileDiscovery(includePatterns: includePatterns) }

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
    func eachSummary(onFailure: (SummaryError) throws -> Void = { _ in }, _ body: (FileSummary) throws -> Void) throws -> [SummaryError] {
        let progress = Progress()
        var failures: [SummaryError] = []
        let runner = ParallelSummaryRun(
            workerExecutable: Self.executable, workerArguments: workerArguments, jobs: jobs, timeout: timeout > 0 ? timeout : nil)
        try runner.run(paths: paths, discovery: discovery) { outcome, position, total in
            progress.show(position: position, total: total)
            switch outcome {
            case .failure(let error):
                progress.clear()
                Diagnostics.error(error.description)
                failures.append(error)
                try onFailure(error)
            case .summary(let summary):
                if !quiet {
                    progress.clear()
                    summary.warnings.forEach { Diagnostics.warning("\(summary.path): \($0)") }
                }
                try body(summary)
            }
        }
        progress.clear()
        return failures
    }
}
