import Foundation
import HDF5
import TestSupport
import XCTest

@testable import NWBKit

/// A file's walk split into parts (each walked alone, sent in binary) merges into exactly the tree one
/// whole walk makes: SampleData and every corpus file, with the parts dealt out at every group.
final class SplitWalkTests: XCTestCase {
    private var files: [String] { TestPaths.sampleAndCorpusPaths() }

    private func parts(of file: File, count: Int, fanOut: Int, limits: WalkLimits = .standard) throws -> [PartialTree] {
        try (0..<count).map { index in
            let part = try TreeWalker.walk(
                file, part: WalkPart(index: index, count: count, minimumFanOut: fanOut), limits: limits)
            let decoded = try PartialTreeCoding.decode(PartialTreeCoding.encode(part))
            XCTAssertTrue(same(decoded.tree, part.tree), "\(file.path) part \(index): binary form read back differs")
            XCTAssertEqual(decoded.dealtGroups, part.dealtGroups)
            return decoded
        }
    }

    /// Equal trees, NaN values included (a stored NaN is not equal to itself as a `Double`).
    private func same(_ left: ObjectTree, _ right: ObjectTree) -> Bool {
        left == right || String(reflecting: left) == String(reflecting: right)
    }

    func testPartsMergeIntoTheWholeWalk() throws {
        var dealtFiles = 0
        var differences: [String] = []
        for path in files {
            let file = try File.open(path)
            let whole = try TreeWalker.walk(file)
            for (count, fanOut) in [(2, 1), (3, 4)] {
                let parts = try parts(of: file, count: count, fanOut: fanOut)
                if count == 2, !parts[0].dealtGroups.isEmpty { dealtFiles += 1 }
                guard let merged = TreeMerge.merge(parts, limits: .standard) else {
                    differences.append("\(path) in \(count): not merged")
                    continue
                }
                if !same(merged, whole) {
                    let first = zip(merged.nodes, whole.nodes).first { String(reflecting: $0) != String(reflecting: $1) }
                    differences.append(
                        "\(path) in \(count): \(merged.nodes.count) vs \(whole.nodes.count) nodes, first difference at \(first?.1.path ?? "(problems)")"
                    )
                }
            }
        }
        XCTAssertEqual(differences, [])
        XCTAssertEqual(dealtFiles, files.count, "every file has a group of at least one hard link to deal out")
        if TestPaths.shared == nil { throw XCTSkip(TestPaths.sharedMissing) }
    }

    /// The whole walk's limits come out the same: depth (replayed), objects (parts at the limit are refused).
    func testLimitsAreThoseOfTheWholeWalk() throws {
        let file = try File.open(TestPaths.sample("ophys.nwb"))
        var shallow = WalkLimits.standard
        shallow.maxDepth = 2
        let whole = try TreeWalker.walk(file, limits: shallow)
        XCTAssertTrue(whole.isIncomplete)
        let merged = try XCTUnwrap(TreeMerge.merge(try parts(of: file, count: 2, fanOut: 1, limits: shallow), limits: shallow))
        XCTAssertTrue(same(merged, whole))

        var few = WalkLimits.standard
        few.maxObjects = 10
        XCTAssertNil(TreeMerge.merge(try parts(of: file, count: 2, fanOut: 1, limits: few), limits: few))
        // A handful more objects than the file has parts can hold: the merge stops where the whole walk does.
        let count = try TreeWalker.walk(file).nodes.count
        few.maxObjects = count - 3
        let parts = try parts(of: file, count: 2, fanOut: 1, limits: few)
        if parts.allSatisfy({ $0.tree.nodes.count < few.maxObjects }) {
            let limited = try XCTUnwrap(TreeMerge.merge(parts, limits: few))
            XCTAssertTrue(same(limited, try TreeWalker.walk(file, limits: few)))
        }
    }

    func testPartsThatDoNotBelongTogetherAreRefused() throws {
        let file = try File.open(TestPaths.sample("ecephys.nwb"))
        let parts = try parts(of: file, count: 2, fanOut: 1)
        XCTAssertNil(TreeMerge.merge([parts[0]], limits: .standard), "a part is missing")
        XCTAssertNil(TreeMerge.merge([parts[1], parts[0]], limits: .standard), "parts out of order")
        let other = try self.parts(of: file, count: 2, fanOut: 2)
        XCTAssertNil(TreeMerge.merge([parts[0], other[1]], limits: .standard), "parts of two different splits")
        XCTAssertThrowsError(try PartialTreeCoding.decode(Array(PartialTreeCoding.encode(parts[1]).dropLast(3))))
        XCTAssertThrowsError(try PartialTreeCoding.decode(Array("not a part".utf8)))
    }
}
