import Foundation
import NWBSupport

/// How remote files are read.
public struct RemoteOptions: Sendable, Equatable {
    /// Seconds to wait for a connection.
    public var connectTimeout: Double = 10
    /// Seconds a response may send less than `minimumBytesPerSecond` before it is given up (and tried again).
    public var stallTimeout: Double = 30
    /// The slowest transfer a response may keep up for `stallTimeout` (a server that trickles a few bytes a
    /// second is given up like one that sends nothing).
    public var minimumBytesPerSecond: Int = 1024
    /// Seconds one request may take in all, however it trickles (then it is given up and tried again).
    public var requestDeadline: Double = 300
    /// How many times a request is tried again after a transient failure (429, 5xx, reset, stall, short body).
    public var retries: Int = 4
    /// The longest wait between tries, in seconds (a longer `Retry-After` is cut to it).
    public var maximumRetryWait: Double = 30
    /// The unit the file is fetched and cached in, in bytes.
    public var blockSize: Int = 64 << 10
    /// The largest run of blocks one fetch takes ahead of a small read (it grows only while reads follow
    /// each other, see `RemoteFile.fetchRange`).
    public var maximumWindowBytes: Int = 4 << 20
    /// The widest gap between cached blocks that a small read falling into it fills in one fetch
    /// (metadata written around a small dataset: one request instead of one per jump; see `fetchRange`).
    public var maximumHoleBytes: Int = 768 << 10
    /// Headers sent with every request (nothing secret: secrets are bound to an origin, `RequestCredentials`).
    public var headers: [String] = []
    /// Where named inputs that are not URLs are read (an archive asset's display path → its blob), with
    /// what the archive's listing told of each.
    public var locations: [String: RemoteLocation] = [:]
    /// The most bytes kept in the block cache; past it the cache starts again.
    public var maximumCachedBytes: Int = 256 << 20
    /// Where `s3://bucket/key` is read: `nil` for AWS (`https://bucket.s3[.region].amazonaws.com/key`), or an
    /// S3-compatible endpoint read path-style (`ENDPOINT/bucket/key`).
    public var s3Endpoint: String?
    /// The AWS region of `s3://` buckets (`nil`: AWS's global name, which finds the bucket's region).
    public var s3Region: String?
    /// Credentials that sign `s3://` requests (AWS Signature Version 4); `nil`: anonymous requests.
    public var s3Credentials: S3Credentials?
    /// A file of certificate authorities that HTTPS servers' certificates are checked against (`--ca-bundle`,
    /// else `CURL_CA_BUNDLE` or `SSL_CERT_FILE`, as curl reads them); `nil`: the system's.
    public var certificateAuthorities: String?
    /// A folder of certificate authorities (`SSL_CERT_DIR`), beside or instead of the file.
    public var certificateAuthorityFolder: String?
    /// Files kept open between reads (a long-lived worker's): `nil`, each read opens its file anew.
    public var shelf: RemoteFileShelf?

    public static func == (left: RemoteOptions, right: RemoteOptions) -> Bool {
        left.connectTimeout == right.connectTimeout && left.stallTimeout == right.stallTimeout
            && left.minimumBytesPerSecond == right.minimumBytesPerSecond && left.requestDeadline == right.requestDeadline
            && left.retries == right.retries && left.maximumRetryWait == right.maximumRetryWait
            && left.blockSize == right.blockSize && left.maximumWindowBytes == right.maximumWindowBytes
            && left.maximumHoleBytes == right.maximumHoleBytes && left.headers == right.headers
            && left.locations == right.locations && left.maximumCachedBytes == right.maximumCachedBytes
            && left.s3Endpoint == right.s3Endpoint && left.s3Region == right.s3Region
            && left.s3Credentials == right.s3Credentials && left.certificateAuthorities == right.certificateAuthorities
            && left.certificateAuthorityFolder == right.certificateAuthorityFolder && left.shelf === right.shelf
    }

