import TestSupport
import XCTest

@testable import HDF5

final class FileOpeningTests: XCTestCase {
    func testOpensSampleFileReadOnlyAndListsRootLinksInNameOrder() throws {
        let file = try File.open(TestPaths.sample("ecephys.nwb"))
        let root = try file.root()
        XCTAssertEqual(root.kind, .group)
        let (links, error) = root.links(limit: 1000)
        XCTAssertNil(error)
        let names = links.map(\.name)
        XCTAssertEqual(names, names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        XCTAssertTrue(names.contains("general"))
        XCTAssertTrue(names.contains("session_start_time"))
    }

    func testMissingFileThrowsWithLibraryMessage() {
        XCTAssertThrowsError(try File.open("/nonexistent/file.nwb")) { error in
            let failure = error as? HDF5Error
            XCTAssertEqual(failure?.operation, "H5Fopen")
            XCTAssertFalse(failure?.message.isEmpty ?? true)
        }
    }

    func testTextFileIsNotHDF5() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "nwbkit-text-\(getpid()).nwb").path
        try "not hdf5".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertFalse(File.isHDF5(path))
        XCTAssertTrue(File.isHDF5(TestPaths.sample("ophys.nwb")))
    }

    func testTruncatedFileFailsToOpenWithAReason() {
        XCTAssertThrowsError(try File.open(TestPaths.sample("bad/corrupt-truncated.nwb"))) { error in
            XCTAssertTrue((error as? HDF5Error)?.message.contains("truncated") ?? false, "\(error)")
        }
    }

    func testDatasetInfoReadsTypeShapeChunksAndFilters() throws {
        let file = try File.open(TestPaths.sample("ophys.nwb"))
        let segmentation = try file.root().openChild(
            "processing/ophys/ImageSegmentation/PlaneSegmentation/pixel_mask", path: "pixel_mask")
        let info = try segmentation.datasetInfo()
        XCTAssertEqual(info.type.numpyDescription, "[('x', '<u4'), ('y', '<u4'), ('weight', '<f4')]")
        XCTAssertEqual(info.space.dimensions, [36])
        XCTAssertEqual(info.space.kind, .simple)
    }

    func testScalarAndArrayAttributesAreRead() throws {
        let file = try File.open(TestPaths.sample("ecephys.nwb"))
        let table = try file.root().openChild("general/extracellular_ephys/electrodes", path: "electrodes")
        let (attributes, error) = table.attributes()
        XCTAssertNil(error)
        let byName = Dictionary(uniqueKeysWithValues: attributes.map { ($0.name, $0) })
        XCTAssertEqual(byName["neurodata_type"]?.value.singleElement, .string("ElectrodesTable"))
        XCTAssertEqual(byName["colnames"]?.value.texts, ["location", "group", "group_name"])
        XCTAssertEqual(byName["colnames"]?.value.shape, [3])
    }

    /// References are read as their targets' addresses (the tree names them: `ReferenceResolutionTests`).
    func testObjectReferencesReadAsTheirTargetsAddresses() throws {
        let file = try File.open(TestPaths.sample("ecephys.nwb"))
        let column = try file.root().openChild("general/extracellular_ephys/electrodes/group", path: "group")
        let value = column.readValue(limits: ValueLimits(maxElements: 100, maxBytes: 1 << 16))
        XCTAssertEqual(value.totalCount, 8)
        let shank0 = try file.root().openChild("general/extracellular_ephys/shank0", path: "shank0")
        let shank1 = try file.root().openChild("general/extracellular_ephys/shank1", path: "shank1")
        XCTAssertEqual(value.elements.first, .objectAddress(shank0.address))
        XCTAssertEqual(value.elements.last, .objectAddress(shank1.address))
    }

    func testLatin1AttributeBytesAreReplacedNotFatal() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let file = try File.open(shared.appending(path: "corpus/matnwb/membrane_potential.nwb").path)
        let root = try file.root()
        var texts: [String] = []
        var stack = [root]
        while let group = stack.popLast() {
            texts += group.attributes().attributes.flatMap(\.value.texts)
            for link in group.links(limit: 1000).links {
                guard case .hard = link.target, let child = try? group.openChild(link.name, path: group.path + "/" + link.name)
                else { continue }
                if child.kind == .group {
                    stack.append(child)
                } else {
                    texts += child.attributes().attributes.flatMap(\.value.texts)
                }
            }
        }
        XCTAssertTrue(texts.contains { $0.contains("\u{FFFD}") }, "the Latin-1 µ should decode as a replacement character")
    }
}
