import Foundation
import NWBKit
import TestSupport
import XCTest

@testable import NWBCatalogs
@testable import NWBJSON
@testable import NWBRendering
@testable import NWBRunner

/// `nwbkit export` records: golden files for two SampleData files per target, the mapping rules, validity
/// against each target's model on SampleData and the whole corpus, and safe output names.
final class CatalogExportTests: XCTestCase {
    /// SampleData summaries with the paths a user in the package folder would give.
    private func samples(_ names: [String]) throws -> [FileSummary] {
        try names.map { name in
            var summary = try FileSummarizer.summarize(TestPaths.sample(name))
            summary.path = "SampleData/" + name
            return summary
        }
    }

    private func options(project: String? = "demo") -> CatalogOptions {
        var options = CatalogOptions()
        options.project = project
        options.checksums = false
        return options
    }

    private var goldenFolder: URL { TestPaths.packageRoot.appending(path: "Tests/NWBRenderingTests/Fixtures/exports") }

    /// The records of ophys.nwb and behavior.nwb equal the committed golden files
    /// (`NWBKIT_UPDATE_GOLDEN=1 swift test --filter CatalogExportTests` rewrites them after a deliberate change).
    func testGoldenRecordsForTwoSampleFilesPerTarget() throws {
        let files = try samples(["ophys.nwb", "behavior.nwb"])
        let update = ProcessInfo.processInfo.environment["NWBKIT_UPDATE_GOLDEN"] != nil
        var compared = 0
        for target in CatalogTarget.allCases {
            let export = CatalogExport.run(target, files: files, options: options(), title: "demo")
            XCTAssertEqual(export.failures, [])
            XCTAssertEqual(export.problems, [], "\(target)")
            XCTAssertGreaterThanOrEqual(export.documents.count, 2)
            for document in export.documents {
                let url = goldenFolder.appending(path: document.relativePath)
                if update {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try document.contents.write(to: url)
                }
                let golden = try String(contentsOf: url, encoding: .utf8)
                XCTAssertEqual(String(decoding: document.contents, as: UTF8.self), golden, document.relativePath)
                compared += 1
            }
        }
        XCTAssertEqual(compared, 2 + 2 + 2 + 5)  // portal: the dataset, 2 runs, ophys ROIs and behavior epochs
    }

    func testBrainSTEMMapping() throws {
        var names = NameRegistry()
        let behavior = CatalogFacts(try samples(["behavior.nwb"])[0])
        let records = BrainSTEMExporter.records(behavior, project: "demo", names: &names)
        XCTAssertEqual(records.session.name, "mouse-behavior-1_behavior")
        XCTAssertEqual(records.session.date_time, "2024-03-14T14:26:53Z", "09:26:53-05:00 in UTC")
        XCTAssertEqual(records.session.projects, ["demo"])
        XCTAssertEqual(records.subject?.birth_date, "2023-12-15", "session day − P90D")
        XCTAssertEqual(records.manipulations.map(\.type), ["OptogeneticStimulation"])
        XCTAssertEqual(records.manipulations.first?.details.first?.wavelength, .init(value: 473, unit: "nm"))
        XCTAssertEqual(records.epochs.map(\.name), ["light-off", "light-on", "light-off_2"])
        XCTAssertEqual(records.epochs.map(\.start), ["00:00:00", "00:00:30", "00:01:00"])
        XCTAssertEqual(records.procedures.map(\.type), ["OpticFiberImplant"])
        // A second file with the same subject and session id gets a unique name; long names stay ≤ 100.
        let again = BrainSTEMExporter.records(behavior, project: "demo", names: &names)
        XCTAssertEqual(again.session.name, "mouse-behavior-1_behavior_2")
        var long = try samples(["ophys.nwb"])[0]
        long.subject?.subjectID = String(repeating: "m", count: 120)
        let clipped = BrainSTEMExporter.records(CatalogFacts(long), project: "demo", names: &names)
        XCTAssertEqual(clipped.session.name.count, 100)
        XCTAssertEqual(BrainSTEMExporter.validate(clipped), [])
        let ephys = BrainSTEMExporter.records(CatalogFacts(try samples(["ecephys.nwb"])[0]), project: "demo", names: &names)
        XCTAssertEqual(ephys.dataacquisition.map(\.type), ["ExtracellularEphys"])
        XCTAssertEqual(ephys.dataacquisition.first?.details.sr, .init(value: 30000, unit: "Hz"))
        XCTAssertEqual(ephys.dataacquisition.first?.details.type, "float32")
        XCTAssertEqual(ephys.procedures.first?.type, "SiliconProbeImplant")
    }