    /// The certificate authorities curl would use from `environment`: `CURL_CA_BUNDLE`, else `SSL_CERT_FILE`,
    /// and `SSL_CERT_DIR`.
    public static func certificateAuthorities(environment: [String: String]) -> (file: String?, folder: String?) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return (value("CURL_CA_BUNDLE") ?? value("SSL_CERT_FILE"), value("SSL_CERT_DIR"))
    }

    /// The secrets requests for `path` (as given) may carry, each bound to its origin: for an `s3://` path
    /// with credentials, a signature for the S3 endpoint's origin only (`--s3-endpoint`, else AWS's host of
    /// the bucket), for the region given, else us-east-1; `bound` besides (an archive token, a URL's password).
    public func credentials(forPath path: String, bound: [OriginCredential] = []) -> RequestCredentials {
        var credentials = RequestCredentials(bound: bound)
        if let s3Credentials, path.lowercased().hasPrefix("s3://"), let origin = Origin(url: httpURL(for: path)) {
            credentials.s3 = S3Signer(credentials: s3Credentials, origin: origin, region: s3Region ?? "us-east-1")
        }
        return credentials
    }

    /// The HTTP(S) URL a remote path is fetched from: itself, or an `s3://` path's object URL (anonymous).
    public func httpURL(for path: String) -> String {
        guard path.lowercased().hasPrefix("s3://") else { return path }
        let rest = path.dropFirst(5)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let bucket = String(rest[..<slash])
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
        let raw = slash < rest.endIndex ? String(rest[rest.index(after: slash)...]) : ""
        // Keys are sent percent-encoded, as S3 (and its signatures) expect.
        let key = raw.addingPercentEncoding(withAllowedCharacters: allowed) ?? raw
        if let s3Endpoint {
            return (s3Endpoint.hasSuffix("/") ? String(s3Endpoint.dropLast()) : s3Endpoint) + "/" + bucket + "/" + key
        }
        let host = s3Region.map { "\(bucket).s3.\($0).amazonaws.com" } ?? "\(bucket).s3.amazonaws.com"
        return "https://\(host)/\(key)"
    }

    public init() {}
}

/// Remote files opened for the domain (`NWBKit`'s `FileOpening`) with these options: the transport's side of
/// `RemoteOpening`.
extension RemoteOptions: RemoteOpening {
    public func openRemote(_ path: String) throws(RemoteOpenFailure) -> ByteSource {
        do throws(RemoteError) {
            return try RemoteFile.opening(path, options: self)
        } catch {
            throw RemoteOpenFailure(error.message, answer: error.answer, accessDenied: error.message.hasPrefix("access denied"))
        }
    }
}

/// Why a remote file could not be read, in words a user can act on.
public struct RemoteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The first bytes of an answer that is not the file's bytes at all (a web page, a folder's listing,
    /// sent whole instead of a byte range), for saying what it looks like.
    public var answer: [UInt8]?
    public init(_ message: String, answer: [UInt8]? = nil) {
        self.message = message
        self.answer = answer
    }
    public var description: String { message }
}

/// A file on an HTTP(S) server that serves byte ranges, read in blocks through a cache with read-ahead:
/// metadata reads, which libhdf5 makes small and scattered, cost few round trips. Redirects are followed
/// once, on the first request; later requests go straight to where it ended. The bytes reach libhdf5
/// through `ByteSource`.
public final class RemoteFile: ByteSource {
    /// The URL as given.
    public let url: String
    /// Where the first request ended after redirects (every later request goes there).
    public private(set) var resolvedURL: String
    public let size: Int
    /// The server's validator of this content, when it sends one.
    public let etag: String?
    /// Requests made, and bytes of bodies received.
    public private(set) var requests = 0
    public private(set) var bytesFetched = 0
    public private(set) var failure: String?

