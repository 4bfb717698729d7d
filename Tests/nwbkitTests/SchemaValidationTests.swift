import Foundation
import HDF5TestFiles
import TestSupport
import XCTest

/// `check`'s schema validation (`nwbkit_schema`) beside pynwb's validator (PyPI), on flawed files written
/// with h5py and on SampleData and the corpus.
final class SchemaValidationTests: XCTestCase {
    private let scripts = TestPaths.packageRoot.appending(path: "Tests/SchemaParity")

    /// pynwb's validator on `files`: the schema folders it ships, and per file its errors or why it failed.
    private func pynwb(_ files: [String]) throws -> (schema: [String], files: [String: [String: Any]]) {
        let list = try temporaryFolder("pynwb").appending(path: "files.txt")
        try Data(files.joined(separator: "\n").utf8).write(to: list)
        let run = try CommandRun.bash(
            "xargs -d '\\n' -a \"$2\" python3 \"$1\"", [scripts.appending(path: "pynwb_validate.py").path, list.path])
        if run.status == 3 { throw XCTSkip("pynwb (PyPI) is not installed: the parity test needs its validator") }
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (try XCTUnwrap(object["schema"] as? [String]), try XCTUnwrap(object["files"] as? [String: [String: Any]]))
    }

    /// `SPEC (LOCATION): REASON` → the object's path and the kind of fault.
    private func fault(_ message: String) -> String? {
        guard let open = message.range(of: " ("), let close = message.range(of: "): ", range: open.upperBound..<message.endIndex)
        else { return nil }
        let location = message[open.upperBound..<close.lowerBound].split(separator: ".").first.map(String.init) ?? ""
        let reason = message[close.upperBound...]
        let kind =
            reason.contains("argument missing") || reason.contains("missing data type")
            ? "missing"
            : reason.contains("incorrect type") || reason.contains("incorrect data_type")
                ? "dtype"
                : reason.contains("incorrect shape") ? "shape" : reason.contains("timezone") ? "value" : String(reason)
        return "/" + location + " " + kind
    }

    func testEachKindOfFlawIsSaidAsPynwbSaysIt() throws {
        let folder = try temporaryFolder("flawed")
        let written = try CommandRun.bash("python3 \"$1\" \"$2\" \"$3\"", [
            scripts.appending(path: "write_flawed.py").path, TestPaths.sampleData.path, folder.path,
        ])
        if written.status == 3 { throw XCTSkip("h5py (PyPI) is not installed: the flawed files are written with it") }
        XCTAssertEqual(written.status, 0, written.stderr)
        let expected = [
            "missing-unit": "CRITICAL nwbkit_schema at /acquisition/ElectricalSeries/data: ElectricalSeries/data/unit (acquisition/ElectricalSeries/data): argument missing",
            "missing-data": "CRITICAL nwbkit_schema at /acquisition/ElectricalSeries (ElectricalSeries): ElectricalSeries/data (acquisition/ElectricalSeries): argument missing",
            "dtype-conversion": "CRITICAL nwbkit_schema at /acquisition/ElectricalSeries/data: ElectricalSeries/data/conversion (acquisition/ElectricalSeries/data.conversion): incorrect type - expected 'float32', got 'utf'",
            "shape-experimenter": "CRITICAL nwbkit_schema at /general/experimenter: root/general/experimenter (general/experimenter): incorrect shape - expected an array of shape '[None]', got non-array data 'Doe, Jane'",
            "value-timezone": "CRITICAL nwbkit_schema at /session_start_time: root/session_start_time (session_start_time): Datetime is missing required timezone information.",
        ]
        for (name, line) in expected {
            let path = folder.appending(path: name + ".nwb").path
            let run = try InProcessCommand.nwbkit(["check", "--select", "nwbkit_schema", path])
            XCTAssertEqual(run.status, 1, name)
            XCTAssertEqual(run.stdout.split(separator: "\n").first.map(String.init), "\(path): \(line)", name)
            // Off with --no-validate, and with nwbinspector's spelling.
            for flag in ["--no-validate", "--skip-validate"] {
                let off = try InProcessCommand.nwbkit(["check", flag, "--format", "json", path])
                XCTAssertFalse(off.stdout.contains("nwbkit_schema"), "\(name) \(flag)")
            }
        }
        // pynwb says the same of each.
        let reference = try pynwb(expected.keys.map { folder.appending(path: $0 + ".nwb").path })
        for (name, line) in expected {
            let errors = reference.files[folder.appending(path: name + ".nwb").path]?["errors"] as? [String]
            XCTAssertEqual(errors?.count, 1, name)
            XCTAssertTrue(line.hasSuffix(": " + (errors?.first ?? "?")), "\(name): pynwb says \(errors ?? [])")
        }
    }

