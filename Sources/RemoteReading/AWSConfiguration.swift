import Foundation

/// What the AWS tools read to sign S3 requests, read the way they read it: the `AWS_` variables first,
/// then the profile `AWS_PROFILE` (`default` when unset) of the shared files, `~/.aws/credentials`
/// (`AWS_SHARED_CREDENTIALS_FILE`) for keys and `~/.aws/config` (`AWS_CONFIG_FILE`) for the region.
/// Instance roles, SSO and `credential_process` are not used.
enum AWSConfiguration {
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; else the profile's
    /// `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token`. `nil` without both keys.
    static func credentials(environment: [String: String]) -> S3Credentials? {
        let value = variables(environment)
        if let id = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") {
            return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
        }
        guard let path = value("AWS_SHARED_CREDENTIALS_FILE") ?? value("HOME").map({ $0 + "/.aws/credentials" }),
            let text = sharedFile(path)
        else { return nil }
        let keys = section(profileName(environment), in: text)
        guard let id = keys["aws_access_key_id"], let secret = keys["aws_secret_access_key"] else { return nil }
        return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: keys["aws_session_token"])
    }

    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region` in the config file (whose
    /// sections are `[default]` and `[profile NAME]`). `nil` when none says.
    static func region(environment: [String: String]) -> String? {
        let value = variables(environment)
        if let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") { return region }
        guard let path = value("AWS_CONFIG_FILE") ?? value("HOME").map({ $0 + "/.aws/config" }), let text = sharedFile(path)
        else { return nil }
        let name = profileName(environment)
        return section(name == "default" ? "default" : "profile " + name, in: text)["region"]
    }

    /// The non-empty value of each variable of `environment`.
    private static func variables(_ environment: [String: String]) -> (String) -> String? {
        { name in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    }

    private static func profileName(_ environment: [String: String]) -> String {
        variables(environment)("AWS_PROFILE") ?? "default"
    }

    /// The keys (lower-cased) and non-empty values of the section `name` of an INI text (`[name]`, then
    /// `key = value` lines; `#` and `;` start comments).
    static func section(_ name: String, in text: String) -> [String: String] {
        var current: String?
        var keys: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                continue
            }
            guard current == name, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { keys[key] = value }
        }
        return keys
    }

    /// A shared file's text: at most 1 MiB (a larger file is not one), `nil` when it cannot be read.
    private static func sharedFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: (1 << 20) + 1), data.count <= 1 << 20 else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