    private let options: RemoteOptions
    private let connection: HTTPConnection
    /// The secrets requests may carry, each only to its own origin (`RequestCredentials.headers(for:)`).
    private let credentials: RequestCredentials
    private var blocks: [Int: [UInt8]] = [:]
    private var cachedBytes = 0
    /// How many blocks the next small read's fetch takes from its first missing block on (see `fetchRange`).
    private var run = 1
    /// Where the previous fetch ended (a byte offset), for telling a read near it from a jump.
    private var lastFetchEnd = 0

    /// Whether `path` names a remote file NWBKit reads (`http://`, `https://`, `s3://`, or an archive name
    /// such as `DANDI:000683/draft/sub-1/sub-1.nwb`).
    public static func isRemote(_ path: String) -> Bool { RemotePaths.isRemote(path) }

    /// Whether `path` is an archive name: an instance name in capitals, a colon, six digits (`DANDI:000683…`).
    public static func isArchiveName(_ path: String) -> Bool { RemotePaths.isArchiveName(path) }

    /// What identifies the content at `url` now, from a one-byte request: its size and the server's ETag
    /// (the cache's key for a remote file; `nil` ETag: the server gives none, and the file is not cached).
    public static func validator(
        _ url: String, options: RemoteOptions = RemoteOptions(), credentials bound: [OriginCredential] = []
    ) throws(RemoteError) -> (size: Int, etag: String?) {
        let connection = HTTPConnection(options: options)
        var requests = 0
        let (target, password) = URLUserInfo.split(URLEncoding.encoded(options.httpURL(for: url)))
        let response = try RemoteRequest.send(
            connection, target, range: 0..<1, headers: options.headers,
            credentials: options.credentials(forPath: url, bound: bound + (password.map { [$0] } ?? [])), options: options,
            requests: &requests)
        switch response.status {
        case 206:
            guard let total = totalSize(response.headers["content-range"]) else {
                throw RemoteError("the server's answer to a byte range gave no file size (Content-Range)")
            }
            return (total, response.headers["etag"])
        case 416: return (0, response.headers["etag"])
        default: throw RemoteError(describe(response, url: url, credentials: options.s3Credentials))
        }
    }

    /// Opens the remote file an input names: through its location when it has one (an archive asset, a URL
    /// whose password was taken out), else the URL itself. One place for every reader of remote inputs.
    public static func opening(_ path: String, options: RemoteOptions) throws(RemoteError) -> RemoteFile {
        if let shelf = options.shelf {
            var unshelved = options
            unshelved.shelf = nil
            // Kept by what is read (a location's URL), so an asset and its URL share blocks.
            let key = options.locations[path]?.url ?? path
            return try shelf.file(for: key) { () throws(RemoteError) in try opening(path, options: unshelved) }
        }
        if let location = options.locations[path] {
            return try RemoteFile(location.url, options: options, credentials: location.credentials)
        }
        if isArchiveName(path) {
            throw RemoteError("an archive name that was not looked up in the archive (give the dandiset as an input)")
        }
        return try RemoteFile(path, options: options)
    }

    /// Opens `url`: one request, which fetches the first blocks and learns the size (and resolves redirects).
    /// `credentials` (and a password in the URL) go with requests to their own origin only, on every hop.
    public init(_ url: String, options: RemoteOptions = RemoteOptions(), credentials bound: [OriginCredential] = [])
        throws(RemoteError)
    {
        self.url = url
        self.options = options
        connection = HTTPConnection(options: options)
        // Two blocks: a small file's metadata often comes whole with its superblock.
        let first = 0..<(2 * options.blockSize)
        let (target, password) = URLUserInfo.split(URLEncoding.encoded(options.httpURL(for: url)))
        resolvedURL = target
        credentials = options.credentials(forPath: url, bound: bound + (password.map { [$0] } ?? []))
        let response = try RemoteRequest.send(
            connection, target, range: first, headers: options.headers, credentials: credentials, options: options,
            requests: &requests)
        resolvedURL = response.effectiveURL
        bytesFetched += response.body.count
        switch response.status {
        case 206:
            guard let total = Self.totalSize(response.headers["content-range"]) else {
                throw RemoteError("the server's answer to a byte range gave no file size (Content-Range)")
            }
            size = total
        case 200:
            // The server ignored the range and sent something whole: a small file that came whole is read;
            // an answer that is not HDF5 at all (a web page, a folder's listing) is said as what it is.
            let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
            guard response.body.starts(with: signature) else {
                throw RemoteError("not an HDF5 file", answer: Array(response.body.prefix(512)))
            }
            guard let length = response.headers["content-length"].flatMap(Int.init), length == response.body.count else {
                throw RemoteError("the server does not serve byte ranges (HTTP 200 to a Range request)")
            }
            size = length
        case 416:
            size = 0
        default:
            throw RemoteError(Self.describe(response, url: url, credentials: options.s3Credentials))
        }
        etag = response.headers["etag"]
        store(response.body, at: 0)
        lastFetchEnd = response.body.count
    }

