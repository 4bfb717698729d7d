/// Where the bytes of a file come from when they are not a local file: libhdf5 reads them through a
/// virtual file driver of NWBKit's own (`ByteSourceDriver`), which asks this object. Remote files
/// (`RemoteReading`) are one.
public protocol ByteSource: AnyObject {
    /// The file's size in bytes.
    var size: Int { get }
    /// Copies `count` bytes from `offset` into `buffer`; false when they could not be had (the reason
    /// is then in `failure`).
    func read(offset: Int, count: Int, into buffer: UnsafeMutableRawPointer) -> Bool
    /// Why the last read failed, in words for a user.
    var failure: String? { get }
}
