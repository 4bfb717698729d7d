import Foundation
import NWBJSON
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
