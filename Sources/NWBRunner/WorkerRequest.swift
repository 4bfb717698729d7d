import Foundation
import NWBCheck
import NWBKit
import RemoteReading

/// How a worker reads each file: the walk's limits and how remote files are fetched. The parent builds
/// the same `SummaryOptions` from it as the worker (`summaryOptions(environment:)`).
public struct WorkerReading: Codable, Sendable, Equatable {
    public var maxObjects = WalkLimits.standard.maxObjects
    public var maxDepth = WalkLimits.standard.maxDepth
    public var stallTimeout = RemoteOptions().stallTimeout
    public var retries = RemoteOptions().retries
    public var s3Endpoint: String?
    public var s3Region: String?
    /// A file of certificate authorities (`--ca-bundle`), before the environment's.
    public var caBundle: String?

    public init() {}

    /// The options this reading stands for; AWS credentials and certificate authorities come from
    /// `environment` (a worker's is its parent's), archive locations from `locations`.
    public func summaryOptions(
        environment: [String: String], locations: [String: RemoteLocation] = [:]
    ) -> SummaryOptions {
        summaryOptions(remote: remoteOptions(environment: environment, locations: locations))
    }

    /// The summary options of this reading, remote files opened with `remote`.
    public func summaryOptions(remote: RemoteOptions) -> SummaryOptions {
        var options = SummaryOptions(remote: remote)
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        return options
    }

    /// How remote files are fetched in this reading; AWS credentials and certificate authorities come from
    /// `environment`, archive locations from `locations`.
    public func remoteOptions(environment: [String: String], locations: [String: RemoteLocation] = [:]) -> RemoteOptions {
        var remote = RemoteOptions()
        remote.stallTimeout = stallTimeout
        remote.retries = retries
        remote.s3Endpoint = s3Endpoint
        remote.s3Region = s3Region
        remote.locations = locations
        remote.s3Credentials = S3Credentials.from(environment: environment)
        let authorities = RemoteOptions.certificateAuthorities(environment: environment)
        remote.certificateAuthorities = caBundle ?? authorities.file
        remote.certificateAuthorityFolder = authorities.folder
        return remote
    }
}

/// What a worker makes of each file, with the options that decide it: the parent and the worker build
/// the same `FileProduct` from it.
public enum WorkerProduct: Codable, Sendable, Equatable {
    /// The whole summary.
    case summary
    /// The summary as `summarize` prints it in text.
    case text
    /// The summary through a Markdown template (the bundled one when `template` is nil).
    case markdown(template: String?)
    /// A pynwb usage script (`summarize --format pynwb`), through `template` (the bundled one when nil).
    case usageScript(template: String?)
    /// One object and a bounded slice of its values (the MCP tool `nwb_object`).
    case object(ObjectRequest)
    /// The DANDI asset facts.
    case asset(recogniseByteTypes: Bool)
    /// The structural signature.
    case signature
    /// The checks' findings.
    case check(CheckRequest)
    /// What the catalog shows of a file: previews within `thumbnailBytes`, findings when `checks` is given.
    case catalog(thumbnailBytes: Int?, checks: CheckRequest?)
}

/// What decides a worker's replies, and so the key of the results the cache keeps: how files are read and
/// what is made of them, in one canonical encoding (never where archive assets are, nor their secrets).
public struct WorkerRequest: Codable, Sendable, Equatable {
    public var reading: WorkerReading
    public var product: WorkerProduct

    public init(reading: WorkerReading, product: WorkerProduct) {
        self.reading = reading
        self.product = product
    }
}

/// One request to a session worker (`WorkerConfiguration.session`): a file, what to make of it, and where
/// it is read when it is an archive asset (with its origin-bound credentials, as `locations` carry them).
public struct WorkerTask: Codable, Sendable, Equatable {
    public var path: String
    public var product: WorkerProduct
    public var location: RemoteLocation?

    public init(path: String, product: WorkerProduct, location: RemoteLocation? = nil) {
        self.path = path
        self.product = product
        self.location = location
    }
}
