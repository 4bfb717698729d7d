import Foundation
import NWBSupport
import RemoteReading

/// Why the archive gave no answer, in words a user can act on.
public struct DandiError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A small client of the DANDI REST API (routes and fields as `Documentation/Remote.md` lists them):
/// dandisets and their versions, version metadata, and asset listings page by page. Every request has the
/// remote-reading time-outs and retries. Not shared between threads.
public final class DandiClient {
    /// A dandiset as `GET /dandisets/{id}/` describes it.
    public struct Dandiset: Sendable, Equatable {
        public var id: String
        /// `OPEN`, `EMBARGOED` or `UNEMBARGOING`: anything but `OPEN` needs an owner's API key.
        public var embargoStatus: String
        public var mostRecentPublishedVersion: String?
        public var draftVersion: String?

        /// The version a reference without one means: the most recent published, else draft.
        public var defaultVersion: String { mostRecentPublishedVersion ?? draftVersion ?? "draft" }
        public var isEmbargoed: Bool { embargoStatus != "OPEN" }

        /// A dandiset as the archive's JSON describes it (`GET /dandisets/{id}/`, or an entry of the
        /// listing); `id` when it names none.
        init(json: OrderedJSON, id: String) {
            self.id = json["identifier"]?.stringValue ?? id
            embargoStatus = json["embargo_status"]?.stringValue ?? "OPEN"
            mostRecentPublishedVersion = json["most_recent_published_version"]?["version"]?.stringValue
            draftVersion = json["draft_version"]?["version"]?.stringValue
        }
    }

    /// One asset of a version's listing.
    public struct Asset: Sendable, Equatable {
        public var assetID: String
        /// The blob's UUID (an HDF5 file's bytes); `nil` for a Zarr asset.
        public var blob: String?
        /// The Zarr's id for a Zarr asset (a folder of files, not HDF5).
        public var zarr: String?
        public var path: String
        public var size: Int

        /// An entry of a version's asset listing; `nil` without an `asset_id` or a `path`.
        init?(json: OrderedJSON) {
            guard let assetID = json["asset_id"]?.stringValue, let path = json["path"]?.stringValue else { return nil }
            self.assetID = assetID
            blob = json["blob"]?.stringValue
            zarr = json["zarr"]?.stringValue
            self.path = path
            size = json["size"]?.integerValue ?? 0
        }
    }

    public let instance: DandiInstance
    private let token: String?
    /// One connection for every request to the API.
    private let session: RemoteSession
    /// API requests sent so far (each try counts).
    public private(set) var requests = 0

    /// `token`: an API key (sent as `Authorization: token …` with every API request), for embargoed dandisets.
    public init(instance: DandiInstance, token: String? = nil, options: RemoteOptions = RemoteOptions()) {
        self.instance = instance
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        session = RemoteSession(options: options)
    }

    /// The API key, bound to the API's origin (scheme, host, port): sent with requests there, never to a
    /// blob store, a redirect's target or a listing page on another origin.
    public var credentials: [OriginCredential] {
        guard let token, let origin = Origin(url: instance.apiURL) else { return [] }
        return [OriginCredential(origin: origin, header: "Authorization: token \(token)")]
    }

    /// What a deployment says of itself in `GET /info/`: its web site (`services.webui.url`) and the prefix
    /// of its identifiers (`instance_config.instance_name`, e.g. `DANDI`, `DEV-DANDI`); either may be
    /// missing. Asked once per client.
    public func info() throws(DandiError) -> (webURL: String?, prefix: String?) {
        if let cachedInfo { return cachedInfo }
        let object = try getObject("\(instance.apiURL)/info/", what: "the archive's /info/")
        let web = object["services"]?["webui"]?["url"]?.stringValue
        let prefix = object["instance_config"]?["instance_name"]?.stringValue
        let found = (web.flatMap { $0.isEmpty ? nil : $0 }, prefix.flatMap { $0.isEmpty ? nil : $0 })
        cachedInfo = found
        return found
    }
    private var cachedInfo: (webURL: String?, prefix: String?)?

    /// `GET /dandisets/{id}/`.
    public func dandiset(_ id: String) throws(DandiError) -> Dandiset {
        Dandiset(json: try getObject("\(instance.apiURL)/dandisets/\(id)/", what: "dandiset \(id)"), id: id)
    }

    /// `GET /dandisets/{id}/versions/{version}/`: the version's metadata document, as the archive sent it
    /// (its keys in the archive's order).
    public func versionMetadata(_ id: String, version: String) throws(DandiError) -> [UInt8] {
        try get("\(instance.apiURL)/dandisets/\(id)/versions/\(version)/", what: "version \(version) of dandiset \(id)").body
    }

