import ArgumentParser
import Foundation
import NWBCheck
import NWBKit
import NWBPreviews
import NWBRunner
import Platform
import RemoteReading

/// `nwbkit worker`: the worker process of the other commands. Its standard input brings a configuration line
/// (`WorkerConfiguration`: archive locations and their credentials, its deadline per file), then paths; it
/// answers JSON lines. It dies with its parent and never outlives its deadline.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve file summaries to a parent nwbkit process (internal).", shouldDisplay: false)

    @Option var maxObjects: Int = WalkLimits.standard.maxObjects
    @Option var maxDepth: Int = WalkLimits.standard.maxDepth
    @Option var stallTimeout: Double = RemoteOptions().stallTimeout
    @Option var retries: Int = RemoteOptions().retries
    @Option var s3Endpoint: String?
    @Option var s3Region: String?
    @Option var caBundle: String?
    /// What to send for each file: the summary, or what one command needs of it (`WorkerProducts.names`).
    @Option var product = "summary"
    @Option var template: String?
    @Flag var recogniseByteTypes = false
    @Option var select: String?
    @Option var ignore: String?
    @Flag var noBestPractices = false
    @Option var rules: String?
    @Option var schema: [String] = []
    @Flag var noDataChecks = false
    @Option var dataBytes: Int = CheckDataReader.defaultAllowance
    /// With the catalog product: make each file's previews within this many bytes.
    @Option var thumbnailBytes: Int?
    /// With the catalog product: check each file too (with `--data-bytes`, `--no-data-checks`).
    @Flag var withChecks = false
    /// Split each file's walk across this many processes (the parent asks when cores would idle).
    @Option var split = 1

    func validate() throws {
        if !(WorkerProducts.names + ["check"]).contains(product) { throw ValidationError("unknown product '\(product)'") }
    }

    func run() throws {
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        options.remote.stallTimeout = stallTimeout
        options.remote.retries = retries
        options.remote.s3Endpoint = s3Endpoint
        options.remote.s3Region = s3Region
        // The parent's environment is the worker's: the same AWS credentials sign its s3:// requests.
        options.remote.s3Credentials = S3Credentials.from(environment: ProcessInfo.processInfo.environment)
        let authorities = RemoteOptions.certificateAuthorities(environment: ProcessInfo.processInfo.environment)
        options.remote.certificateAuthorities = caBundle ?? authorities.file
        options.remote.certificateAuthorityFolder = authorities.folder
        let made: AnyFileProduct?
        let configuration: WorkerConfiguration
        do {
            configuration = try WorkerConfiguration.readFromStandardInput()
            if let parent = configuration.parent, !ProcessLifetime.dieWithParent(expected: parent) { throw ExitCode(1) }
            options.remote.locations = configuration.locations
            if let bytes = configuration.remoteCacheBytes { options.remote.maximumCachedBytes = bytes }
            if product == "check" {
                var checkOptions = try Check.options(
                    select: select, ignore: ignore, noBestPractices: noBestPractices, rules: rules,
                    dataChecks: !noDataChecks, dataBytes: dataBytes, schema: schema)
                checkOptions.remote = options.remote
                made = FileProduct.check(options: checkOptions, workerArguments: []).encoded
            } else {
                var catalogChecks: CheckOptions?
                if withChecks {
                    catalogChecks = try Check.options(
                        select: nil, ignore: nil, noBestPractices: false, rules: nil, dataChecks: !noDataChecks,
                        dataBytes: dataBytes)
                    catalogChecks?.remote = options.remote
                }
                made = try WorkerProducts.encoded(
                    name: product, templatePath: template, recogniseByteTypes: recogniseByteTypes,
                    previews: thumbnailBytes.map { PreviewOptions(allowance: $0) }, checks: catalogChecks,
                    remote: options.remote)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        let testFanOut = SplitWalk.testFanOut
        let walk =
            split > 1
            ? SplitWalk(
                parts: split, executable: InputOptions.executable.path, minimumFanOut: testFanOut ?? 64,
                minimumFileBytes: testFanOut == nil ? 16 << 20 : 0) : nil
        WorkerProtocol.serve(
            options: options, product: made, split: walk,
            deadline: configuration.fileDeadline.map { $0 + WorkerConfiguration.deadlineGrace })
    }
}
