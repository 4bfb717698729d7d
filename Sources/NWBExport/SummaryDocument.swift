import NWBKit

/// The JSON document `nwbkit summarize --format json` prints: every summary and every failure.
public struct SummaryDocument: Sendable, Codable, Equatable {
    /// A path that gave no summary, and why.
    public struct Failure: Sendable, Codable, Equatable {
        public var path: String
        public var error: String

        public init(path: String, error: String) {
            self.path = path
            self.error = error
        }
    }

    public var tool: String = "nwbkit"
    public var version: String = NWBKitVersion.current
    public var summaries: [FileSummary]
    public var failures: [Failure]

    public init(summaries: [FileSummary], failures: [Failure]) {
        self.summaries = summaries
        self.failures = failures
    }
}
