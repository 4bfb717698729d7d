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
