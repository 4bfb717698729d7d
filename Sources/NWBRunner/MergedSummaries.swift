import Foundation
import NWBJSON
import NWBKit

/// Reads the JSON Lines outputs of `nwbkit summarize --format jsonl` (shards of one run) and hands
/// their summaries and failures over in path order — the order one run over the same folder gives —
/// so every command renders from them exactly what one run would have printed.
public enum MergedSummaries {
    /// Why a part could not be merged.
    public struct PartError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    private struct FailureRecord: Decodable {
        var path: String
        var error: String
    }

    @discardableResult
    public static func run(parts: [String], body: (FileOutcome, Int, Int) throws -> Void) throws -> Int {
        var outcomes: [(path: String, outcome: FileOutcome)] = []
        for part in parts {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: part))
            } catch {
                throw PartError(path: part, line: 0, message: "cannot read: \((error as NSError).localizedDescription)")
            }
            var lineNumber = 0
            // Lines cut from one array (splitting `Data` itself took a third of a merge).
            let all = [UInt8](data)
            for line in all.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
                lineNumber += 1
                let bytes = Array(line)
                if let summary = try? FastJSONDecoder().decode(FileSummary.self, from: bytes) {
                    outcomes.append((summary.path, .result(WorkerResult(summary: summary))))
                } else if let failure = try? FastJSONDecoder().decode(FailureRecord.self, from: bytes) {
                    outcomes.append((failure.path, .failure(.workerFailed(path: failure.path, detail: failure.error))))
                } else {
                    throw PartError(path: part, line: lineNumber, message: "not a line of `nwbkit summarize --format jsonl`")
                }
            }
        }
        outcomes.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var failures = 0
        for (index, entry) in outcomes.enumerated() {
            if case .failure = entry.outcome { failures += 1 }
            try body(entry.outcome, index, outcomes.count)
        }
        return failures
    }
}
