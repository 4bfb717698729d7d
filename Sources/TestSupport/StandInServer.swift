import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The tests' stand-in of a remote file server (`Tests/RemoteStandIn/standin.py`), on 127.0.0.1: started
/// by a test, stopped when it is released (its standard input closes and it exits), and never older than
/// its `--max-seconds`.
public final class StandInServer {
    /// The port it listens on.
    public let port: Int
    /// With a DANDI configuration, the blob store's origin (another host or port than the API's:
    /// `http://127.0.0.2:PORT`), where the archive's download URLs redirect.
    public let blobOrigin: String?
    private let process: Process
    private let input: Pipe

    /// Starts a server of the files under `root`, with `latency` seconds added to each request; with
    /// `s3Key` (`ID:SECRET`), `/s3/…` for requests signed by that key only; with `dandi`, also the DANDI API and blob store that configuration describes (`Tests/RemoteStandIn/dandi_api.py`).
    public init(root: URL, latency: Double = 0, dandi: URL? = nil, s3Key: String? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = TestPaths.packageRoot.appending(path: "Tests/RemoteStandIn/standin.py").path
        process.arguments =
            [
                "python3", script, "--root", root.path, "--latency-ms", String(latency * 1000), "--max-seconds", "600",
            ] + (dandi.map { ["--dandi", $0.path] } ?? []) + (s3Key.map { ["--s3-key", $0] } ?? [])
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is "PORT n", or "PORT n BLOBS m HOST" with a DANDI configuration.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ").map(String.init)
        guard words.count >= 2, words[0] == "PORT", let port = Int(words[1]) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the stand-in server did not start"])
        }
        self.port = port
        blobOrigin = words.count >= 5 && words[2] == "BLOBS" ? "http://\(words[4]):\(words[3])" : nil
    }

    deinit { stop() }

    /// Stops the server now.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The URL of `route` (e.g. `files/ecephys.nwb`).
    public func url(_ route: String) -> String { "http://127.0.0.1:\(port)/\(route)" }

    /// Requests and body bytes served since the last `resetStats()`, and requests per route.
    public func stats() throws -> (requests: Int, bytes: Int, paths: [String: Int]) {
        let data = try Data(contentsOf: URL(string: url("_stats"))!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (
            object["requests"] as? Int ?? -1, object["bytes"] as? Int ?? -1, object["paths"] as? [String: Int] ?? [:]
        )
    }

    /// API and blob requests since the last `resetStats()`, and each request as (method, path, Range,
    /// Authorization, Host, x-amz-security-token, role: `api` or `blobs`, the origin it reached).
    public func archiveStats() throws -> (api: Int, blobs: Int, log: [[String?]]) {
        let data = try Data(contentsOf: URL(string: url("_stats"))!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let log = (object["log"] as? [[Any]] ?? []).map { $0.map { $0 as? String } }
        return (object["api"] as? Int ?? -1, object["blobs"] as? Int ?? -1, log)
    }

    /// Makes the next `count` API requests fail as `mode` says (503, 429, reset, stall).
    public func failAPI(_ mode: String, count: Int) throws {
        _ = try Data(contentsOf: URL(string: url("_fault?mode=\(mode)&count=\(count)"))!)
    }

    /// The API root of the stand-in archive (for `--dandi-instance`).
    public var apiURL: String { url("api") }

    /// Sets the counts to zero (and lets the fault modes fail once again).
    public func resetStats() throws { _ = try Data(contentsOf: URL(string: url("_reset"))!) }
}
