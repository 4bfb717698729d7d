import Foundation
import TestSupport
import XCTest

@testable import NWBDandi
@testable import NWBKit

/// DANDI asset facts and the assetsSummary against what the dandi tool produced on the corpus.
final class DandiAssetTests: XCTestCase {
    private func referenceAssets() throws -> [(file: String, asset: DandiAsset, reference: [String: Any])] {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        var result: [(String, DandiAsset, [String: Any])] = []
        for file in TestPaths.corpusFiles() {
            guard let url = TestPaths.reference(for: file, suffix: "asset.json"), let data = try? Data(contentsOf: url),
                let reference = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            let summary = try FileSummarizer.summarize(shared.appending(path: "corpus/" + file).path)
            var asset = DandiAsset(summary: summary)
            asset.path = file
            result.append((file, asset, reference))
        }
        return result
    }

    private func names(_ value: Any?) -> Set<String> {
        Set((value as? [[String: Any]] ?? []).compactMap { ($0["name"] ?? $0["value"]) as? String })
    }

    func testPerFileFactsMatchTheDandiTool() throws {
        let assets = try referenceAssets()
        XCTAssertGreaterThanOrEqual(assets.count, 100)
        var mismatches: [String] = []
        for (file, asset, reference) in assets {
            func check(_ field: String, _ ours: some Equatable, _ theirs: some Equatable) {
                if "\(ours)" != "\(theirs)" { mismatches.append("\(file): \(field): ours \(ours) vs \(theirs)") }
            }
            check("approach", names(reference["approach"]).sorted(), Set(asset.approach.compactMap(\.name)).sorted())
            check(
                "measurementTechnique", names(reference["measurementTechnique"]).sorted(),
                Set(asset.measurementTechnique.compactMap(\.name)).sorted())
            check(
                "variableMeasured", names(reference["variableMeasured"]).sorted(),
                Set(asset.variableMeasured.map(\.value)).sorted())
            check("contentSize", asset.contentSize, reference["contentSize"] as? Int ?? -1)
            check("encodingFormat", asset.encodingFormat, reference["encodingFormat"] as? String ?? "")
            check("keywords", asset.keywords ?? [], reference["keywords"] as? [String] ?? [])
            let participants = reference["wasAttributedTo"] as? [[String: Any]] ?? []
            check("participants", asset.wasAttributedTo.count, participants.count)
            if let theirs = participants.first, let ours = asset.wasAttributedTo.first {
                check("subject id", ours.identifier ?? "", theirs["identifier"] as? String ?? "")
                check(
                    "species", ours.species?.identifier ?? "",
                    (theirs["species"] as? [String: Any])?["identifier"] as? String ?? "")
                check("species name", ours.species?.name ?? "", (theirs["species"] as? [String: Any])?["name"] as? String ?? "")
                check("sex", ours.sex?.name ?? "", (theirs["sex"] as? [String: Any])?["name"] as? String ?? "")
                check("age", ours.age?.value ?? "", (theirs["age"] as? [String: Any])?["value"] as? String ?? "")
                check("genotype", ours.genotype ?? "", theirs["genotype"] as? String ?? "")
                check("strain", ours.strain?.name ?? "", (theirs["strain"] as? [String: Any])?["name"] as? String ?? "")
            }
            let session = (reference["wasGeneratedBy"] as? [[String: Any]] ?? []).first {
                $0["schemaKey"] as? String == "Session"
            }
            if let session, let ours = asset.wasGeneratedBy.first {
                check("session name", ours.name, session["name"] as? String ?? "")
                check("session identifier", ours.identifier ?? "", session["identifier"] as? String ?? "")
                check("session description", ours.description ?? "", session["description"] as? String ?? "")
                check("session start", ours.startDate ?? "", session["startDate"] as? String ?? "")
            }
            let resources = (reference["relatedResource"] as? [[String: Any]] ?? []).compactMap { $0["identifier"] as? String }
            check("relatedResource", (asset.relatedResource ?? []).map(\.identifier), resources)
        }
        XCTAssertEqual(mismatches, [])
    }

    func testAssetsSummaryEqualsDandischemasOnTheFilesTheDandiToolReads() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let assets = try referenceAssets().map(\.asset)
        let summary = AssetsSummary(assets: assets)
        let data = try Data(contentsOf: shared.appending(path: "corpus/reference/assets_summary.json"))
        let reference = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(summary.numberOfFiles, reference["numberOfFiles"] as? Int)
        XCTAssertEqual(summary.numberOfBytes, reference["numberOfBytes"] as? Int)
        XCTAssertEqual(summary.numberOfSubjects, reference["numberOfSubjects"] as? Int)
        XCTAssertEqual(Set((summary.approach ?? []).compactMap(\.name)), names(reference["approach"]))
        XCTAssertEqual(Set((summary.measurementTechnique ?? []).compactMap(\.name)), names(reference["measurementTechnique"]))
        XCTAssertEqual(Set(summary.variableMeasured ?? []), Set(reference["variableMeasured"] as? [String] ?? []))
        XCTAssertEqual(
            Set((summary.species ?? []).compactMap(\.identifier)),
            Set((reference["species"] as? [[String: Any]] ?? []).compactMap { $0["identifier"] as? String }))
        XCTAssertEqual(Set((summary.species ?? []).compactMap(\.name)), names(reference["species"]))
        XCTAssertEqual((summary.dataStandard ?? []).map(\.name), names(reference["dataStandard"]).sorted())
    }
}
