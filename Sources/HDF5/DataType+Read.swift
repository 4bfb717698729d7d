import CHDF5

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DataType {
    /// Describes the datatype behind `typeID` (which stays owned by the caller).
    /// Nesting deeper than `depthLimit` is reported as `unknown` rather than followed.
    static func read(_ typeID: hid_t, depthLimit: Int = 32) -> DataType {
        guard depthLimit > 0 else { return .unknown(description: "nesting too deep") }
        let size = Int(H5Tget_size(typeID))
        switch H5Tget_class(typeID) {
        case H5T_INTEGER:
            return .integer(size: size, signed: H5Tget_sign(typeID) == H5T_SGN_2, order: order(typeID, size))
        case H5T_FLOAT:
            return .float(size: size, order: order(typeID, size))
        case H5T_BITFIELD:
            return .bitfield(size: size, order: order(typeID, size))
        case H5T_TIME:
            return .time(size: size)
        case H5T_STRING:
            let isVariable = H5Tis_variable_str(typeID) > 0
            let charset: CharacterSet = H5Tget_cset(typeID) == H5T_CSET_UTF8 ? .utf8 : .ascii
            let padding: StringPadding
            switch H5Tget_strpad(typeID) {
            case H5T_STR_NULLPAD: padding = .nullPadded
            case H5T_STR_SPACEPAD: padding = .spacePadded
            default: padding = .nullTerminated
            }
            return .string(length: isVariable ? nil : size, charset: charset, padding: padding)
        case H5T_COMPOUND:
            let count = max(0, Int(H5Tget_nmembers(typeID)))
            var members: [CompoundMember] = []
            members.reserveCapacity(count)
            for index in 0..<count {
                let name = takeName(H5Tget_member_name(typeID, UInt32(index))) ?? "f\(index)"
                let offset = Int(H5Tget_member_offset(typeID, UInt32(index)))
                let memberID = H5Tget_member_type(typeID, UInt32(index))
                let memberType: DataType
                if memberID >= 0 {
                    let owned = Identifier(memberID, .datatype)
                    memberType = read(owned.id, depthLimit: depthLimit - 1)
                } else {
                    memberType = .unknown(description: "unreadable member type")
                }
                members.append(CompoundMember(name: name, offset: offset, type: memberType))
            }
            return .compound(size: size, members: members)
        case H5T_ENUM:
            let superID = H5Tget_super(typeID)
            guard superID >= 0 else { return .unknown(description: "enum without base type") }
            let base = Identifier(superID, .datatype)
            let baseType = read(base.id, depthLimit: depthLimit - 1)
            let count = max(0, Int(H5Tget_nmembers(typeID)))
            var members: [EnumMember] = []
            for index in 0..<min(count, 4096) {
                let name = takeName(H5Tget_member_name(typeID, UInt32(index))) ?? ""
                var value: Int64 = 0
                // Convert the member's value to a native 64-bit integer.
                var raw = [UInt8](repeating: 0, count: max(size, 8))
                if H5Tget_member_value(typeID, UInt32(index), &raw) >= 0 {
                    value = decodeInteger(raw, size: size, signed: baseType.isSignedInteger, order: order(typeID, size))
                }
                members.append(EnumMember(name: name, value: value))
            }
            return .enumeration(base: baseType, members: members)
        case H5T_ARRAY:
            let rank = Int(H5Tget_array_ndims(typeID))
            var dims = [hsize_t](repeating: 0, count: max(rank, 1))
            if rank > 0 { _ = H5Tget_array_dims2(typeID, &dims) }
            let superID = H5Tget_super(typeID)
            guard superID >= 0 else { return .unknown(description: "array without base type") }
            let base = Identifier(superID, .datatype)
            return .array(base: read(base.id, depthLimit: depthLimit - 1), dimensions: dims.prefix(max(rank, 0)).map { Int($0) })
        case H5T_VLEN:
            let superID = H5Tget_super(typeID)
            guard superID >= 0 else { return .unknown(description: "vlen without base type") }
            let base = Identifier(superID, .datatype)
            return .variableLength(base: read(base.id, depthLimit: depthLimit - 1))
        case H5T_REFERENCE:
            return .reference(H5Tequal(typeID, chdf5_std_ref_dsetreg()) > 0 ? .region : .object)
        case H5T_OPAQUE:
            let tag = takeName(H5Tget_tag(typeID)) ?? ""
            return .opaque(size: size, tag: tag)
        default:
            HDF5Library.clearErrors()
            return .unknown(description: "unknown HDF5 type class")
        }
    }

    var isSignedInteger: Bool {
        if case .integer(_, let signed, _) = self { return signed }
        return false
    }

    private static func order(_ typeID: hid_t, _ size: Int) -> ByteOrder {
        if size <= 1 { return .notApplicable }
        switch H5Tget_order(typeID) {
        case H5T_ORDER_BE: return .bigEndian
        case H5T_ORDER_LE: return .littleEndian
        default: return .notApplicable
        }
    }

    /// Decodes a stored integer of `size` bytes.
    static func decodeInteger(_ bytes: [UInt8], size: Int, signed: Bool, order: ByteOrder) -> Int64 {
        let count = min(size, 8, bytes.count)
        guard count > 0 else { return 0 }
        var value: UInt64 = 0
        for index in 0..<count {
            let byte = order == .bigEndian ? bytes[index] : bytes[count - 1 - index]
            value = (value << 8) | UInt64(byte)
        }
        if signed && count < 8 {
            let shift = UInt64(64 - count * 8)
            return Int64(bitPattern: value << shift) >> Int64(shift)
        }
        return Int64(bitPattern: value)
    }
}

/// Takes a C string that libhdf5 allocated, copies it and frees it.
func takeName(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let pointer else {
        HDF5Library.clearErrors()
        return nil
    }
    defer { H5free_memory(pointer) }
    return decodeText(UnsafeRawPointer(pointer), length: strlen(pointer))
}

/// Decodes bytes as UTF-8, replacing invalid sequences (so a Latin-1 `µ` never crashes anything).
func decodeText(_ pointer: UnsafeRawPointer, length: Int) -> String {
    let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
    return String(decoding: buffer, as: UTF8.self)
}
