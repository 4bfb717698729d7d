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

    /// The instances dandi-cli knows by name (`dandi instances`), with the API and web URLs it gives them.
    public static let known: [DandiInstance] = [
        DandiInstance(name: "dandi", apiURL: "https://api.dandiarchive.org/api", webURL: "https://dandiarchive.org"),
        DandiInstance(
            name: "dandi-sandbox", apiURL: "https://api.sandbox.dandiarchive.org/api",
            webURL: "https://sandbox.dandiarchive.org"),
        DandiInstance(
            name: "ember-dandi", apiURL: "https://api-dandi.emberarchive.org/api", webURL: "https://dandi.emberarchive.org"),
        DandiInstance(
            name: "ember-dandi-sandbox", apiURL: "https://api-dandi.sandbox.emberarchive.org/api",
            webURL: "https://dandi.sandbox.emberarchive.org"),
        DandiInstance(name: "linc", apiURL: "https://api.lincbrain.org/api", webURL: "https://lincbrain.org"),
        DandiInstance(
            name: "linc-staging", apiURL: "https://staging-api.lincbrain.org/api", webURL: "https://staging.lincbrain.org"),
        DandiInstance(
            name: "dandi-api-local-docker-tests", apiURL: "http://localhost:8000/api", webURL: "http://localhost:8085"),
    ]

    /// Names NWBKit used before it took dandi-cli's, still understood (a note names the new one).
    public static let aliases: [String: String] = ["ember": "ember-dandi", "ember-sandbox": "ember-dandi-sandbox"]

    /// The production archive.
    public static let dandi = known[0]

    /// The instance `--dandi-instance` names: a known name (or an old alias), or an API URL
    /// (`http://host:port/api`), whose web site is taken to be the same host without `/api` until the
    /// server's `/api/info/` says otherwise (`DandiClient.info`).
    public static func named(_ text: String) -> DandiInstance? {
        let lower = text.lowercased()
        let name = aliases[lower] ?? lower
        if let instance = known.first(where: { $0.name == name }) { return instance }
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        var api = text.hasSuffix("/") ? String(text.dropLast()) : text
        if let match = known.first(where: { $0.apiURL == api }) { return match }
        let web = api.hasSuffix("/api") ? String(api.dropLast(4)) : api
        if !api.hasSuffix("/api") { api += "/api" }
        return DandiInstance(name: "dandi", apiURL: api, webURL: web)
    }

    /// The note for an old name, or `nil`.
    public static func aliasNote(_ text: String) -> String? {
        aliases[text.lowercased()].map { "--dandi-instance \(text) is now called \($0), as dandi-cli names it" }
    }

    /// The prefix of this instance's dandiset names (`DANDI`, `DANDI-SANDBOX`): its name in capitals, or
    /// what the server calls itself (`instance_config.instance_name` of `/api/info/`, e.g. `DEV-DANDI`).
    public var prefix: String {
        get { prefixOverride ?? name.uppercased() }
        set { prefixOverride = newValue }
    }
    private var prefixOverride: String?

    /// The environment variable that holds this instance's API key (`DANDI_API_KEY`, `DANDI_SANDBOX_API_KEY`).
    public var apiKeyVariable: String { name.uppercased().replacingOccurrences(of: "-", with: "_") + "_API_KEY" }

    /// The API keys `environment` holds, by instance name: `instance`'s and every known instance's (each
    /// from its own variable; an empty one is none).
    public static func apiKeys(for instance: DandiInstance, environment: [String: String]) -> [String: String] {
        var keys: [String: String] = [:]
        for candidate in [instance] + known where keys[candidate.name] == nil {
            if let key = environment[candidate.apiKeyVariable], !key.isEmpty { keys[candidate.name] = key }
        }
        return keys
    }
}
