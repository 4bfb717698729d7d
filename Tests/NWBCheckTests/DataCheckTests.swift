import Foundation
import HDF5
import NWBKit
import TestSupport
import XCTest

@testable import NWBCheck

/// The data checks' reads: bounded by the file's allowance, said in notes when it stops them, skipped
/// with `dataChecks` off (Fixtures/flawed: files pynwb wrote to break best practices).
final class DataCheckTests: XCTestCase {
    private func flawed(_ name: String) -> String {
        TestPaths.packageRoot.appending(path: "Tests/NWBCheckTests/Fixtures/flawed/\(name).nwb").path
    }

    private func check(_ name: String, _ configure: (inout CheckOptions) -> Void = { _ in }) throws -> FileCheck {
        var options = CheckOptions()
        configure(&options)
        return FileCheck(summary: try FileSummarizer.summarize(flawed(name)), options: options)
    }

    func testReadsAreChargedAndBoundedByTheAllowance() throws {
        let reader = CheckDataReader(path: flawed("timestamps"), allowance: 64)
        XCTAssertEqual(try reader.numbers("/acquisition/regular/timestamps", .range(0..<4)), [0, 0.5, 1, 1.5])
        XCTAssertEqual(reader.bytesRead, 32)
        // A range past the end is cut there, as a numpy slice is.
        XCTAssertEqual(try reader.numbers("/acquisition/descending/timestamps", .range(3..<100)), [2, 4])
        XCTAssertEqual(reader.bytesRead, 48)
        XCTAssertThrowsError(try reader.numbers("/acquisition/regular/timestamps", .range(0..<10))) { error in
            XCTAssertEqual(
                error as? DataReadProblem,
                .overAllowance(dataset: "/acquisition/regular/timestamps", needed: 80, remaining: 16, limit: 64))
        }
        XCTAssertEqual(reader.bytesRead, 48, "a refused read costs nothing")
        XCTAssertEqual(try reader.numbers("/acquisition/very_long/timestamps", .rows([2, 0])), [4.0e7, 0])
        XCTAssertThrowsError(try reader.numbers("/acquisition/nothing_here", .range(0..<1))) { error in
            guard case .unreadable(let dataset, _)? = error as? DataReadProblem else { return XCTFail("\(error)") }
            XCTAssertEqual(dataset, "/acquisition/nothing_here")
        }
        let texts = CheckDataReader(path: flawed("tables"), allowance: 1024)
        XCTAssertEqual(
            try texts.texts("/processing/misc/flawed_table/answer", .range(0..<4)), ["yes", "no", "no", "yes"])
        XCTAssertEqual(texts.bytesRead, 4 * 8 + 10, "a pointer and the text of each string")
    }

    func testAnAllowanceTooSmallIsSaidInNotesNotPassedInSilence() throws {
        let full = try check("timestamps")
        XCTAssertEqual(full.notes, [])
        XCTAssertTrue(full.findings.contains { $0.check == "check_regular_timestamps" })
        XCTAssertGreaterThan(full.dataBytesRead, 0)

        let starved = try check("timestamps") { $0.dataAllowance = 0 }
        XCTAssertFalse(starved.findings.contains { $0.check == "check_regular_timestamps" })
        XCTAssertEqual(starved.dataBytesRead, 0)
        let regular = try XCTUnwrap(
            starved.notes.first { $0.check == "check_regular_timestamps" && $0.location == "/acquisition/regular" })
        XCTAssertEqual(
            regular.reason,
            "reading /acquisition/regular/timestamps needs 80 bytes, more than the 0 bytes left of the file's 0 bytes data allowance (--data-bytes)"
        )
        // Five series, each needing its timestamps for three checks (and one more each for two when-allowed ones).
        XCTAssertEqual(Set(starved.notes.map(\.location)).count, 5)

        // Too little to read all spike times: the head that fits holds a negative one, which is enough to say so.
        let units = try check("units-negative") { $0.dataAllowance = 40 }
        XCTAssertTrue(units.findings.contains { $0.check == "check_negative_spike_times" }, "the first values hold one")
    }

    func testWithoutDataChecksOnlyTheSummaryIsLookedAt() throws {
        let off = try check("timestamps") { $0.dataChecks = false }
        XCTAssertEqual(off.dataBytesRead, 0)
        XCTAssertEqual(off.notes, [])
        let dataChecks = Set(BestPracticeChecks.all.filter { if case .values = $0.dataUse { true } else { false } }.map(\.id))
        XCTAssertEqual(off.findings.filter { dataChecks.contains($0.check) }, [])
        // The when-allowed checks still look at starting_time and rate; these series have timestamps, so the
        // first-sample and duration findings need the data.
        XCTAssertFalse(off.findings.contains { $0.check == "check_time_series_duration" })
        let on = try check("timestamps")
        XCTAssertTrue(on.findings.contains { $0.check == "check_time_series_duration" })
        // The always ones read their small column even so.
        let mouse = try check("mouse") { $0.dataChecks = false }
        XCTAssertEqual(mouse.findings.filter { $0.check == "check_electrodes_location_allen_ccf" }.count, 1)
        XCTAssertGreaterThan(mouse.dataBytesRead, 0)
    }

    func testEveryDataCheckSaysWhatItReads() {
        for check in BestPracticeChecks.all where check.readsData {
            XCTAssertFalse((check.dataUse.reads ?? "").isEmpty, check.id)
        }
        XCTAssertEqual(BestPracticeChecks.all.filter(\.isSharedWithNWBInspector).count, 85)
        // 1,327 acronyms and 1,327 names, 2,650 distinct terms (nwbinspector's set of the same lists).
        XCTAssertEqual(LocationChecks.terms.count, 2650)
    }
}
