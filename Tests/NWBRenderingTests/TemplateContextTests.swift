import Foundation
import NWBSupport
import TestSupport
import XCTest

@testable import NWBJSON
@testable import NWBKit
@testable import NWBRendering

/// A template's context is built straight from the value (`TemplateContextEncoder`): it must be exactly
/// what the value's JSON parses to, which templates were written against.
final class TemplateContextTests: XCTestCase {
    /// The context the JSON of `value` gives: written by the canonical encoder, parsed, made plain.
    private func throughJSON<T: Encodable>(_ value: T) throws -> Any {
        plain(try OrderedJSON.parse(bytes: try FastJSONEncoder(prettyPrinted: false).encode(value)))
    }

    private func plain(_ value: OrderedJSON) -> Any {
        switch value {
        case .null: return String?.none as Any
        case .bool(let value): return value
        case .number(let text, let isFloat):
            if !isFloat, let integer = Int(text) { return integer }
            return Double(text) ?? text
        case .string(let value): return value
        case .array(let values): return values.map(plain)
        case .object(let members): return Dictionary(members.map { ($0.key, plain($0.value)) }, uniquingKeysWith: { $1 })
        }
    }

    /// The same tree: dictionaries with the same keys, arrays in order, leaves of the same type and value.
    private func assertSame(_ left: Any, _ right: Any, at path: String, file: StaticString = #filePath, line: UInt = #line) {
        switch (left, right) {
        case (let left as [String: Any], let right as [String: Any]):
            XCTAssertEqual(Set(left.keys), Set(right.keys), path, file: file, line: line)
            for (key, value) in left where right[key] != nil {
                assertSame(value, right[key]!, at: path + "." + key, file: file, line: line)
            }
        case (let left as [Any], let right as [Any]):
            XCTAssertEqual(left.count, right.count, path, file: file, line: line)
            for (index, pair) in zip(left, right).enumerated() {
                assertSame(pair.0, pair.1, at: "\(path)[\(index)]", file: file, line: line)
            }
        case (let left as Int, let right as Int): XCTAssertEqual(left, right, path, file: file, line: line)
        case (let left as Double, let right as Double): XCTAssertEqual(left, right, path, file: file, line: line)
        case (let left as String, let right as String): XCTAssertEqual(left, right, path, file: file, line: line)
        case (let left as Bool, let right as Bool): XCTAssertEqual(left, right, path, file: file, line: line)
        case (let left as String?, let right as String?): XCTAssertEqual(left, right, path, file: file, line: line)
        default: XCTFail("\(path): \(type(of: left)) against \(type(of: right))", file: file, line: line)
        }
    }

    private struct Edges: Encodable {
        var whole = 2.0
        var fraction = 0.1
        var float: Float = 0.1
        var notANumber = Double.nan
        var infinity = -Double.infinity
        var huge = UInt64.max
        var small: Int8 = -3
        var absent: String? = nil
        var explicitNull = JSONValue.null
        var values: [JSONValue] = [.integer(1), .number(1.5), .string("a"), .bool(true), .null, .array([.unsigned(7)])]
        var nested: [String: [Int]] = ["a": [1, 2]]
    }

    func testTheContextIsWhatTheJSONParsesTo() throws {
        assertSame(try TemplateContext.make(Edges()), try throughJSON(Edges()), at: "edges")
        let summaries = try [
            TestPaths.sampleData.appending(path: "ophys.nwb").path, TestPaths.sampleData.appending(path: "ecephys.nwb").path,
        ]
        .map { try FileSummarizer.summarize($0) }
        for summary in summaries {
            assertSame(try TemplateContext.make(summary), try throughJSON(summary), at: summary.path)
        }
    }

    func testEveryCorpusSummaryGivesTheContextItsJSONGives() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        var checked = 0
        for file in TestPaths.corpusFiles() {
            guard let summary = try? FileSummarizer.summarize(shared.appending(path: "corpus/" + file).path) else { continue }
            assertSame(try TemplateContext.make(summary), try throughJSON(summary), at: file)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 120)
    }
}
