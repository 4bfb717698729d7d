import Foundation
import TestSupport
import XCTest

/// Every request and listing is bounded: a listing that loops or never ends, an answer that trickles, a
/// stall longer than a file's time, and numbers no option can hold.
final class RemoteBoundsTests: XCTestCase {
    private func nwbkit(_ arguments: [String], _ server: StandInServer) throws -> CommandRun {
        try InProcessCommand.nwbkit(arguments + ["--dandi-instance", server.apiURL], environment: ["DANDI_API_KEY": ""])
    }

    /// A `next` that names the page itself, and a listing that never ends (new pages for ever): each
    /// stops in bounded time and requests, with one line naming the dandiset; the other input is read.
    func testListingsThatLoopOrNeverEndAreStopped() throws {
        let folder = try temporaryFolder("listings")
        // Looping: the first page, then its `next` (the same page, by another URL), then the repeat is seen.
        // Endless: 7 assets a page until more than the count (7) and its margin (1000): ⌈1008 / 7⌉ pages.
        for (listing, pageSize, words, pages) in [
            (StandInArchive.Listing.loopingNext, "2", "points back to a page it gave already", 2),
            (.endless, "100", "gave more than 1007 assets (its count and a margin)", 144),
        ] {
            let server = try StandInArchive.start(in: folder, listing: listing)
            let started = Date()
            let run = try nwbkit(
                ["summarize", "--listing-page-size", pageSize, "DANDI:000001/draft", TestPaths.sample("ophys.nwb")], server)
            XCTAssertLessThan(Date().timeIntervalSince(started), 30)
            XCTAssertEqual(run.status, 1)
            XCTAssertTrue(run.stderr.contains("nwbkit: DANDI:000001/draft: the archive's listing of version draft"), run.stderr)
            XCTAssertTrue(run.stderr.contains(words), run.stderr)
            XCTAssertTrue(run.stdout.contains("ophys.nwb =="), "the other input is read")
            let listed = try server.archiveStats().log.filter { $0[1]?.contains("/assets/?") == true }
            XCTAssertEqual(listed.count, pages, "\(listing)")
        }
        let looping = try StandInArchive.start(in: folder, listing: .loopingNext)
        let all = try nwbkit(
            ["dandiset", "--all", "--listing-page-size", "1", "--output", folder.appending(path: "all").path], looping)
        XCTAssertEqual(all.status, 1)
        XCTAssertTrue(all.stderr.contains("points back to a page it gave already"), all.stderr)
    }

    /// An API answer that trickles 2 bytes a second is given up at the minimum rate, tried again, then
    /// said; it never holds the run.
    func testATricklingAnswerIsGivenUp() throws {
        let folder = try temporaryFolder("trickle")
        let server = try StandInArchive.start(in: folder)
        try server.failAPI("trickle", count: 2)
        let started = Date()
        let run = try nwbkit(["summarize", "--stall-timeout", "1", "--retries", "1", "DANDI:000003"], server)
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(
            run.stderr.contains("the server sent less than 1024 bytes a second for 1 s (--stall-timeout) (2 tries)"),
            run.stderr)
    }

    /// A request that stalls once is tried again within the file's time: the stall time-out is at most a
    /// third of `--timeout` (here 3 s of 9), where the default 30 s would have run the file out of time.
    func testAStallIsRetriedWithinTheFilesTime() throws {
        let server = try StandInServer(root: TestPaths.sampleData)
        let started = Date()
        let run = try InProcessCommand.nwbkit(["summarize", "--timeout", "9", server.url("fault/stall-once/ophys.nwb")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("== "))
        XCTAssertLessThan(Date().timeIntervalSince(started), 9)
    }

    /// Numbers no option can hold are usage errors (exit 2, one line), never a trap.
    func testOutOfRangeNumbersAreUsageErrors() throws {
        // Usage errors, said before anything is read: in this test process.
        let sample = TestPaths.sample("ophys.nwb")
        for (option, value) in [
            ("--stall-timeout", "1e19"), ("--stall-timeout", "nan"), ("--stall-timeout", "0"), ("--timeout", "1e300"),
            ("--retries", "100000000000"), ("--retries", "-1"), ("--jobs", "99999999"), ("--max-depth", "0"),
            ("--listing-page-size", "0"),
        ] {
            let run = try InProcessCommand.nwbkit(["summarize", option, value, sample])
            XCTAssertEqual(run.status, 2, "\(option) \(value): \(run.stderr)")
            XCTAssertEqual(run.stdout, "")
        }
        let archive = try InProcessCommand.nwbkit(["summarize", "--stall-timeout", "1e19", "DANDI:000001"])
        XCTAssertEqual(archive.status, 2, archive.stderr)
    }
}
