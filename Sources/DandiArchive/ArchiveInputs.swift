import Foundation
import RemoteReading

/// What the dandiset references among a run's inputs stand for: each becomes its NWB assets, named
/// `DANDI:000683/draft/sub-1/sub-1.nwb` (in path order), each with where its bytes are read. The archive
/// is asked for the dandiset (its versions and embargo) and the listing pages; the blob URLs are built from
/// the listing's `blob` field and the blob store's address, learnt from one download redirect per dandiset.
public enum ArchiveInputs {
    /// How references are looked up and which assets are kept.
    public struct Options: Sendable {
        /// What `DANDI:` means (`--dandi-instance`).
        public var instance: DandiInstance = .dandi
        /// API keys by instance name (read by the caller from `DANDI_API_KEY` and the like).
        public var tokens: [String: String] = [:]
        /// Assets per listing page (the archive clamps it to 1000).
        public var pageSize = 1000
        /// Keep only assets whose whole path matches this pattern (`*` the only wildcard, case ignored; the
        /// API's `glob` filter).
        public var glob: String?
        /// Whether an asset of a dandiset or folder is read, by its path (e.g. its name ends in `.nwb`).
        /// An asset named on its own is always read.
        public var keeps: @Sendable (String) -> Bool = { $0.hasSuffix(".nwb") }
        /// Read at most this many of a dandiset's kept assets, in path order (`nil`: all).
        public var maximumAssetsPerDandiset: Int?
        /// Time-outs and retries of every request.
        public var remote = RemoteOptions()

        public init() {}
    }

    /// A dandiset that some input named, and the version read.
    public struct ResolvedDandiset: Sendable, Equatable {
        public var instance: DandiInstance
        public var id: String
        public var version: String
        /// The input as given.
        public var input: String
    }

    /// What the inputs stand for.
    public struct Resolution: Sendable {
        /// The inputs in order, each dandiset reference replaced by its assets' names.
        public var paths: [String] = []
        /// Where each asset name is read.
        public var locations: [String: RemoteLocation] = [:]
        /// Inputs the archive could not give, with the reason.
        public var failures: [(input: String, reason: String)] = []
        /// What a user should know (the version a reference without one read, Zarr assets skipped).
        public var notes: [String] = []
        public var dandisets: [ResolvedDandiset] = []
        /// API requests sent (dandisets, listing pages, one download redirect per dandiset).
        public var apiRequests = 0
    }

    /// Looks up every dandiset reference among `inputs`; other inputs are passed on as they are.
    public static func resolve(_ inputs: [String], options: Options) -> Resolution {
        var resolution = Resolution()
        var clients: [String: DandiClient] = [:]
        func client(for instance: DandiInstance) -> DandiClient {
            if let client = clients[instance.apiURL] { return client }
            let made = DandiClient(instance: instance, token: options.tokens[instance.name], options: options.remote)
            clients[instance.apiURL] = made
            return made
        }
        var seen = Set<String>()
        let instance = deployed(options.instance, inputs: inputs, client: client(for: options.instance))
        for input in inputs {
            let reference: DandiReference?
            do { reference = try DandiReference.parse(input, defaultInstance: instance) } catch {
                resolution.failures.append((input, error.message))
                continue
            }
            guard let reference else {
                // A password in a URL: kept out of every output and command line. The input is named with
                // `***` for it, and read through a location whose credential is bound to the URL's origin.
                let (url, credential) = URLUserInfo.split(input)
                if let credential, input.contains("@") {
                    let display = URLUserInfo.redacted(input)
                    resolution.paths.append(display)
                    resolution.locations[display] = RemoteLocation(url: url, credentials: [credential])
                } else {
                    resolution.paths.append(input)
                }
                continue
            }
            do {
                try add(
                    reference, input: input, client: client(for: reference.instance), options: options, to: &resolution,
                    seen: &seen)
            } catch {
                resolution.failures.append((input, error.message))
            }
        }
        resolution.apiRequests = clients.values.reduce(0) { $0 + $1.requests }
        return resolution
    }

