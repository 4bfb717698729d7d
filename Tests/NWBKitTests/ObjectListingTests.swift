import Foundation
import HDF5
import TestSupport
import XCTest

@testable import NWBKit

/// The object list is made by two threads for a large file: it must be the list one thread makes, with
/// every object's attributes and value taken out of the tree either way.
final class ObjectListingTests: XCTestCase {
    private var files: [String] { TestPaths.sampleAndCorpusPaths() }

    private func listing(_ tree: ObjectTree, threadMinimum: Int) -> (entries: [ObjectEntry], left: ObjectTree) {
        var tree = tree
        let nwb = NWBInterpreter(tree: tree)
        let types = (0..<tree.nodes.count).map(nwb.neurodataType)
        let entries = ObjectListing.entries(taking: &tree, types: types, threadMinimum: threadMinimum)
        return (entries, tree)
    }

    private func canonical(_ entries: [ObjectEntry]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(entries)
    }

    func testTwoThreadsListWhatOneThreadLists() throws {
        var differences: [String] = []
        var attributesListed = 0
        for path in files {
            let tree = try TreeWalker.walk(try File.open(path))
            let one = listing(tree, threadMinimum: .max)
            let two = listing(tree, threadMinimum: 1)
            // Compared as sorted-key JSON: a value's JSON object is a dictionary, whose printed order varies,
            // and NaN is not equal to itself.
            if try canonical(one.entries) != canonical(two.entries) { differences.append(path) }
            XCTAssertEqual(one.entries.count, two.entries.count, path)
            // Every listed object gave up its attributes and value, and only those.
            XCTAssertTrue(two.left.nodes.allSatisfy { $0.attributes.isEmpty && $0.value == nil }, path)
            XCTAssertEqual(String(reflecting: one.left), String(reflecting: two.left), path)
            attributesListed += two.entries.reduce(0) { $0 + ($1.attributes?.count ?? 0) }
        }
        XCTAssertEqual(differences, [])
        // SampleData alone lists 395 attributes; with the corpus, many thousands.
        XCTAssertGreaterThan(attributesListed, TestPaths.corpusFiles().isEmpty ? 300 : 1000)
        if TestPaths.shared == nil { throw XCTSkip(TestPaths.sharedMissing) }
    }

    /// A damaged group can name one object twice: the second listing is the node without what the first took.
    func testAnObjectNamedTwiceIsListedInFullOnce() throws {
        var tree = try TreeWalker.walk(try File.open(TestPaths.sample("ecephys.nwb")))
        guard let groupIndex = tree.nodes.firstIndex(where: { $0.kind == .group && $0.path == "/general" }),
            let first = tree.nodes[groupIndex].children.first(where: {
                if case .node(let index) = $0.target { return !tree.nodes[index].attributes.isEmpty }
                return false
            })
        else { return XCTFail("ecephys.nwb has no /general child with attributes") }
        tree.nodes[groupIndex].children.append(first)
        let (entries, _) = listing(tree, threadMinimum: 1)
        let path = "/general/" + first.name
        let listed = entries.filter { $0.path == path }
        XCTAssertEqual(listed.count, 2)
        XCTAssertNotNil(listed.first?.attributes)
        XCTAssertNil(listed.last?.attributes)
        XCTAssertEqual(listed.first?.kind, listed.last?.kind)
    }
}
