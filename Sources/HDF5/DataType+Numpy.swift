import NWBSupport

/// numpy's notation for HDF5 types, as h5py maps them (`str(dataset.dtype)`).
extension DataType {
    /// What `str(dtype)` prints: `float64`, `int32`, `>f8`, `|S5`, `object`, `bool`,
    /// `[('x', '<u4'), ('y', '<u4'), ('weight', '<f4')]`.
    public var numpyDescription: String { numpyDescription(repacked: false) }

    /// The dtype as lindi rebuilds it from its JSON: compounds always print as a packed field list.
    public var repackedNumpyDescription: String { numpyDescription(repacked: true) }

    private func numpyDescription(repacked: Bool) -> String {
        switch self {
        case .integer(let size, let signed, let order):
            if order == .bigEndian && size > 1 { return fieldCode }
            return (signed ? "int" : "uint") + String(size * 8)
        case .float(let size, let order):
            if order == .bigEndian && size > 1 { return fieldCode }
            return "float" + String(size * 8)
        case .bitfield(let size, let order):
            if order == .bigEndian && size > 1 { return fieldCode }
            return "uint" + String(size * 8)
        case .string(let length, _, _):
            guard let length else { return "object" }
            return "|S\(length)"
        case .enumeration(let base, _):
            return isBoolean ? "bool" : base.numpyDescription
        case .compound(let size, let members):
            if let complex = complexCode {
                if complex.hasPrefix(">") { return complex }
                return "complex" + String(size * 8)
            }
            return Self.structuredDescription(size: size, members: members, repacked: repacked)
        case .array(let base, let dimensions):
            return "(\(PythonRepr.string(base.fieldCode)), \(Self.tuple(dimensions)))"
        case .variableLength, .reference:
            return "object"
        case .opaque(let size, _):
            return "|V\(size)"
        case .time:
            return "time"
        case .unknown(let description):
            return description
        }
    }

    /// The short code numpy uses for a field of a structured dtype: `<f8`, `i1`, `S3`, `O`, `?`.
    public var fieldCode: String {
        func ordered(_ kind: String, _ size: Int, _ order: ByteOrder) -> String {
            if size == 1 { return "\(kind)1" }
            return (order == .bigEndian ? ">" : "<") + "\(kind)\(size)"
        }
        switch self {
        case .integer(let size, let signed, let order): return ordered(signed ? "i" : "u", size, order)
        case .float(let size, let order): return ordered("f", size, order)
        case .bitfield(let size, let order): return ordered("u", size, order)
        case .string(let length, _, _): return length.map { "S\($0)" } ?? "O"
        case .enumeration(let base, _): return isBoolean ? "?" : base.fieldCode
        case .compound(let size, let members):
            if let complex = complexCode { return complex }
            return Self.structuredDescription(size: size, members: members)
        case .array(let base, _): return base.fieldCode
        case .variableLength, .reference: return "O"
        case .opaque(let size, _): return "V\(size)"
        case .time(let size): return "M\(size)"
        case .unknown(let description): return description
        }
    }

    /// h5py reads a compound of two equal floats named `r` and `i` as a complex number.
    private var complexCode: String? {
        guard case .compound(let size, let members) = self, members.count == 2,
            members[0].name == "r", members[1].name == "i",
            case .float(let partSize, let order) = members[0].type, members[1].type == members[0].type,
            members[0].offset == 0, members[1].offset == partSize, size == 2 * partSize
        else { return nil }
        return (order == .bigEndian ? ">" : "<") + "c\(size)"
    }

    /// numpy prints a structured dtype as a list when its fields are packed in order, else as a dict.
    private static func structuredDescription(size: Int, members: [CompoundMember], repacked: Bool = false) -> String {
        var expected = 0
        var packed = true
        for member in members {
            if member.offset != expected { packed = false }
            expected = member.offset + member.type.numpyItemSize
        }
        if expected != size { packed = false }
        if packed || repacked {
            let fields = members.map { member -> String in
                let name = PythonRepr.string(member.name)
                switch member.type {
                case .array(let base, let dimensions):
                    return "(\(name), \(PythonRepr.string(base.fieldCode)), \(tuple(dimensions)))"
                case .compound where member.type.complexCode == nil:
                    return "(\(name), \(member.type.fieldCode))"
                default:
                    return "(\(name), \(PythonRepr.string(member.type.fieldCode)))"
                }
            }
            return "[" + fields.joined(separator: ", ") + "]"
        }
        let names = members.map { PythonRepr.string($0.name) }.joined(separator: ", ")
        let formats = members.map { member -> String in
            if case .compound = member.type, member.type.complexCode == nil { return member.type.fieldCode }
            return PythonRepr.string(member.type.fieldCode)
        }.joined(separator: ", ")
        let offsets = members.map { String($0.offset) }.joined(separator: ", ")
        return "{'names': [\(names)], 'formats': [\(formats)], 'offsets': [\(offsets)], 'itemsize': \(size)}"
    }

    /// A Python tuple: `()`, `(3,)`, `(2, 3)`.
    public static func tuple(_ values: [Int]) -> String {
        if values.count == 1 { return "(\(values[0]),)" }
        return "(" + values.map(String.init).joined(separator: ", ") + ")"
    }
}