    /// Every error pynwb reports on SampleData and the corpus has a finding at the same object of the same
    /// kind; every finding pynwb does not report is on a file pynwb cannot read (Checks.md lists them).
    func testEveryErrorPynwbReportsIsFound() throws {
        guard TestPaths.shared != nil else { throw XCTSkip(TestPaths.sharedMissing) }
        let files = TestPaths.sampleAndCorpusPaths()
        let reference = try pynwb(files)
        // Files without cached specifications are validated, as pynwb does, against the schema it ships.
        let run = try InProcessCommand.nwbkit(
            ["check", "--select", "nwbkit_schema", "--format", "json", "--quiet"]
                + reference.schema.flatMap { ["--schema", $0] } + files)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var found: [String: Set<String>] = [:]
        for finding in report["findings"] as? [[String: Any]] ?? [] where finding["check"] as? String == "nwbkit_schema" {
            let file = try XCTUnwrap(finding["file"] as? String)
            found[file, default: []].insert(try XCTUnwrap(fault(try XCTUnwrap(finding["message"] as? String))))
        }
        var errors = 0
        var unreadable: [String] = []
        for file in files {
            guard let result = reference.files[file] else { continue }
            if result["failed"] != nil {
                unreadable.append(file)
                continue
            }
            let theirs = Set((result["errors"] as? [String] ?? []).compactMap(fault))
            errors += theirs.count
            let ours = found[file] ?? []
            XCTAssertEqual(theirs.subtracting(ours), [], "\(file): pynwb's errors NWBKit does not find")
            XCTAssertEqual(ours.subtracting(theirs), [], "\(file): findings pynwb does not report")
        }
        XCTAssertGreaterThan(errors, 20, "pynwb reports errors on the corpus")
        XCTAssertGreaterThan(unreadable.count, 0)
    }

    /// A type of an extension (ndx-miniscope's Miniscope, a Device) is validated against the extension's
    /// cached specification: an attribute it types `int` given a string is found, as pynwb finds it.
    func testExtensionTypesAreValidatedAgainstTheirCachedSpecification() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let folder = try temporaryFolder("extension")
        let file = folder.appending(path: "miniscope.nwb").path
        try FileManager.default.copyItem(
            atPath: shared.appending(path: "corpus/NeurodataWithoutBorders__pynwb/1.2.1_extension.nwb").path, toPath: file)
        let clean = try InProcessCommand.nwbkit(["check", "--select", "nwbkit_schema", file])
        XCTAssertEqual(clean.status, 0, clean.stdout)
        let script = """
            import os, sys
            try:
                import h5py
            except ImportError:
                sys.exit(3)
            os.chmod(sys.argv[1], 0o644)
            with h5py.File(sys.argv[1], "r+") as f:
                f["general/devices/ADDME"].attrs["excitation"] = "high"
            """
        let written = try CommandRun.bash("python3 -c \"$1\" \"$2\"", [script, file])
        if written.status == 3 { throw XCTSkip("h5py (PyPI) is not installed") }
        XCTAssertEqual(written.status, 0, written.stderr)
        let run = try InProcessCommand.nwbkit(["check", "--select", "nwbkit_schema", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stdout.split(separator: "\n").first.map(String.init),
            "\(file): CRITICAL nwbkit_schema at /general/devices/ADDME (Miniscope): Miniscope/excitation (general/devices/ADDME.excitation): incorrect type - expected 'int', got 'utf'"
        )
        let reference = try pynwb([file])
        XCTAssertEqual(
            reference.files[file]?["errors"] as? [String],
            ["Miniscope/excitation (general/devices/ADDME.excitation): incorrect type - expected 'int', got 'utf'"])
    }

