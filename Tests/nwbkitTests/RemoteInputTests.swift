import Foundation
import HDF5TestFiles
import TestSupport
import XCTest

/// Remote files (http://, https://) read through the stand-in server on loopback: the same outputs as the
/// local files, few requests, no bulk data, and every fault answered within a bounded time.
final class RemoteInputTests: XCTestCase {
    private let samples = TestPaths.sampleNames

    /// What a remote run prints, with the server's URLs written back as the local paths.
    private func localized(_ text: String, _ server: StandInServer, folder: String) -> String {
        text.replacingOccurrences(of: server.url("files/"), with: folder)
    }

    func testARemoteFileSummarizesAsTheLocalFileInEveryFormat() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        let folder = TestPaths.sampleData.path + "/"
        let remote = samples.map { server.url("files/" + $0) }
        let local = samples.map { folder + $0 }
        for format in ["text", "json", "jsonl", "markdown"] {
            let remoteRun = try InProcessCommand.nwbkit(["summarize", "--format", format] + remote)
            let localRun = try InProcessCommand.nwbkit(["summarize", "--format", format] + local)
            XCTAssertEqual(remoteRun.status, 0, remoteRun.stderr)
            XCTAssertEqual(localized(remoteRun.stdout, server, folder: folder), localRun.stdout, format)
            XCTAssertEqual(remoteRun.stderr, "")
        }
        for command in [["check", "--format", "json"], ["assets"], ["types"]] {
            let remoteRun = try InProcessCommand.nwbkit(command + remote)
            let localRun = try InProcessCommand.nwbkit(command + local)
            if command[0] == "check" {
                // Beside a URL there is no folder to look for images.nwb's external video in: a note, not a finding.
                XCTAssertTrue(remoteRun.stdout.contains("of a remote file is not looked up"), remoteRun.stdout)
                XCTAssertFalse(remoteRun.stdout.contains("check_image_series_external_file_valid\", \"importance\""))
                continue
            }
            XCTAssertEqual(localized(remoteRun.stdout, server, folder: folder), localRun.stdout, command[0])
        }
        // Five small files (180–360 KB): each fetched in at most 4 requests (h5py + remfile needs 4 for
        // ecephys.nwb: Benchmarks.md), none of it twice.
        try server.resetStats()
        _ = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--jobs", "1"] + remote)
        let stats = try server.stats()
        XCTAssertLessThanOrEqual(stats.requests, 4 * samples.count)
        let sizes = try samples.map { try FileManager.default.attributesOfItem(atPath: folder + $0)[.size] as? Int ?? 0 }
        XCTAssertLessThanOrEqual(stats.bytes, sizes.reduce(0, +))
        // The data checks read through the file the summary opened: a check run with its data checks costs
        // what the summary costs, the values already in the block cache (each file opened once).
        for sample in remote {
            try server.resetStats()
            _ = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", sample])
            let summary = try server.stats()
            try server.resetStats()
            _ = try InProcessCommand.nwbkit(["check", sample])
            let checked = try server.stats()
            XCTAssertEqual(checked.requests, summary.requests, sample)
            XCTAssertEqual(checked.bytes, summary.bytes, sample)
        }
    }

    func testCorpusFilesSummarizeRemotelyAsLocally() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let corpus = shared.appending(path: "corpus")
        let server = try StandInServer(root: corpus)
        let files = TestPaths.corpusFiles().enumerated().filter { $0.offset % 8 == 0 }.map(\.element)
        let remoteRun = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--quiet"] + files.map { server.url("files/" + $0) })
        let localRun = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--quiet"] + files.map { corpus.path + "/" + $0 })
        XCTAssertEqual(localized(remoteRun.stdout, server, folder: corpus.path + "/"), localRun.stdout)
        XCTAssertEqual(remoteRun.status, localRun.status)
    }

    func testARemoteRunReadsNoBulkData() throws {
        let folder = try temporaryFolder("remote-bulk")
        let path = folder.appending(path: "bulk.nwb").path
        let writer = try TestFileWriter(path: path)
        writer.group("/acquisition/raw")
        writer.stringAttribute("/acquisition/raw", "neurodata_type", "TimeSeries")
        writer.stringAttribute("/acquisition/raw", "namespace", "core")
        writer.filledDataset("/acquisition/raw/data", count: 4 << 20)  // 32 MiB of values
        writer.close()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        XCTAssertGreaterThan(size, 32 << 20)
        let server = try StandInServer(root: folder)
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", server.url("files/bulk.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\"storedBytes\": 33554432"))
        let stats = try server.stats()
        XCTAssertLessThan(stats.bytes, 1 << 20, "a summary fetches metadata, not the 32 MiB of data")
        XCTAssertLessThanOrEqual(stats.requests, 4)
    }

    /// Metadata written at three places with bulk data between (as pynwb writes a file whose series come
    /// before its tables): read-ahead follows the reads and stops growing when they jump, so the data
    /// between is not fetched. Bound: 1.5 MiB and 10 requests for a 48 MiB file (Benchmarks.md part 10
    /// measures real files beside h5py + remfile).
    func testScatteredMetadataIsReadWithoutTheDataBetween() throws {
        let folder = try temporaryFolder("remote-scattered")
        let path = folder.appending(path: "scattered.nwb").path
        let writer = try TestFileWriter(path: path)
        func metadata(_ prefix: String, count: Int) {
            writer.group(prefix)
            for index in 0..<count {
                writer.group("\(prefix)/g\(index)")
                writer.stringAttribute("\(prefix)/g\(index)", "description", "object \(index) of \(prefix)")
                writer.integerAttribute("\(prefix)/g\(index)", "rank", Int64(index))
            }
        }
        metadata("/general/lab", count: 150)
        writer.group("/acquisition/raw")
        writer.filledDataset("/acquisition/raw/data", count: 4 << 20)  // 32 MiB
        metadata("/processing", count: 150)
        writer.group("/acquisition/second")
        writer.filledDataset("/acquisition/second/data", count: 2 << 20)  // 16 MiB
        metadata("/intervals", count: 150)
        writer.close()
        let server = try StandInServer(root: folder)
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", server.url("files/scattered.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", path])
        XCTAssertEqual(run.stdout.replacingOccurrences(of: server.url("files/scattered.nwb"), with: path), local.stdout)
        let stats = try server.stats()
        XCTAssertLessThan(stats.bytes, 3 << 19, "\(stats.bytes) bytes: metadata, not the data between")
        XCTAssertLessThanOrEqual(stats.requests, 10)
    }

    /// An Allen MIES file (ipfx's `H18…`, 4 MB) keeps its metadata between its sweeps over the whole file:
    /// libhdf5 jumps back and forth, and small gaps between what is cached are filled in one request.
    /// h5py + remfile take 10 requests and 1.91 MB (Benchmarks.md, part 10); the bound is theirs.
    func testMetadataBetweenSweepsTakesNoMoreRequestsThanRemfile() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let folder = shared.appending(path: "corpus/AllenInstitute__ipfx")
        let name = "H18.03.315.11.11.01.05.nwb"
        let server = try StandInServer(root: folder)
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", server.url("files/\(name)")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", folder.path + "/" + name])
        XCTAssertEqual(run.stdout.replacingOccurrences(of: server.url("files/\(name)"), with: folder.path + "/" + name), local.stdout)
        let stats = try server.stats()
        XCTAssertLessThanOrEqual(stats.requests, 10)
        XCTAssertLessThanOrEqual(stats.bytes, 2_386_000, "at most 1.25 × remfile's 1.909 MB")
    }

    func testEachFaultIsRetriedOrSaidInBoundedTime() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        let good = server.url("files/ophys.nwb")
        // 503 with Retry-After, a reset and a short body are tried again and read.
        for mode in ["503", "reset", "short"] {
            let run = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", server.url("fault/\(mode)/ecephys.nwb"), good])
            XCTAssertEqual(run.status, 0, "\(mode): \(run.stderr)")
            XCTAssertEqual(run.stdout.split(separator: "\n").count, 2, mode)
        }
        // A server that stops sending, one that refuses, a missing file, one that is not there: one line each,
        // the other file read, and the run over in bounded time.
        let started = Date()
        let run = try InProcessCommand.nwbkit([
            "summarize", "--format", "jsonl", "--stall-timeout", "1", "--retries", "1",
            server.url("fault/stall/ecephys.nwb"), server.url("fault/403/ecephys.nwb"), server.url("files/missing.nwb"),
            "http://127.0.0.1:1/nothing-listens-here.nwb", good,
        ])
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(run.status, 1)
        let records = run.stdout.split(separator: "\n")
        XCTAssertEqual(records.filter { $0.hasPrefix("{\"error\":") }.count, 4)
        XCTAssertEqual(records.filter { $0.contains("\"path\":\"\(good)\"") }.count, 1, "the good file is read")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(
            lines,
            [
                "nwbkit: \(server.url("fault/stall/ecephys.nwb")): cannot read the remote file: the server sent nothing for 1 s (--stall-timeout) (2 tries)",
                "nwbkit: \(server.url("fault/403/ecephys.nwb")): cannot read the remote file: access denied (HTTP 403)",
                "nwbkit: \(server.url("files/missing.nwb")): cannot read the remote file: not found (HTTP 404)",
                "nwbkit: http://127.0.0.1:1/nothing-listens-here.nwb: cannot read the remote file: Failed to connect to 127.0.0.1 port 1: Couldn't connect to server (2 tries)",
            ])
        // A server that ignores Range would send whole files: refused, not downloaded.
        let noRanges = try InProcessCommand.nwbkit(["summarize", server.url("no-ranges/ophys.nwb")])
        XCTAssertTrue(noRanges.stderr.contains("the server does not serve byte ranges"), noRanges.stderr)
    }

    func testARedirectIsFollowedOnce() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--jobs", "0", server.url("redirect/ophys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\"path\": \"\(server.url("redirect/ophys.nwb"))\""))
        let stats = try server.stats()
        XCTAssertEqual(stats.paths["/redirect/ophys.nwb"], 1, "later requests go straight to where it ended")
        XCTAssertGreaterThanOrEqual(stats.paths["/files/ophys.nwb"] ?? 0, 1)
    }

    /// `--cache` keys a remote file by URL, size and ETag: a warm run asks each file's server one byte and
    /// fetches nothing else, and a changed file is read again.
    func testACachedRemoteRunFetchesOneByteAFile() throws {
        let folder = try temporaryFolder("remote-cache")
        for name in samples {
            try FileManager.default.copyItem(atPath: TestPaths.sample(name), toPath: folder.appending(path: name).path)
        }
        let cache = try temporaryFolder("remote-cache-store").path
        let server = try StandInServer(root: folder)
        let remote = samples.map { server.url("files/" + $0) }
        let cold = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--cache", cache] + remote)
        XCTAssertEqual(cold.status, 0, cold.stderr)
        try server.resetStats()
        let warm = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--cache", cache] + remote)
        XCTAssertEqual(warm.stdout, cold.stdout)
        let stats = try server.stats()
        XCTAssertEqual(stats.requests, samples.count, "one validating request a file")
        XCTAssertEqual(stats.bytes, samples.count, "one byte each")
        // A file that changes gets a new ETag, and is read again.
        let changed = folder.appending(path: "ecephys.nwb")
        let handle = try FileHandle(forWritingTo: changed)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0, count: 512))
        try handle.close()
        try server.resetStats()
        _ = try InProcessCommand.nwbkit(["summarize", "--format", "jsonl", "--cache", cache] + remote)
        XCTAssertGreaterThan(try server.stats().paths["/files/ecephys.nwb"] ?? 0, 1)
    }

    /// `s3://bucket/key` is read anonymously from AWS, or path-style from `--s3-endpoint`: here the stand-in.
    func testS3PathsAreReadFromTheirEndpoint() throws {
        let folder = try temporaryFolder("remote-s3")
        try FileManager.default.createDirectory(at: folder.appending(path: "bucket/sub-1"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.sample("ophys.nwb"), toPath: folder.appending(path: "bucket/sub-1/ophys.nwb").path)
        let server = try StandInServer(root: folder)
        let run = try InProcessCommand.nwbkit([
            "summarize", "--format", "json", "--s3-endpoint", server.url("files"), "s3://bucket/sub-1/ophys.nwb",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(
            run.stdout.replacingOccurrences(of: "s3://bucket/sub-1/ophys.nwb", with: TestPaths.sample("ophys.nwb")), local.stdout)
        let missing = try InProcessCommand.nwbkit(["summarize", "--s3-endpoint", server.url("files"), "s3://bucket/nothing.nwb"])
        XCTAssertEqual(missing.stderr, "nwbkit: s3://bucket/nothing.nwb: cannot read the remote file: not found (HTTP 404)\n")
    }

    /// With AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, `s3://` requests are signed (Signature Version 4):
    /// the stand-in checks each signature as S3 does; without them, or with a wrong secret, one clear line.
    func testS3RequestsAreSignedWithTheAWSVariablesOrAProfile() throws {
        let folder = try temporaryFolder("remote-s3-signed")
        try FileManager.default.createDirectory(at: folder.appending(path: "sub 1"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.sample("ophys.nwb"), toPath: folder.appending(path: "sub 1/ophys.nwb").path)
        let server = try StandInServer(root: folder, s3Key: "AKIDSTANDIN:s3cr3t")
        let arguments = ["summarize", "--format", "json", "--s3-endpoint", server.url("s3"), "s3://bucket/sub 1/ophys.nwb"]
        // No shared credentials file but the test's own (this machine's ~/.aws must not count).
        let credentials = folder.appending(path: "credentials")
        try
            "# a shared credentials file\n[default]\naws_access_key_id = AKIDSTANDIN\naws_secret_access_key = wrong\n\n[lab]\naws_access_key_id=AKIDSTANDIN\n  aws_secret_access_key = s3cr3t  \n"
            .write(to: credentials, atomically: true, encoding: .utf8)
        let isolated = [
            "AWS_SHARED_CREDENTIALS_FILE": folder.appending(path: "none").path, "AWS_PROFILE": "",
            "AWS_CONFIG_FILE": folder.appending(path: "none").path, "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
        ]
        let signed = try InProcessCommand.nwbkit(
            arguments,
            environment: isolated.merging(
                ["AWS_ACCESS_KEY_ID": "AKIDSTANDIN", "AWS_SECRET_ACCESS_KEY": "s3cr3t", "AWS_SESSION_TOKEN": ""]
            ) { $1 })
        XCTAssertEqual(signed.status, 0, signed.stderr)
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(
            signed.stdout.replacingOccurrences(of: "s3://bucket/sub 1/ophys.nwb", with: TestPaths.sample("ophys.nwb")),
            local.stdout)
        let noVariables = isolated.merging(["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": ""]) {
            $1
        }
        // A profile of the shared credentials file signs as the AWS tools would: AWS_PROFILE's.
        let profile = try InProcessCommand.nwbkit(
            arguments,
            environment: noVariables.merging(["AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_PROFILE": "lab"]) { $1 })
        XCTAssertEqual(profile.status, 0, profile.stderr)
        XCTAssertEqual(profile.stdout, signed.stdout)
        // Signed for AWS_REGION when --s3-region is not given (the stand-in checks the signature in any region).
        try server.resetStats()
        let regional = try InProcessCommand.nwbkit(
            arguments,
            environment: noVariables.merging([
                "AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_PROFILE": "lab", "AWS_REGION": "eu-west-3",
            ]) { $1 })
        XCTAssertEqual(regional.status, 0, regional.stderr)
        let scopes = try server.archiveStats().log.compactMap { $0[3] }
        XCTAssertFalse(scopes.isEmpty)
        XCTAssertTrue(scopes.allSatisfy { $0.contains("/eu-west-3/s3/aws4_request") }, "\(scopes)")
        // Without AWS_REGION, the profile's region in the config file (`[profile lab]`).
        let config = folder.appending(path: "config")
        try "[default]\nregion = us-west-1\n[profile lab]\nregion = ap-south-1\n".write(
            to: config, atomically: true, encoding: .utf8)
        try server.resetStats()
        let configured = try InProcessCommand.nwbkit(
            arguments,
            environment: noVariables.merging([
                "AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_PROFILE": "lab", "AWS_CONFIG_FILE": config.path,
            ]) { $1 })
        XCTAssertEqual(configured.status, 0, configured.stderr)
        let configuredScopes = try server.archiveStats().log.compactMap { $0[3] }
        XCTAssertTrue(
            !configuredScopes.isEmpty && configuredScopes.allSatisfy { $0.contains("/ap-south-1/s3/aws4_request") },
            "\(configuredScopes)")
        // Each refusal says S3's own code and a hint that fits it.
        let prefix = "nwbkit: s3://bucket/sub 1/ophys.nwb: cannot read the remote file: "
        let anonymous =
            "access denied (HTTP 403, S3 AccessDenied); for a private bucket set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE for a profile of ~/.aws/credentials (and --s3-region)"
        let wrongSecret =
            "access denied (HTTP 403, S3 SignatureDoesNotMatch); the signature does not match: check AWS_SECRET_ACCESS_KEY (or the profile's aws_secret_access_key)"
        let cases: [([String: String], String)] = [
            (isolated.merging(noVariables) { $1 }, anonymous),
            (isolated.merging(["AWS_ACCESS_KEY_ID": "AKIDSTANDIN", "AWS_SECRET_ACCESS_KEY": "wrong"]) { $1 }, wrongSecret),
            (isolated.merging(["AWS_ACCESS_KEY_ID": "AKIDOTHER", "AWS_SECRET_ACCESS_KEY": "wrong"]) { $1 },
             "access denied (HTTP 403, S3 InvalidAccessKeyId); the server knows no access key by the id in AWS_ACCESS_KEY_ID (or the profile's)"),
            // Without AWS_PROFILE the file's `default` profile, whose secret is wrong here.
            (noVariables.merging(["AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_PROFILE": ""]) { $1 }, wrongSecret),
            // The variables come before the file.
            (
                [
                    "AWS_ACCESS_KEY_ID": "AKIDSTANDIN", "AWS_SECRET_ACCESS_KEY": "wrong",
                    "AWS_SHARED_CREDENTIALS_FILE": credentials.path, "AWS_PROFILE": "lab",
                ], wrongSecret
            ),
        ]
        for (environment, expected) in cases {
            let refused = try InProcessCommand.nwbkit(arguments, environment: environment)
            XCTAssertEqual(refused.status, 1)
            XCTAssertEqual(refused.stderr, prefix + expected + "\n", "\(environment)")
        }
    }
}
