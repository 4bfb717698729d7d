import Foundation

/// The scheme, host and port of a URL (RFC 6454): what a credential belongs to. Two URLs share an origin
/// only when all three are equal, so `https://a` and `http://a`, or `a:443` and `a:8443`, are strangers.
public struct Origin: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `http` or `https`, in lower case.
    public var scheme: String
    /// The host, in lower case (an IPv6 address without its brackets).
    public var host: String
    /// The port, the scheme's default when the URL names none.
    public var port: Int

    /// The origin of `url`; `nil` when it is not an `http`/`https` URL with a host.
    public init?(url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    public var description: String { "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}

/// A header that carries a secret (an archive's API token, a password from a URL) and may be sent only to
/// the origin it belongs to: never to a redirect's target on another origin, a blob store, or the host a
/// listing's `next` names.
public struct OriginCredential: Sendable, Equatable, Codable {
    public var origin: Origin
    /// The whole header line, e.g. `Authorization: token KEY`.
    public var header: String

    public init(origin: Origin, header: String) {
        self.origin = origin
        self.header = header
    }
}

/// Every secret one request may carry, each bound to its origin; `headers(for:)` is the one place that
/// decides what goes with a request, asked again for every hop of a redirect.
public struct RequestCredentials: Sendable, Equatable {
    /// Headers bound to one origin each.
    public var bound: [OriginCredential] = []
    /// AWS credentials and what they sign: requests to `origin` only, for `region`.
    public var s3: S3Signer?

    public init(bound: [OriginCredential] = [], s3: S3Signer? = nil) {
        self.bound = bound
        self.s3 = s3
    }

    /// The secret headers a request to `url` carries: the bound headers of its origin, and a signature when
    /// it goes to the S3 endpoint. None for any other origin.
    public func headers(for url: String) -> [String] {
        guard let origin = Origin(url: url) else { return [] }
        var headers = bound.filter { $0.origin == origin }.map(\.header)
        if let s3, s3.origin == origin {
            headers += S3Signing.headers(url: url, region: s3.region, credentials: s3.credentials)
        }
        return headers
    }
}

/// AWS credentials with the one origin they sign for: the `--s3-endpoint` the user named, or AWS's host of
/// the bucket.
public struct S3Signer: Sendable, Equatable {
    public var credentials: S3Credentials
    public var origin: Origin
    public var region: String

    public init(credentials: S3Credentials, origin: Origin, region: String) {
        self.credentials = credentials
        self.origin = origin
        self.region = region
    }
}

/// `user:password@` in a URL: taken out of the URL (libcurl would send it wherever a redirect leads) and
/// turned into a Basic `Authorization` header bound to the URL's origin.
public enum URLUserInfo {
    /// The URL without its user information, and the credential it carried (if any).
    public static func split(_ url: String) -> (url: String, credential: OriginCredential?) {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil,
            let origin = Origin(url: url)
        else { return (url, nil) }
        let user = components.user ?? ""
        let password = components.password ?? ""
        components.user = nil
        components.password = nil
        let token = Data("\(user):\(password)".utf8).base64EncodedString()
        return (components.string ?? url, OriginCredential(origin: origin, header: "Authorization: Basic \(token)"))
    }

    /// `url` with its password replaced by `***`, for a line a user reads (a user name stays).
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
