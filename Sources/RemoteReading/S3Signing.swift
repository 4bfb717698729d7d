import Foundation
import Platform

/// AWS credentials for signed `s3://` requests, as the AWS tools read them from the environment.
public struct S3Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// A temporary credential's session token (`AWS_SESSION_TOKEN`).
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The credentials the AWS tools would use (`AWSConfiguration.credentials`); `nil` when there are
    /// none: `s3://` requests are then anonymous.
    public static func from(environment: [String: String]) -> S3Credentials? {
        AWSConfiguration.credentials(environment: environment)
    }
}

extension RemoteOptions {
    /// The region the AWS tools would use for signed `s3://` requests when none is given
    /// (`AWSConfiguration.region`).
    public static func s3Region(environment: [String: String]) -> String? {
        AWSConfiguration.region(environment: environment)
    }
}

/// AWS Signature Version 4 for S3 GETs: the headers that sign one request (the payload unsigned, the
/// `Range` header unsigned, so every block of a file is signed alike).
enum S3Signing {
    static func headers(url: String, region: String, credentials: S3Credentials, date: Date = Date()) -> [String] {
        guard let components = URLComponents(string: url), let host = components.host else { return [] }
        let hostHeader = host + (components.port.map { ":\($0)" } ?? "")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: date)
        let day = String(stamp.prefix(8))
        var signed: [(String, String)] = [
            ("host", hostHeader), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), ("x-amz-date", stamp),
        ]
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        let names = signed.map(\.0).joined(separator: ";")
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = (components.percentEncodedQueryItems ?? [])
            .map { ($0.name, $0.value ?? "") }.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let canonical = [
            "GET", path, query, signed.map { "\($0.0):\($0.1)\n" }.joined(), names, "UNSIGNED-PAYLOAD",
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/s3/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(SHA256Digest.hex(of: Array(canonical.utf8)))"
        var key = SHA256Digest.hmac(key: Array(("AWS4" + credentials.secretAccessKey).utf8), day)
        for part in [region, "s3", "aws4_request"] { key = SHA256Digest.hmac(key: key, part) }
        let signature = SHA256Digest.hex(SHA256Digest.hmac(key: key, toSign))
        return [
            "Authorization: AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(names), Signature=\(signature)",
            "x-amz-content-sha256: UNSIGNED-PAYLOAD", "x-amz-date: \(stamp)",
        ] + (credentials.sessionToken.map { ["x-amz-security-token: \($0)"] } ?? [])
    }
}
