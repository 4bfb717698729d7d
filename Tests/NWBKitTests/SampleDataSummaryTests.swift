import HDF5
import TestSupport
import XCTest

@testable import NWBKit

final class SampleDataSummaryTests: XCTestCase {
    private func summary(_ name: String) throws -> FileSummary {
        try FileSummarizer.summarize(TestPaths.sample(name))
    }

    func testOphysPlanesRoisAndDevices() throws {
        let summary = try summary("ophys.nwb")
        XCTAssertEqual(summary.nwbVersion, "2.11.0")
        XCTAssertEqual(summary.devices.map(\.name), ["Microscope"])
        XCTAssertEqual(summary.devices.first?.manufacturer, "Sample Optics")
        let plane = try XCTUnwrap(summary.imagingPlanes.first)
        XCTAssertEqual(summary.imagingPlanes.count, 1)
        XCTAssertEqual(plane.indicator, "GCaMP6f")
        XCTAssertEqual(plane.location, "VISp")
        XCTAssertEqual(plane.excitationLambda, 920)
        XCTAssertEqual(plane.imagingRate, 30)
        XCTAssertEqual(plane.device, "/general/devices/Microscope")
        XCTAssertEqual(
            plane.opticalChannels, [OpticalChannelInfo(name: "OpticalChannel", description: "green channel", emissionLambda: 510)]
        )
        XCTAssertEqual(
            summary.roiTables,
            [
                ROITableInfo(
                    path: "/processing/ophys/ImageSegmentation/PlaneSegmentation", name: "PlaneSegmentation", roiCount: 12,
                    maskKind: "pixel", imagingPlane: "/general/optophysiology/ImagingPlane")
            ])
        XCTAssertEqual(summary.acquisition.map(\.neurodataType), ["TwoPhotonSeries"])
        XCTAssertEqual(summary.processing.map(\.name), ["ophys"])
        XCTAssertEqual(summary.processing.first?.contents.map(\.name), ["Fluorescence", "ImageSegmentation"])
    }

    func testEcephysElectrodesUnitsAndTrials() throws {
        let summary = try summary("ecephys.nwb")
        let electrodes = try XCTUnwrap(summary.electrodes)
        XCTAssertEqual(electrodes.rows, 8)
        XCTAssertEqual(electrodes.columns, ["location", "group", "group_name"])
        XCTAssertEqual(electrodes.locations, ["CA1", "CA3"])
        XCTAssertEqual(electrodes.groups, ["shank0", "shank1"])
        XCTAssertEqual(summary.electrodeGroups.map(\.location), ["CA1", "CA3"])
        XCTAssertEqual(summary.units.map(\.rows), [5])
        XCTAssertEqual(summary.units.first?.columns, ["quality", "spike_times"])
        XCTAssertEqual(summary.intervals.map(\.name), ["trials"])
        XCTAssertEqual(summary.intervals.first?.rows, 6)
        XCTAssertEqual(summary.subject?.species, "Rattus norvegicus")
    }

    func testSessionAndSubjectFields() throws {
        let summary = try summary("behavior.nwb")
        XCTAssertEqual(summary.session.sessionStartTime, "2024-03-14T09:26:53-05:00")
        XCTAssertEqual(summary.session.experimenter, ["Doe, Jane", "Roe, Richard"])
        XCTAssertEqual(summary.session.keywords, ["sample", "behavior"])
        XCTAssertEqual(summary.session.institution, "NWBKit Sample Institute")
        XCTAssertEqual(summary.session.fileCreateDate, ["2024-03-14T09:26:53-05:00"])
        let subject = try XCTUnwrap(summary.subject)
        XCTAssertEqual(subject.subjectID, "mouse-behavior-1")
        XCTAssertEqual(subject.sex, "M")
        XCTAssertEqual(subject.age, "P90D")
        XCTAssertEqual(subject.strain, "C57BL/6J")
        XCTAssertEqual(summary.intervals.map(\.path), ["/intervals/epochs"])
        XCTAssertEqual(summary.intervals.first?.rows, 3)
        XCTAssertEqual(summary.stimulus.map(\.neurodataType), ["OptogeneticSeries"])
        XCTAssertEqual(summary.specifications.map(\.namespace), ["core", "hdmf-common", "hdmf-experimental"])
    }

    func testSoftLinksAreListedWithTargetsAndResolved() throws {
        let summary = try summary("ophys.nwb")
        let link = try XCTUnwrap(
            summary.objects.first { $0.path == "/processing/ophys/ImageSegmentation/PlaneSegmentation/imaging_plane" })
        XCTAssertEqual(link.kind, "soft_link")
        XCTAssertEqual(link.target, "/general/optophysiology/ImagingPlane")
        XCTAssertEqual(link.resolved, true)
        XCTAssertEqual(summary.counts.softLinks, 3)
    }

