import HDF5
import NWBKit

/// The template contexts of the types a large summary holds by the ten thousand (objects, attributes,
/// values), built by hand with the keys their JSON has (as `NWBJSON`'s direct writers write them):
/// `TemplateContextTests` checks them against what the JSON parses to.
extension TemplateContextEncoder {
    /// The context of `value` when its type is one of these (checked by metatype: cheap), else `nil`.
    static func direct<T>(_ value: T) throws -> Any? {
        if T.self == ObjectEntry.self { return try object(unsafeBitCast(value, to: ObjectEntry.self)) }
        if T.self == [ObjectEntry].self { return try unsafeBitCast(value, to: [ObjectEntry].self).map(object) }
        if T.self == AttributeEntry.self { return attribute(unsafeBitCast(value, to: AttributeEntry.self)) }
        if T.self == [AttributeEntry].self { return unsafeBitCast(value, to: [AttributeEntry].self).map(attribute) }
        if T.self == JSONValue.self { return json(unsafeBitCast(value, to: JSONValue.self)) }
        if T.self == [String].self { return unsafeBitCast(value, to: [String].self).map { $0 as Any } }
        if T.self == [Int].self { return unsafeBitCast(value, to: [Int].self).map { $0 as Any } }
        return nil
    }

    private static func object(_ entry: ObjectEntry) throws -> Any {
        var context: [String: Any] = ["kind": entry.kind, "path": entry.path]
        if let aliases = entry.aliases { context["aliases"] = aliases.map { $0 as Any } }
        if let attributes = entry.attributes { context["attributes"] = attributes.map(attribute) }
        if let chunks = entry.chunks { context["chunks"] = chunks.map { $0 as Any } }
        if let description = entry.description { context["description"] = description }
        if let dtype = entry.dtype { context["dtype"] = dtype }
        if let filters = entry.filters {
            context["filters"] = filters.map { filter -> Any in
                ["id": filter.id, "name": filter.name, "parameters": filter.parameters.map { Int($0) as Any }] as [String: Any]
            }
        }
        if let layout = entry.layout { context["layout"] = layout }
        if let maxShape = entry.maxShape { context["maxShape"] = maxShape.map { $0.map { $0 as Any } ?? null } }
        if let namespace = entry.namespace { context["namespace"] = namespace }
        if let neurodataType = entry.neurodataType { context["neurodataType"] = neurodataType }
        if let objectID = entry.objectID { context["objectID"] = objectID }
        if let resolved = entry.resolved { context["resolved"] = resolved }
        if let shape = entry.shape { context["shape"] = shape.map { $0 as Any } }
        if let storedBytes = entry.storedBytes { context["storedBytes"] = storedBytes }
        if let target = entry.target { context["target"] = target }
        if let targetFile = entry.targetFile { context["targetFile"] = targetFile }
        if let type = entry.type { context["type"] = try value(type) }
        if let value = entry.value { context["value"] = json(value) }
        return context
    }

    private static func attribute(_ entry: AttributeEntry) -> Any {
        var context: [String: Any] = ["dtype": entry.dtype, "name": entry.name, "shape": entry.shape.map { $0 as Any }]
        if let totalCount = entry.totalCount { context["totalCount"] = totalCount }
        if let unread = entry.unread { context["unread"] = unread }
        if let value = entry.value { context["value"] = json(value) }
        return context
    }

    private static func json(_ value: JSONValue) -> Any {
        switch value {
        case .null: return null
        case .bool(let flag): return flag
        case .integer(let number): return integer(number)
        case .unsigned(let number): return integer(number)
        case .number(let number): return self.number(number)
        case .string(let text): return text
        case .array(let items): return items.map(json)
        case .object(let members): return members.mapValues(json)
        }
    }
}
