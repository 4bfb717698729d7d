import HDF5
import NWBKit
import NWBSupport

/// The hot model types (a summary holds them by the ten thousand) read straight from the parsed JSON,
/// without the `Decoder` machinery (a dictionary of members and a coding path per object took half of
/// the parent's time on a folder of small files). The reading twin of `DirectJSONWriting.swift`: the
/// tests check `decode(encode(x)) == x` and that malformed entries throw.
enum DirectJSONReading {
    static func mismatch(_ expected: String, _ key: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: [], debugDescription: "\(key): expected \(expected)"))
    }

    static func string(_ value: OrderedJSON, _ key: String) throws -> String {
        guard case .string(let text) = value else { throw mismatch("a string", key) }
        return text
    }

    static func integer(_ value: OrderedJSON, _ key: String) throws -> Int {
        guard case .number(let text, _) = value else { throw mismatch("a number", key) }
        if let number = Int(text) { return number }
        if let double = Double(text), let exact = Int(exactly: double) { return exact }
        throw mismatch("an integer", key)
    }

    static func bool(_ value: OrderedJSON, _ key: String) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch("a boolean", key) }
        return flag
    }

    static func array<T>(_ value: OrderedJSON, _ key: String, _ element: (OrderedJSON) throws -> T) throws -> [T] {
        guard case .array(let items) = value else { throw mismatch("an array", key) }
        return try items.map(element)
    }

    static func members(_ value: OrderedJSON, _ type: String) throws -> [(key: String, value: OrderedJSON)] {
        guard case .object(let members) = value else { throw mismatch("an object", type) }
        return members
    }

    static func required<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: [], debugDescription: "\(key) is missing"))
        }
        return value
    }
}

extension AttributeEntry {
    init(json: OrderedJSON) throws {
        typealias Read = DirectJSONReading
        var name: String?
        var dtype: String?
        var shape: [Int]?
        var value: JSONValue?
        var totalCount: Int?
        var unread: String?
        for (key, member) in try Read.members(json, "attribute") where member != .null {
            switch key {
            case "name": name = try Read.string(member, key)
            case "dtype": dtype = try Read.string(member, key)
            case "shape": shape = try Read.array(member, key) { try Read.integer($0, key) }
            case "value": value = JSONValue(member)
            case "totalCount": totalCount = try Read.integer(member, key)
            case "unread": unread = try Read.string(member, key)
            default: continue
            }
        }
        self.init(
            name: try Read.required(name, "name"), dtype: try Read.required(dtype, "dtype"),
            shape: try Read.required(shape, "shape"), value: value, totalCount: totalCount, unread: unread)
    }
}

extension ObjectEntry {
    init(json: OrderedJSON) throws {
        typealias Read = DirectJSONReading
        var kind: String?
        var path: String?
        var entry = ObjectEntry(kind: "", path: "")
        for (key, member) in try Read.members(json, "object") where member != .null {
            switch key {
            case "kind": kind = try Read.string(member, key)
            case "path": path = try Read.string(member, key)
            case "neurodataType": entry.neurodataType = try Read.string(member, key)
            case "namespace": entry.namespace = try Read.string(member, key)
            case "objectID": entry.objectID = try Read.string(member, key)
            case "description": entry.description = try Read.string(member, key)
            case "shape": entry.shape = try Read.array(member, key) { try Read.integer($0, key) }
            case "maxShape": entry.maxShape = try Read.array(member, key) { $0 == .null ? nil : try Read.integer($0, key) }
            case "dtype": entry.dtype = try Read.string(member, key)
            case "type": entry.type = try FastJSONDecoder().decode(DataType.self, json: member)
            case "layout": entry.layout = try Read.string(member, key)
            case "chunks": entry.chunks = try Read.array(member, key) { try Read.integer($0, key) }
            case "filters": entry.filters = try FastJSONDecoder().decode([Filter].self, json: member)
            case "storedBytes": entry.storedBytes = try Read.integer(member, key)
            case "target": entry.target = try Read.string(member, key)
            case "targetFile": entry.targetFile = try Read.string(member, key)
            case "resolved": entry.resolved = try Read.bool(member, key)
            case "aliases": entry.aliases = try Read.array(member, key) { try Read.string($0, key) }
            case "attributes": entry.attributes = try Read.array(member, key) { try AttributeEntry(json: $0) }
            case "value": entry.value = JSONValue(member)
            default: continue
            }
        }
        entry.kind = try Read.required(kind, "kind")
        entry.path = try Read.required(path, "path")
        self = entry
    }
}
