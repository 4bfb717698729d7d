import Foundation
import HDF5
import NWBKit
import TestSupport
import XCTest

@testable import NWBCheck

/// Built-in checks on SampleData (written by pynwb) and on summaries changed one fact at a time.
final class BestPracticeTests: XCTestCase {
    private func sample(_ name: String) throws -> FileSummary {
        try FileSummarizer.summarize(TestPaths.sample(name))
    }

    private func findings(_ summary: FileSummary, _ id: String) -> [Finding] {
        BestPracticeChecks.check(id)!.findings(in: SummaryIndex(summary))
    }

    func testEveryCheckHasAUniqueIDAndAFlagsLine() {
        let ids = BestPracticeChecks.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertTrue(BestPracticeChecks.all.allSatisfy { !$0.flags.isEmpty })
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("check_") || $0.hasPrefix("nwbkit_") })
    }

    func testSampleDataFindingsAreTheExpectedOnes() throws {
        var run = CheckRun(options: CheckOptions())
        for name in TestPaths.sampleNames {
            run.check(try sample(name))
        }
        let report = run.report()
        let found = Set(report.findings.map { "\(($0.file as NSString).lastPathComponent) \($0.check) \($0.location)" })
        // nwbinspector 0.7.2 (`nwbinspector SampleData --skip-validate`) reports the same 14 findings.
        XCTAssertTrue(found.contains("ecephys.nwb check_units_resolution_is_set /units"))
        XCTAssertTrue(
            found.contains("icephys.nwb check_intracellular_electrode_cell_id_exists /general/intracellular_ephys/elec0"))
        XCTAssertTrue(found.contains("ophys.nwb check_description /acquisition/TwoPhotonSeries"))
        // The one CRITICAL finding: images.nwb names an external video that SampleData does not ship.
        XCTAssertEqual(
            report.findings.filter { $0.importance == .critical }.map { "\($0.check) \($0.location): \($0.message)" },
            [
                "check_image_series_external_file_valid /acquisition/behavior_video: The external file 'video_0001.mp4' does not exist. Please confirm the relative location to the NWBFile."
            ])
        XCTAssertFalse(report.findings.contains { $0.check == CheckRun.uniqueIdentifiersID })
        XCTAssertEqual(report.files.count, 5)
    }

    func testSubjectChecks() throws {
        var summary = try sample("ophys.nwb")
        XCTAssertEqual(findings(summary, "check_subject_sex"), [])
        summary.subject?.sex = "male"
        XCTAssertEqual(findings(summary, "check_subject_sex").map(\.location), ["/general/subject"])
        summary.subject?.species = "mouse"
        XCTAssertEqual(findings(summary, "check_subject_species_form").count, 1)
        summary.subject?.species = "http://purl.obolibrary.org/obo/NCBITaxon_10090"
        XCTAssertEqual(findings(summary, "check_subject_species_form").count, 0)
        for (age, flagged) in [
            ("P90D", false), ("P1Y2M", false), ("P1D/P3D", false), ("P90Y/", false), ("90 days", true), ("P", true),
        ] {
            summary.subject?.age = age
            XCTAssertEqual(findings(summary, "check_subject_age").count, flagged ? 1 : 0, age)
        }
        summary.subject?.age = "P3D/P1D"
        XCTAssertEqual(findings(summary, "check_subject_proper_age_range").count, 1)
        summary.subject?.weight = "20g"
        XCTAssertEqual(findings(summary, "check_subject_weight").count, 1)
        summary.subject?.weight = "20.5 g"
        XCTAssertEqual(findings(summary, "check_subject_weight").count, 0)
        summary.subject = nil
        XCTAssertEqual(findings(summary, "check_subject_exists").map(\.importance), [.critical])
    }

    func testFileMetadataChecks() throws {
        var summary = try sample("ecephys.nwb")
        summary.session.experimenter = ["Ada Lovelace", "Lovelace, Ada"]
        XCTAssertEqual(findings(summary, "check_experimenter_form").count, 1)
        summary.session.sessionStartTime = "2999-01-01T00:00:00+00:00"
        XCTAssertEqual(findings(summary, "check_session_start_time_future_date").count, 1)
        summary.session.sessionStartTime = "1970-01-01T00:00:00"
        XCTAssertEqual(
            findings(summary, "check_session_start_time_old_date").map(\.message),
            [
                "The session_start_time (1970-01-01 00:00:00+00:00) may not be set to the true date of the recording."
            ])
        XCTAssertEqual(findings(summary, "nwbkit_session_start_time_timezone").count, 1)
        summary.session.sessionStartTime = "2024-05-01T09:30:00-04:00"
        XCTAssertEqual(findings(summary, "nwbkit_session_start_time_timezone").count, 0)
        summary.session.relatedPublications = ["doi:10.1/x", "my paper"]
        XCTAssertEqual(findings(summary, "check_doi_publications").count, 1)
        summary.path = "session.h5"
        XCTAssertEqual(findings(summary, "check_file_extension").count, 1)
    }

    func testShapeChecksReadOnlyShapes() throws {
        var summary = try sample("ophys.nwb")
        XCTAssertEqual(findings(summary, "check_roi_response_series_dims"), [])
        let data = try XCTUnwrap(summary.objects.firstIndex { $0.path.hasSuffix("RoiResponseSeries/data") })
        summary.objects[data].shape = [12, 40]
        XCTAssertEqual(
            findings(summary, "check_roi_response_series_dims").map(\.message),
            [
                "The second dimension of data does not match the length of rois, but instead the first does. Data is oriented incorrectly and should be transposed."
            ])
        XCTAssertEqual(findings(summary, "check_data_orientation").count, 1)  // 40 ROIs over 12 frames: time is not first
        summary.objects[data].shape = [40, 12]
        XCTAssertEqual(findings(summary, "check_data_orientation").count, 0)
        let rate = try XCTUnwrap(summary.objects.firstIndex { $0.path.hasSuffix("RoiResponseSeries/starting_time") })
        summary.objects[rate].attributes = [AttributeEntry(name: "rate", dtype: "float64", shape: [], value: .number(-30))]
        XCTAssertEqual(findings(summary, "check_rate_is_positive").map(\.importance), [.critical])
    }

    /// The checks no file of the corpus or of Fixtures/flawed trips (pynwb will not write what they look for),
    /// each on a SampleData summary changed to trip it.
    func testChecksNoWrittenFileTrips() throws {
        var ophys = try sample("ophys.nwb")
        func index(_ path: String) throws -> Int { try XCTUnwrap(ophys.objects.firstIndex { $0.path == path }) }
        let region = AttributeEntry(
            name: "table", dtype: "object", shape: [], value: .object(["reference": .string("/units")]))
        let rois = try index("/processing/ophys/Fluorescence/RoiResponseSeries/rois")
        ophys.objects[rois].attributes = (ophys.objects[rois].attributes ?? []).filter { $0.name != "table" } + [region]
        ophys.objects.append(ObjectEntry(kind: "group", path: "/units"))
        XCTAssertEqual(
            findings(ophys, "check_roi_response_series_link_to_plane_segmentation").map(\.message),
            ["rois field does not point to a PlaneSegmentation table."])

        // A TwoPhotonSeries is exempt from the size check; an ImageSeries of 21 GB uncompressed is not.
        let movie = try index("/acquisition/TwoPhotonSeries")
        let data = try index("/acquisition/TwoPhotonSeries/data")
        ophys.objects[data].shape = [40_000, 512, 512]
        ophys.objects[data].filters = []
        XCTAssertEqual(findings(ophys, "check_image_series_data_size"), [])
        ophys.objects[movie].neurodataType = "ImageSeries"
        XCTAssertEqual(
            findings(ophys, "check_image_series_data_size").map(\.message),
            ["ImageSeries is very large. Consider using external mode for better storage."])
        ophys.objects[movie].attributes =
            (ophys.objects[movie].attributes ?? []) + [
                AttributeEntry(name: "starting_frame", dtype: "int64", shape: [1], value: .array([.integer(0)]))
            ]
        XCTAssertEqual(findings(ophys, "check_image_series_starting_frame_without_external_file").count, 1)

        var name = ObjectEntry(kind: "group", path: "/acquisition/left\\right")
        name.neurodataType = "TimeSeries"
        ophys.objects.append(name)
        XCTAssertEqual(
            findings(ophys, "check_name_slashes").map(\.location), ["/acquisition/left\\right"])

        var sweeps = ObjectEntry(kind: "group", path: "/general/intracellular_ephys/sweep_table")
        sweeps.neurodataType = "SweepTable"
        ophys.objects.append(sweeps)
        ophys.nwbVersion = "2.7.0"
        XCTAssertEqual(findings(ophys, "check_sweeptable_deprecated").count, 1)
        ophys.nwbVersion = "2.2.0"
        XCTAssertEqual(findings(ophys, "check_sweeptable_deprecated").count, 0)

        var indexed = ObjectEntry(kind: "group", path: "/stimulus/presentation/frames")
        indexed.neurodataType = "IndexSeries"
        var link = ObjectEntry(kind: "soft_link", path: "/stimulus/presentation/frames/indexed_timeseries")
        link.target = "/acquisition/TwoPhotonSeries"
        ophys.objects += [indexed, link]
        XCTAssertEqual(findings(ophys, "check_index_series_points_to_image").map(\.location), ["/stimulus/presentation/frames"])

        var ecephys = try sample("ecephys.nwb")
        let electrodes = try XCTUnwrap(ecephys.objects.firstIndex { $0.path == "/acquisition/ElectricalSeries/electrodes" })
        ecephys.objects[electrodes].attributes =
            (ecephys.objects[electrodes].attributes ?? []).filter { $0.name != "table" } + [
                AttributeEntry(name: "table", dtype: "object", shape: [], value: .object(["reference": .string("/units")]))
            ]
        let wrongTable = findings(ecephys, "check_electrical_series_reference_electrodes_table")
        XCTAssertTrue(wrongTable.contains { $0.location == "/acquisition/ElectricalSeries" }, "\(wrongTable)")
        XCTAssertEqual(Set(wrongTable.map(\.message)), ["electrodes does not  reference an electrodes table."])
    }

    /// Two links to one reference image are one image: one finding (a real file gave two, one of them
    /// for the `reference_images` group itself).
    func testEachReferenceImageIsReportedOnce() throws {
        var ophys = try sample("ophys.nwb")
        let segmentation = "/processing/ophys/ImageSegmentation/PlaneSegmentation"
        let index = try XCTUnwrap(ophys.objects.firstIndex { $0.path == segmentation })
        ophys.objects[index].attributes =
            (ophys.objects[index].attributes ?? []).filter { $0.name != "colnames" } + [
                AttributeEntry(name: "colnames", dtype: "object", shape: [1], value: .array([.string("image_mask")]))
            ]
        var mask = ObjectEntry(kind: "dataset", path: segmentation + "/image_mask")
        mask.shape = [12, 4, 4]
        var references = ObjectEntry(kind: "group", path: segmentation + "/reference_images")
        references.neurodataType = nil
        var first = ObjectEntry(kind: "soft_link", path: segmentation + "/reference_images/mean")
        first.target = "/acquisition/TwoPhotonSeries"
        var second = ObjectEntry(kind: "soft_link", path: segmentation + "/reference_images/again")
        second.target = "/acquisition/TwoPhotonSeries"
        ophys.objects += [mask, references, first, second]
        ophys.objects.sort { $0.path < $1.path }
        let found = findings(ophys, "check_plane_segmentation_image_mask_shape_against_ref_images")
        XCTAssertEqual(found.count, 1, "\(found.map(\.message))")
        XCTAssertTrue(found.first?.message.hasPrefix("image_mask of shape (4, 4) does not match reference image ") ?? false)
    }

    func testStorageChecks() throws {
        var summary = try sample("ophys.nwb")
        let movie = try XCTUnwrap(summary.objects.firstIndex { $0.path == "/acquisition/TwoPhotonSeries/data" })
        summary.objects[movie].shape = [40_000, 512, 512]  // 21 GB of uint16, uncompressed
        summary.objects[movie].filters = []
        XCTAssertEqual(findings(summary, "check_large_dataset_compression").map(\.location), ["/acquisition/TwoPhotonSeries"])
        XCTAssertEqual(findings(summary, "check_small_dataset_compression").count, 0)
        summary.objects[movie].filters = [Filter(id: 1, name: "deflate", parameters: [4])]
        XCTAssertEqual(findings(summary, "check_large_dataset_compression").count, 0)
        var link = ObjectEntry(kind: "external_link", path: "/acquisition/raw")
        link.target = "/acquisition/raw"
        link.targetFile = "raw.nwb"
        summary.objects.append(link)
        XCTAssertEqual(findings(summary, "nwbkit_external_links").map(\.location), ["/acquisition/raw"])
        summary.isIncomplete = true
        XCTAssertEqual(findings(summary, "nwbkit_incomplete_read").map(\.importance), [.critical])
    }

    func testUniqueIdentifiersAcrossFilesAndImportanceOverrides() throws {
        var options = CheckOptions()
        options.importanceOverrides = CheckOptions.dandiImportance
        var run = CheckRun(options: options)
        var first = try sample("ophys.nwb")
        first.subject?.species = "mouse"
        var second = try sample("ecephys.nwb")
        second.session.identifier = first.session.identifier
        run.check(first)
        run.check(second)
        let report = run.report()
        XCTAssertEqual(report.findings.filter { $0.check == CheckRun.uniqueIdentifiersID }.count, 2)
        XCTAssertEqual(report.findings.first { $0.check == "check_subject_species_form" }?.importance, .critical)
        XCTAssertEqual(report.findings.first?.importance, .critical, "report order: most important first")
        XCTAssertEqual(report.findings, report.findings.sorted(by: Finding.reportOrder))
    }

    func testAnUnreadableFileIsACriticalFinding() {
        var run = CheckRun(options: CheckOptions())
        do {
            _ = try FileSummarizer.summarize(TestPaths.sample("bad/corrupt-truncated.nwb"))
            XCTFail("the truncated file should not summarize")
        } catch {
            run.fail(path: error.path, reason: error.reason)
        }
        let report = run.report()
        XCTAssertEqual(report.findings.map(\.check), [CheckRun.unreadableFileID])
        XCTAssertEqual(report.findings.first?.importance, .critical)
        XCTAssertTrue(report.findings.first?.message.contains("truncated") ?? false)
        XCTAssertTrue(report.fails(at: .critical))
    }
}
