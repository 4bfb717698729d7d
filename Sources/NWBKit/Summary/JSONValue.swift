import HDF5

/// A JSON value, for attribute values in the summary.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .unsigned(let value): try container.encode(value)
        case .number(let value):
            if value.isFinite { try container.encode(value) } else { try container.encode(String(value)) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .unsigned(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// One element as JSON: numbers as numbers, strings and bytes as text, references as their path.
    init(_ element: ScalarValue) {
        switch element {
        case .integer(let value): self = .integer(value)
        case .unsigned(let value): self = .unsigned(value)
        case .float(let value): self = .number(value)
        case .bool(let value): self = .bool(value)
        case .string(let value): self = .string(value)
        case .bytes(let value): self = .string(String(decoding: value, as: UTF8.self))
        case .enumMember(let name): self = .string(name)
        case .reference(let path): self = .object(["reference": path.map { .string($0) } ?? .null])
        case .objectAddress(let address): self = .object(["reference": .string(ObjectTree.unreached(address))])
        case .region(let path, let selection):
            self = .object(["reference": path.map { .string($0) } ?? .null, "selection": JSONValue(selection)])
        case .regionAddress(let address, let selection):
            self = .object(["reference": .string(ObjectTree.unreached(address)), "selection": JSONValue(selection)])
        case .list(let items): self = .array(items.map(JSONValue.init))
        case .record(let fields):
            self = .object(Dictionary(fields.map { ($0.name, JSONValue($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A region reference's selection: `{"blocks": [[start…], [end…]]…}` (ends inclusive), `{"points": …}`,
    /// `{"all": true}` or `{"none": true}`; `count` when more were selected than listed.
    init(_ selection: RegionSelection) {
        var fields: [String: JSONValue] = [:]
        switch selection.kind {
        case .all: fields["all"] = .bool(true)
        case .none: fields["none"] = .bool(true)
        case .blocks:
            fields["blocks"] = .array(
                selection.coordinates.map { block in
                    let half = block.count / 2
                    return .array([.array(block[..<half].map { .integer(Int64($0)) }), .array(block[half...].map { .integer(Int64($0)) })])
                })
        case .points:
            fields["points"] = .array(selection.coordinates.map { .array($0.map { .integer(Int64($0)) }) })
        }
        if selection.count > selection.coordinates.count { fields["count"] = .integer(Int64(selection.count)) }
        self = .object(fields)
    }

    /// A stored value as JSON: a scalar bare, an array nested by shape (flat when truncated).
    init(_ value: StoredValue) {
        if value.isScalar, let element = value.elements.first {
            self = JSONValue(element)
            return
        }
        let flat = value.elements.map(JSONValue.init)
        guard !value.isTruncated, value.shape.count > 1, value.shape.saturatingProduct == flat.count else {
            self = .array(flat)
            return
        }
        func nest(_ shape: ArraySlice<Int>, _ items: ArraySlice<JSONValue>) -> JSONValue {
            guard shape.count > 1 else { return .array(Array(items)) }
            let stride = shape.dropFirst().saturatingProduct
            return .array(
                (0..<shape.first!).map { index in
                    let start = items.startIndex + index * stride
                    return nest(shape.dropFirst(), items[start..<(start + stride)])
                })
        }
        self = nest(value.shape[...], flat[...])
    }
}