    func testDatasetEntriesCarryShapeDtypeAndNWBAttributes() throws {
        let summary = try summary("ecephys.nwb")
        let data = try XCTUnwrap(summary.objects.first { $0.path == "/acquisition/ElectricalSeries/data" })
        XCTAssertEqual(data.kind, "dataset")
        XCTAssertEqual(data.shape, [3000, 8])
        XCTAssertEqual(data.dtype, "float32")
        let series = try XCTUnwrap(summary.objects.first { $0.path == "/acquisition/ElectricalSeries" })
        XCTAssertEqual(series.neurodataType, "ElectricalSeries")
        XCTAssertEqual(series.namespace, "core")
        XCTAssertEqual(series.objectID?.count, 36)
    }

    func testImagesAndIcephys() throws {
        let images = try summary("images.nwb")
        XCTAssertEqual(images.acquisition.map(\.name), ["behavior_video", "reference_images"])
        XCTAssertTrue(
            images.structureLines.contains(
                "Dataset /acquisition/reference_images/vasculature (RGBImage) surface vasculature | shape = (32, 32, 3) | dtype = uint8"
            ))
        let icephys = try summary("icephys.nwb")
        XCTAssertEqual(icephys.acquisition.map(\.neurodataType), ["CurrentClampSeries", "VoltageClampSeries"])
        let recordings = icephys.neurodataTypes.first { $0.type == "IntracellularRecordingsTable" }
        XCTAssertEqual(recordings?.count, 1)
        XCTAssertEqual(recordings?.bases, ["AlignedDynamicTable", "DynamicTable", "Container"])
    }

    func testBadInputsGiveTypedErrors() {
        XCTAssertThrowsError(try summary("bad/not-nwb.h5")) { error in
            XCTAssertEqual(error as? SummaryError, .notNWB(path: TestPaths.sample("bad/not-nwb.h5")))
        }
        XCTAssertThrowsError(try summary("bad/corrupt-truncated.nwb")) { error in
            guard case .unreadableHDF5(_, let detail)? = error as? SummaryError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("truncated"))
        }
        XCTAssertThrowsError(try summary("generate.py")) { error in
            guard case .notHDF5(_, let detail)? = error as? SummaryError else { return XCTFail("\(error)") }
            XCTAssertEqual(detail, "looks like a text file")
        }
        XCTAssertThrowsError(try summary("missing.nwb")) { error in
            XCTAssertEqual(error as? SummaryError, .missing(path: TestPaths.sample("missing.nwb")))
        }
    }

    func testSameInputGivesEqualSummaries() throws {
        XCTAssertEqual(try summary("ophys.nwb"), try summary("ophys.nwb"))
    }

    func testObjectLimitMarksSummaryIncomplete() throws {
        var options = SummaryOptions()
        options.limits.maxObjects = 10
        let summary = try FileSummarizer.summarize(TestPaths.sample("ecephys.nwb"), options: options)
        XCTAssertTrue(summary.isIncomplete)
        XCTAssertTrue(summary.problems.contains { $0.message.contains("stopped after 10 objects") })
    }
}

/// The walk closes everything it opens (only the file stays open), on every SampleData file.
final class WalkResourceTests: XCTestCase {
    func testTheWalkLeavesNoIdentifierOpen() throws {
        for name in TestPaths.sampleNames {
            let file = try File.open(TestPaths.sample(name))
            let tree = try TreeWalker.walk(file)
            XCTAssertGreaterThan(tree.nodes.count, 10)
            XCTAssertEqual(file.openIdentifierCount, 1, name)
        }
    }
}

/// Children are kept in byte order of their names and found by binary search (interpretation looks
/// names up for every link of a group that may hold 100,000).
final class ChildLookupTests: XCTestCase {
    func testEveryLinkIsFoundByItsNameAndNoOtherName() throws {
        for name in TestPaths.sampleNames {
            let tree = try TreeWalker.walk(try File.open(TestPaths.sample(name)))
            var looked = 0
            for node in tree.nodes {
                let names = node.children.map(\.name)
                XCTAssertEqual(names, names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, node.path)
                for child in node.children {
                    XCTAssertEqual(node.child(named: child.name)?.name, child.name, node.path)
                    XCTAssertNil(node.child(named: child.name + "\u{0}x"), node.path)
                    looked += 1
                }
                XCTAssertNil(node.child(named: ""), node.path)
                XCTAssertNil(node.child(named: "~after every name"), node.path)
            }
            XCTAssertGreaterThan(looked, 20, name)
        }
    }
}