    public func read(offset: Int, count: Int, into buffer: UnsafeMutableRawPointer) -> Bool {
        guard count > 0 else { return true }
        guard offset >= 0, offset + count <= size else {
            failure = "a read past the end of the file (\(offset)+\(count) of \(size) bytes)"
            return false
        }
        let block = options.blockSize
        let firstBlock = offset / block
        let lastBlock = (offset + count - 1) / block
        var index = firstBlock
        while index <= lastBlock {
            if blocks[index] != nil {
                index += 1
                continue
            }
            let (start, end) = fetchRange(missing: index, lastNeeded: lastBlock, smallRead: count <= block)
            do {
                // Straight to where the first request ended; its secrets only if that is their origin.
                let response = try RemoteRequest.send(
                    connection, resolvedURL, range: start..<end, headers: options.headers, credentials: credentials,
                    options: options, requests: &requests)
                bytesFetched += response.body.count
                guard response.status == 206 else {
                    failure =
                        response.status == 200
                        ? "the server does not serve byte ranges (HTTP 200 to a Range request)"
                        : Self.describe(response, url: url, credentials: options.s3Credentials)
                    return false
                }
                guard response.body.count == end - start else {
                    failure = "the server sent \(response.body.count) of the \(end - start) bytes asked for"
                    return false
                }
                if let changed = change(in: response) {
                    failure = "the file changed while being read (\(changed)); read it again"
                    return false
                }
                store(response.body, at: start)
            } catch {
                failure = error.message
                return false
            }
            index = end / block
        }
        // Copy out of the cached blocks.
        var copied = 0
        while copied < count {
            let position = offset + copied
            let blockIndex = position / block
            guard let bytes = blocks[blockIndex] else {
                failure = "a block was not cached"
                return false
            }
            let within = position - blockIndex * block
            let length = min(count - copied, bytes.count - within)
            guard length > 0 else {
                failure = "a short block"
                return false
            }
            bytes.withUnsafeBytes { source in
                (buffer + copied).copyMemory(from: source.baseAddress! + within, byteCount: length)
            }
            copied += length
        }
        return true
    }

    /// How a later answer shows the file is no longer the one opened (another ETag, another size), or `nil`.
    private func change(in response: RemoteResponse) -> String? {
        if let etag, let now = response.headers["etag"], now != etag { return "its ETag was \(etag), now \(now)" }
        if let total = Self.totalSize(response.headers["content-range"]), total != size {
            return "it had \(size) bytes, now \(total)"
        }
        return nil
    }