    /// `instance` as the server describes itself, when an input needs it: an instance given by its API
    /// URL is asked its `/api/info/` (once) for its web site and identifier prefix when an input names an
    /// unknown `PREFIX:` or a URL that is not one of its API URLs (it may be on its web site, wherever that
    /// is). Otherwise no request is made.
    static func deployed(_ instance: DandiInstance, inputs: [String], client: @autoclosure () -> DandiClient)
        -> DandiInstance
    {
        guard !DandiInstance.known.contains(where: { $0.apiURL == instance.apiURL }) else { return instance }
        let knownPrefixes = Set(["DANDI", instance.prefix] + DandiInstance.known.map(\.prefix))
        let needs = inputs.contains { input in
            if Origin(url: input) != nil { return !input.hasPrefix(instance.apiURL + "/") }
            guard let colon = input.firstIndex(of: ":"), RemoteFile.isArchiveName(input) else { return false }
            return !knownPrefixes.contains(String(input[..<colon]))
        }
        guard needs, let info = try? client().info() else { return instance }
        var learnt = instance
        if let web = info.webURL { learnt.webURL = web.hasSuffix("/") ? String(web.dropLast()) : web }
        if let prefix = info.prefix { learnt.prefix = prefix }
        return learnt
    }

    private static func add(
        _ reference: DandiReference, input: String, client: DandiClient, options: Options, to resolution: inout Resolution,
        seen: inout Set<String>
    ) throws(DandiError) {
        let id = reference.dandisetID
        let dandiset = try client.dandiset(id)
        let version = reference.version ?? dandiset.defaultVersion
        if reference.version == nil {
            resolution.notes.append(
                "\(input): version \(version) (\(dandiset.mostRecentPublishedVersion == nil ? "no published version: the draft" : "the most recent published"))"
            )
        }
        let name = "\(reference.instance.prefix):\(id)/\(version)"
        // Each page's assets are sorted as they arrive: only the kept ones are held.
        var kept: [DandiClient.Asset] = []
        var anyListed = false
        var anyZarr = false
        try client.assets(id, version: version, pathPrefix: reference.path, glob: options.glob, pageSize: options.pageSize) {
            asset in
            if let path = reference.path {
                if reference.namesOneAsset ? asset.path != path : !asset.path.lowercased().hasPrefix(path.lowercased()) {
                    return
                }
            }
            if let glob = options.glob, !matches(glob: glob, asset.path) { return }
            anyListed = true
            if asset.blob == nil {
                if asset.zarr != nil {
                    anyZarr = true
                    resolution.notes.append("\(name)/\(asset.path): a Zarr asset (a folder of files, not HDF5), skipped")
                }
                return
            }
            if let maximum = options.maximumAssetsPerDandiset, kept.count >= maximum { return }
            if reference.namesOneAsset || options.keeps(asset.path) { kept.append(asset) }
        }
        if reference.namesOneAsset, !anyListed, let path = reference.path {
            throw DandiError("no asset '\(path)' in \(name)")
        }
        resolution.dandisets.append(ResolvedDandiset(instance: reference.instance, id: id, version: version, input: input))
        guard !kept.isEmpty else {
            if !anyZarr {
                throw DandiError("no NWB assets in \(name)\(reference.path.map { " under '\($0)'" } ?? "")")
            }
            return
        }
        // An embargoed blob is refused to anyone but the archive: read it through the (token-checked) download
        // redirect. Else every blob URL is built from the listing, with the address one redirect gave.
        let base = dandiset.isEmbargoed ? nil : client.blobBase(asset: kept[0])
        for asset in kept {
            let display = "\(name)/\(asset.path)"
            guard seen.insert(display).inserted else { continue }
            let url = base.map { $0 + DandiClient.blobKey(asset.blob!) } ?? client.downloadURL(assetID: asset.assetID)
            resolution.paths.append(display)
            resolution.locations[display] = RemoteLocation(
                url: url, size: asset.size, contentIdentity: "dandi blob \(asset.blob!) \(asset.size)",
                credentials: client.credentials)
        }
    }

    /// The API's `glob`: the whole path, case ignored, `*` matching any run of characters (slashes too).
    public static func matches(glob: String, _ path: String) -> Bool {
        let pattern = Array(glob.lowercased())
        let text = Array(path.lowercased())
        var p = 0
        var t = 0
        var star = -1
        var mark = 0
        while t < text.count {
            if p < pattern.count && pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