    /// The most assets one listing gives, whatever its `count` says.
    public static let maximumListedAssets = 10_000_000
    /// How many more assets than the first page's `count` a listing may give (assets added while it is
    /// read) before it is stopped as endless.
    static func listingMargin(count: Int) -> Int { max(1000, count / 10) }

    /// Every asset of a version in path order, page by page (following `next`), each handed to `body` as
    /// its page arrives (the listing is never held whole): `pathPrefix` and `glob` are the API's filters (a
    /// case-insensitive prefix; a whole-path pattern with `*`). The listing is bounded: a `next` that names
    /// a page already read, or more assets than the first page's `count` plus a margin (or than
    /// `maximumListedAssets`), is an error.
    public func assets(
        _ id: String, version: String, pathPrefix: String? = nil, glob: String? = nil, pageSize: Int = 1000,
        _ body: (Asset) -> Void
    ) throws(DandiError) {
        var components = URLComponents(string: "\(instance.apiURL)/dandisets/\(id)/versions/\(version)/assets/")!
        components.queryItems =
            [URLQueryItem(name: "order", value: "path"), URLQueryItem(name: "page_size", value: String(pageSize))]
            + (pathPrefix.map { [URLQueryItem(name: "path", value: $0)] } ?? [])
            + (glob.map { [URLQueryItem(name: "glob", value: $0)] } ?? [])
        try eachPage(of: components.url?.absoluteString, what: "version \(version) of dandiset \(id)", items: "assets") {
            entry in
            if let asset = Asset(json: entry) { body(asset) }
        }
    }

    /// One page of a version's asset listing in path order (`page` from 1, `pageSize` at most 1000, `glob`
    /// the API's filter), and the listing's `count` where the archive gives it (page 1 only). A page past the
    /// end has no assets. One request, whatever the listing's length.
    public func assetPage(
        _ id: String, version: String, glob: String? = nil, page: Int, pageSize: Int
    ) throws(DandiError) -> (count: Int?, assets: [Asset]) {
        var components = URLComponents(string: "\(instance.apiURL)/dandisets/\(id)/versions/\(version)/assets/")!
        components.queryItems =
            [
                URLQueryItem(name: "order", value: "path"), URLQueryItem(name: "page", value: String(max(1, page))),
                URLQueryItem(name: "page_size", value: String(min(1000, max(1, pageSize)))),
            ] + (glob.map { [URLQueryItem(name: "glob", value: $0)] } ?? [])
        guard let url = components.url?.absoluteString else {
            throw DandiError("version \(version) of dandiset \(id): cannot name its asset listing")
        }
        let answer = try getObject(url, what: "version \(version) of dandiset \(id)", pageAfterEnd: page > 1)
        let assets = (answer["results"]?.arrayValue ?? []).compactMap(Asset.init(json:))
        return (answer["count"]?.integerValue, assets)
    }

    /// Every asset of a version, in path order (`assets(_:version:…:_:)` gathered).
    public func assets(
        _ id: String, version: String, pathPrefix: String? = nil, glob: String? = nil, pageSize: Int = 1000
    ) throws(DandiError) -> [Asset] {
        var found: [Asset] = []
        try assets(id, version: version, pathPrefix: pathPrefix, glob: glob, pageSize: pageSize) { found.append($0) }
        return found
    }

    /// The public dandisets, each with the version a summary reads (the most recent published, else draft),
    /// in id order, page by page, bounded as the asset listing is.
    public func dandisets(pageSize: Int = 1000) throws(DandiError) -> [(id: String, version: String)] {
        var found: [(id: String, version: String)] = []
        try eachPage(
            of: "\(instance.apiURL)/dandisets/?ordering=id&page_size=\(pageSize)&draft=true&empty=false&embargoed=false",
            what: "the dandiset listing", items: "dandisets"
        ) { entry in
            guard let id = entry["identifier"]?.stringValue else { return }
            found.append((id, Dandiset(json: entry, id: id).defaultVersion))
        }
        return found
    }

