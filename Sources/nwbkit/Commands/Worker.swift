import ArgumentParser
import NWBExport
import NWBKit

/// `nwbkit worker`: the worker process of the other commands (reads paths on stdin, answers JSON lines).
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve file summaries to a parent nwbkit process (internal).", shouldDisplay: false)

    @Option var maxObjects: Int = WalkLimits.standard.maxObjects
    @Option var maxDepth: Int = WalkLimits.standard.maxDepth

    func run() throws {
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        WorkerProtocol.serve(options: options)
    }
}
