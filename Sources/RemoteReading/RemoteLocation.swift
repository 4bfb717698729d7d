/// Where a named input that is not itself a URL is read from: an archive asset (named
/// `DANDI:000683/draft/sub-1/sub-1.nwb`) and its blob's URL, with what the archive's listing told of it.
public struct RemoteLocation: Sendable, Equatable, Codable {
    /// The HTTP(S) URL of the bytes (a blob URL, or a download URL that redirects to one).
    public var url: String
    /// The size the archive lists, when it does.
    public var size: Int?
    /// What identifies the content for good (e.g. `dandi blob UUID size`): the cache's key, with no request.
    public var contentIdentity: String?
    /// Secrets for requests to their own origin only (the archive's token goes to the archive's download
    /// URL, never to the blob store it redirects to).
    public var credentials: [OriginCredential]

    public init(url: String, size: Int? = nil, contentIdentity: String? = nil, credentials: [OriginCredential] = []) {
        self.url = url
        self.size = size
        self.contentIdentity = contentIdentity
        self.credentials = credentials
    }
}
