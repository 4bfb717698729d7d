import Foundation
import NWBJSON
import NWBCheck
import NWBKit
import NWBPreviews
import TestSupport
import RemoteReading
import XCTest

@testable import NWBRunner

/// The worker's configuration and the protocol's version on their own (the runs themselves are tested
/// through the command in nwbkitTests).
final class NWBRunnerTests: XCTestCase {
    func testTheConfigurationLineRoundTripsAndKeepsSecretsBound() throws {
        let api = try XCTUnwrap(Origin(url: "https://api.example.org/"))
        var configuration = WorkerConfiguration(
            locations: [
                "DANDI:000001/draft/sub-1.nwb": RemoteLocation(
                    url: "https://blobs.example.org/b/1", size: 10, contentIdentity: "etag",
                    credentials: [OriginCredential(origin: api, header: "Authorization: token secret")])
            ], fileDeadline: 30, parent: 42)
        configuration.remoteCacheBytes = 1 << 20
        let line = try configuration.line()
        XCTAssertEqual(line.last, UInt8(ascii: "\n"))
        XCTAssertFalse(line.dropLast().contains(UInt8(ascii: "\n")), "one line")
        let decoded = try FastJSONDecoder().decode(WorkerConfiguration.self, from: Array(line.dropLast()))
        XCTAssertEqual(decoded, configuration)
        XCTAssertEqual(decoded.locations.values.first?.credentials.first?.origin, api)
    }

