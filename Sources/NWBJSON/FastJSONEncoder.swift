import Foundation
import NWBKit
import NWBSupport

/// A small JSON encoder for `Encodable` values, several times faster than Foundation's on large
/// summaries: keys always sorted (byte order), slashes not escaped, numbers written shortest.
/// Tests check its output parses to the same value as Foundation's.
public struct FastJSONEncoder: Sendable {
    /// Indent nested values by two spaces and put each member on its own line.
    public var prettyPrinted: Bool

    public init(prettyPrinted: Bool) {
        self.prettyPrinted = prettyPrinted
    }

    /// The JSON bytes of `value`.
    /// - Parameter capacity: bytes to reserve up front; a close estimate spares the copies (and the
    ///   moment two buffers coexist) of a growing output.
    public func encode<T: Encodable>(_ value: T, capacity: Int = 1 << 16) throws -> [UInt8] {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        var writer = JSONTextWriter(output: [], pretty: prettyPrinted)
        // Reserved in the writer's own array: one reserved outside and passed in would be shared, and
        // the first append would copy it.
        writer.output.reserveCapacity(capacity)
        writer.write(encoder.storage.value ?? .null)
        return writer.output
    }

    /// Writes the JSON bytes of `value` to `emit` in pieces of about `chunkSize` bytes (cut between the
    /// elements of arrays), so a large summary is never held whole, `trailer` at the end of the last piece.
    /// Anything that throws does so before the first piece is emitted. The value tree built on the way is
    /// freed on another thread after the last piece (see `BackgroundRelease`).
    public func encode<T: Encodable>(_ value: T, chunkSize: Int, trailer: [UInt8] = [], emit: ([UInt8]) -> Void) throws {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        withoutActuallyEscaping(emit) { emit in
            var writer = JSONTextWriter(output: [], pretty: prettyPrinted)
            writer.output.reserveCapacity(chunkSize + chunkSize / 4)
            writer.chunkSink = (chunkSize, emit)
            writer.write(encoder.storage.value ?? .null)
            writer.output.append(contentsOf: trailer)
            if !writer.output.isEmpty { emit(writer.output) }
        }
        BackgroundRelease.release(encoder)
    }
}

/// The value tree the encoder builds; containers are boxes so nested containers can fill them later.
final class NodeBox {
    var value: JSONNode?
    init(_ value: JSONNode? = nil) { self.value = value }
}

final class ObjectBox {
    var members: [(key: String, value: JSONNode)] = []
}

final class ArrayBox {
    var items: [JSONNode]
    init(_ items: [JSONNode] = []) { self.items = items }
}

indirect enum JSONNode {
    /// A value a super-encoder fills in later.
    case pending(NodeBox)
    /// A value that writes itself (the hot model types, see `DirectJSONWriting.swift`).
    case direct(any DirectJSONWritable)
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array(ArrayBox)
    case object(ObjectBox)
}

final class TreeEncoder: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let storage: NodeBox

    init(codingPath: [CodingKey], storage: NodeBox = NodeBox()) {
        self.codingPath = codingPath
        self.storage = storage
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectBox
        if case .object(let existing)? = storage.value {
            object = existing
        } else {
            object = ObjectBox()
            storage.value = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let array: ArrayBox
        if case .array(let existing)? = storage.value {
            array = existing
        } else {
            array = ArrayBox()
            storage.value = .array(array)
        }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContainer(box: storage, codingPath: codingPath)
    }
}

