import HDF5

/// A compact binary form of a `PartialTree`, for the pipe between the processes of a split walk
/// (JSON would cost more to write and read than the half walk it saves). Integers are LEB128
/// varints (zig-zag for signed ones), strings their UTF-8 bytes after their length. Only this
/// version of NWBKit reads what it wrote: the form is never stored.
public enum PartialTreeCoding {
    /// Why bytes could not be read back.
    public struct DecodingError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func encode(_ partial: PartialTree) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(1 << 20)
        writer.bytes.append(contentsOf: magic)
        writer.int(partial.part.index)
        writer.int(partial.part.count)
        writer.int(partial.part.minimumFanOut)
        writer.ints(partial.dealtGroups)
        writer.bool(partial.tree.isIncomplete)
        writer.int(partial.tree.problems.count)
        for problem in partial.tree.problems {
            writer.string(problem.path)
            writer.string(problem.message)
        }
        writer.int(partial.tree.nodes.count)
        for node in partial.tree.nodes { writer.node(node) }
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> PartialTree {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(DecodingError) in
                var reader = ByteReader(bytes: buffer)
                guard buffer.count >= magic.count, Array(buffer[0..<magic.count]) == magic else {
                    throw DecodingError(description: "not a partial tree")
                }
                reader.position = magic.count
                let part = WalkPart(index: try reader.int(), count: try reader.int(), minimumFanOut: try reader.int())
                let dealtGroups = try reader.ints()
                let isIncomplete = try reader.bool()
                var problems: [ObjectTree.Problem] = []
                for _ in 0..<(try reader.count()) {
                    problems.append(ObjectTree.Problem(path: try reader.string(), message: try reader.string()))
                }
                let nodeCount = try reader.count()
                var nodes: [ObjectTree.Node] = []
                nodes.reserveCapacity(nodeCount)
                for _ in 0..<nodeCount { nodes.append(try reader.node()) }
                guard reader.position == buffer.count else { throw DecodingError(description: "bytes left over") }
                return PartialTree(
                    part: part, tree: ObjectTree(nodes: nodes, problems: problems, isIncomplete: isIncomplete),
                    dealtGroups: dealtGroups)
            }
        }
    }

    private static let magic = Array("NWBKIT-PART-1\n".utf8)
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func int(_ value: Int) { signed(Int64(value)) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        for value in values { int(value) }
    }

    mutating func string(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func node(_ node: ObjectTree.Node) {
        string(node.path)
        string(node.kind.rawValue)
        unsigned(node.address)
        int(node.aliases.count)
        for alias in node.aliases { string(alias) }
        int(node.omittedAttributes)
        int(node.attributes.count)
        for attribute in node.attributes {
            string(attribute.name)
            type(attribute.type)
            space(attribute.space)
            value(attribute.value)
        }
        bool(node.dataset != nil)
        if let info = node.dataset {
            type(info.type)
            space(info.space)
            string(info.layout.rawValue)
            bool(info.chunkShape != nil)
            if let chunks = info.chunkShape { ints(chunks) }
            int(info.filters.count)
            for filter in info.filters {
                int(filter.id)
                string(filter.name)
                int(filter.parameters.count)
                for parameter in filter.parameters { unsigned(UInt64(parameter)) }
            }
            int(info.storedBytes)
            int(info.externalFileCount)
        }
        bool(node.value != nil)
        if let stored = node.value { value(stored) }
        int(node.children.count)
        for child in node.children {
            string(child.name)
            switch child.target {
            case .node(let index):
                bytes.append(0)
                int(index)
            case .softLink(let target):
                bytes.append(1)
                string(target)
            case .externalLink(let file, let path):
                bytes.append(2)
                string(file)
                string(path)
            case .userDefined(let linkClass):
                bytes.append(3)
                int(linkClass)
            case .unreadable(let reason):
                bytes.append(4)
                string(reason)
            }
        }
    }

    mutating func space(_ space: Dataspace) {
        string(space.kind.rawValue)
        ints(space.dimensions)
        int(space.maxDimensions.count)
        for dimension in space.maxDimensions { int(dimension.map { $0 + 1 } ?? 0) }
    }

    mutating func type(_ type: DataType) {
        switch type {
        case .integer(let size, let isSigned, let order):
            bytes.append(0)
            int(size)
            bool(isSigned)
            string(order.rawValue)
        case .float(let size, let order):
            bytes.append(1)
            int(size)
            string(order.rawValue)
        case .string(let length, let charset, let padding):
            bytes.append(2)
            int(length.map { $0 + 1 } ?? 0)
            string(charset.rawValue)
            string(padding.rawValue)
        case .compound(let size, let members):
            bytes.append(3)
            int(size)
            int(members.count)
            for member in members {
                string(member.name)
                int(member.offset)
                self.type(member.type)
            }
        case .enumeration(let base, let members):
            bytes.append(4)
            self.type(base)
            int(members.count)
            for member in members {
                string(member.name)
                signed(member.value)
            }
        case .array(let base, let dimensions):
            bytes.append(5)
            self.type(base)
            ints(dimensions)
        case .variableLength(let base):
            bytes.append(6)
            self.type(base)
        case .reference(let kind):
            bytes.append(7)
            string(kind.rawValue)
        case .opaque(let size, let tag):
            bytes.append(8)
            int(size)
            string(tag)
        case .bitfield(let size, let order):
            bytes.append(9)
            int(size)
            string(order.rawValue)
        case .time(let size):
            bytes.append(10)
            int(size)
        case .unknown(let description):
            bytes.append(11)
            string(description)
        }
    }

    mutating func value(_ stored: StoredValue) {
        ints(stored.shape)
        int(stored.totalCount)
        optionalString(stored.unreadReason)
        int(stored.droppedTextBytes)
        int(stored.elements.count)
        for element in stored.elements { scalar(element) }
    }

    mutating func scalar(_ element: ScalarValue) {
        do {
            switch element {
            case .integer(let value):
                bytes.append(0)
                signed(value)
            case .unsigned(let value):
                bytes.append(1)
                unsigned(value)
            case .float(let value):
                bytes.append(2)
                unsigned(value.bitPattern)
            case .bool(let value):
                bytes.append(3)
                bool(value)
            case .string(let value):
                bytes.append(4)
                string(value)
            case .bytes(let value):
                bytes.append(5)
                int(value.count)
                bytes.append(contentsOf: value)
            case .enumMember(let name):
                bytes.append(6)
                string(name)
            case .reference(let path):
                bytes.append(7)
                optionalString(path)
            case .objectAddress(let address):
                bytes.append(8)
                unsigned(address)
            case .region(let path, let selection):
                bytes.append(9)
                optionalString(path)
                region(selection)
            case .regionAddress(let address, let selection):
                bytes.append(10)
                unsigned(address)
                region(selection)
            case .list(let items):
                bytes.append(11)
                int(items.count)
                for item in items { scalar(item) }
            case .record(let fields):
                bytes.append(12)
                int(fields.count)
                for field in fields {
                    string(field.name)
                    scalar(field.value)
                }
            }
        }
    }

    mutating func region(_ selection: RegionSelection) {
        string(selection.kind.rawValue)
        int(selection.count)
        int(selection.coordinates.count)
        for coordinates in selection.coordinates { ints(coordinates) }
    }
}

