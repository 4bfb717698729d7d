import Foundation

/// A dandiset, or some of its assets, named on the command line: `DANDI:000683`, `DANDI:000683/draft`,
/// `DANDI:000683/0.230301.1200/sub-1/` (a folder), `DANDI:000683/draft/sub-1/sub-1_ses-2.nwb` (one asset),
/// `https://dandiarchive.org/dandiset/000683/draft[/files?location=sub-1]`, or the API's
/// `…/api/dandisets/000683/versions/draft/`.
public struct DandiReference: Sendable, Equatable {
    public var instance: DandiInstance
    /// Six digits.
    public var dandisetID: String
    /// `draft`, a published version (`0.230301.1200`), or `nil`: the most recent published version, else draft.
    public var version: String?
    /// One asset's path (`exact`), or a folder's (ending in `/`), or `nil`: every asset.
    public var path: String?

    public init(instance: DandiInstance, dandisetID: String, version: String? = nil, path: String? = nil) {
        self.instance = instance
        self.dandisetID = dandisetID
        self.version = version
        self.path = path
    }

    /// True when `path` names one asset, not a folder.
    public var namesOneAsset: Bool { path.map { !$0.isEmpty && !$0.hasSuffix("/") } ?? false }

    /// What went wrong reading a text that looks like a dandiset reference.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The reference `text` makes, `nil` when it is no dandiset reference (a local path, a plain URL).
    /// `defaultInstance` is the one `DANDI:` and unknown hosts' API URLs mean (`--dandi-instance`).
    public static func parse(_ text: String, defaultInstance: DandiInstance = .dandi) throws(ParseError) -> DandiReference? {
        if let colon = text.firstIndex(of: ":"), !text.lowercased().hasPrefix("http"), !text.lowercased().hasPrefix("s3:") {
            let prefix = String(text[..<colon])
            guard prefix.allSatisfy({ ($0.isASCII && $0.isUppercase) || $0 == "-" }), !prefix.isEmpty else { return nil }
            let instance: DandiInstance
            if prefix == "DANDI" || prefix == defaultInstance.prefix || prefix == defaultInstance.name.uppercased() {
                instance = defaultInstance
            } else if let known = DandiInstance.known.first(where: { $0.prefix == prefix }) {
                instance = known
            } else {
                throw ParseError(
                    message:
                        "'\(prefix)' is no DANDI instance NWBKit knows: give its API URL with --dandi-instance (its /api/info/ names its prefix)"
                )
            }
            return try fromComponents(String(text[text.index(after: colon)...]), instance: instance, text: text)
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        let site = "\(scheme)://\(url.host?.lowercased() ?? "")\(url.port.map { ":\($0)" } ?? "")"
        let instances = [defaultInstance] + DandiInstance.known
        // The API first: its URLs may share the web site's host (`http://HOST/api/…` and `http://HOST/dandiset/…`).
        // The API: …/api/dandisets/ID[/versions/VERSION]/
        if let instance = instances.first(where: { text.hasPrefix($0.apiURL + "/dandisets/") }) {
            let parts = text.dropFirst(instance.apiURL.count + "/dandisets/".count).split(separator: "/").map(String.init)
            guard let id = parts.first else { return nil }
            if parts.count == 1 { return try fromComponents(id, instance: instance, text: text) }
            if parts.count == 3, parts[1] == "versions" {
                return try fromComponents(id + "/" + parts[2], instance: instance, text: text)
            }
            return nil  // an asset's API URL is read as a plain URL (its download redirects to the blob)
        }
        // The web site: /dandiset/ID[/VERSION][/files?location=FOLDER], also behind /#/.
        if let instance = instances.first(where: { origin(of: $0.webURL) == site || gui(of: $0.webURL) == site }) {
            var path = url.path
            if let fragment = url.fragment, path == "/" || path.isEmpty { path = fragment }
            let parts = path.split(separator: "/").map(String.init)
            guard let start = parts.firstIndex(of: "dandiset"), parts.count > start + 1 else { return nil }
            var reference = try fromComponents(
                parts[(start + 1)...].prefix(2).joined(separator: "/"), instance: instance, text: text)
            if parts.count > start + 3, parts[start + 3] == "files",
                let location = url.queryItems?.first(where: { $0.name == "location" })?.value
            {
                let folder = location.hasPrefix("/") ? String(location.dropFirst()) : location
                reference.path = folder.isEmpty ? nil : (folder.hasSuffix("/") ? folder : folder + "/")
            }
            return reference
        }
        return nil
    }

    /// `ID[/VERSION[/PATH]]`.
    private static func fromComponents(_ rest: String, instance: DandiInstance, text: String) throws(ParseError) -> DandiReference
    {
        let parts = rest.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let id = parts[0]
        guard id.count == 6, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ParseError(message: "a dandiset id is six digits (as in DANDI:000683), not '\(id)'")
        }
        var reference = DandiReference(instance: instance, dandisetID: id)
        if parts.count > 1, !parts[1].isEmpty {
            let version = parts[1]
            guard isVersion(version) else {
                throw ParseError(
                    message:
                        "'\(version)' is no dandiset version (draft, or a published one such as 0.230301.1200); an asset path follows the version"
                )
            }
            reference.version = version
        }
        if parts.count > 2, !parts[2].isEmpty { reference.path = parts[2] }
        return reference
    }

    /// `draft`, or a published version's dotted numbers (`0.230301.1200`).
    public static func isVersion(_ text: String) -> Bool {
        if text == "draft" { return true }
        let numbers = text.split(separator: ".", omittingEmptySubsequences: false)
        return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return "\(components.scheme?.lowercased() ?? "")://\(components.host?.lowercased() ?? "")"
            + (components.port.map { ":\($0)" } ?? "")
    }

    /// The old `gui.` web host of an instance (`https://gui.dandiarchive.org`).
    private static func gui(of url: String) -> String {
        let origin = origin(of: url)
        return origin.replacingOccurrences(of: "://", with: "://gui.")
    }
}
