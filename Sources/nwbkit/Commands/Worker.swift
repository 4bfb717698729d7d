import ArgumentParser
import NWBExport
import NWBKit

/// `nwbkit worker`: the worker process of the other commands (reads paths on stdin, answers JSON lines).
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve file summaries to a parent nwbkit process (internal).", shouldDisplay: false)

    @Option var maxObjects: Int = WalkLimits.standard.maxObjects
    @Option var maxDepth: Int = WalkLimits.standard.maxDepth
    /// What to send for each file: the summary, or what one command needs of it (`WorkerProducts.names`).
    @Option var product = "summary"
    @Option var template: String?
    @Flag var recogniseByteTypes = false

    func validate() throws {
        if !WorkerProducts.names.contains(product) { throw ValidationError("unknown product '\(product)'") }
    }

    func run() throws {
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        let made: AnyFileProduct?
        do {
            made = try WorkerProducts.encoded(name: product, templatePath: template, recogniseByteTypes: recogniseByteTypes)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        WorkerProtocol.serve(options: options, product: made)
    }
}
