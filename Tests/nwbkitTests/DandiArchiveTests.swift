import Foundation
import TestSupport
import XCTest

/// Dandisets read from the stand-in DANDI archive on loopback (`Tests/RemoteStandIn/dandi_api.py`): listing
/// pages and blob URLs, the same outputs as local copies, embargo and API keys, asset selection, the cache,
/// faults, `assets --compare` and `dandiset --all`.
final class DandiArchiveTests: XCTestCase {
    private let samples = StandInArchive.samples
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "nwbkit-dandi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The stand-in archive (`StandInArchive`), its blobs on another origin.
    private func archive(published metadata: [String: Any]? = nil) throws -> StandInServer {
        try StandInArchive.start(in: folder, published: metadata)
    }

    private func nwbkit(_ arguments: [String], _ server: StandInServer, environment: [String: String] = ["DANDI_API_KEY": ""])
        throws -> CommandRun
    {
        try InProcessCommand.nwbkit(arguments + ["--dandi-instance", server.apiURL], environment: environment)
    }

    func testADandisetCostsItsListingPagesAndOneRedirectAndReadsAsItsLocalFiles() throws {
        let server = try archive()
        let local = samples.map { TestPaths.sampleData.path + "/" + $0 }
        for format in ["text", "json", "jsonl"] {
            try server.resetStats()
            let remote = try nwbkit(["summarize", "--format", format, "--listing-page-size", "2", "DANDI:000001"], server)
            XCTAssertEqual(remote.status, 0, remote.stderr)
            // Without a version: the most recent published one, said.
            XCTAssertTrue(
                remote.stderr.contains("DANDI:000001: version 0.230101.0000 (the most recent published)"), remote.stderr)
            XCTAssertTrue(remote.stderr.contains("video.zarr: a Zarr asset (a folder of files, not HDF5), skipped"))
            XCTAssertFalse(remote.stderr.contains("notes.txt"))
            let stats = try server.archiveStats()
            // The dandiset, ⌈7 assets / 2⌉ = 4 listing pages, one download redirect; no per-asset redirect.
            XCTAssertEqual(stats.api, 1 + 4 + 1, "\(stats.log)")
            XCTAssertEqual(stats.log.filter { $0[1]?.contains("/download/") == true }.count, 1)
            let localRun = try InProcessCommand.nwbkit(["summarize", "--format", format] + local)
            XCTAssertEqual(
                remote.stdout.replacingOccurrences(of: "DANDI:000001/0.230101.0000/", with: TestPaths.sampleData.path + "/"),
                localRun.stdout, format)
        }
        let remoteAssets = try nwbkit(["assets", "DANDI:000001"], server)
        XCTAssertEqual(remoteAssets.stdout, try InProcessCommand.nwbkit(["assets"] + local).stdout)
    }

