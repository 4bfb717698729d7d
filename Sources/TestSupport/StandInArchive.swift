import Foundation

/// The tests' stand-in DANDI archive (`Tests/RemoteStandIn/dandi_api.py`), its blob store on another
/// origin than its API, as in production.
public enum StandInArchive {
    /// How the archive's listings behave.
    public enum Listing: Sendable {
        case honest
        /// Every page's `next` names the page itself.
        case loopingNext
        /// Every page has results and a `next` to a new page, for ever.
        case endless
    }

    /// SampleData's files, as the archive's assets name them.
    public static let samples = TestPaths.sampleNames

    /// An archive of three dandisets: 000001 (SampleData's five files at the root in draft and in a
    /// published version, which share their blobs, plus a Zarr asset and a text file), 000002 (embargoed,
    /// owned by the key `owner-key`; `other-key` owns nothing), 000003 (one file). With `foreignNext`, every
    /// listing's `next` names the blob store's origin. `instanceName` is the prefix of its identifiers
    /// (`DEV-DANDI`, as a development server's); with `webOnBlobOrigin`, its `/api/info/` places its web
    /// site on the blob store's origin. Its configuration is written into `folder`.
    public static func start(
        in folder: URL, published metadata: [String: Any]? = nil, foreignNext: Bool = false, latency: Double = 0,
        instanceName: String = "DANDI", webOnBlobOrigin: Bool = false, listing: Listing = .honest
    ) throws -> StandInServer {
        let assets: [[String: Any]] =
            samples.map { ["path": $0, "file": $0] } + [
                ["path": "video.zarr", "zarr": true], ["path": "notes.txt", "file": "rules.yaml"],
            ]
        let defaultMetadata: [String: Any] = [
            "name": "Sample files", "description": "Made by SampleData/generate.py",
            "contributor": [["name": "Doe, Jane", "roleName": ["dcite:Author"]]],
            "assetsSummary": ["numberOfFiles": 5, "schemaKey": "AssetsSummary"],
        ]
        let config: [String: Any] = [
            "tokens": ["owner-key": ["000002"], "other-key": []],
            "foreign_next": foreignNext, "instance_name": instanceName, "webui_on_blob_origin": webOnBlobOrigin,
            "loop_next": listing == .loopingNext, "endless_listing": listing == .endless,
            "dandisets": [
                [
                    "id": "000001", "published": ["0.230101.0000"],
                    "versions": [
                        "draft": ["metadata": ["name": "Draft"], "assets": assets],
                        "0.230101.0000": ["metadata": metadata ?? defaultMetadata, "assets": assets],
                    ],
                ],
                [
                    "id": "000002", "embargoed": true,
                    "versions": [
                        "draft": [
                            "metadata": ["name": "Secret"], "assets": [["path": "sub-c/sub-c.nwb", "file": "ecephys.nwb"]],
                        ]
                    ],
                ],
                [
                    "id": "000003",
                    "versions": [
                        "draft": ["metadata": ["name": "One"], "assets": [["path": "sub-d/sub-d.nwb", "file": "ophys.nwb"]]]
                    ],
                ],
            ],
        ]
        let file = folder.appending(path: "archive-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: config).write(to: file)
        return try StandInServer(root: TestPaths.sampleData, latency: latency, dandi: file)
    }
}
