import CHDF5

/// An owned libhdf5 identifier, closed exactly once when it goes out of scope. Noncopyable, so
/// ownership is explicit and no heap allocation or reference counting is paid per handle.
struct Identifier: ~Copyable {
    let id: hid_t

    /// Takes ownership of `id`, which must be valid.
    init(_ id: hid_t) {
        self.id = id
    }

    deinit {
        switch H5Iget_type(id) {
        case H5I_FILE: H5Fclose(id)
        case H5I_GROUP: H5Gclose(id)
        case H5I_DATASET: H5Dclose(id)
        case H5I_DATATYPE: H5Tclose(id)
        case H5I_DATASPACE: H5Sclose(id)
        case H5I_ATTR: H5Aclose(id)
        case H5I_GENPROP_LST: H5Pclose(id)
        default: H5Idec_ref(id)
        }
        HDF5Library.clearErrors()
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
        type = Identifier(typeID)
        space = Identifier(spaceID)
    }
}
