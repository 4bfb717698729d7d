import Foundation
import TestSupport
import XCTest

/// Remote reading against servers nobody here wrote, started by the test on 127.0.0.1: Debian's nginx over
/// HTTPS with certificates the test makes (`Tests/RemoteStandIn/tls_nginx.py`), and moto's S3 server with
/// signature checking on (`Tests/RemoteStandIn/moto_s3.py`). Each certificate fault and each S3 refusal
/// is said with its own cause.
final class RealServerTests: XCTestCase {
    /// A helper script's process: its first line of output (JSON), stopped when the test ends.
    private func start(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.packageRoot.appending(path: "Tests/RemoteStandIn/" + script).path] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        addTeardownBlock {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            process.waitUntilExit()
            let said = String(decoding: line, as: UTF8.self)
            if process.terminationStatus == 3 { throw XCTSkip(said) }
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(script) did not start: \(said)"])
        }
        return object
    }

    /// Environment with no CA variables of the machine's own.
    private let noAuthorities = ["CURL_CA_BUNDLE": "", "SSL_CERT_FILE": "", "SSL_CERT_DIR": ""]

    func testHTTPSServersCertificatesAreCheckedAndEachFaultIsSaid() throws {
        let tls = try start("tls_nginx.py", ["--root", TestPaths.sampleData.path])
        let ports = try XCTUnwrap(tls["ports"] as? [String: Int])
        let authority = try XCTUnwrap(tls["ca"] as? String)
        let folder = try XCTUnwrap(tls["cadir"] as? String)
        func url(_ kind: String) -> String { "https://127.0.0.1:\(ports[kind]!)/ophys.nwb" }
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", TestPaths.sample("ophys.nwb")]).stdout
        func same(_ run: CommandRun, _ kind: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
            XCTAssertEqual(
                run.stdout.replacingOccurrences(of: url(kind), with: TestPaths.sample("ophys.nwb")), local, file: file,
                line: line)
        }
        // Refused without the authority; read with it, given each way curl takes it.
        let refused = try InProcessCommand.nwbkit(["summarize", url("good")], environment: noAuthorities)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(
            refused.stderr,
            "nwbkit: \(url("good")): cannot read the remote file: the server's certificate is signed by an authority this machine does not trust; give its authority's certificate with --ca-bundle FILE (or CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR)\n"
        )
        same(try InProcessCommand.nwbkit(["summarize", "--format", "json", "--ca-bundle", authority, url("good")], environment: noAuthorities), "good")
        for (variable, value) in [("CURL_CA_BUNDLE", authority), ("SSL_CERT_FILE", authority), ("SSL_CERT_DIR", folder)] {
            same(
                try InProcessCommand.nwbkit(
                    ["summarize", "--format", "json", url("good")], environment: noAuthorities.merging([variable: value]) { $1 }),
                "good")
        }
        // Each fault its own cause, with the authority given.
        for (kind, cause) in [
            ("self", "the server's certificate is self-signed, so it cannot be trusted"),
            ("otherhost", "the server's certificate is for another host name"),
            ("expired", "the server's certificate has expired"),
        ] {
            let run = try InProcessCommand.nwbkit(["summarize", "--ca-bundle", authority, url(kind)], environment: noAuthorities)
            XCTAssertEqual(run.status, 1, kind)
            XCTAssertTrue(run.stderr.hasPrefix("nwbkit: \(url(kind)): cannot read the remote file: \(cause)"), run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1)
        }
        // A folder's URL (nginx answers its listing, an HTML page) is said as what it is, as a local copy of
        // that page would be.
        let folderURL = "https://127.0.0.1:\(ports["good"]!)/"
        let listing = try InProcessCommand.nwbkit(["summarize", "--ca-bundle", authority, folderURL])
        XCTAssertEqual(listing.status, 1)
        XCTAssertEqual(
            listing.stderr,
            "nwbkit: \(folderURL): not an HDF5 file (an HTML page: a web page or a folder's listing, not a file)\n")
    }

    func testS3ReadsSignedAndSaysEachRefusal() throws {
        let s3 = try start("moto_s3.py", ["--file", TestPaths.sample("ophys.nwb"), "--key", "sub 1/ophys.nwb"])
        let endpoint = try XCTUnwrap(s3["endpoint"] as? String)
        let reader = try XCTUnwrap(s3["reader"] as? [String])
        let stranger = try XCTUnwrap(s3["stranger"] as? [String])
        let session = try XCTUnwrap(s3["session"] as? [String])
        let path = "s3://nwbkit/sub 1/ophys.nwb"
        let isolated = [
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent", "AWS_PROFILE": "",
            "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_REGION": "",
            "AWS_DEFAULT_REGION": "",
        ]
        func run(_ variables: [String: String]) throws -> CommandRun {
            try InProcessCommand.nwbkit(
                ["summarize", "--format", "json", "--s3-endpoint", endpoint, path],
                environment: isolated.merging(variables) { $1 })
        }
        let local = try InProcessCommand.nwbkit(["summarize", "--format", "json", TestPaths.sample("ophys.nwb")]).stdout
        for variables in [
            ["AWS_ACCESS_KEY_ID": reader[0], "AWS_SECRET_ACCESS_KEY": reader[1]],
            ["AWS_ACCESS_KEY_ID": session[0], "AWS_SECRET_ACCESS_KEY": session[1], "AWS_SESSION_TOKEN": session[2]],
        ] {
            let read = try run(variables)
            XCTAssertEqual(read.status, 0, read.stderr)
            XCTAssertEqual(read.stdout.replacingOccurrences(of: path, with: TestPaths.sample("ophys.nwb")), local)
        }
        let prefix = "nwbkit: \(path): cannot read the remote file: "
        for (variables, said) in [
            (["AWS_ACCESS_KEY_ID": reader[0], "AWS_SECRET_ACCESS_KEY": "wrong"], "S3 SignatureDoesNotMatch"),
            (["AWS_ACCESS_KEY_ID": "AKIAUNKNOWN000000000", "AWS_SECRET_ACCESS_KEY": "x"], "S3 InvalidAccessKeyId"),
            (["AWS_ACCESS_KEY_ID": stranger[0], "AWS_SECRET_ACCESS_KEY": stranger[1]], "S3 AccessDenied"),
            (
                ["AWS_ACCESS_KEY_ID": session[0], "AWS_SECRET_ACCESS_KEY": session[1], "AWS_SESSION_TOKEN": "bad"],
                "S3 InvalidToken"
            ),
            (["AWS_ACCESS_KEY_ID": session[0], "AWS_SECRET_ACCESS_KEY": session[1]], "set AWS_SESSION_TOKEN"),
            ([:], "for a private bucket set AWS_ACCESS_KEY_ID"),
        ] {
            let refused = try run(variables)
            XCTAssertEqual(refused.status, 1, said)
            XCTAssertTrue(refused.stderr.hasPrefix(prefix), refused.stderr)
            XCTAssertTrue(refused.stderr.contains(said), "\(said): \(refused.stderr)")
            XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1)
        }
    }
}
