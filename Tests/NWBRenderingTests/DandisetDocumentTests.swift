import Foundation
import NWBSupport
import TestSupport
import XCTest

@testable import NWBCatalogs
@testable import NWBDandi
@testable import NWBJSON
@testable import NWBKit
@testable import NWBRendering
@testable import NWBRunner

final class DandisetDocumentTests: XCTestCase {
    private let fixtures = TestPaths.packageRoot.appending(path: "Tests/NWBRenderingTests/Fixtures/dandi-prompts")

    /// The type blocks (count and representative lines) of an example document.
    private func typeBlocks(_ text: String) -> [DandisetDocument.TypeBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var counts: [Int] = []
        var blocks: [[String]] = []
        var current: [String]?
        for line in lines {
            if let match = line.firstMatch(of: /^(\d+) of these NWB files are of type \d+\.$/) {
                counts.append(Int(match.1)!)
            } else if line.hasPrefix("Here is a summary of the type ") {
                current = []
            } else if current != nil {
                if line.isEmpty {
                    blocks.append(current!)
                    current = nil
                } else {
                    current!.append(String(line.dropFirst(2)))
                }
            }
        }
        return zip(counts, blocks).enumerated().map { index, pair in
            DandisetDocument.TypeBlock(
                number: index + 1, count: pair.0, lines: pair.1, files: [], representative: nil, subjects: [], species: [])
        }
    }

    /// Every example of the original generator is rebuilt byte for byte from its metadata (a JSON
    /// fixture in the API's key order) and its type blocks.
    func testExamplesOfTheOriginalGeneratorAreRebuiltByteForByte() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let template = try DocumentTemplate.bundled("dandiset-prompt.md")
        let examples = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".json") }
            .sorted()
        XCTAssertGreaterThanOrEqual(examples.count, 17)
        for name in examples {
            let id = String(name.dropLast(5))
            let expected = try String(contentsOf: shared.appending(path: "docs/dandi-prompts/\(id).md"), encoding: .utf8)
            let metadata = try OrderedJSON.parse(try String(contentsOf: fixtures.appending(path: name), encoding: .utf8))
            let number = try XCTUnwrap(metadata["id"]?.stringValue.flatMap(DandisetDocument.number(fromID:)))
            let document = DandisetDocument(dandisetNumber: number, metadata: metadata.inJSONBOrder, types: typeBlocks(expected))
            let rendered = try template.render(document)
            if rendered != expected {
                let ours = rendered.split(separator: "\n", omittingEmptySubsequences: false)
                let theirs = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let index = Array(zip(ours, theirs)).firstIndex { $0.0 != $0.1 } ?? min(ours.count, theirs.count)
                XCTFail(
                    "\(id): line \(index + 1) differs: ours \(index < ours.count ? String(ours[index].prefix(200)) : "(end)") | original \(index < theirs.count ? String(theirs[index].prefix(200)) : "(end)")"
                )
            }
        }
    }

    func testJSONBOrderSortsKeysByLengthThenBytes() throws {
        let metadata = try OrderedJSON.parse(
            #"{"assetsSummary": {"species": [], "schemaKey": "A", "approach": []}, "name": "n", "id": "DANDI:000001/draft"}"#)
        guard case .object(let members) = metadata.inJSONBOrder else { return XCTFail() }
        XCTAssertEqual(members.map(\.key), ["id", "name", "assetsSummary"])
        guard case .object(let inner)? = metadata.inJSONBOrder["assetsSummary"] else { return XCTFail() }
        XCTAssertEqual(inner.map(\.key), ["species", "approach", "schemaKey"])
    }

    func testPythonLiteralRendering() throws {
        let value = try OrderedJSON.parse(
            #"[{"a": true, "b": null, "c": 1.0, "d": 1e-5, "e": 12, "f": "O'Connor", "g": "say \"hi\" 'x'", "h": "Buzsáki\n", "i": [], "j": {}, "k": 2.5e16, "l": -0.0, "m": 123456789.125}]"#
        )
        XCTAssertEqual(
            PythonLiteral.repr(value),
            #"[{'a': True, 'b': None, 'c': 1.0, 'd': 1e-05, 'e': 12, 'f': "O'Connor", 'g': 'say "hi" \'x\'', 'h': 'Buzsáki\n', 'i': [], 'j': {}, 'k': 2.5e+16, 'l': -0.0, 'm': 123456789.125}]"#
        )
        XCTAssertEqual(PythonLiteral.str(.string("bare text")), "bare text")
        XCTAssertEqual(PythonLiteral.float(0.0001), "0.0001")
        XCTAssertEqual(PythonLiteral.float(1e16), "1e+16")
        XCTAssertEqual(PythonLiteral.float(1234567890123456.0), "1234567890123456.0")
        XCTAssertEqual(PythonLiteral.float(0.1), "0.1")
        XCTAssertEqual(PythonLiteral.float(100.0), "100.0")
    }

    func testBrokenJSONNamesLineAndColumn() {
        XCTAssertThrowsError(try OrderedJSON.parse("{\n  \"a\": tru\n}")) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.line, 2)
        }
    }

    /// CPython 3.11 `list(set(labels))` for label lists, as printed by Python itself.
    func testPythonSetOrderMatchesCPython() {
        XCTAssertEqual(PythonSetOrder.iterationOrder(of: [1, 8]), [8, 1])
        XCTAssertEqual(PythonSetOrder.iterationOrder(of: [6, 10]), [10, 6])
        XCTAssertEqual(PythonSetOrder.iterationOrder(of: [1, 5, 9, 13]), [1, 13, 5, 9])
        XCTAssertEqual(PythonSetOrder.iterationOrder(of: Array(1...19)), Array(1...19))
        for (labels, expected) in CPythonSetVectors.cases {
            XCTAssertEqual(PythonSetOrder.iterationOrder(of: labels), expected, "\(labels)")
        }
    }

    /// The number of any instance's identifier: `DANDI:`, `DANDI-SANDBOX:`, a development server's `DEV-DANDI:`.
    func testTheDandisetNumberOfAnyPrefix() {
        XCTAssertEqual(DandisetDocument.number(fromID: "DANDI:000683/draft"), "000683")
        XCTAssertEqual(DandisetDocument.number(fromID: "DEV-DANDI:000001/draft"), "000001")
        XCTAssertEqual(DandisetDocument.number(fromID: "EMBER-DANDI:000123"), "000123")
        XCTAssertEqual(DandisetDocument.number(fromID: "000042"), "000042")
        XCTAssertNil(DandisetDocument.number(fromID: "no number"))
    }
}
