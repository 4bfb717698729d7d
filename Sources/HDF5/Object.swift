import CHDF5

/// An open group, dataset or committed datatype.
public final class Object {
    /// What kind of object this is.
    public enum Kind: String, Sendable, Codable {
        case group, dataset, datatype
    }

    let handle: Identifier
    let file: File
    /// The path this object was opened by.
    public let path: String
    /// Group, dataset or named datatype.
    public let kind: Kind
    /// The object's address in the file: equal addresses mean the same object.
    public let address: UInt64

    init(handle: consuming Identifier, file: File, path: String) throws {
        var address: haddr_t = 0
        var type: Int32 = 0
        try check(chdf5_object_info(handle.id, &address, &type), "H5Oget_info", path: path)
        switch H5O_type_t(rawValue: type) {
        case H5O_TYPE_GROUP: kind = .group
        case H5O_TYPE_DATASET: kind = .dataset
        case H5O_TYPE_NAMED_DATATYPE: kind = .datatype
        default: throw HDF5Error(operation: "H5Oget_info", objectPath: path, message: "unknown object type \(type)")
        }
        self.address = UInt64(address)
        self.file = file
        self.path = path
        self.handle = handle
    }

    /// An object opened through a hard link, whose address the link already gave: its kind comes
    /// from the identifier, without reading the object header again.
    private init(handle: consuming Identifier, file: File, path: String, address: UInt64) throws {
        switch H5Iget_type(handle.id) {
        case H5I_GROUP: kind = .group
        case H5I_DATASET: kind = .dataset
        case H5I_DATATYPE: kind = .datatype
        default: throw HDF5Error(operation: "H5Oopen", objectPath: path, message: "not a group, dataset or named datatype")
        }
        self.address = address
        self.file = file
        self.path = path
        self.handle = handle
    }

    /// Opens the object `name` (a link of this group, or a relative path) names.
    public func openChild(_ name: String, path childPath: String) throws -> Object {
        let id = H5Oopen(handle.id, name, chdf5_p_default())
        guard id >= 0 else { throw HDF5Library.error("H5Oopen", path: childPath) }
        return try Object(handle: Identifier(id, .object), file: file, path: childPath)
    }

    /// Opens the object a hard link of this group names; `address` is the one the link gave, so
    /// the object header is not read again for it.
    public func openChild(_ name: String, path childPath: String, address: UInt64) throws -> Object {
        let id = H5Oopen(handle.id, name, chdf5_p_default())
        guard id >= 0 else { throw HDF5Library.error("H5Oopen", path: childPath) }
        return try Object(handle: Identifier(id, .object), file: file, path: childPath, address: address)
    }

    /// True when `path` names an object in this file (resolving soft links; external links are not followed).
    public func resolves(_ path: String) -> Bool {
        guard !path.isEmpty else { return false }
        let exists = H5LTpath_valid_safe(handle.id, path)
        return exists
    }
}

/// `H5Oexists_by_name` on each prefix, so a missing middle component is an answer, not an error.
private func H5LTpath_valid_safe(_ location: hid_t, _ path: String) -> Bool {
    var current = path.hasPrefix("/") ? "/" : "."
    if path == "/" { return true }
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
        current = current == "/" ? "/" + component : current + "/" + component
        let linkExists = H5Lexists(location, current, chdf5_p_default())
        if linkExists <= 0 {
            HDF5Library.clearErrors()
            return false
        }
        let objectExists = H5Oexists_by_name(location, current, chdf5_p_default())
        if objectExists <= 0 {
            HDF5Library.clearErrors()
            return false
        }
    }
    return true
}