    /// Walks a paginated listing from `first`, following `next`, handing each result to `body`.
    private func eachPage(of first: String?, what: String, items: String, _ body: (OrderedJSON) -> Void)
        throws(DandiError)
    {
        var next = first
        var visited = Set<String>()
        var limit = Self.maximumListedAssets
        var given = 0
        while let url = next {
            guard visited.insert(url).inserted else {
                throw DandiError("the archive's listing of \(what) points back to a page it gave already (\(url)); stopped")
            }
            let page = try getObject(url, what: what, pageAfterEnd: visited.count > 1)
            if visited.count == 1, let count = page["count"]?.integerValue, count >= 0 {
                limit = min(limit, count + Self.listingMargin(count: count))
            }
            guard let results = page["results"]?.arrayValue else { break }
            given += results.count
            guard given <= limit else {
                throw DandiError(
                    "the archive's listing of \(what) gave more than \(limit) \(items) (its count and a margin); stopped")
            }
            results.forEach(body)
            next = results.isEmpty ? nil : page["next"]?.stringValue
        }
    }

    /// The archive's download URL of an asset (it redirects to the blob).
    public func downloadURL(assetID: String) -> String { "\(instance.apiURL)/assets/\(assetID)/download/" }

    /// Where the archive keeps blobs (`https://dandiarchive.s3.amazonaws.com/`), learnt from one asset's
    /// download redirect without following it: the blob URL is then `BASE` + `blobs/u[0:3]/u[3:6]/u`, so the
    /// other assets need no redirect. `nil` when the redirect does not have that shape (or fails).
    public func blobBase(asset: Asset) -> String? {
        guard let blob = asset.blob,
            let response = try? get(downloadURL(assetID: asset.assetID), what: "asset \(asset.path)", followRedirects: false),
            (300..<400).contains(response.status), let location = response.headers["location"]
        else { return nil }
        let absolute =
            URL(string: location, relativeTo: URL(string: downloadURL(assetID: asset.assetID)))?.absoluteString ?? location
        let plain = absolute.split(separator: "?", maxSplits: 1).first.map(String.init) ?? absolute
        let key = Self.blobKey(blob)
        guard plain.hasSuffix("/" + key) else { return nil }
        return String(plain.dropLast(key.count))
    }

    /// `blobs/u[0:3]/u[3:6]/u`: where a blob lies in the archive's bucket.
    public static func blobKey(_ blob: String) -> String {
        let characters = Array(blob)
        guard characters.count >= 6 else { return "blobs/\(blob)" }
        return "blobs/\(String(characters[0..<3]))/\(String(characters[3..<6]))/\(blob)"
    }

    // MARK: - Requests

    /// The JSON object the archive answers `url` with (parsed as every JSON NWBKit reads is: `OrderedJSON`).
    private func getObject(_ url: String, what: String, pageAfterEnd: Bool = false) throws(DandiError) -> OrderedJSON {
        let response = try get(url, what: what, pageAfterEnd: pageAfterEnd)
        if pageAfterEnd && response.status == 404 { return .object([("results", .array([]))]) }
        guard let object = try? OrderedJSON.parse(bytes: response.body), case .object = object else {
            throw DandiError("the archive's answer for \(what) is not a JSON object (\(url))")
        }
        return object
    }

    private func get(_ url: String, what: String, followRedirects: Bool = true, pageAfterEnd: Bool = false) throws(DandiError)
        -> RemoteResponse
    {
        requests += 1
        let response: RemoteResponse
        do {
            response = try session.get(
                url, headers: ["Accept: application/json"], credentials: RequestCredentials(bound: credentials),
                followRedirects: followRedirects)
        } catch {
            throw DandiError("cannot reach the archive at \(instance.apiURL): \(error.message)")
        }
        switch response.status {
        case 200..<400: return response
        case 404 where pageAfterEnd: return response
        case 401:
            if token == nil {
                throw DandiError(
                    "access denied to \(what) (HTTP 401): it is embargoed; set \(instance.apiKeyVariable) to the API key of one of its owners"
                )
            }
            throw DandiError("the archive refused the API key in \(instance.apiKeyVariable) (HTTP 401\(detail(response)))")
        case 403:
            throw DandiError(
                "access denied to \(what) (HTTP 403): \(token == nil ? "set \(instance.apiKeyVariable) to the API key of one of its owners" : "the API key in \(instance.apiKeyVariable) is not an owner's")"
            )
        case 404: throw DandiError("\(what) not found on \(instance.apiURL) (HTTP 404)")
        default: throw DandiError("the archive answered HTTP \(response.status) for \(what)\(detail(response))")
        }
    }

    /// `: DETAIL` of an error body (`{"detail": …}` or a bare JSON string), or nothing.
    private func detail(_ response: RemoteResponse) -> String {
        guard let value = try? OrderedJSON.parse(bytes: response.body) else { return "" }
        if let text = value.stringValue ?? value["detail"]?.stringValue { return ": \(text)" }
        return ""
    }
}
