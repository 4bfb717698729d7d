import ArgumentParser
import Foundation
import NWBKit
import NWBRunner
import Platform
import RemoteReading

/// `nwbkit worker`: the worker process of the other commands. It has no options: its standard input brings
/// its whole configuration as the first line (`WorkerConfiguration`: how to read files and what to make of
/// each, archive locations and their credentials, its deadline per file), then paths; it answers a reply
/// per path. It dies with its parent and never outlives its deadline.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve file summaries to a parent nwbkit process (internal).", shouldDisplay: false)

    func run() throws {
        let configuration: WorkerConfiguration
        let options: SummaryOptions
        let remote: RemoteOptions
        let made: AnyFileProduct?
        do {
            configuration = try WorkerConfiguration.readFromStandardInput()
            if let parent = configuration.parent, !ProcessLifetime.dieWithParent(expected: parent) { throw ExitCode(1) }
            // The parent's environment is the worker's: the same AWS credentials sign its s3:// requests.
            var remoteOptions = configuration.request.reading.remoteOptions(
                environment: CommandContext.current.environment, locations: configuration.locations)
            if let bytes = configuration.remoteCacheBytes { remoteOptions.maximumCachedBytes = bytes }
            remote = remoteOptions
            options = configuration.request.reading.summaryOptions(remote: remoteOptions)
            made = try WorkerProducts.encoded(configuration.request.product, remote: remote)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        if configuration.session {
            return WorkerProtocol.serveSession(
                reading: configuration.request.reading, remote: remote,
                deadline: configuration.fileDeadline.map { $0 + WorkerConfiguration.deadlineGrace })
        }
        let testFanOut = SplitWalk.testFanOut
        let walk =
            configuration.split > 1
            ? SplitWalk(
                parts: configuration.split, executable: InputOptions.executable.path, minimumFanOut: testFanOut ?? 64,
                minimumFileBytes: testFanOut == nil ? 16 << 20 : 0) : nil
        WorkerProtocol.serve(
            options: options, product: made, split: walk,
            deadline: configuration.fileDeadline.map { $0 + WorkerConfiguration.deadlineGrace })
    }
}