    func testEveryFieldMayBeLeftOut() throws {
        let empty = try FastJSONDecoder().decode(WorkerConfiguration.self, from: Array("{}".utf8))
        XCTAssertEqual(empty, WorkerConfiguration())
        XCTAssertThrowsError(try FastJSONDecoder().decode(WorkerConfiguration.self, from: Array(#"{"parent": "x"}"#.utf8)))
    }

    func testTheProtocolVersionSaysWhatChanged() {
        // Part of the cache's key: raised with every change of replies or entries (5: region selections).
        XCTAssertGreaterThanOrEqual(WorkerProtocol.version, 5)
    }
}

/// The framing of workers' replies, however the pipe cuts the bytes.
final class ReplyFramerTests: XCTestCase {
    /// A raw body with newlines (its length in the header), a JSON body to the newline, and a failure.
    private let replies: [[UInt8]] = [
        Array("{\"length\":12,\"path\":\"a.nwb\"}\tline1\nline2\n".utf8),
        Array("{\"path\":\"b.nwb\",\"warnings\":[]}\t{\"summary\":true}".utf8),
        Array("{\"failure\":{\"missing\":{\"path\":\"c.nwb\"}}}".utf8),
    ]

    private var stream: [UInt8] { replies.flatMap { $0 + [UInt8(ascii: "\n")] } }

    func testEveryCutGivesTheSameReplies() {
        let bytes = stream
        for cut in 0...bytes.count {
            var framer = ReplyFramer()
            let got = framer.append(bytes[..<cut]) + framer.append(bytes[cut...])
            XCTAssertEqual(got, replies, "cut at \(cut)")
            XCTAssertEqual(framer.pendingCount, 0)
        }
    }

    func testByteByByteAndAllAtOnce() {
        var framer = ReplyFramer()
        var got: [[UInt8]] = []
        for byte in stream { got += framer.append([byte][...]) }
        XCTAssertEqual(got, replies)
        var whole = ReplyFramer()
        XCTAssertEqual(whole.append(stream[...]), replies)
    }

    /// A catalog entry's PNGs cross as binary frames after its JSON (tabs, newlines and all): the framer
    /// cuts the reply by the header's length, the decoder takes the frames off the end, and the product put
    /// back together is the one the worker made; the JSON holds no base64.
    func testBinaryFramesFollowTheJSONAndComeBackWhole() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x09, 0x00, 0x0A, 0xFF]
        let summary = try FileSummarizer.summarize(TestPaths.sample("ophys.nwb"))
        let previews = FilePreviews(
            previews: [
                .init(object: "/a", kind: .image, caption: "a", width: 2, height: 2, bytesRead: 4, png: png),
                .init(object: "/b", kind: .roiMasks, caption: "b", width: 1, height: 1, bytesRead: 1, png: Array(png.reversed())),
            ], notes: [], bytesRead: 5, allowance: 100)
        let made = CatalogFile(summary: summary, previews: previews)
        let product = try FileProduct<CatalogFile>.catalog(thumbnailBytes: 100, remote: RemoteOptions())
        var detached = made
        let frames = product.frames!.detach(&detached)
        XCTAssertEqual(frames, [Array(made.page.treeJSON.utf8), png, Array(png.reversed())])
        let json = try FastJSONEncoder(prettyPrinted: false).encode(detached)
        XCTAssertFalse(String(decoding: json, as: UTF8.self).contains("\"png\""), "no PNG inside the JSON")
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains(#""treeJSON":"""#), "no tree inside the JSON")
        // The reply as a worker writes it, cut at every place.
        let tree = frames[0].count
        let header = Array(
            #"{"frames":[\#(tree),12,12],"length":\#(json.count + tree + 24),"path":"ophys.nwb","product":"catalog","warnings":[]}"#
                .utf8)
        let reply = header + [UInt8(ascii: "\t")] + json + frames.flatMap { $0 }
        let stream = reply + [UInt8(ascii: "\n")]
        for cut in stride(from: 0, through: stream.count, by: 97) {
            var framer = ReplyFramer()
            XCTAssertEqual(framer.append(stream[..<cut]) + framer.append(stream[cut...]), [reply], "cut at \(cut)")
        }
        guard case .result(let result)? = WorkerProtocol.decode(reply) else { return XCTFail("not a result") }
        let back = try result.product(product)
        XCTAssertEqual(back.previews, previews)
        XCTAssertEqual(back.page.treeJSON, made.page.treeJSON)
        // Frames whose lengths pass the reply's end: no result.
        let lying = Array(#"{"frames":[100000],"path":"x","product":"catalog"}"#.utf8) + [UInt8(ascii: "\t")] + json
        XCTAssertNil(WorkerProtocol.decode(lying))
    }

    func testAnUnfinishedReplyWaits() {
        var framer = ReplyFramer()
        let first = replies[0]
        XCTAssertEqual(framer.append(first[...]), [], "the body's last newline and the reply's are still to come")
        XCTAssertEqual(framer.append([UInt8(ascii: "\n")][...]), [first])
    }
}

/// What a worker is asked to do, as one typed value: products round-trip, and the cache's key (the
/// request's canonical encoding) holds no location or secret.
final class WorkerRequestTests: XCTestCase {
    func testEveryProductRoundTrips() throws {
        let products: [WorkerProduct] = [
            .summary, .text, .markdown(template: "/tmp/t.md"), .markdown(template: nil), .asset(recogniseByteTypes: true),
            .signature, .check(CheckRequest(select: "check_subject_exists", rules: "r.yaml", schema: ["/s"], dataBytes: 5)),
            .catalog(thumbnailBytes: 1 << 20, checks: CheckRequest(dataChecks: false)),
            .catalog(thumbnailBytes: nil, checks: nil), .usageScript(template: nil), .usageScript(template: "/t.py"),
            .object(ObjectRequest(path: "/units/spike_times", start: 3, count: 7, maxBytes: 1 << 30)),
        ]
        for product in products {
            var reading = WorkerReading()
            reading.maxObjects = 10
            reading.s3Region = "us-east-2"
            let request = WorkerRequest(reading: reading, product: product)
            let encoded = try FastJSONEncoder(prettyPrinted: false).encode(request)
            XCTAssertEqual(try FastJSONDecoder().decode(WorkerRequest.self, from: encoded), request, "\(product)")
            // One encoding for one request: the cache's key does not change between runs.
            XCTAssertEqual(try FastJSONEncoder(prettyPrinted: false).encode(request), encoded)
        }
    }

    func testTheKeyHoldsNoLocationOrSecret() throws {
        let api = try XCTUnwrap(Origin(url: "https://api.example.org/"))
        let configuration = WorkerConfiguration(
            request: WorkerRequest(reading: WorkerReading(), product: .text),
            locations: ["x.nwb": RemoteLocation(url: "https://b.example.org/1", credentials: [
                OriginCredential(origin: api, header: "Authorization: token secret-key")
            ])])
        let key = String(decoding: try FastJSONEncoder(prettyPrinted: false).encode(configuration.request), as: UTF8.self)
        XCTAssertFalse(key.contains("secret-key"))
        XCTAssertFalse(key.contains("b.example.org"))
        // The configuration line itself carries them (the pipe, never argv or a file).
        XCTAssertTrue(String(decoding: try configuration.line(), as: UTF8.self).contains("secret-key"))
    }
}

/// The one run API, in this process and from summaries written earlier (worker runs are the command's
/// tests): outcomes in input order, failures among them, the same summary either way.
final class FileRunTests: XCTestCase {
    func testOutcomesComeInInputOrderWhateverTheMode() throws {
        let paths = [TestPaths.sample("ophys.nwb"), "/nonexistent.nwb", TestPaths.sample("ecephys.nwb")]
        let request = WorkerRequest(reading: WorkerReading(), product: .summary)
        var seen: [String] = []
        var lines: [String] = []
        let failures = try FileRun(paths: paths, discovery: FileDiscovery(), request: request, mode: .inProcess).run {
            outcome, position, total in
            XCTAssertEqual(total, 3)
            XCTAssertEqual(position, seen.count)
            switch outcome {
            case .result(let result):
                seen.append(result.path)
                lines.append(String(decoding: try result.body(), as: UTF8.self))
            case .failure(let error): seen.append("failed: " + error.path)
            }
        }
        XCTAssertEqual(failures, 1)
        XCTAssertEqual(seen, [paths[0], "failed: /nonexistent.nwb", paths[2]])
        // The same summaries, merged from a JSON Lines part written earlier.
        let part = FileManager.default.temporaryDirectory.appending(path: "nwbkit-filerun-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: part) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: part)
        var merged: [String] = []
        try FileRun(paths: [part.path], discovery: FileDiscovery(), request: request, mode: .fromSummaries).run { outcome, _, _ in
            if case .result(let result) = outcome { merged.append(String(decoding: try result.body(), as: UTF8.self)) }
        }
        // (A merge orders files by path, as one run over their folder would.)
        XCTAssertEqual(merged.sorted(), lines.sorted())
    }

    func testARequestIsPlannedAsItAsks() throws {
        let worker = URL(fileURLWithPath: "/usr/bin/nwbkit")
        var request = RunRequest(paths: [TestPaths.sample("ophys.nwb")], work: WorkerRequest(reading: WorkerReading(), product: .text))
        func plan(_ request: RunRequest) throws -> FileRun { try FileRun(request, workerExecutable: worker, warn: { XCTFail($0) }) }

        // No jobs asked: the cores, no time-out, no shared remote bound for local inputs.
        guard case .workers(let executable, let jobs, let timeout) = try plan(request).mode else { return XCTFail("not workers") }
        XCTAssertEqual(executable, worker)
        XCTAssertEqual(jobs, ProcessInfo.processInfo.activeProcessorCount)
        XCTAssertNil(timeout)
        XCTAssertNil(try plan(request).remoteCacheBytes)
        // Remote inputs: at least `remoteJobs` workers, whose block caches share one bound.
        request.paths = ["https://example.org/a.nwb"]
        request.timeout = 0
        guard case .workers(_, let remoteJobs, nil) = try plan(request).mode else { return XCTFail("not workers") }
        XCTAssertEqual(remoteJobs, max(ProcessInfo.processInfo.activeProcessorCount, FileRun.remoteJobs))
        XCTAssertEqual(try plan(request).remoteCacheBytes, max(16 << 20, min(256 << 20, FileRun.remoteCacheBytes / remoteJobs)))
        request.jobs = 3
        request.timeout = 7
        guard case .workers(_, 3, 7) = try plan(request).mode else { return XCTFail("not 3 workers within 7 s") }
        // 0 jobs: this process; merged summaries whatever the jobs.
        request.jobs = 0
        guard case .inProcess = try plan(request).mode else { return XCTFail("not in process") }
        request.fromSummaries = true
        request.cacheFolder = URL(fileURLWithPath: "/nonexistent/cache")
        let merge = try plan(request)
        guard case .fromSummaries = merge.mode else { return XCTFail("not a merge") }
        XCTAssertNil(merge.cache, "a merge reads no file to keep")
    }

    func testInputsThatFailedFirstComeFirstAndACacheThatCannotBeWrittenIsSaid() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-plan-\(UUID().uuidString)")
        try Data("not a folder".utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        var request = RunRequest(paths: [TestPaths.sample("ophys.nwb")], work: WorkerRequest(reading: WorkerReading(), product: .summary))
        request.jobs = 0
        request.cacheFolder = folder
        request.failedInputs = [.archive(path: "DANDI:999999", detail: "dandiset 999999 not found")]
        let warnings = LockedLines()
        let run = try FileRun(request, workerExecutable: URL(fileURLWithPath: "/usr/bin/nwbkit"), warn: { warnings.append($0) })
        XCTAssertEqual(run.cache?.salt, try FileRun.cacheSalt(for: request.work))
        XCTAssertEqual(warnings.lines.count, 1)
        XCTAssertTrue(warnings.lines.first?.hasPrefix("--cache: ") == true, warnings.lines.description)
        var seen: [String] = []
        let failures = try run.run { outcome, _, _ in
            switch outcome {
            case .failure(let failure): seen.append("failed: \(failure)")
            case .result(let result): seen.append(result.path)
            }
        }
        XCTAssertEqual(failures, 1)
        XCTAssertEqual(seen, ["failed: DANDI:999999: dandiset 999999 not found", TestPaths.sample("ophys.nwb")])
    }

    func testTheCacheSaltIsTheRequest() throws {
        let text = WorkerRequest(reading: WorkerReading(), product: .text)
        let json = WorkerRequest(reading: WorkerReading(), product: .summary)
        XCTAssertNotEqual(try FileRun.cacheSalt(for: text), try FileRun.cacheSalt(for: json))
        XCTAssertEqual(try FileRun.cacheSalt(for: text), try FileRun.cacheSalt(for: text))
        XCTAssertTrue(try FileRun.cacheSalt(for: text).hasPrefix("nwbkit \(NWBKitVersion.current) protocol \(WorkerProtocol.version) {"))
    }
}

/// Lines a `@Sendable` closure adds to, read after.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    func append(_ line: String) { lock.withLock { kept.append(line) } }
    var lines: [String] { lock.withLock { kept } }
}
