/// How a file that is not local is opened: the domain (`NWBKit`) asks through this and never speaks HTTP;
/// `RemoteReading` answers (its `RemoteOptions` conform). Below both, so neither depends on the other.
public protocol RemoteOpening: Sendable {
    /// The remote file `path` names (a URL, an archive asset's name), its bytes read through the result.
    func openRemote(_ path: String) throws(RemoteOpenFailure) -> ByteSource
}

/// Why a remote file could not be opened, in words a user can act on.
public struct RemoteOpenFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The first bytes of an answer that is not the file's bytes (a web page, a folder's listing), for saying
    /// what it looks like.
    public var answer: [UInt8]?
    /// The server refused access (a key that is missing, wrong or not an owner's).
    public var accessDenied: Bool

    public init(_ message: String, answer: [UInt8]? = nil, accessDenied: Bool = false) {
        self.message = message
        self.answer = answer
        self.accessDenied = accessDenied
    }

    public var description: String { message }
}

/// What paths name remote files, by their spelling alone (no request).
public enum RemotePaths {
    /// Whether `path` names a remote file NWBKit reads (`http://`, `https://`, `s3://`, or an archive name
    /// such as `DANDI:000683/draft/sub-1/sub-1.nwb`).
    public static func isRemote(_ path: String) -> Bool {
        let lower = path.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("s3://") || isArchiveName(path)
    }

    /// Whether `path` is an archive name: an instance name in capitals, a colon, six digits (`DANDI:000683…`).
    public static func isArchiveName(_ path: String) -> Bool {
        guard let colon = path.firstIndex(of: ":"), colon > path.startIndex else { return false }
        let instance = path[..<colon]
        guard instance.allSatisfy({ ($0.isASCII && $0.isUppercase) || $0 == "-" }) else { return false }
        let digits = path[path.index(after: colon)...].prefix(6)
        return digits.count == 6 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