    /// Reads the whole file from start to end in ranged requests of `chunkSize` bytes, handing each piece to
    /// `body` as it comes (kept nowhere: memory stays at one piece); for a checksum of a remote file.
    public func readWhole(chunkSize: Int = 8 << 20, _ body: (UnsafeRawBufferPointer) -> Void) throws(RemoteError) {
        var offset = 0
        while offset < size {
            let end = min(size, offset + chunkSize)
            let response = try RemoteRequest.send(
                connection, resolvedURL, range: offset..<end, headers: options.headers, credentials: credentials,
                options: options, requests: &requests)
            bytesFetched += response.body.count
            guard response.status == 206, response.body.count == end - offset else {
                throw RemoteError(
                    response.status == 206
                        ? "the server sent \(response.body.count) of the \(end - offset) bytes asked for"
                        : Self.describe(response, url: url, credentials: options.s3Credentials))
            }
            if let changed = change(in: response) { throw RemoteError("the file changed while being read (\(changed))") }
            response.body.withUnsafeBytes(body)
            offset = end
        }
    }

    /// The bytes to fetch for a read whose first uncached block is `missing`: its own uncached blocks up
    /// to `lastNeeded`, and for a small read (metadata) a run of blocks ahead that follows locality:
    /// - the run doubles while each miss falls near the previous fetch (from 8 blocks before its end to 64
    ///   blocks past it: libhdf5 walking metadata written together), up to `maximumWindowBytes`;
    /// - it starts again at one block when a read jumps back further, and halves when it jumps far ahead
    ///   (metadata between bulk data: the data between is not fetched);
    /// - a near miss behind the previous fetch also takes up to two uncached blocks before it;
    /// - a run that would leave less than itself of the file unfetched takes the rest (one request, not two);
    /// - a miss in a gap of at most `maximumHoleBytes` between cached blocks (or a cached block and the
    ///   file's end) fills the gap: at most 768 KiB that may hold a small dataset's values, for one request
    ///   where libhdf5 would otherwise jump back and forth inside it (Allen MIES files: 13 requests → 7).
    /// The run stops at blocks already cached. A read larger than a
    /// block (bulk data, read by the data checks and previews only) fetches just its own blocks. Measured
    /// against h5py + remfile on SampleData, the corpus and the benchmark files: Benchmarks.md, part 10.
    private func fetchRange(missing: Int, lastNeeded: Int, smallRead: Bool) -> (start: Int, end: Int) {
        let block = options.blockSize
        let lastBlock = max(0, (size - 1) / block)
        var first = missing
        var last = missing
        while last < lastNeeded && blocks[last + 1] == nil { last += 1 }
        if smallRead {
            let start = missing * block
            if start + block <= lastFetchEnd - 8 * block {
                run = 1
            } else if start <= lastFetchEnd + 64 * block {
                run = min(max(1, options.maximumWindowBytes / block), run * 2)
                // Behind the previous fetch (libhdf5 walking back through metadata written together):
                // up to two uncached blocks just before the read too.
                if start < lastFetchEnd {
                    let floor = max(0, missing - min(run, 2))
                    while first > floor && blocks[first - 1] == nil { first -= 1 }
                }
            } else {
                run = max(1, run / 2)
            }
            var runEnd = min(lastBlock, missing + run - 1)
            if lastBlock - runEnd <= run { runEnd = lastBlock }
            while last < runEnd && blocks[last + 1] == nil { last += 1 }
            if let gap = gap(around: missing, lastBlock: lastBlock), gap.count * block <= options.maximumHoleBytes {
                first = min(first, gap.lowerBound)
                last = max(last, gap.upperBound - 1)
            }
        }
        let end = min(size, (last + 1) * block)
        lastFetchEnd = end
        return (first * block, end)
    }

    /// The uncached blocks around `missing` when a cached block lies just below them and a cached block or
    /// the file's end just above; `nil` when the gap reaches the file's start (nothing read there yet).
    /// Looks no further than `maximumHoleBytes` either way (a gap wider than that is not filled).
    private func gap(around missing: Int, lastBlock: Int) -> Range<Int>? {
        let widest = options.maximumHoleBytes / options.blockSize
        var low = missing
        while low > 0 && blocks[low - 1] == nil && missing - low < widest { low -= 1 }
        guard low > 0, blocks[low - 1] != nil else { return nil }
        var high = missing
        while high < lastBlock && blocks[high + 1] == nil && high - low < widest { high += 1 }
        guard high == lastBlock || blocks[high + 1] != nil else { return nil }
        return low..<(high + 1)
    }

