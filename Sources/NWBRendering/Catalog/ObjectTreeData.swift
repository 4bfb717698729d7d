import HDF5
import NWBKit

/// A file's objects as the file page's script reads them: one entry per object, in the summary's (path)
/// order, each naming its parent by index, with short keys (a page of 100,000 objects stays a few tens of
/// megabytes): `n` name, `p` parent's index (-1 for the root), `k` kind, `t` neurodata type, `s` shape,
/// `d` dtype, `c` chunks, `f` filters, `v` a dataset's small value, `l` a link's target path, `a` the
/// attributes as `[name, dtype, shape, value, referenced path]` (absent parts `null`), and `P` the whole
/// path of an object whose parent is not listed (a walk limit stopped short of it).
struct ObjectTreeData: Encodable {
    struct Entry: Encodable {
        var n: String
        var p: Int
        var k: String
        var t: String?
        var s: String?
        var d: String?
        var c: String?
        var f: String?
        var v: String?
        var l: String?
        var a: [Attribute]?
        var P: String?
    }

    struct Attribute: Encodable {
        var name: String
        var dtype: String
        var shape: String
        var value: String?
        var reference: String?

        func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(name)
            try container.encode(dtype)
            try container.encode(shape)
            if let value { try container.encode(value) } else { try container.encodeNil() }
            if let reference { try container.encode(reference) } else { try container.encodeNil() }
        }
    }

    var entries: [Entry]

    init(objects: [ObjectEntry]) {
        var indexByPath: [String: Int] = [:]
        indexByPath.reserveCapacity(objects.count)
        entries = []
        entries.reserveCapacity(objects.count)
        for (index, object) in objects.enumerated() {
            indexByPath[object.path] = index
            let filters = (object.filters ?? []).map {
                $0.parameters.isEmpty ? $0.name : "\($0.name)(\($0.parameters.map(String.init).joined(separator: ", ")))"
            }
            let attributes = (object.attributes ?? []).map { attribute in
                Attribute(
                    name: attribute.name, dtype: attribute.dtype, shape: DataType.tuple(attribute.shape),
                    value: attribute.value.map { ValueText.text($0) } ?? attribute.unread.map { "(not read: \($0))" },
                    reference: attribute.value.flatMap(ValueText.reference))
            }
            let parent = object.path == "/" ? -1 : indexByPath[SummaryIndex.parent(of: object.path)] ?? -1
            entries.append(
                Entry(
                    n: object.path == "/" ? "/" : String(object.path.split(separator: "/").last ?? ""),
                    p: parent,
                    k: object.kind, t: object.neurodataType, s: object.shape.map(DataType.tuple), d: object.dtype,
                    c: object.chunks.map(DataType.tuple), f: filters.isEmpty ? nil : filters.joined(separator: ", "),
                    v: object.value.map { ValueText.text($0) }, l: object.target, a: attributes.isEmpty ? nil : attributes,
                    P: parent < 0 && object.path != "/" ? object.path : nil))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// An HTML id for an object path: `o` and its UTF-8 bytes in hex, so any name is a valid id (the page's
    /// script makes the same ids).
    static func anchor(_ path: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "o")]
        bytes.reserveCapacity(1 + path.utf8.count * 2)
        for byte in path.utf8 {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
