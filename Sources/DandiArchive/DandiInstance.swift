/// A DANDI archive deployment: its API and its web site, as dandi-cli names them (`--dandi-instance`).
public struct DandiInstance: Sendable, Equatable {
    /// dandi-cli's name (`dandi`, `dandi-sandbox`, …), or `dandi` for an instance given by its API URL.
    public var name: String
    /// The API root, without a trailing slash (`https://api.dandiarchive.org/api`).
    public var apiURL: String
    /// The web site (`https://dandiarchive.org`), whose `/dandiset/…` URLs name dandisets.
    public var webURL: String

    public init(name: String, apiURL: String, webURL: String) {
        self.name = name
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.webURL = webURL.hasSuffix("/") ? String(webURL.dropLast()) : webURL
    }

    /// The instances dandi-cli knows by name.
    public static let known: [DandiInstance] = [
        DandiInstance(name: "dandi", apiURL: "https://api.dandiarchive.org/api", webURL: "https://dandiarchive.org"),
        DandiInstance(
            name: "dandi-sandbox", apiURL: "https://api.sandbox.dandiarchive.org/api",
            webURL: "https://sandbox.dandiarchive.org"),
        DandiInstance(name: "ember", apiURL: "https://api.ember-archive.org/api", webURL: "https://ember-archive.org"),
        DandiInstance(
            name: "ember-sandbox", apiURL: "https://sandbox-api.ember-archive.org/api",
            webURL: "https://sandbox.ember-archive.org"),
        DandiInstance(name: "linc", apiURL: "https://api.lincbrain.org/api", webURL: "https://lincbrain.org"),
        DandiInstance(
            name: "linc-staging", apiURL: "https://staging-api.lincbrain.org/api", webURL: "https://staging.lincbrain.org"),
    ]

    /// The production archive.
    public static let dandi = known[0]

    /// The instance `--dandi-instance` names: a known name, or an API URL (`http://host:port/api`), whose
    /// web site is taken to be the same host without `/api`.
    public static func named(_ text: String) -> DandiInstance? {
        if let instance = known.first(where: { $0.name == text.lowercased() }) { return instance }
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        var api = text.hasSuffix("/") ? String(text.dropLast()) : text
        if let match = known.first(where: { $0.apiURL == api }) { return match }
        let web = api.hasSuffix("/api") ? String(api.dropLast(4)) : api
        if !api.hasSuffix("/api") { api += "/api" }
        return DandiInstance(name: "dandi", apiURL: api, webURL: web)
    }

    /// The prefix of this instance's dandiset names (`DANDI`, `DANDI-SANDBOX`).
    public var prefix: String { name.uppercased() }

    /// The environment variable that holds this instance's API key (`DANDI_API_KEY`, `DANDI_SANDBOX_API_KEY`).
    public var apiKeyVariable: String { name.uppercased().replacingOccurrences(of: "-", with: "_") + "_API_KEY" }
}
