import CHDF5

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One named link inside a group, as the group stores it.
public struct Link: Sendable, Equatable {
    /// What the link points to.
    public enum Target: Sendable, Equatable {
        /// A hard link to the object at `address` in this file.
        case hard(address: UInt64)
        /// A soft link to a path in this file.
        case soft(path: String)
        /// An external link to `path` inside the file `file`.
        case external(file: String, path: String)
        /// A user-defined link of the given link class.
        case userDefined(linkClass: Int)
    }

    public var name: String
    public var target: Target
}

extension Object {
    /// Whether this group has a link called `name` (of any kind, dangling or not); `nil` when libhdf5
    /// cannot tell.
    public func hasLink(named name: String) -> Bool? {
        let status = H5Lexists(handle.id, name, chdf5_p_default())
        if status < 0 {
            HDF5Library.clearErrors()
            return nil
        }
        return status > 0
    }

    /// The links of this group in name order (byte order, as h5py lists them), at most `limit`.
    /// A group libhdf5 cannot list whole gives what it could list and the error.
    public func links(limit: Int) -> (links: [Link], error: HDF5Error?) {
        final class Collector {
            var entries: [(name: String, type: H5L_type_t, address: haddr_t, valueSize: Int)] = []
            var limit = 0
        }
        let collector = Collector()
        collector.limit = limit
        var index: hsize_t = 0
        let status = H5Literate(
            handle.id, H5_INDEX_NAME, H5_ITER_INC, &index,
            { _, name, info, context in
                guard let name, let info, let context else { return -1 }
                let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                if collector.entries.count >= collector.limit { return 1 }
                let linkName = decodeText(UnsafeRawPointer(name), length: strlen(name))
                let linkInfo = info.pointee
                let isHard = linkInfo.type == H5L_TYPE_HARD
                collector.entries.append(
                    (linkName, linkInfo.type, isHard ? linkInfo.u.address : 0, isHard ? 0 : Int(linkInfo.u.val_size)))
                return 0
            }, Unmanaged.passUnretained(collector).toOpaque())
        var error: HDF5Error?
        if status < 0 { error = HDF5Library.error("H5Literate", path: path) }

        var links: [Link] = []
        links.reserveCapacity(collector.entries.count)
        for entry in collector.entries {
            switch entry.type {
            case H5L_TYPE_HARD:
                links.append(Link(name: entry.name, target: .hard(address: UInt64(entry.address))))
            case H5L_TYPE_SOFT, H5L_TYPE_EXTERNAL:
                let size = min(max(entry.valueSize, 1), 1 << 20)
                var buffer = [UInt8](repeating: 0, count: size + 1)
                let got = H5Lget_val(handle.id, entry.name, &buffer, size, chdf5_p_default())
                if got < 0 {
                    HDF5Library.clearErrors()
                    links.append(Link(name: entry.name, target: .soft(path: "")))
                    continue
                }
                if entry.type == H5L_TYPE_SOFT {
                    let text = String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
                    links.append(Link(name: entry.name, target: .soft(path: text)))
                } else {
                    let target: Link.Target = buffer.withUnsafeBytes { raw in
                        var filePointer: UnsafePointer<CChar>?
                        var objectPointer: UnsafePointer<CChar>?
                        var flags: UInt32 = 0
                        let unpacked = H5Lunpack_elink_val(raw.baseAddress, size, &flags, &filePointer, &objectPointer)
                        if unpacked < 0 {
                            HDF5Library.clearErrors()
                            return .external(file: "", path: "")
                        }
                        let file = filePointer.map { String(cString: $0) } ?? ""
                        let object = objectPointer.map { String(cString: $0) } ?? ""
                        return .external(file: file, path: object)
                    }
                    links.append(Link(name: entry.name, target: target))
                }
            default:
                links.append(Link(name: entry.name, target: .userDefined(linkClass: Int(entry.type.rawValue))))
            }
        }
        return (links, error)
    }
}
