import Foundation
import TestSupport
import XCTest

/// Region references keep the part of the dataset they select, and a dimension scale's DIMENSION_LIST and
/// REFERENCE_LIST are read as h5py shows them (references inside a variable-length list and a compound),
/// on a file written by h5py.
final class ReferenceValueTests: XCTestCase {
    func testRegionSelectionsAndDimensionScalesAreRead() throws {
        let folder = try temporaryFolder("references")
        let file = folder.appending(path: "references.nwb").path
        let written = try CommandRun.bash(
            "python3 \"$1\" \"$2\"", [TestPaths.packageRoot.appending(path: "Tests/PythonWriters/references.py").path, file])
        if written.status == 3 { throw XCTSkip("h5py (PyPI) is not installed: the file is written with it") }
        XCTAssertEqual(written.status, 0, written.stderr)

        let run = try InProcessCommand.nwbkit(["summarize", "--format", "json", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let objects = try XCTUnwrap(((root["summaries"] as? [[String: Any]])?.first)?["objects"] as? [[String: Any]])
        func object(_ path: String) throws -> [String: Any] { try XCTUnwrap(objects.first { $0["path"] as? String == path }) }
        func attribute(_ path: String, _ name: String) throws -> Any? {
            try XCTUnwrap((try object(path)["attributes"] as? [[String: Any]])?.first { $0["name"] as? String == name })["value"]
        }
        func json(_ value: Any?) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: try XCTUnwrap(value), options: [.sortedKeys]), as: UTF8.self)
        }
        // Rows 0 and 2, rows 3 to 5, everything: not just the table.
        XCTAssertEqual(
            try json(try object("/regions")["value"]),
            #"[{"reference":"\/electrodes","selection":{"blocks":[[[0],[0]],[[2],[2]]]}},{"reference":"\/electrodes","selection":{"blocks":[[[3],[5]]]}},{"reference":"\/electrodes","selection":{"all":true}}]"#
        )
        XCTAssertEqual(
            try json(try attribute("/", "rows")), #"{"reference":"\/electrodes","selection":{"blocks":[[[0],[0]],[[2],[2]]]}}"#)
        // The scale attached to /data's first dimension, and the dataset and dimension it is attached to.
        XCTAssertEqual(try json(try attribute("/data", "DIMENSION_LIST")), #"[[{"reference":"\/timestamps"}],[]]"#)
        XCTAssertEqual(
            try json(try attribute("/timestamps", "REFERENCE_LIST")), #"[{"dataset":{"reference":"\/data"},"dimension":0}]"#)

        // The text summary says the selection too.
        let text = try InProcessCommand.nwbkit(["summarize", file])
        XCTAssertTrue(
            text.stdout.contains("regions: ['/electrodes (rows 0, 2)' '/electrodes (rows 3-5)' '/electrodes (all)']"), text.stdout)
        // Through worker processes (the split walk's and the reply's encodings) it is the same.
        let workers = try InProcessCommand.nwbkit(["summarize", "--format", "json", "--jobs", "2", file])
        XCTAssertEqual(workers.stdout, run.stdout)
    }
}