private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func failure(_ what: String) -> PartialTreeCoding.DecodingError {
        PartialTreeCoding.DecodingError(description: "\(what) at byte \(position)")
    }

    mutating func byte() throws(PartialTreeCoding.DecodingError) -> UInt8 {
        guard position < bytes.count else { throw failure("unexpected end") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func unsigned() throws(PartialTreeCoding.DecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw failure("varint too long") }
            result |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return result }
            shift += 7
        }
    }

    mutating func signed() throws(PartialTreeCoding.DecodingError) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func int() throws(PartialTreeCoding.DecodingError) -> Int {
        let value = try signed()
        guard let result = Int(exactly: value) else { throw failure("integer out of range") }
        return result
    }

    /// A length or count: never more than the bytes left could hold.
    mutating func count() throws(PartialTreeCoding.DecodingError) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw failure("bad count \(value)") }
        return value
    }

    mutating func bool() throws(PartialTreeCoding.DecodingError) -> Bool { try byte() != 0 }

    mutating func ints() throws(PartialTreeCoding.DecodingError) -> [Int] {
        let number = try count()
        var values: [Int] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try int()) }
        return values
    }

    mutating func string() throws(PartialTreeCoding.DecodingError) -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
    }

    mutating func optionalString() throws(PartialTreeCoding.DecodingError) -> String? {
        try bool() ? try string() : nil
    }

    mutating func raw<T: RawRepresentable>(_ type: T.Type) throws(PartialTreeCoding.DecodingError) -> T
    where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else { throw failure("unknown \(T.self) '\(text)'") }
        return value
    }

    mutating func node() throws(PartialTreeCoding.DecodingError) -> ObjectTree.Node {
        let path = try string()
        let kind = try raw(Object.Kind.self)
        let address = try unsigned()
        var aliases: [String] = []
        for _ in 0..<(try count()) { aliases.append(try string()) }
        let omittedAttributes = try count()
        let attributeCount = try count()
        var attributes: [Attribute] = []
        attributes.reserveCapacity(attributeCount)
        for _ in 0..<attributeCount {
            attributes.append(Attribute(name: try string(), type: try type(), space: try space(), value: try value()))
        }
        var dataset: DatasetInfo?
        if try bool() {
            let type = try type()
            let space = try space()
            let layout = try raw(StorageLayout.self)
            let chunks = try bool() ? try ints() : nil
            var filters: [Filter] = []
            for _ in 0..<(try count()) {
                let id = try int()
                let name = try string()
                var parameters: [UInt32] = []
                for _ in 0..<(try count()) {
                    guard let parameter = UInt32(exactly: try unsigned()) else { throw failure("filter parameter") }
                    parameters.append(parameter)
                }
                filters.append(Filter(id: id, name: name, parameters: parameters))
            }
            dataset = DatasetInfo(
                type: type, space: space, layout: layout, chunkShape: chunks, filters: filters, storedBytes: try int(),
                externalFileCount: try int())
        }
        let stored = try bool() ? try value() : nil
        let childCount = try count()
        var children: [ObjectTree.Child] = []
        children.reserveCapacity(childCount)
        for _ in 0..<childCount {
            let name = try string()
            let target: ObjectTree.Target
            switch try byte() {
            case 0: target = .node(try int())
            case 1: target = .softLink(try string())
            case 2: target = .externalLink(file: try string(), path: try string())
            case 3: target = .userDefined(try int())
            case 4: target = .unreadable(try string())
            default: throw failure("unknown link kind")
            }
            children.append(ObjectTree.Child(name: name, target: target))
        }
        return ObjectTree.Node(
            path: path, kind: kind, address: address, aliases: aliases, attributes: attributes, dataset: dataset,
            value: stored, children: children, omittedAttributes: omittedAttributes)
    }

    mutating func space() throws(PartialTreeCoding.DecodingError) -> Dataspace {
        let kind = try raw(Dataspace.Kind.self)
        let dimensions = try ints()
        var maxDimensions: [Int?] = []
        for _ in 0..<(try count()) {
            let stored = try int()
            maxDimensions.append(stored == 0 ? nil : stored - 1)
        }
        return Dataspace(kind: kind, dimensions: dimensions, maxDimensions: maxDimensions)
    }

    mutating func type() throws(PartialTreeCoding.DecodingError) -> DataType {
        switch try byte() {
        case 0: return .integer(size: try int(), signed: try bool(), order: try raw(ByteOrder.self))
        case 1: return .float(size: try int(), order: try raw(ByteOrder.self))
        case 2:
            let length = try int()
            return .string(
                length: length == 0 ? nil : length - 1, charset: try raw(CharacterSet.self), padding: try raw(StringPadding.self))
        case 3:
            let size = try int()
            var members: [CompoundMember] = []
            for _ in 0..<(try count()) {
                members.append(CompoundMember(name: try string(), offset: try int(), type: try type()))
            }
            return .compound(size: size, members: members)
        case 4:
            let base = try type()
            var members: [EnumMember] = []
            for _ in 0..<(try count()) { members.append(EnumMember(name: try string(), value: try signed())) }
            return .enumeration(base: base, members: members)
        case 5: return .array(base: try type(), dimensions: try ints())
        case 6: return .variableLength(base: try type())
        case 7: return .reference(try raw(ReferenceKind.self))
        case 8: return .opaque(size: try int(), tag: try string())
        case 9: return .bitfield(size: try int(), order: try raw(ByteOrder.self))
        case 10: return .time(size: try int())
        case 11: return .unknown(description: try string())
        default: throw failure("unknown datatype class")
        }
    }

    mutating func scalar(depth: Int) throws(PartialTreeCoding.DecodingError) -> ScalarValue {
        guard depth < 8 else { throw failure("values nested too deep") }
        switch try byte() {
        case 0: return .integer(try signed())
        case 1: return .unsigned(try unsigned())
        case 2: return .float(Double(bitPattern: try unsigned()))
        case 3: return .bool(try bool())
        case 4: return .string(try string())
        case 5:
            let length = try count()
            guard position + length <= bytes.count else { throw failure("bytes past the end") }
            defer { position += length }
            return .bytes(Array(bytes[position..<(position + length)]))
        case 6: return .enumMember(try string())
        case 7: return .reference(try optionalString())
        case 8: return .objectAddress(try unsigned())
        case 9: return .region(try optionalString(), try region())
        case 10: return .regionAddress(try unsigned(), try region())
        case 11:
            let length = try count()
            var items: [ScalarValue] = []
            for _ in 0..<length { items.append(try scalar(depth: depth + 1)) }
            return .list(items)
        case 12:
            let length = try count()
            var fields: [NamedValue] = []
            for _ in 0..<length { fields.append(NamedValue(name: try string(), value: try scalar(depth: depth + 1))) }
            return .record(fields)
        default: throw failure("unknown value kind")
        }
    }

    mutating func region() throws(PartialTreeCoding.DecodingError) -> RegionSelection {
        guard let kind = RegionSelection.Kind(rawValue: try string()) else { throw failure("unknown selection kind") }
        let total = try count()
        let listed = try count()
        var coordinates: [[Int]] = []
        for _ in 0..<listed { coordinates.append(try ints()) }
        return RegionSelection(kind: kind, coordinates: coordinates, count: total)
    }

    mutating func value() throws(PartialTreeCoding.DecodingError) -> StoredValue {
        let shape = try ints()
        let totalCount = try int()
        let unreadReason = try optionalString()
        let droppedTextBytes = try count()
        let elementCount = try count()
        var elements: [ScalarValue] = []
        elements.reserveCapacity(elementCount)
        for _ in 0..<elementCount { elements.append(try scalar(depth: 0)) }
        return StoredValue(
            shape: shape, elements: elements, totalCount: totalCount, unreadReason: unreadReason,
            droppedTextBytes: droppedTextBytes)
    }
}
