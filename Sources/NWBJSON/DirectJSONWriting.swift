import NWBKit

/// A value that writes its own JSON, keys in sorted order — for the types a large summary holds by
/// the ten thousand (objects, attributes, values). Tests check the bytes equal the generic path's.
protocol DirectJSONWritable {
    func writeJSON(to writer: inout JSONTextWriter)
}

/// The direct writer for `value`, if its type has one (checked by metatype: cheap).
func directWritable<T>(_ value: T) -> (any DirectJSONWritable)? {
    if T.self == ObjectEntry.self { return unsafeBitCast(value, to: ObjectEntry.self) }
    if T.self == AttributeEntry.self { return unsafeBitCast(value, to: AttributeEntry.self) }
    // A file's objects: written from the summary's own array (no copy of each entry into a node).
    if T.self == [ObjectEntry].self { return DirectList(items: unsafeBitCast(value, to: [ObjectEntry].self)) }
    // A processing module's contents (one entry per interface: tens of thousands in a large file).
    if T.self == [ContainerEntry].self { return DirectArray(items: unsafeBitCast(value, to: [ContainerEntry].self)) }
    // The structure lines and signature (one line per typed object).
    if T.self == [String].self { return DirectStrings(items: unsafeBitCast(value, to: [String].self)) }
    return nil
}

/// An array of values that write themselves, written by this thread.
struct DirectArray<Element: DirectJSONWritable>: DirectJSONWritable {
    let items: [Element]

    func writeJSON(to writer: inout JSONTextWriter) { writer.array(items) { $1.writeJSON(to: &$0) } }
}

/// An array of strings, written without a node for each.
struct DirectStrings: DirectJSONWritable {
    let items: [String]

    func writeJSON(to writer: inout JSONTextWriter) { writer.array(items) { $0.value($1) } }
}

extension ContainerEntry: DirectJSONWritable {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.beginObject()
        if let description { writer.key("description"); writer.value(description) }
        writer.key("name"); writer.value(name)
        if let neurodataType { writer.key("neurodataType"); writer.value(neurodataType) }
        writer.key("path"); writer.value(path)
        writer.endObject()
    }
}

/// A list of values that write themselves (see `JSONTextWriter.list`).
struct DirectList<Element: DirectJSONWritable & Sendable>: DirectJSONWritable {
    let items: [Element]

    func writeJSON(to writer: inout JSONTextWriter) { writer.list(items) }
}

extension ObjectEntry: DirectJSONWritable {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.beginObject()
        if let aliases { writer.key("aliases"); writer.array(aliases) { $0.value($1) } }
        if let attributes { writer.key("attributes"); writer.array(attributes) { $1.writeJSON(to: &$0) } }
        if let chunks { writer.key("chunks"); writer.array(chunks) { $0.value($1) } }
        if let description { writer.key("description"); writer.value(description) }
        if let dtype { writer.key("dtype"); writer.value(dtype) }
        if let filters {
            writer.key("filters")
            writer.array(filters) { writer, filter in
                writer.beginObject()
                writer.key("id"); writer.value(filter.id)
                writer.key("name"); writer.value(filter.name)
                writer.key("parameters"); writer.array(filter.parameters) { $0.value(Int($1)) }
                writer.endObject()
            }
        }
        writer.key("kind"); writer.value(kind)
        if let layout { writer.key("layout"); writer.value(layout) }
        if let maxShape {
            writer.key("maxShape")
            writer.array(maxShape) { writer, dimension in
                if let dimension { writer.value(dimension) } else { writer.write(.null) }
            }
        }
        if let namespace { writer.key("namespace"); writer.value(namespace) }
        if let neurodataType { writer.key("neurodataType"); writer.value(neurodataType) }
        if let objectID { writer.key("objectID"); writer.value(objectID) }
        writer.key("path"); writer.value(path)
        if let resolved { writer.key("resolved"); writer.value(resolved) }
        if let shape { writer.key("shape"); writer.array(shape) { $0.value($1) } }
        if let storedBytes { writer.key("storedBytes"); writer.value(storedBytes) }
        if let target { writer.key("target"); writer.value(target) }
        if let targetFile { writer.key("targetFile"); writer.value(targetFile) }
        if let type { writer.key("type"); writer.encodable(type) }
        if let value { writer.key("value"); value.writeJSON(to: &writer) }
        writer.endObject()
    }
}

extension AttributeEntry: DirectJSONWritable {
    func writeJSON(to writer: inout JSONTextWriter) {
        writer.beginObject()
        writer.key("dtype"); writer.value(dtype)
        writer.key("name"); writer.value(name)
        writer.key("shape"); writer.array(shape) { $0.value($1) }
        if let totalCount { writer.key("totalCount"); writer.value(totalCount) }
        if let unread { writer.key("unread"); writer.value(unread) }
        if let value { writer.key("value"); value.writeJSON(to: &writer) }
        writer.endObject()
    }
}

extension JSONValue {
    func writeJSON(to writer: inout JSONTextWriter) {
        switch self {
        case .null: writer.write(.null)
        case .bool(let flag): writer.value(flag)
        case .integer(let number): writer.write(.integer(number))
        case .unsigned(let number): writer.write(.unsigned(number))
        case .number(let number):
            if number.isFinite { writer.writeDouble(number) } else { writer.value(String(number)) }
        case .string(let text): writer.value(text)
        case .array(let items): writer.array(items) { $1.writeJSON(to: &$0) }
        case .object(let members):
            writer.beginObject()
            for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                writer.key(key)
                members[key]!.writeJSON(to: &writer)
            }
            writer.endObject()
        }
    }
}
