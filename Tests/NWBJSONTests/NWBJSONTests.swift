import Foundation
import NWBSupport
import XCTest

@testable import NWBJSON

/// The one JSON encoding on its own: sorted keys, escapes, re-indentation, the decoder, ordered parsing.
final class NWBJSONTests: XCTestCase {
    struct Sample: Codable, Equatable {
        var zeta: Int
        var alpha: String
        var list: [Double]
        var missing: String?
    }

    func testKeysAreSortedAndTextEscaped() throws {
        let value = Sample(zeta: 1, alpha: "a \"quoted\"\nline\u{1}", list: [0.5, 2], missing: nil)
        let compact = String(decoding: try FastJSONEncoder(prettyPrinted: false).encode(value), as: UTF8.self)
        XCTAssertEqual(compact, #"{"alpha":"a \"quoted\"\nline\u0001","list":[0.5,2],"zeta":1}"#)
        let decoded = try FastJSONDecoder().decode(Sample.self, from: Array(compact.utf8))
        XCTAssertEqual(decoded, value)
        // Foundation reads the same bytes to the same value.
        XCTAssertEqual(try JSONDecoder().decode(Sample.self, from: Data(compact.utf8)), value)
    }

    func testReindentingTheCompactFormGivesThePrettyForm() throws {
        let value = ["b": [1, 2], "a": [3]]
        let compact = try FastJSONEncoder(prettyPrinted: false).encode(value)
        let pretty = try FastJSONEncoder(prettyPrinted: true).encode(value)
        XCTAssertEqual(JSONReindent.pretty(compact), pretty)
        XCTAssertEqual(String(decoding: pretty, as: UTF8.self), "{\n  \"a\": [\n    3\n  ],\n  \"b\": [\n    1,\n    2\n  ]\n}")
    }

    func testTheArchivesFieldsAreReadAsTheyAreWritten() throws {
        // What the DANDI client reads of the archive's answers (`count`, `size`, `results`, nested versions).
        let page = try OrderedJSON.parse(#"{"count": 1200, "size": 1.2e3, "huge": 1e300, "half": 2.5, "results": [{"draft_version": {"version": "draft"}}], "next": null}"#)
        XCTAssertEqual(page["count"]?.integerValue, 1200)
        XCTAssertEqual(page["size"]?.integerValue, 1200)
        XCTAssertNil(page["huge"]?.integerValue)
        XCTAssertNil(page["half"]?.integerValue)
        XCTAssertEqual(page["results"]?.arrayValue?.first?["draft_version"]?["version"]?.stringValue, "draft")
        XCTAssertNil(page["next"]?.stringValue)
        XCTAssertNil(page["count"]?.arrayValue)
    }

    func testOrderedParsingKeepsOrderAndSaysWhereTextIsBroken() throws {
        let parsed = try OrderedJSON.parse(#"{"z": 1, "a": [true, null, "x"]}"#)
        XCTAssertEqual(parsed["z"], try OrderedJSON.parse("1"))
        XCTAssertNotNil(parsed["a"])
        XCTAssertThrowsError(try OrderedJSON.parse("{\n  \"a\": [1,\n  }")) { error in
            let syntax = error as? JSONSyntaxError
            XCTAssertEqual(syntax?.line, 3, "\(error)")
        }
        XCTAssertThrowsError(try FastJSONDecoder().decode(Sample.self, from: Array(#"{"zeta": "one"}"#.utf8)))
    }
}
