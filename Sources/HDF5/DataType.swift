/// Byte order of a numeric HDF5 type.
public enum ByteOrder: String, Sendable, Codable, Equatable {
    case littleEndian = "little"
    case bigEndian = "big"
    /// One-byte types and types where order does not apply.
    case notApplicable = "none"
}

/// Character set of an HDF5 string type.
public enum CharacterSet: String, Sendable, Codable, Equatable {
    case ascii
    case utf8 = "utf-8"
}

/// How a fixed-length HDF5 string is padded.
public enum StringPadding: String, Sendable, Codable, Equatable {
    case nullTerminated = "nullterm"
    case nullPadded = "nullpad"
    case spacePadded = "spacepad"
}

/// Kind of an HDF5 reference.
public enum ReferenceKind: String, Sendable, Codable, Equatable {
    case object
    case region
}

/// One member of a compound type.
public struct CompoundMember: Sendable, Codable, Equatable {
    public var name: String
    public var offset: Int
    public var type: DataType

    public init(name: String, offset: Int, type: DataType) {
        self.name = name
        self.offset = offset
        self.type = type
    }
}

/// One member of an enumeration type.
public struct EnumMember: Sendable, Codable, Equatable {
    public var name: String
    public var value: Int64

    public init(name: String, value: Int64) {
        self.name = name
        self.value = value
    }
}

/// A complete description of an HDF5 datatype, as stored in the file.
public enum DataType: Sendable, Equatable {
    case integer(size: Int, signed: Bool, order: ByteOrder)
    case float(size: Int, order: ByteOrder)
    case string(length: Int?, charset: CharacterSet, padding: StringPadding)
    case compound(size: Int, members: [CompoundMember])
    indirect case enumeration(base: DataType, members: [EnumMember])
    indirect case array(base: DataType, dimensions: [Int])
    indirect case variableLength(base: DataType)
    case reference(ReferenceKind)
    case opaque(size: Int, tag: String)
    case bitfield(size: Int, order: ByteOrder)
    case time(size: Int)
    case unknown(description: String)

    /// True for fixed and variable-length strings.
    public var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// True for an enumeration that h5py reads as numpy `bool` (members FALSE=0 and TRUE=1).
    public var isBoolean: Bool {
        guard case .enumeration(let base, let members) = self, case .integer(1, _, _) = base,
            members.count == 2
        else { return false }
        let byName = Dictionary(members.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        return byName["FALSE"] == 0 && byName["TRUE"] == 1
    }

    /// Size in bytes of one element as h5py's numpy dtype would hold it.
    public var numpyItemSize: Int {
        switch self {
        case .integer(let size, _, _), .float(let size, _), .bitfield(let size, _), .opaque(let size, _),
            .time(let size):
            return size
        case .string(let length, _, _):
            return length ?? 8
        case .compound(let size, _):
            return size
        case .enumeration(let base, _):
            return base.numpyItemSize
        case .array(let base, let dimensions):
            let (size, overflow) = base.numpyItemSize.multipliedReportingOverflow(by: dimensions.saturatingProduct)
            return overflow ? Int.max : size
        case .variableLength, .reference, .unknown:
            return 8
        }
    }
}
