import DandiArchive
import XCTest

/// The spellings of a dandiset (or its assets) that inputs accept, as dandi-cli reads them.
final class DandiReferenceTests: XCTestCase {
    private func parse(_ text: String, instance: DandiInstance = .dandi) throws -> DandiReference? {
        try DandiReference.parse(text, defaultInstance: instance)
    }

    func testIdentifierForms() throws {
        XCTAssertEqual(try parse("DANDI:000683"), DandiReference(instance: .dandi, dandisetID: "000683"))
        XCTAssertEqual(try parse("DANDI:000683/draft"), DandiReference(instance: .dandi, dandisetID: "000683", version: "draft"))
        XCTAssertEqual(
            try parse("DANDI:000683/0.230301.1200/sub-1/"),
            DandiReference(instance: .dandi, dandisetID: "000683", version: "0.230301.1200", path: "sub-1/"))
        let asset = try parse("DANDI:000683/draft/sub-1/sub-1_ses-2.nwb")
        XCTAssertEqual(asset?.path, "sub-1/sub-1_ses-2.nwb")
        XCTAssertEqual(asset?.namesOneAsset, true)
        XCTAssertEqual(try parse("DANDI-SANDBOX:000001")?.instance.name, "dandi-sandbox")
        XCTAssertEqual(try parse("LINC:000001")?.instance.apiURL, "https://api.lincbrain.org/api")
    }

    func testWebAndAPIURLs() throws {
        XCTAssertEqual(
            try parse("https://dandiarchive.org/dandiset/000683"), DandiReference(instance: .dandi, dandisetID: "000683"))
        XCTAssertEqual(try parse("https://dandiarchive.org/dandiset/000683/draft")?.version, "draft")
        let folder = try parse("https://dandiarchive.org/dandiset/000683/draft/files?location=sub-1%2Fses")
        XCTAssertEqual(folder?.path, "sub-1/ses/")
        XCTAssertEqual(folder?.namesOneAsset, false)
        XCTAssertEqual(try parse("https://gui.dandiarchive.org/#/dandiset/000003")?.dandisetID, "000003")
        XCTAssertEqual(
            try parse("https://api.dandiarchive.org/api/dandisets/000683/versions/0.230301.1200/")?.version, "0.230301.1200")
        // An asset's download URL is a plain URL: it redirects to its blob.
        XCTAssertNil(try parse("https://api.dandiarchive.org/api/assets/aaaa/download/"))
        XCTAssertNil(try parse("https://example.org/data/file.nwb"))
        XCTAssertNil(try parse("s3://dandiarchive/blobs/abc"))
        XCTAssertNil(try parse("SampleData/ecephys.nwb"))
        // An instance given by its API URL: DANDI: means it, its host's /dandiset/ URLs too.
        let standIn = try XCTUnwrap(DandiInstance.named("http://127.0.0.1:8000/api"))
        XCTAssertEqual(standIn.webURL, "http://127.0.0.1:8000")
        XCTAssertEqual(try parse("DANDI:000001", instance: standIn)?.instance, standIn)
        XCTAssertEqual(try parse("http://127.0.0.1:8000/dandiset/000001/draft", instance: standIn)?.version, "draft")
    }

    /// dandi-cli's instance names and URLs; NWBKit's earlier names stay as aliases.
    func testInstancesAreNamedAsDandiCLINamesThem() throws {
        XCTAssertEqual(DandiInstance.named("ember-dandi")?.apiURL, "https://api-dandi.emberarchive.org/api")
        XCTAssertEqual(DandiInstance.named("ember-dandi")?.webURL, "https://dandi.emberarchive.org")
        XCTAssertEqual(
            DandiInstance.named("ember-dandi-sandbox")?.apiURL, "https://api-dandi.sandbox.emberarchive.org/api")
        XCTAssertEqual(DandiInstance.named("dandi-api-local-docker-tests")?.apiURL, "http://localhost:8000/api")
        XCTAssertEqual(DandiInstance.named("ember")?.name, "ember-dandi")
        XCTAssertEqual(DandiInstance.named("EMBER-SANDBOX")?.name, "ember-dandi-sandbox")
        XCTAssertNotNil(DandiInstance.aliasNote("ember"))
        XCTAssertNil(DandiInstance.aliasNote("dandi"))
        XCTAssertEqual(DandiInstance.named("ember-dandi")?.apiKeyVariable, "EMBER_DANDI_API_KEY")
        XCTAssertEqual(try parse("EMBER-DANDI:000001")?.instance.name, "ember-dandi")
    }

    /// An API URL on the host of the web site (one server for both, as a development deployment), and a
    /// deployment whose identifiers carry another prefix.
    func testTheArchiveAsDeployed() throws {
        let standIn = try XCTUnwrap(DandiInstance.named("http://127.0.0.1:8000/api"))
        XCTAssertEqual(
            try parse("http://127.0.0.1:8000/api/dandisets/000001/versions/draft/", instance: standIn),
            DandiReference(instance: standIn, dandisetID: "000001", version: "draft"))
        XCTAssertEqual(try parse("http://127.0.0.1:8000/api/dandisets/000001/", instance: standIn)?.dandisetID, "000001")
        var development = standIn
        development.prefix = "DEV-DANDI"
        XCTAssertEqual(try parse("DEV-DANDI:000001/draft", instance: development)?.instance.prefix, "DEV-DANDI")
        XCTAssertEqual(try parse("DANDI:000001", instance: development)?.instance.prefix, "DEV-DANDI")
        XCTAssertThrowsError(try parse("DEV-DANDI:000001")) { XCTAssertTrue("\($0)".contains("--dandi-instance")) }
    }

    func testMistakesAreSaid() {
        XCTAssertThrowsError(try parse("DANDI:12")) { XCTAssertTrue("\($0)".contains("six digits")) }
        XCTAssertThrowsError(try parse("DANDI:000683/sub-1/a.nwb")) { XCTAssertTrue("\($0)".contains("no dandiset version")) }
        XCTAssertThrowsError(try parse("NOPE:000683")) { XCTAssertTrue("\($0)".contains("no DANDI instance")) }
    }

    func testBlobKeysAndGlobs() {
        XCTAssertEqual(
            DandiClient.blobKey("2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826"), "blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826")
        XCTAssertTrue(ArchiveInputs.matches(glob: "sub-*/*.NWB", "sub-1/sub-1_ses-2.nwb"))
        XCTAssertFalse(ArchiveInputs.matches(glob: "*.nwb", "sub-1/video.mp4"))
        XCTAssertTrue(ArchiveInputs.matches(glob: "*", ""))
    }
}
