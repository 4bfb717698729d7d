import NWBJSON
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
    /// The pretty document written piece by piece to `write`: each summary is re-indented on its own, so
    /// no copy of the whole document (or of one whole summary) is held. Byte-identical to `prettyDocument`.
    public static func writePrettyDocument(
        summaryBodies: [[UInt8]], failures: [Failure], to write: ([UInt8]) throws -> Void
    ) throws {
        try write(Array("{\n  \"failures\": ".utf8))
        try JSONReindent.pretty(try FastJSONEncoder(prettyPrinted: false).encode(failures), depth: 1, emit: write)
        if summaryBodies.isEmpty {
            try write(Array(",\n  \"summaries\": [],".utf8))
        } else {
            try write(Array(",\n  \"summaries\": [".utf8))
            for (index, body) in summaryBodies.enumerated() {
                try write(Array("\n    ".utf8))
                try JSONReindent.pretty(body, depth: 2, emit: write)
                if index < summaryBodies.count - 1 { try write([UInt8(ascii: ",")]) }
            }
            try write(Array("\n  ],".utf8))
        }
        let tool = try FastJSONEncoder(prettyPrinted: false).encode("nwbkit")
        let version = try FastJSONEncoder(prettyPrinted: false).encode(NWBKitVersion.current)
        try write(Array("\n  \"tool\": ".utf8) + tool + Array(",\n  \"version\": ".utf8) + version + Array("\n}\n".utf8))
    }

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
