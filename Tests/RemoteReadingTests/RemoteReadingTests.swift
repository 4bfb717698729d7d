import Foundation
import XCTest

@testable import RemoteReading

/// Origins and the credentials bound to them, URL encoding and user information, on their own (the
/// requests themselves are tested against real servers in nwbkitTests).
final class RemoteReadingTests: XCTestCase {
    func testAnOriginIsSchemeHostAndPort() throws {
        let origin = try XCTUnwrap(Origin(url: "https://Archive.example.org/api/dandisets/"))
        XCTAssertEqual(origin.scheme, "https")
        XCTAssertEqual(origin.host, "archive.example.org")
        XCTAssertEqual(origin.port, 443)
        XCTAssertEqual(Origin(url: "http://127.0.0.1/x")?.port, 80)
        XCTAssertEqual(Origin(url: "https://archive.example.org:443/other"), origin)
        XCTAssertNotEqual(Origin(url: "http://archive.example.org/"), origin, "another scheme is another origin")
        XCTAssertNotEqual(Origin(url: "https://archive.example.org:8443/"), origin, "another port is another origin")
        XCTAssertNotEqual(Origin(url: "https://blobs.example.org/"), origin)
        XCTAssertNil(Origin(url: "not a url"))
    }

    func testCredentialsGoOnlyToTheirOrigin() throws {
        let api = try XCTUnwrap(Origin(url: "https://api.example.org/"))
        let credentials = RequestCredentials(bound: [OriginCredential(origin: api, header: "Authorization: token secret")])
        XCTAssertEqual(credentials.headers(for: "https://api.example.org/api/assets/1/download/"), ["Authorization: token secret"])
        for elsewhere in [
            "https://blobs.example.org/blobs/1", "http://api.example.org/api/", "https://api.example.org:8443/api/",
            "https://api.example.org.attacker.example/api/",
        ] {
            XCTAssertEqual(credentials.headers(for: elsewhere), [], elsewhere)
        }
    }

    func testUserInformationBecomesAHeaderAndIsNeverShown() throws {
        let (url, credential) = URLUserInfo.split("https://user:p%40ss@data.example.org/file.nwb")
        XCTAssertEqual(url, "https://data.example.org/file.nwb")
        XCTAssertEqual(credential?.origin, Origin(url: "https://data.example.org/"))
        // The password as the user meant it (percent-decoded), as curl sends it.
        XCTAssertEqual(credential?.header, "Authorization: Basic " + Data("user:p@ss".utf8).base64EncodedString())
        XCTAssertEqual(URLUserInfo.redacted("https://user:secret@data.example.org/f.nwb"), "https://user:***@data.example.org/f.nwb")
        XCTAssertEqual(URLUserInfo.split("https://data.example.org/f.nwb").credential, nil)
    }

    func testURLsAreEncodedWhereTheyMustBe() {
        XCTAssertEqual(URLEncoding.encoded("https://h.example/a b#c.nwb"), "https://h.example/a%20b%23c.nwb")
        XCTAssertEqual(URLEncoding.encoded("https://h.example/données.nwb"), "https://h.example/donn%C3%A9es.nwb")
        XCTAssertEqual(URLEncoding.encoded("https://h.example/a%20b.nwb?x=1"), "https://h.example/a%20b.nwb?x=1")
    }
}
