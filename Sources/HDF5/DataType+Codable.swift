/// JSON form of a datatype: a `class` plus the fields that class needs.
extension DataType: Codable {
    private enum CodingKeys: String, CodingKey {
        case `class`, size, signed, order, length, charset, padding, members, base, dimensions, kind, tag,
            description
    }

    private struct EnumMemberCoding: Codable {
        var name: String
        var value: Int64
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .integer(let size, let signed, let order):
            try container.encode("integer", forKey: .class)
            try container.encode(size, forKey: .size)
            try container.encode(signed, forKey: .signed)
            try container.encode(order, forKey: .order)
        case .float(let size, let order):
            try container.encode("float", forKey: .class)
            try container.encode(size, forKey: .size)
            try container.encode(order, forKey: .order)
        case .string(let length, let charset, let padding):
            try container.encode("string", forKey: .class)
            if let length {
                try container.encode(length, forKey: .length)
            } else {
                try container.encode("variable", forKey: .length)
            }
            try container.encode(charset, forKey: .charset)
            try container.encode(padding, forKey: .padding)
        case .compound(let size, let members):
            try container.encode("compound", forKey: .class)
            try container.encode(size, forKey: .size)
            try container.encode(members, forKey: .members)
        case .enumeration(let base, let members):
            try container.encode("enum", forKey: .class)
            try container.encode(base, forKey: .base)
            try container.encode(members, forKey: .members)
        case .array(let base, let dimensions):
            try container.encode("array", forKey: .class)
            try container.encode(base, forKey: .base)
            try container.encode(dimensions, forKey: .dimensions)
        case .variableLength(let base):
            try container.encode("vlen", forKey: .class)
            try container.encode(base, forKey: .base)
        case .reference(let kind):
            try container.encode("reference", forKey: .class)
            try container.encode(kind, forKey: .kind)
        case .opaque(let size, let tag):
            try container.encode("opaque", forKey: .class)
            try container.encode(size, forKey: .size)
            try container.encode(tag, forKey: .tag)
        case .bitfield(let size, let order):
            try container.encode("bitfield", forKey: .class)
            try container.encode(size, forKey: .size)
            try container.encode(order, forKey: .order)
        case .time(let size):
            try container.encode("time", forKey: .class)
            try container.encode(size, forKey: .size)
        case .unknown(let description):
            try container.encode("unknown", forKey: .class)
            try container.encode(description, forKey: .description)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .class)
        switch kind {
        case "integer":
            self = .integer(
                size: try container.decode(Int.self, forKey: .size),
                signed: try container.decode(Bool.self, forKey: .signed),
                order: try container.decode(ByteOrder.self, forKey: .order))
        case "float":
            self = .float(
                size: try container.decode(Int.self, forKey: .size),
                order: try container.decode(ByteOrder.self, forKey: .order))
        case "string":
            let length = try? container.decode(Int.self, forKey: .length)
            self = .string(
                length: length, charset: try container.decode(CharacterSet.self, forKey: .charset),
                padding: try container.decode(StringPadding.self, forKey: .padding))
        case "compound":
            self = .compound(
                size: try container.decode(Int.self, forKey: .size),
                members: try container.decode([CompoundMember].self, forKey: .members))
        case "enum":
            self = .enumeration(
                base: try container.decode(DataType.self, forKey: .base),
                members: try container.decode([EnumMember].self, forKey: .members))
        case "array":
            self = .array(
                base: try container.decode(DataType.self, forKey: .base),
                dimensions: try container.decode([Int].self, forKey: .dimensions))
        case "vlen":
            self = .variableLength(base: try container.decode(DataType.self, forKey: .base))
        case "reference":
            self = .reference(try container.decode(ReferenceKind.self, forKey: .kind))
        case "opaque":
            self = .opaque(
                size: try container.decode(Int.self, forKey: .size), tag: try container.decode(String.self, forKey: .tag))
        case "bitfield":
            self = .bitfield(
                size: try container.decode(Int.self, forKey: .size),
                order: try container.decode(ByteOrder.self, forKey: .order))
        case "time":
            self = .time(size: try container.decode(Int.self, forKey: .size))
        default:
            self = .unknown(description: (try? container.decode(String.self, forKey: .description)) ?? kind)
        }
    }
}