    func testAFileWithoutCachedSpecificationsGetsANote() throws {
        guard let shared = TestPaths.shared else { throw XCTSkip(TestPaths.sharedMissing) }
        let file = shared.appending(path: "corpus/MetaCell__nwb-explorer/test_Units.nwb").path
        let run = try InProcessCommand.nwbkit(["check", "--select", "nwbkit_schema", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(
            run.stdout.contains(
                "note: nwbkit_schema at / not completed: no cached specification under /specifications: not validated against a schema (give one with --schema DIR)"),
            run.stdout)
        let missing = try InProcessCommand.nwbkit(["check", "--schema", "/nonexistent-schema", file])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "nwbkit: --schema /nonexistent-schema: no such folder\n")
    }
}

/// What counts as NWB, and what NWB 1.x files are checked for (issue #28's smaller items).
final class NWBMarkerTests: XCTestCase {
    private func file(_ name: String, _ write: (TestFileWriter) -> Void) throws -> String {
        let path = try temporaryFolder("markers").appending(path: name).path
        let writer = try TestFileWriter(path: path, nwb: false)
        write(writer)
        writer.close()
        return path
    }

    func testOnlyNWBMarkersMakeAFileNWB() throws {
        // An old Allen BMTK layout: no root attributes, a /nwb_version dataset of its own format.
        let bmtk = try file("bmtk.h5") { $0.stringDataset("/nwb_version", "iSee_0.1.0") }
        let run = try InProcessCommand.nwbkit(["summarize", bmtk])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stderr,
            "nwbkit: \(bmtk): an HDF5 file, but not NWB (no nwb_version attribute, and its /nwb_version dataset says 'iSee_0.1.0', which is no NWB 1.x version)\n"
        )
        // An NWBFile type on the root without a version is not enough either (dandi and pynwb read the version).
        let typedOnly = try file("typed.nwb") { $0.neurodataType("/", "NWBFile") }
        let typed = try InProcessCommand.nwbkit(["summarize", typedOnly])
        XCTAssertEqual(
            typed.stderr,
            "nwbkit: \(typedOnly): an HDF5 file, but not NWB (no nwb_version attribute and no NWB 1.x /nwb_version dataset)\n")
        // NWB 1.x's marker is read.
        let old = try file("old.nwb") {
            $0.stringDataset("/nwb_version", "NWB-1.0.5")
            $0.stringDataset("/identifier", "old-file")
        }
        XCTAssertEqual(try InProcessCommand.nwbkit(["summarize", "--format", "json", old]).status, 0)
    }

    func testNWB1FilesGetOnlyTheChecksThatApplyToThem() throws {
        let old = try file("old.nwb") {
            $0.stringDataset("/nwb_version", "NWB-1.0.5")
            $0.stringDataset("/identifier", "old-file")
        }
        let run = try InProcessCommand.nwbkit(["check", "--format", "json", old])
        XCTAssertEqual(run.status, 0, run.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((report["findings"] as? [Any])?.count, 0, "no NWB 2 finding (check_keywords, check_subject_exists, …)")
        let notes = try XCTUnwrap(report["notes"] as? [[String: Any]])
        XCTAssertEqual(notes.count, 1)
        XCTAssertEqual(
            notes.first?["reason"] as? String,
            "an NWB 1.x file (NWB-1.0.5): NWB 2's schema and best-practice checks do not apply; links, unreadable objects and the rules file are checked"
        )
    }
}
