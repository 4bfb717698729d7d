import CHDF5

/// An owned libhdf5 identifier, closed exactly once when it goes out of scope. Noncopyable, so
/// ownership is explicit and no heap allocation or reference counting is paid per handle.
///
/// The owner says what kind of identifier it holds, so closing is one library call (every call
/// into libhdf5 takes its global lock and sets up an API context: a walk makes tens per object).
struct Identifier: ~Copyable {
    /// Which close function the identifier needs.
    enum Kind {
        case file, object, datatype, dataspace, attribute, propertyList
    }

    let id: hid_t
    let kind: Kind

    /// Takes ownership of `id`, which must be a valid identifier of `kind`.
    init(_ id: hid_t, _ kind: Kind) {
        self.id = id
        self.kind = kind
    }

    deinit {
        let status: herr_t
        switch kind {
        case .file: status = H5Fclose(id)
        case .object: status = H5Oclose(id)
        case .datatype: status = H5Tclose(id)
        case .dataspace: status = H5Sclose(id)
        case .attribute: status = H5Aclose(id)
        case .propertyList: status = H5Pclose(id)
        }
        // Each API call clears the error stack when it starts; only a failed close leaves one behind.
        if status < 0 { HDF5Library.clearErrors() }
    }
}

/// The datatype and dataspace of an attribute or dataset, owned together.
struct TypeAndSpace: ~Copyable {
    let type: Identifier
    let space: Identifier

    /// Takes ownership of both identifiers; when either is invalid, closes the other and throws
    /// what libhdf5 said.
    init(typeID: hid_t, spaceID: hid_t, operation: String, path: String) throws(HDF5Error) {
        guard typeID >= 0, spaceID >= 0 else {
            if typeID >= 0 { H5Tclose(typeID) }
            if spaceID >= 0 { H5Sclose(spaceID) }
            throw HDF5Library.error(operation, path: path)
        }
        type = Identifier(typeID, .datatype)
        space = Identifier(spaceID, .dataspace)
    }
}