    /// Keeps `bytes`, which start at `offset` (a block boundary), as blocks.
    private func store(_ bytes: [UInt8], at offset: Int) {
        let block = options.blockSize
        if cachedBytes + bytes.count > options.maximumCachedBytes {
            blocks.removeAll()
            cachedBytes = 0
        }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + block)
            let index = (offset + start) / block
            // Only whole blocks, or the file's last one, are kept.
            if end - start == block || offset + end == size {
                blocks[index] = Array(bytes[start..<end])
                cachedBytes += end - start
            }
            start = end
        }
    }

    private static let privateBucketHint =
        "for a private bucket set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE for a profile of ~/.aws/credentials (and --s3-region)"

    /// `N` of `Content-Range: bytes a-b/N`.
    static func totalSize(_ header: String?) -> Int? {
        guard let header, let slash = header.lastIndex(of: "/") else { return nil }
        return Int(header[header.index(after: slash)...].trimmingCharacters(in: .whitespaces))
    }

    /// A failed answer in words a user can act on: for an `s3://` path, S3's own error code and message
    /// (from the XML body) with a hint that fits the code; otherwise the status.
    static func describe(_ response: RemoteResponse, url: String, credentials: S3Credentials?) -> String {
        let status = response.status
        let signed = credentials != nil
        guard url.lowercased().hasPrefix("s3://") else { return RemoteRequest.describe(status: status) }
        let error = S3ErrorAnswer(response.body)
        let said = error.map { " \($0.code)\($0.message.map { ": \($0)" } ?? "")" } ?? ""
        let statusWords =
            switch status {
            case 401, 403: "access denied (HTTP \(status)\(said.isEmpty ? "" : ", S3" + said))"
            case 404: "not found (HTTP 404\(said.isEmpty ? "" : ", S3" + said))"
            default: "the server answered HTTP \(status)\(said.isEmpty ? "" : " (S3" + said + ")")"
            }
        let hint: String? =
            switch error?.code {
            case "SignatureDoesNotMatch":
                "the signature does not match: check AWS_SECRET_ACCESS_KEY (or the profile's aws_secret_access_key)"
            case "InvalidAccessKeyId" where credentials?.accessKeyID.hasPrefix("ASIA") == true && credentials?.sessionToken == nil:
                "temporary credentials (an ASIA… access key) need their session token: set AWS_SESSION_TOKEN"
            case "InvalidAccessKeyId": "the server knows no access key by the id in AWS_ACCESS_KEY_ID (or the profile's)"
            case "InvalidToken", "MalformedToken": "the session token in AWS_SESSION_TOKEN is not valid for these credentials"
            case "ExpiredToken", "TokenRefreshRequired": "the temporary credentials have expired: get new ones (AWS_SESSION_TOKEN)"
            case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
                "the bucket is in another region: give it with --s3-region"
            case "NoSuchBucket": "no bucket of that name"
            case "NoSuchKey": "no object of that key in the bucket"
            case "AccessDenied" where signed: "these credentials may not read this object"
            case "AccessDenied": Self.privateBucketHint
            case nil where status == 401 || status == 403:
                signed ? "these credentials may not read this object" : Self.privateBucketHint
            default: nil
            }
        return statusWords + (hint.map { "; \($0)" } ?? "")
    }
}

/// S3's error answer: `<Error><Code>…</Code><Message>…</Message></Error>`.
struct S3ErrorAnswer {
    var code: String
    var message: String?

    init?(_ body: [UInt8]) {
        let text = String(decoding: body.prefix(16 << 10), as: UTF8.self)
        func element(_ name: String) -> String? {
            guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex)
            else { return nil }
            let value = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : String(value.prefix(300))
        }
        guard let code = element("Code") else { return nil }
        self.code = code
        message = element("Message")
    }
}
