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

extension SummaryDocument {
    /// The pretty JSON document for summaries given as compact JSON (as workers send them): the same
    /// bytes `JSONRendering.prettyData(SummaryDocument(...))` writes for the decoded summaries.
    public static func prettyDocument(summaryBodies: [[UInt8]], failures: [Failure]) throws -> [UInt8] {
        var compact = Array(#"{"failures":"#.utf8)
        compact += try FastJSONEncoder(prettyPrinted: false).encode(failures)
        compact += Array(#","summaries":["#.utf8)
        for (index, body) in summaryBodies.enumerated() {
            if index > 0 { compact.append(UInt8(ascii: ",")) }
            compact += body
        }
        compact += Array("],\"tool\":".utf8)
        compact += try FastJSONEncoder(prettyPrinted: false).encode("nwbkit")
        compact += Array(",\"version\":".utf8)
        compact += try FastJSONEncoder(prettyPrinted: false).encode(NWBKitVersion.current)
        compact.append(UInt8(ascii: "}"))
        var pretty = JSONReindent.pretty(compact)
        pretty.append(UInt8(ascii: "\n"))
        return pretty
    }
}