    /// Flexilims names sessions by the local date as written (not UTC), numbers a mouse's sessions of one day
    /// in start order, and names recordings by local time.
    func testFlexilimsSessionNamingAcrossMidnightAndTimeZones() throws {
        let base = try samples(["ophys.nwb"])[0]
        func file(_ start: String, _ path: String) -> CatalogFacts {
            var summary = base
            summary.session.sessionStartTime = start
            summary.path = path
            return CatalogFacts(summary)
        }
        let files = [
            file("2024-01-20T23:30:00-05:00", "late.nwb"),  // 04:30 UTC on the 21st: still the 20th where recorded
            file("2024-01-20T08:00:00-05:00", "early.nwb"),
            file("2024-01-21T00:10:00+09:00", "tokyo.nwb"),  // 15:10 UTC on the 20th: the 21st where recorded
        ]
        let sessions = FlexilimsExporter.sessions(files, options: options()).map { try? $0.get() }
        XCTAssertEqual(sessions.map { $0?.session }, ["S20240120_1", "S20240120", "S20240121"])
        XCTAssertEqual(sessions.map { $0?.recording }, ["R233000_sample", "R080000_sample", "R001000_sample"])
        XCTAssertEqual(sessions.map { $0?.recordingType }, ["two_photon", "two_photon", "two_photon"])
        for session in sessions.compactMap({ $0 }) { XCTAssertEqual(FlexilimsExporter.validate(session), []) }
        XCTAssertTrue(sessions[0]!.yaml.text.contains("genealogy:\n    - mouse-ophys-1\n    - S20240120_1\n"))
    }

