import NWBKit
import TestSupport
import XCTest

@testable import NWBCheck

/// Schema drift between two versions of a file, as `nwbkit diff` reports it.
final class StructureDiffTests: XCTestCase {
    func testDtypeRankTypeAttributeAndVersionChanges() throws {
        let old = try FileSummarizer.summarize(TestPaths.sample("ophys.nwb"))
        XCTAssertTrue(FileDiff(old: old, new: old).isEmpty)
        var new = old
        let data = try XCTUnwrap(new.objects.firstIndex { $0.path == "/acquisition/TwoPhotonSeries/data" })
        new.objects[data].dtype = "float32"
        new.objects[data].shape = [40, 32, 32, 3]
        new.objects[data].attributes?.removeAll { $0.name == "resolution" }
        let series = try XCTUnwrap(new.objects.firstIndex { $0.path == "/acquisition/TwoPhotonSeries" })
        new.objects[series].neurodataType = "OnePhotonSeries"
        new.objects[data].shape = [41, 32, 32, 3]  // a length change alone is not drift; the rank change is
        new.nwbVersion = "2.12.0"
        new.objects.removeAll { $0.path.hasPrefix("/processing/ophys/Fluorescence") }
        let diff = FileDiff(old: old, new: new)
        XCTAssertEqual(
            diff.changes.map { "\($0.kind.rawValue) \($0.path): \($0.detail)\($0.inside.map { " +\($0)" } ?? "")" },
            [
                "file /: nwb_version 2.11.0 → 2.12.0",
                "changed /acquisition/TwoPhotonSeries: neurodata_type TwoPhotonSeries → OnePhotonSeries",
                "changed /acquisition/TwoPhotonSeries/data: dtype uint16 → float32",
                "changed /acquisition/TwoPhotonSeries/data: rank 3 → 4 (shape [40, 32, 32] → [41, 32, 32, 3])",
                "changed /acquisition/TwoPhotonSeries/data: attribute removed: resolution",
                "removed /processing/ophys/Fluorescence: group Fluorescence +4",
            ])
    }
}
