import Foundation
import NWBKit

/// The line protocol between `nwbkit` and its worker processes (`nwbkit worker`): the parent writes
/// one JSON string (a path) per line; the worker answers each with one JSON line, a `WorkerReply`.
public enum WorkerProtocol {
    /// The answer for one path.
    public struct Reply: Codable, Sendable {
        public var summary: FileSummary?
        public var failure: SummaryError?
    }

    /// Serves requests from standard input until it closes (the worker's main loop).
    public static func serve(options: SummaryOptions) {
        let crashOn = ProcessInfo.processInfo.environment["NWBKIT_TEST_CRASH_ON"]
        let hangOn = ProcessInfo.processInfo.environment["NWBKIT_TEST_HANG_ON"]
        let output = FileHandle.standardOutput
        while let line = readLine(strippingNewline: true) {
            guard let data = line.data(using: .utf8), let path = try? JSONDecoder().decode(String.self, from: data) else { continue }
            // Test hooks: make this worker die or hang on a chosen file, as a crafted file could.
            if let crashOn, !crashOn.isEmpty, path.contains(crashOn) {
                UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1  // a real segmentation fault
            }
            if let hangOn, !hangOn.isEmpty, path.contains(hangOn) { while true { sleep(60) } }
            var reply = Reply()
            do {
                reply.summary = try FileSummarizer.summarize(path, options: options)
            } catch {
                reply.failure = error
            }
            var bytes = (try? FastJSONEncoder(prettyPrinted: false).encode(reply)) ?? Array(#"{"failure":null}"#.utf8)
            bytes.append(UInt8(ascii: "\n"))
            output.write(Data(bytes))
        }
    }
}
