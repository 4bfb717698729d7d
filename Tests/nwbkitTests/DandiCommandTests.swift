import Foundation
import TestSupport
import XCTest

/// `nwbkit assets`, `types` and `dandiset` end to end.
final class DandiCommandTests: XCTestCase {
    private var samples: [String] { TestPaths.samples }

    func testAssetsSummaryOfSampleData() throws {
        let run = try InProcessCommand.nwbkit(["assets"] + samples)
        XCTAssertEqual(run.status, 0, run.stderr)
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(summary["schemaKey"] as? String, "AssetsSummary")
        XCTAssertEqual(summary["numberOfFiles"] as? Int, 5)
        XCTAssertEqual(summary["numberOfSubjects"] as? Int, 5)
        let approaches = Set((summary["approach"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        XCTAssertEqual(
            approaches,
            [
                "behavioral approach", "optogenetic approach", "electrophysiological approach",
                "microscopy approach; cell population imaging",
            ])
        let species = (summary["species"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertEqual(species, ["Mus musculus - House mouse", "Rattus norvegicus - Norway rat"])
    }

    func testPerFileAssetsAreOneLineEach() throws {
        let run = try InProcessCommand.nwbkit(["assets", "--per-file", TestPaths.sample("ecephys.nwb"), TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let asset = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(asset["encodingFormat"] as? String, "application/x-nwb")
        let participant = try XCTUnwrap((asset["wasAttributedTo"] as? [[String: Any]])?.first)
        XCTAssertEqual((participant["sex"] as? [String: Any])?["name"] as? String, "Male")
        XCTAssertEqual((participant["age"] as? [String: Any])?["value"] as? String, "P120D")
        let session = try XCTUnwrap((asset["wasGeneratedBy"] as? [[String: Any]])?.first)
        XCTAssertEqual(session["startDate"] as? String, "2024-03-14T09:26:53-05:00")
        XCTAssertEqual(session["name"] as? String, "ecephys")
    }

    func testUninterpretableAgeIsANoteNotAFailure() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let file = shared.appending(path: "corpus/NWBShowcase/FergusonEtAl2015_PYR2.nwb").path
        let run = try InProcessCommand.nwbkit(["assets", "--per-file", file])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("age: ISO 8601 expected, but 'P20D-P90D' was received"), run.stderr)
        XCTAssertTrue(run.stderr.contains("species: Cannot interpret species field: transgenic mouse"), run.stderr)
        XCTAssertTrue(run.stdout.contains("\"genotype\":\"PV-tdTomato\""), "what could be read is still reported")
        XCTAssertTrue(run.stdout.contains("\"current clamp technique\""))
    }

    func testTypesGroupsIdenticalStructures() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let folder = shared.appending(path: "corpus/pynwb").path
        let run = try InProcessCommand.nwbkit(["types", "--format", "json", folder])
        XCTAssertEqual(run.status, 0, run.stderr)
        let types = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let list = try XCTUnwrap(types["types"] as? [[String: Any]])
        XCTAssertEqual(list.map { ($0["files"] as? [String])?.count ?? 0 }.reduce(0, +), types["filesConsidered"] as? Int)
        let first = try XCTUnwrap(list.first?["files"] as? [String])
        XCTAssertTrue(first.allSatisfy { $0.contains("/1.") }, "the 1.x back-compat files share one structure")
    }

    func testDandisetWithYAMLMetadataUsesItsValues() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-dandiset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let metadata = folder.appending(path: "dandiset.yaml")
        try """
        name: Sample ophys
        id: DANDI:000999/draft
        description: "Two-photon imaging.\\nSecond line."
        contributor:
          - name: "O'Connor, Daniel H"
            includeInCitation: true
            affiliation: []
        """.write(to: metadata, atomically: true, encoding: .utf8)
        let run = try InProcessCommand.nwbkit(["dandiset", "--metadata", metadata.path, TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "")
        XCTAssertEqual(
            Array(lines[16...21]),
            [
                "id: DANDI:000999/draft", "name: Sample ophys",
                #"contributor: [{'name': "O'Connor, Daniel H", 'affiliation': [], 'includeInCitation': True}]"#,
                "description: Two-photon imaging.", "Second line.", "",
            ])
        XCTAssertEqual(lines[22], "Dandiset 000999 has 1 NWB files.")
        XCTAssertEqual(lines[23], "1 of these NWB files are of type 1.")
        XCTAssertEqual(lines[27], "  Group / (NWBFile) ")
        XCTAssertTrue(run.stdout.hasSuffix("timestamps_reference_time: 2024-03-14T09:26:53-05:00\n"))
    }

    func testDandisetWithoutMetadataSaysWhatItFilled() throws {
        let run = try InProcessCommand.nwbkit(["dandiset", "--id", "000123"] + samples)
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("no --metadata"), run.stderr)
        XCTAssertTrue(run.stdout.contains("\nDandiset 000123 has 5 NWB files.\n"))
        XCTAssertTrue(run.stdout.contains("assetsSummary: {'species': [{'name': 'Mus musculus - House mouse'"))
        let limited = try InProcessCommand.nwbkit(["dandiset", "--quiet", "--max-types", "2"] + samples)
        XCTAssertTrue(limited.stdout.contains("\nDandiset 000000 has 2 NWB files.\n"))
        XCTAssertFalse(limited.stdout.contains("type 3"))
    }

    func testBrokenMetadataIsAUsageError() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "nwbkit-bad-\(UUID().uuidString).json").path
        try "{\"name\": }".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try InProcessCommand.nwbkit(["dandiset", "--metadata", path, TestPaths.sample("ophys.nwb")])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("nwbkit: \(path): not valid JSON: line 1, column"), run.stderr)
    }

    func testReportTemplateRendersEachType() throws {
        let run = try InProcessCommand.nwbkit(["dandiset", "--report", "--quiet"] + samples)
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("5 NWB files in 5 structural types."))
        XCTAssertTrue(run.stdout.contains("| ImagingPlane | GCaMP6f | VISp | 920 | 30 |"))
        XCTAssertTrue(run.stdout.contains("8 electrodes in shank0, shank1; locations: CA1, CA3"))
    }
}
