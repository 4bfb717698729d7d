import Foundation
import TestSupport
import XCTest

/// Credentials go only to the origin (scheme, host, port) they belong to. The stand-in archive serves its
/// blob store on another origin than its API, as the real archive's S3 bucket is another host, and logs
/// every request's `Authorization` and `x-amz-security-token` with the origin it reached.
final class CredentialOriginTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// One row of the stand-in's log.
    private struct Request {
        var path: String
        var authorization: String?
        var securityToken: String?
        /// `api` or `blobs`: which origin it reached.
        var role: String

        init(_ row: [String?]) {
            path = row[1] ?? ""
            authorization = row[3]
            securityToken = row.count > 5 ? row[5] : nil
            role = row.count > 6 ? row[6] ?? "" : ""
        }
    }

    private func requests(_ server: StandInServer) throws -> [Request] { try server.archiveStats().log.map(Request.init) }

    private func nwbkit(_ arguments: [String], _ server: StandInServer, key: String = "owner-key") throws -> CommandRun {
        try CommandRun.nwbkit(
            arguments + ["--dandi-instance", server.apiURL], in: folder, environment: ["DANDI_API_KEY": key])
    }

    /// Every command, for an open and an embargoed dandiset, with the key set: the key reaches the API on
    /// every API request, and no request to the blob store carries it.
    func testTheArchiveTokenNeverReachesTheBlobStore() throws {
        let server = try StandInArchive.start(in: folder)
        XCTAssertNotNil(server.blobOrigin)
        let site = folder.appending(path: "site").path
        let all = folder.appending(path: "all").path
        let runs: [[String]] = [
            ["summarize", "--format", "json", "DANDI:000001", "DANDI:000002"],
            ["assets", "DANDI:000001/draft", "DANDI:000002"],
            ["dandiset", "DANDI:000001"],
            ["catalog", "--thumbnails", "--checks", "--output", site, "DANDI:000001", "DANDI:000002"],
            ["check", "DANDI:000001/draft", "DANDI:000002"],
            ["export", "--to", "crucible", "--project", "p", "DANDI:000003", "DANDI:000002"],
            ["dandiset", "--all", "--output", all],
        ]
        for arguments in runs {
            try server.resetStats()
            let run = try nwbkit(arguments, server)
            // `check` ends with 1 for its findings; every file was read all the same.
            XCTAssertEqual(run.status, arguments[0] == "check" ? 1 : 0, "\(arguments): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("denied") || run.stderr.contains("cannot"), "\(arguments): \(run.stderr)")
            let log = try requests(server)
            let blobs = log.filter { $0.role == "blobs" }
            XCTAssertFalse(blobs.isEmpty, "\(arguments) read blobs")
            XCTAssertTrue(blobs.allSatisfy { $0.authorization == nil && $0.securityToken == nil }, "\(arguments): \(blobs)")
            XCTAssertTrue(
                log.filter { $0.role == "api" }.allSatisfy { $0.authorization == "token owner-key" }, "\(arguments): \(log)")
        }
    }

    /// A listing whose `next` names another origin is followed without the key: a public listing still
    /// reads whole, and the other origin never sees the key.
    func testAListingPageOnAnotherOriginGetsNoToken() throws {
        let server = try StandInArchive.start(in: folder, foreignNext: true)
        let run = try nwbkit(["summarize", "--listing-page-size", "2", "DANDI:000001/draft"], server)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.components(separatedBy: "\n== ").count, 5, "all five files")
        let log = try requests(server)
        let foreignPages = log.filter { $0.role == "blobs" && $0.path.hasPrefix("/api/") }
        XCTAssertEqual(foreignPages.count, 3, "⌈7 assets / 2⌉ − 1 pages on the other origin: \(log)")
        XCTAssertTrue(log.filter { $0.role == "blobs" }.allSatisfy { $0.authorization == nil }, "\(log)")
        XCTAssertTrue(log.contains { $0.role == "api" && $0.authorization == "token owner-key" })
    }

    /// With AWS credentials and a session token, an S3 endpoint that redirects to another host: the
    /// endpoint gets the signature and the token, the other host neither, on the first request or any
    /// later block request.
    func testS3CredentialsSignOnlyTheEndpointNamed() throws {
        let server = try StandInArchive.start(in: folder)
        let run = try CommandRun.nwbkit(
            ["summarize", "--format", "json", "--s3-endpoint", server.url("moved"), "--s3-region", "us-east-1", "s3://bucket/ophys.nwb"],
            in: folder,
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDSECRETTEST", "AWS_SECRET_ACCESS_KEY": "secret-key",
                "AWS_SESSION_TOKEN": "session-token-secret", "AWS_PROFILE": "", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                "AWS_CONFIG_FILE": "/nonexistent",
            ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let local = try CommandRun.nwbkit(["summarize", "--format", "json", TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(
            run.stdout.replacingOccurrences(of: "s3://bucket/ophys.nwb", with: TestPaths.sample("ophys.nwb")), local.stdout)
        let log = try requests(server)
        let endpoint = log.filter { $0.role == "api" && $0.path.hasPrefix("/moved/") }
        XCTAssertEqual(endpoint.count, 1, "\(log)")
        XCTAssertTrue(endpoint[0].authorization?.contains("Credential=AKIDSECRETTEST/") == true, "\(endpoint)")
        XCTAssertEqual(endpoint[0].securityToken, "session-token-secret")
        let elsewhere = log.filter { $0.role == "blobs" }
        XCTAssertGreaterThanOrEqual(elsewhere.count, 2, "the first request's redirect and later blocks: \(log)")
        XCTAssertTrue(elsewhere.allSatisfy { $0.authorization == nil && $0.securityToken == nil }, "\(elsewhere)")
    }

    /// A password in a URL goes to that URL's origin only, and is in no output: the input is named with
    /// `***` in its place.
    func testAURLPasswordStaysWithItsOriginAndOutOfOutputs() throws {
        let server = try StandInArchive.start(in: folder)
        let url = server.url("moved/b/ophys.nwb").replacingOccurrences(of: "http://", with: "http://reader:pa55word@")
        let run = try CommandRun.nwbkit(["summarize", "--format", "json", url], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("pa55word"))
        XCTAssertTrue(run.stdout.contains("\"path\": \"http://reader:***@127.0.0.1:"), run.stdout)
        let log = try requests(server)
        let basic = "Basic " + Data("reader:pa55word".utf8).base64EncodedString()
        XCTAssertEqual(log.filter { $0.role == "api" }.map(\.authorization), [basic])
        XCTAssertTrue(log.filter { $0.role == "blobs" }.allSatisfy { $0.authorization == nil }, "\(log)")
    }
}