    func testACatalogOfADandisetIsTheLocalCatalogUnderTheAssetNames() throws {
        let server = try archive()
        let remoteSite = folder.appending(path: "remote-site")
        try server.resetStats()
        let remote = try nwbkit(["catalog", "--thumbnails", "--output", remoteSite.path, "DANDI:000001"], server)
        XCTAssertEqual(remote.status, 0, remote.stderr)
        // The listing and one download redirect; the previews cost no API request.
        XCTAssertEqual(try server.archiveStats().api, 1 + 1 + 1)
        let localSite = folder.appending(path: "local-site")
        let local = try InProcessCommand.nwbkit(
            ["catalog", "--thumbnails", "--output", localSite.path] + samples.map { TestPaths.sampleData.path + "/" + $0 })
        XCTAssertEqual(local.status, 0, local.stderr)
        // The same rows under the assets' names, and the same previews byte for byte.
        let index = { (site: URL) in try String(contentsOf: site.appending(path: "index.html"), encoding: .utf8) }
        let rows = { (html: String) -> String in
            let start = html.range(of: "id=\"rows\">")!.upperBound
            return String(html[start..<html.range(of: "</script>", range: start..<html.endIndex)!.lowerBound])
        }
        let remoteRows = rows(try index(remoteSite)).replacingOccurrences(of: "DANDI:000001/0.230101.0000/", with: "")
        let localRows = rows(try index(localSite)).replacingOccurrences(of: TestPaths.sampleData.path + "/", with: "")
        XCTAssertEqual(remoteRows, localRows)
        let previews = try FileManager.default.contentsOfDirectory(atPath: localSite.appending(path: "previews").path).sorted()
        XCTAssertFalse(previews.isEmpty)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: remoteSite.appending(path: "previews").path).sorted(), previews)
        for name in previews {
            XCTAssertEqual(
                try Data(contentsOf: remoteSite.appending(path: "previews/" + name)),
                try Data(contentsOf: localSite.appending(path: "previews/" + name)), name)
        }
    }

    func testTheDandisetDocumentFromTheArchiveIsTheLocalDocumentWithTheSameMetadata() throws {
        let server = try archive()
        let metadata = folder.appending(path: "metadata.json")
        try Data(contentsOf: URL(string: server.apiURL + "/dandisets/000001/versions/0.230101.0000/")!).write(to: metadata)
        let remote = try nwbkit(["dandiset", "DANDI:000001/0.230101.0000"], server)
        XCTAssertEqual(remote.status, 0, remote.stderr)
        let local = try InProcessCommand.nwbkit(
            ["dandiset", "--metadata", metadata.path] + samples.map { TestPaths.sampleData.path + "/" + $0 })
        XCTAssertEqual(local.status, 0, local.stderr)
        XCTAssertEqual(remote.stdout, local.stdout)
        XCTAssertTrue(remote.stdout.contains("id: DANDI:000001/0.230101.0000\nname: Sample files\n"), remote.stdout)
        XCTAssertTrue(remote.stdout.contains("Dandiset 000001 has 5 NWB files."))
        // --max-files reads only that many assets, in path order (as the original generator stops at 100).
        try server.resetStats()
        let capped = try nwbkit(["dandiset", "--max-files", "2", "DANDI:000001/0.230101.0000"], server)
        XCTAssertTrue(capped.stdout.contains("has 2 NWB files."), capped.stdout)
        let blobs = Set(try server.archiveStats().log.compactMap { $0[1] }.filter { $0.hasPrefix("/blobs/") })
        XCTAssertEqual(blobs.count, 2)
    }

    func testAnEmbargoedDandisetNeedsAnOwnersKey() throws {
        let server = try archive()
        let anonymous = try nwbkit(["summarize", "DANDI:000002", "DANDI:000003"], server)
        XCTAssertEqual(anonymous.status, 1)
        XCTAssertTrue(
            anonymous.stderr.contains("nwbkit: DANDI:000002: access denied to dandiset 000002 (HTTP 401)"), anonymous.stderr)
        XCTAssertTrue(anonymous.stderr.contains("set DANDI_API_KEY"))
        XCTAssertTrue(anonymous.stdout.contains("== DANDI:000003/draft/sub-d/sub-d.nwb =="), "the other input is still read")
        let bad = try nwbkit(["summarize", "DANDI:000002"], server, environment: ["DANDI_API_KEY": "wrong"])
        XCTAssertTrue(bad.stderr.contains("refused the API key in DANDI_API_KEY (HTTP 401: Invalid token.)"), bad.stderr)
        let other = try nwbkit(["summarize", "DANDI:000002"], server, environment: ["DANDI_API_KEY": "other-key"])
        XCTAssertTrue(other.stderr.contains("(HTTP 403): the API key in DANDI_API_KEY is not an owner's"), other.stderr)
        try server.resetStats()
        let owner = try nwbkit(
            ["summarize", "--format", "json", "DANDI:000002"], server, environment: ["DANDI_API_KEY": "owner-key"])
        XCTAssertEqual(owner.status, 0, owner.stderr)
        XCTAssertTrue(owner.stdout.contains("\"path\": \"DANDI:000002/draft/sub-c/sub-c.nwb\""), owner.stdout)
        // The blob is read through the token-checked download redirect (a signed URL), never unsigned.
        let log = try server.archiveStats().log
        XCTAssertTrue(log.allSatisfy { !($0[1]?.hasPrefix("/api/") ?? false) || $0[3] == "token owner-key" }, "\(log)")
        XCTAssertTrue(log.contains { $0[1]?.hasPrefix("/blobs/") == true && $0[1]?.contains("X-Amz-Signature") == true })
    }

    func testAssetsAreSelectedByPathFolderGlobAndWebURL() throws {
        let server = try archive()
        func paths(_ run: CommandRun) -> [String] {
            run.stdout.split(separator: "\n").filter { $0.hasPrefix("== ") }.map { String($0.dropFirst(3).dropLast(3)) }
        }
        let one = try nwbkit(["summarize", "DANDI:000001/draft/ophys.nwb"], server)
        XCTAssertEqual(paths(one), ["DANDI:000001/draft/ophys.nwb"])
        let glob = try nwbkit(["summarize", "--glob", "*HYS.nwb", "DANDI:000001/draft"], server)
        XCTAssertEqual(
            paths(glob), ["DANDI:000001/draft/ecephys.nwb", "DANDI:000001/draft/icephys.nwb", "DANDI:000001/draft/ophys.nwb"])
        let web = try nwbkit(["summarize", server.url("dandiset/000003/draft/files?location=sub-d")], server)
        XCTAssertEqual(paths(web), ["DANDI:000003/draft/sub-d/sub-d.nwb"], web.stderr)
        let missing = try nwbkit(["summarize", "DANDI:000001/draft/nope.nwb", "DANDI:000009", "DANDI:12"], server)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nwbkit: DANDI:000001/draft/nope.nwb: no asset 'nope.nwb' in DANDI:000001/draft"))
        XCTAssertTrue(missing.stderr.contains("nwbkit: DANDI:000009: dandiset 000009 not found on"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("nwbkit: DANDI:12: a dandiset id is six digits"), missing.stderr)
    }

    func testAWarmCachedRunOfADandisetReadsNoBlob() throws {
        let server = try archive()
        let cache = folder.appending(path: "cache").path
        let first = try nwbkit(["summarize", "--cache", cache, "DANDI:000001/draft"], server)
        XCTAssertEqual(first.status, 0, first.stderr)
        try server.resetStats()
        let second = try nwbkit(["summarize", "--cache", cache, "DANDI:000001/draft"], server)
        XCTAssertEqual(second.stdout, first.stdout)
        let stats = try server.archiveStats()
        XCTAssertEqual(stats.blobs, 0, "\(stats.log)")
        XCTAssertEqual(stats.api, 3, "the dandiset, one listing page, one redirect")
    }

    func testArchiveFaultsAreRetriedOrSaidInBoundedTime() throws {
        let server = try archive()
        for (mode, count) in [("503", 2), ("429", 1), ("reset", 1), ("stall", 1)] {
            try server.failAPI(mode, count: count)
            let start = Date()
            let run = try nwbkit(["summarize", "--stall-timeout", "1", "DANDI:000003"], server)
            XCTAssertEqual(run.status, 0, "\(mode): \(run.stderr)")
            XCTAssertTrue(run.stdout.contains("== DANDI:000003/draft/sub-d/sub-d.nwb =="), mode)
            XCTAssertLessThan(Date().timeIntervalSince(start), 20, mode)
        }
        // Out of retries: one line naming the input; the local file beside it is still read.
        try server.failAPI("503", count: 3)
        let failed = try nwbkit(
            ["summarize", "--retries", "1", "DANDI:000003", TestPaths.sampleData.appending(path: "ecephys.nwb").path], server)
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.stderr.contains("nwbkit: DANDI:000003: cannot reach the archive at"), failed.stderr)
        XCTAssertTrue(failed.stderr.contains("HTTP 503 (2 tries)"), failed.stderr)
        XCTAssertTrue(failed.stdout.contains("ecephys.nwb =="))
    }

    func testAssetsCompareNamesWhereTheArchiveDiffers() throws {
        let server = try archive()
        let run = try nwbkit(["assets", "--compare", "DANDI:000001"], server)
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let differences = object?["differences"] as? [String] ?? []
        XCTAssertTrue(differences.contains { $0.hasPrefix("species: only in the files:") }, "\(differences)")
        XCTAssertFalse(differences.contains { $0.hasPrefix("numberOfFiles") }, "both say 5")
        XCTAssertEqual((object?["archive"] as? [String: Any])?["numberOfFiles"] as? Int, 5)
        // An archive whose assetsSummary is the computed one: no difference.
        let computed = (object?["files"] as? [String: Any]) ?? [:]
        let agreeing = try archive(published: ["name": "Same", "assetsSummary": computed])
        let same = try nwbkit(["assets", "--compare", "DANDI:000001"], agreeing)
        XCTAssertTrue(same.stdout.hasSuffix("\"differences\":[]}\n"), same.stdout)
        XCTAssertTrue(same.stderr.contains("agrees with the files"))
        let local = try nwbkit(["assets", "--compare", TestPaths.sampleData.path], server)
        XCTAssertEqual(local.status, 2)
    }

    func testDandisetAllWritesOneDocumentEachResumesAndShards() throws {
        let server = try archive()
        let whole = folder.appending(path: "whole").path
        let run = try nwbkit(["dandiset", "--all", "--output", whole], server)
        XCTAssertEqual(run.status, 0, run.stderr)
        // Public dandisets only (000002 is embargoed).
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: whole).sorted(), ["000001.md", "000003.md"])
        XCTAssertTrue(run.stderr.contains("2 documents written, 0 already there, 0 failed"), run.stderr)
        let again = try nwbkit(["dandiset", "--all", "--output", whole], server)
        XCTAssertTrue(again.stderr.contains("0 documents written, 2 already there"), again.stderr)
        // Two shards into one folder make what one run makes.
        let shards = folder.appending(path: "shards").path
        for part in ["1/2", "2/2"] {
            XCTAssertEqual(try nwbkit(["dandiset", "--all", "--shard", part, "--output", shards], server).status, 0)
        }
        for name in ["000001.md", "000003.md"] {
            XCTAssertEqual(
                try String(contentsOfFile: whole + "/" + name, encoding: .utf8),
                try String(contentsOfFile: shards + "/" + name, encoding: .utf8))
        }
        let single = try nwbkit(["dandiset", "DANDI:000003"], server)
        XCTAssertEqual(single.stdout, try String(contentsOfFile: whole + "/000003.md", encoding: .utf8))
        XCTAssertEqual(try nwbkit(["dandiset", "--all"], server).status, 2, "needs --output")
    }

    /// A deployment as the real server's development settings make it: identifiers `DEV-DANDI:…`, the web
    /// site where `/api/info/` says (here another origin), API URLs on the API's own host.
    func testTheArchiveAsDeployed() throws {
        let server = try StandInArchive.start(in: folder, instanceName: "DEV-DANDI", webOnBlobOrigin: true)
        let document = try nwbkit(["dandiset", "DEV-DANDI:000003"], server)
        XCTAssertEqual(document.status, 0, document.stderr)
        XCTAssertTrue(document.stdout.contains("Dandiset 000003 has 1 NWB file"), document.stdout)
        let named = try nwbkit(["summarize", "DEV-DANDI:000003/draft"], server)
        XCTAssertTrue(named.stdout.hasPrefix("== DEV-DANDI:000003/draft/sub-d/sub-d.nwb =="), named.stdout)
        let api = try nwbkit(["assets", server.apiURL + "/dandisets/000001/versions/draft/"], server)
        XCTAssertEqual(api.status, 0, api.stderr)
        XCTAssertEqual(api.stdout, try InProcessCommand.nwbkit(["assets"] + samples.map(TestPaths.sample)).stdout)
        let web = try nwbkit(["summarize", try XCTUnwrap(server.blobOrigin) + "/dandiset/000003/draft"], server)
        XCTAssertEqual(web.status, 0, web.stderr)
        XCTAssertTrue(web.stdout.hasPrefix("== DEV-DANDI:000003/draft/sub-d/sub-d.nwb =="), web.stdout)
        let alias = try InProcessCommand.nwbkit(["summarize", "--dandi-instance", "ember", TestPaths.sample("ophys.nwb")])
        XCTAssertTrue(alias.stderr.contains("--dandi-instance ember is now called ember-dandi"), alias.stderr)
    }
}
