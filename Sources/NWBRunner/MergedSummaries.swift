import Foundation
import NWBJSON
import NWBKit
import NWBSupport
import Platform

/// Reads the JSON Lines outputs of `nwbkit summarize --format jsonl` (shards of one run) and hands
/// their summaries and failures over in path order — the order one run over the same folder gives —
/// so every command renders from them exactly what one run would have printed. The parts are a set
/// union: a path given twice with the same line (the same part named twice, overlapping parts) counts
/// once; a path given twice with different lines is refused with one line naming it and both parts.
public enum MergedSummaries {
    /// Why a part could not be merged.
    public struct PartError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
    }

    private struct FailureRecord: Decodable {
        var path: String
        var error: String
    }

    @discardableResult
    public static func run(parts: [String], body: (FileOutcome, Int, Int) throws -> Void) throws -> Int {
        var outcomes: [(path: String, outcome: FileOutcome)] = []
        /// Where each path was met first: its line's SHA-256 and part, to tell a repeat from a conflict.
        var seen: [String: (line: String, part: String, index: Int)] = [:]
        var conflicts = Set<String>()
        for part in parts {
            // A part is a regular file (a device such as /dev/zero would never end).
            guard let status = RawPath.status(part) else {
                throw PartError(path: part, line: 0, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw PartError(path: part, line: 0, message: "not a regular file (a part is a summarize --format jsonl output)")
            }
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
                let entry: (path: String, outcome: FileOutcome)
                if let summary = try? FastJSONDecoder().decode(FileSummary.self, from: bytes) {
                    entry = (summary.path, .result(WorkerResult(summary: summary)))
                } else if let failure = try? FastJSONDecoder().decode(FailureRecord.self, from: bytes) {
                    entry = (failure.path, .failure(.worker(path: failure.path, detail: failure.error)))
                } else {
                    throw PartError(path: part, line: lineNumber, message: "not a line of `nwbkit summarize --format jsonl`")
                }
                let digest = SHA256Digest.hex(of: bytes)
                if let first = seen[entry.path] {
                    if first.line != digest && conflicts.insert(entry.path).inserted {
                        outcomes[first.index] = (
                            entry.path,
                            .failure(
                                .worker(
                                    path: entry.path,
                                    detail:
                                        "two different summaries of this path (in \(first.part) and \(part)); neither is used"))
                        )
                    }
                    continue
                }
                seen[entry.path] = (digest, part, outcomes.count)
                outcomes.append(entry)
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
