import HDF5
import TestSupport
import XCTest

@testable import NWBKit

/// The walk names references by the paths it reached their targets by.
final class ReferenceResolutionTests: XCTestCase {
    func testReferencesInTheTreeAreNamedByTheWalk() throws {
        let file = try File.open(TestPaths.sample("ecephys.nwb"))
        let tree = try TreeWalker.walk(file)
        let index = try XCTUnwrap(tree.resolve("/general/extracellular_ephys/electrodes/group"))
        let value = try XCTUnwrap(tree.nodes[index].value)
        XCTAssertEqual(value.elements.first, .reference("/general/extracellular_ephys/shank0"))
        XCTAssertEqual(value.elements.last, .reference("/general/extracellular_ephys/shank1"))
    }
}

/// The walk keeps at most `maxTextBytesPerFile` of text values from one file, and says when it is spent.
final class TextAllowanceTests: XCTestCase {
    func testTheFilesTextAllowanceIsKeptAndSaid() throws {
        let file = try File.open(TestPaths.sample("ophys.nwb"))
        var limits = WalkLimits.standard
        limits.maxTextBytesPerFile = 200
        let tree = try TreeWalker.walk(file, limits: limits)
        var kept = 0
        for node in tree.nodes {
            for value in node.attributes.map(\.value) + [node.value].compactMap({ $0 }) {
                for case .string(let text) in value.elements {
                    // A cut string ends with its marker, which is not the file's text.
                    kept += (text.range(of: " …[cut: ").map { text[..<$0.lowerBound] } ?? Substring(text)).utf8.count
                }
            }
        }
        XCTAssertLessThanOrEqual(kept, 200)
        XCTAssertTrue(tree.problems.contains { $0.message.hasPrefix("the file's allowance for text values is spent") })
        let whole = try TreeWalker.walk(file)
        XCTAssertFalse(whole.problems.contains { $0.message.contains("allowance") })
    }
}