/// Encodes one value into a node; common leaf types are recognised by metatype (cheaper than casts).
private func node<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> JSONNode {
    if let direct = directWritable(value) { return .direct(direct) }
    if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
    if T.self == Int.self { return .integer(Int64(unsafeBitCast(value, to: Int.self))) }
    if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == Int64.self { return .integer(unsafeBitCast(value, to: Int64.self)) }
    if T.self == UInt64.self { return .unsigned(unsafeBitCast(value, to: UInt64.self)) }
    if T.self == UInt32.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt32.self))) }
    if T.self == [Int].self { return .array(ArrayBox(unsafeBitCast(value, to: [Int].self).map { .integer(Int64($0)) })) }
    // The other primitives: their `encode(to:)` asks a single-value container to encode them, which the
    // generic method below would answer by coming back here.
    if T.self == Float.self { return .double(Double(unsafeBitCast(value, to: Float.self))) }
    if T.self == Int8.self { return .integer(Int64(unsafeBitCast(value, to: Int8.self))) }
    if T.self == Int16.self { return .integer(Int64(unsafeBitCast(value, to: Int16.self))) }
    if T.self == Int32.self { return .integer(Int64(unsafeBitCast(value, to: Int32.self))) }
    if T.self == UInt.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt.self))) }
    if T.self == UInt8.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt8.self))) }
    if T.self == UInt16.self { return .unsigned(UInt64(unsafeBitCast(value, to: UInt16.self))) }
    let encoder = TreeEncoder(codingPath: codingPath)
    try value.encode(to: encoder)
    return encoder.storage.value ?? .object(ObjectBox())
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectBox
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.members.append((key.stringValue, .null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.members.append((key.stringValue, .bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.members.append((key.stringValue, .string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.members.append((key.stringValue, .double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        object.members.append((key.stringValue, .integer(Int64(value))))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.members.append((key.stringValue, try node(value, codingPath: codingPath + [key])))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ObjectBox()
        object.members.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = ArrayBox()
        object.members.append((key.stringValue, .array(nested)))
        return UnkeyedContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let box = NodeBox()
        object.members.append((key.stringValue, .pending(box)))
        return TreeEncoder(codingPath: codingPath + [key], storage: box)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayBox
    let codingPath: [CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try node(value, codingPath: codingPath + [JSONIndexKey(array.items.count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = ArrayBox()
        array.items.append(.array(nested))
        return UnkeyedContainer(array: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> Encoder {
        let box = NodeBox()
        array.items.append(.pending(box))
        return TreeEncoder(codingPath: codingPath, storage: box)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { box.value = .null }
    mutating func encode(_ value: Bool) throws { box.value = .bool(value) }
    mutating func encode(_ value: String) throws { box.value = .string(value) }
    mutating func encode(_ value: Double) throws { box.value = .double(value) }
    mutating func encode(_ value: Float) throws { box.value = .double(Double(value)) }
    mutating func encode(_ value: Int) throws { box.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int64) throws { box.value = .integer(value) }
    mutating func encode(_ value: UInt64) throws { box.value = .unsigned(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.value = try node(value, codingPath: codingPath) }
}

/// Writes a node tree as JSON text.
struct JSONTextWriter {
    var output: [UInt8]
    let pretty: Bool
    fileprivate var depth = 0

    /// Where the output goes whenever it reaches a size, when it is streamed (see `flushIfFull`).
    var chunkSink: (size: Int, emit: ([UInt8]) -> Void)?

    init(output: [UInt8], pretty: Bool) {
        self.output = output
        self.pretty = pretty
    }

    /// Hands the output written so far to `chunkSink` once it holds at least its size.
    private mutating func flushIfFull() {
        guard let chunkSink, output.count >= chunkSink.size else { return }
        chunkSink.emit(output)
        output.removeAll(keepingCapacity: true)
    }

    mutating func write(_ node: JSONNode) {
        switch node {
        case .pending(let box): write(box.value ?? .null)
        case .direct(let value): value.writeJSON(to: &self)
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): writeInteger(value)
        case .unsigned(let value): writeUnsigned(value)
        case .double(let value): writeDouble(value)
        case .string(let value): writeString(value)
        case .array(let box):
            if box.items.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            depth += 1
            for (index, item) in box.items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline()
                write(item)
                flushIfFull()
            }
            depth -= 1
            newline()
            output.append(UInt8(ascii: "]"))
        case .object(let box):
            if box.members.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            depth += 1
            let members = box.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline()
                writeString(member.key)
                output.append(contentsOf: (pretty ? ": " : ":").utf8)
                write(member.value)
            }
            depth -= 1
            newline()
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Lists at least this long are written by two threads.
    static let parallelMinimum = 8192

    /// A list of values that write themselves. A long one (a file's objects) is written by two threads in
    /// pairs of blocks: this thread writes a block (streaming it) while another writes the next, appended
    /// after it; only one block (an eighth of the list) is ever held aside.
    mutating func list<Element: DirectJSONWritable & Sendable>(_ items: [Element]) {
        if items.isEmpty {
            output.append(contentsOf: "[]".utf8)
            return
        }
        output.append(UInt8(ascii: "["))
        depth += 1
        let block = items.count >= Self.parallelMinimum ? (items.count + 7) / 8 : items.count
        var start = 0
        while start < items.count {
            let middle = min(items.count, start + block)
            let end = min(items.count, middle + block)
            let next = middle < end ? startWriting(items, range: middle..<end) : nil
            for index in start..<middle {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline()
                items[index].writeJSON(to: &self)
                flushIfFull()
            }
            if let next {
                let text = next.take() ?? []
                var offset = 0
                while offset < text.count {
                    let stop = min(text.count, offset + (chunkSink?.size ?? text.count))
                    output.append(contentsOf: text[offset..<stop])
                    flushIfFull()
                    offset = stop
                }
            }
            start = end
        }
        depth -= 1
        newline()
        output.append(UInt8(ascii: "]"))
    }

    /// Starts writing `items[range]` (each preceded by a comma: never the list's first) on another thread.
    private func startWriting<Element: DirectJSONWritable & Sendable>(_ items: [Element], range: Range<Int>) -> HandOff<[UInt8]> {
        let (pretty, depth) = (pretty, depth)
        return HandOff.onThread {
            var writer = JSONTextWriter(output: [], pretty: pretty)
            writer.depth = depth
            writer.output.reserveCapacity(range.count * 512)
            for item in items[range] {
                writer.output.append(UInt8(ascii: ","))
                writer.newline()
                item.writeJSON(to: &writer)
            }
            return writer.output
        }
    }

    // MARK: Primitives for types that write themselves, keys given in sorted order.

    private var firstMember: [Bool] = []

    mutating func beginObject() {
        output.append(UInt8(ascii: "{"))
        depth += 1
        firstMember.append(true)
    }

    /// Starts a member; keys must come in byte order, as `write(_:)` sorts them.
    mutating func key(_ name: String) {
        if firstMember[firstMember.count - 1] {
            firstMember[firstMember.count - 1] = false
        } else {
            output.append(UInt8(ascii: ","))
        }
        newline()
        writeString(name)
        output.append(contentsOf: (pretty ? ": " : ":").utf8)
    }

    mutating func endObject() {
        depth -= 1
        if !firstMember.removeLast() { newline() }
        output.append(UInt8(ascii: "}"))
    }

    mutating func value(_ text: String) { writeString(text) }
    mutating func value(_ number: Int) { writeInteger(Int64(number)) }
    mutating func value(_ flag: Bool) { output.append(contentsOf: (flag ? "true" : "false").utf8) }

    /// An array of values written by `element`.
    mutating func array<C: Collection>(_ items: C, _ element: (inout JSONTextWriter, C.Element) -> Void) {
        if items.isEmpty {
            output.append(contentsOf: "[]".utf8)
            return
        }
        output.append(UInt8(ascii: "["))
        depth += 1
        var first = true
        for item in items {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            newline()
            element(&self, item)
        }
        depth -= 1
        newline()
        output.append(UInt8(ascii: "]"))
    }

    /// Any other `Encodable`, through the general encoder.
    mutating func encodable<T: Encodable>(_ value: T) {
        let encoder = TreeEncoder(codingPath: [])
        if (try? value.encode(to: encoder)) != nil {
            write(encoder.storage.value ?? .null)
        } else {
            output.append(contentsOf: "null".utf8)
        }
    }

    /// Spaces for indentation, appended by slice rather than byte by byte.
    private let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

    fileprivate mutating func newline() {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        var remaining = depth * 2
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            output.append(contentsOf: spaces[..<count])
            remaining -= count
        }
    }

    /// Writes the decimal digits of `value` without making a `String`.
    mutating func writeInteger(_ value: Int64) {
        if value < 0 {
            output.append(UInt8(ascii: "-"))
            writeUnsigned(value.magnitude)
        } else {
            writeUnsigned(UInt64(value))
        }
    }

    mutating func writeUnsigned(_ value: UInt64) {
        if value < 10 {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = 20
            while remaining > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            writeString(value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf"))
            return
        }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            writeInteger(Int64(value))
        } else {
            output.append(contentsOf: value.description.utf8)
        }
    }

    private mutating func writeString(_ value: String) {
        var text = value
        text.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            var clean = true
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                clean = false
                break
            }
            if clean {
                output.append(contentsOf: bytes)
            } else {
                writeEscaped(bytes)
            }
            output.append(UInt8(ascii: "\""))
        }
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: output.append(byte)
            }
        }
    }
}

/// The coding key of an array element (its position), for coding paths in errors.
struct JSONIndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