    func testFlexilimsDataRootsDecideRawOrProcessed() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "nwbkit-roots-\(UUID().uuidString)")
        let raw = root.appending(path: "raw/demo/mouse")
        let processed = root.appending(path: "processed/demo/mouse")
        for folder in [raw, processed] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: root) }
        var summary = try samples(["ophys.nwb"])[0]
        var options = options()
        options.rawRoot = root.appending(path: "raw").path
        options.processedRoot = root.appending(path: "processed").path
        summary.path = raw.appending(path: "session.nwb").path
        let rawSession = try FlexilimsExporter.sessions([CatalogFacts(summary)], options: options)[0].get()
        XCTAssertEqual(rawSession.root, "raw")
        XCTAssertTrue(rawSession.yaml.text.contains("path: demo/mouse/session.nwb\n"))
        XCTAssertTrue(rawSession.yaml.text.contains("is_raw: \"yes\""))
        summary.path = processed.appending(path: "session.nwb").path
        let processedSession = try FlexilimsExporter.sessions([CatalogFacts(summary)], options: options)[0].get()
        XCTAssertEqual(processedSession.root, "processed")
        XCTAssertTrue(processedSession.yaml.text.contains("is_raw: \"no\""))
        summary.path = "/elsewhere/session.nwb"
        XCTAssertThrowsError(try FlexilimsExporter.sessions([CatalogFacts(summary)], options: options)[0].get()) { error in
            XCTAssertTrue("\(error)".contains("lies under neither the raw root"), "\(error)")
        }
    }

    func testCrucibleLinksAProcessedFileToItsRawSourceAndHashesLikeSha256sum() throws {
        let files = try samples(["ophys.nwb", "ecephys.nwb"])
        var processed = files[1]
        var link = ObjectEntry(kind: "external_link", path: "/acquisition/raw")
        link.targetFile = "ophys.nwb"
        link.target = "/acquisition/TwoPhotonSeries"
        processed.objects.append(link)
        let records = CrucibleExporter.records([CatalogFacts(files[0]), CatalogFacts(processed)], options: options())
            .compactMap { try? $0.get() }
        XCTAssertEqual(records.map(\.dataset.dataset_name), ["ophys", "ecephys"])
        XCTAssertEqual(records[0].child_datasets, ["ecephys"])
        XCTAssertEqual(records[1].parent_datasets, ["ophys"])
        XCTAssertEqual(records[0].dataset.measurement, "two-photon calcium imaging")
        XCTAssertEqual(records[1].dataset.measurement, "extracellular electrophysiology")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [TestPaths.sample("ophys.nwb")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        XCTAssertEqual(try FileDigest.sha256(TestPaths.sample("ophys.nwb")), String(expected))
    }

    func testPortalHierarchy() throws {
        let export = CatalogExport.run(
            .portal, files: try samples(["ophys.nwb", "ecephys.nwb", "behavior.nwb"]), options: options(), title: "demo")
        let paths = export.documents.map(\.relativePath)
        XCTAssertEqual(paths.first, "portal/1/dataset_metadata.json")
        XCTAssertTrue(paths.contains("portal/1/ophys/Annotations/1-PlaneSegmentation.json"))
        XCTAssertTrue(paths.contains("portal/1/ecephys/Annotations/1-units.json"))
        XCTAssertTrue(paths.contains("portal/1/behavior/Annotations/1-epochs.json"))
        let dataset = try XCTUnwrap(JSONSerialization.jsonObject(with: export.documents[0].contents) as? [String: Any])
        XCTAssertEqual((dataset["organism"] as? [String: Any])?["taxonomy_id"] as? Int, 10090)
        XCTAssertEqual((dataset["nwb"] as? [String: Any])?["file_count"] as? Int, 3)
        XCTAssertTrue(dataset.keys.contains("deposition_id"), "required keys are written as null")
        XCTAssertEqual(PortalExporter.personName("Doe, Jane"), "Jane Doe")
        XCTAssertEqual(PortalExporter.doi("https://doi.org/10.1234/abc"), "10.1234/abc")
        XCTAssertNil(PortalExporter.doi("https://example.org/paper"))
    }

    func testMissingProjectIsRefused() throws {
        let files = try samples(["ophys.nwb"])
        for target in [CatalogTarget.brainstem, .flexilims, .crucible] {
            let export = CatalogExport.run(target, files: files, options: options(project: nil), title: "x")
            XCTAssertEqual(export.documents, [])
            XCTAssertEqual(export.failures.map(\.message), ["--project is required for \(target.rawValue)"])
        }
    }

    func testNamesFromFilesCannotLeaveTheOutputFolder() {
        XCTAssertEqual(SafePath.component("../../etc/passwd"), "_.._etc_passwd")
        XCTAssertEqual(SafePath.component(".."), "unnamed")
        XCTAssertEqual(SafePath.component("/abs/path"), "_abs_path")
        XCTAssertEqual(SafePath.component("a\u{0}b\nc"), "a_b_c")
        XCTAssertEqual(SafePath.component("séance 1"), "s_ance_1")
        XCTAssertEqual(SafePath.component(String(repeating: "x", count: 300)).count, 120)
        let root = URL(fileURLWithPath: "/tmp/out")
        XCTAssertEqual(SafePath.resolve("brainstem/a.json", under: root)?.path, "/tmp/out/brainstem/a.json")
        for bad in ["../x.json", "/etc/x", "a/../../x", "a//b", "a/\u{1}b", ""] {
            XCTAssertNil(SafePath.resolve(bad, under: root), bad)
        }
    }

    /// Every corpus file exports to every target; the records are valid for their model (BrainSTEM, Crucible,
    /// portal: no problem at all; Flexilims: only files that name no subject, marked for the user to fix).
    func testEveryCorpusFileExportsToEveryTarget() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let corpus = shared.appending(path: "corpus")
        let summaries = try TestPaths.corpusFiles().map { try FileSummarizer.summarize(corpus.appending(path: $0).path) }
        XCTAssertEqual(summaries.count, 132)
        for target in CatalogTarget.allCases {
            let export = CatalogExport.run(target, files: summaries, options: options(), title: "corpus")
            XCTAssertEqual(export.failures, [], "\(target)")
            let expected = target == .portal ? summaries.count + 1 : summaries.count
            XCTAssertGreaterThanOrEqual(export.documents.count, expected, "\(target)")
            let problems = export.problems.filter { !$0.contains("names no subject_id") }
            XCTAssertEqual(problems, [], "\(target)")
            for document in export.documents where document.relativePath.hasSuffix(".json") {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: document.contents), document.relativePath)
            }
        }
    }
}
