import CHDF5
import NWBSupport

/// An HDF5 file opened read-only. Every object opened from it keeps it alive.
public final class File {
    let handle: Identifier
    /// The path the file was opened from.
    public let path: String
    /// A dataset transfer property list for reading small values, made once per file (making
    /// one copies every default property) and given a buffer size before each read.
    private let transferID: hid_t

    /// Where the bytes come from when they are not a local file (kept alive with the file).
    let source: ByteSource?

    /// The byte source of a file opened through one (`nil` for a local file).
    public var byteSource: ByteSource? { source }

    init(handle: consuming Identifier, path: String, source: ByteSource? = nil) {
        self.handle = handle
        self.path = path
        self.source = source
        transferID = H5Pcreate(chdf5_p_dataset_xfer())
        if transferID < 0 { HDF5Library.clearErrors() }
    }

    deinit {
        if transferID >= 0 { H5Pclose(transferID) }
    }

    /// The transfer property list for small reads, if libhdf5 could make one.
    var smallReadTransfer: hid_t? {
        transferID >= 0 ? transferID : nil
    }

    /// Opens `path` read-only. Throws when the file is not HDF5 or libhdf5 cannot open it.
    public static func open(_ path: String) throws -> File {
        let accessList = try readingAccessList()
        let id = RawPath.withCString(path) { H5Fopen($0, chdf5_f_acc_rdonly(), accessList.id) }
        guard id >= 0 else { throw HDF5Library.error("H5Fopen") }
        return File(handle: Identifier(id, .file), path: path)
    }

    /// The file access list every file is opened with (the driver aside).
    static func readingAccessList() throws -> Identifier {
        HDF5Library.prepare()
        let access = H5Pcreate(chdf5_p_file_access())
        guard access >= 0 else { throw HDF5Library.error("H5Pcreate") }
        let accessList = Identifier(access, .propertyList)
        // Close every object with the file so a failure never leaves the file held open.
        _ = H5Pset_fclose_degree(accessList.id, H5F_CLOSE_STRONG)
        // A 1 MiB metadata cache that grows only to hold one large entry (the local heap of a group with
        // 100,000 links is 1.6 MB: re-read on every lookup otherwise), and objects' headers dropped when
        // they are closed: one pass reads each object once, and the decoded messages a cached header keeps
        // are not in the cache's size accounting. Larger caches were slower (each eviction walks every entry).
        _ = chdf5_small_metadata_cache(accessList.id, 1 << 20, 64 << 20)
        _ = H5Pset_evict_on_close(accessList.id, true)
        return accessList
    }

    /// True when the bytes of `path` start with the HDF5 signature (at 0 or a userblock offset).
    public static func isHDF5(_ path: String) -> Bool {
        HDF5Library.prepare()
        let result = RawPath.withCString(path) { H5Fis_hdf5($0) }
        HDF5Library.clearErrors()
        return result > 0
    }

    /// Identifiers of this file still open (objects, types, spaces, attributes), the file included.
    public var openIdentifierCount: Int {
        Int(H5Fget_obj_count(handle.id, 0x001F))  // H5F_OBJ_ALL
    }

    /// The root group `/`.
    public func root() throws -> Object {
        let id = H5Oopen(handle.id, "/", chdf5_p_default())
        guard id >= 0 else { throw HDF5Library.error("H5Oopen", path: "/") }
        return try Object(handle: Identifier(id, .object), file: self, path: "/")
    }

    /// Size of the file in bytes as libhdf5 sees it.
    public func size() -> Int? {
        var size: hsize_t = 0
        if H5Fget_filesize(handle.id, &size) < 0 {
            HDF5Library.clearErrors()
            return nil
        }
        return Int(clamping: size)
    }
}
