/// Builds a Mustache context straight from an `Encodable` value: dictionaries, arrays, strings, numbers,
/// booleans and `nil`, the same values its JSON would parse to (keys as in the JSON, absent optionals left
/// out, whole doubles as integers, infinities and NaN as `"inf"`, `"-inf"`, `"nan"`), without writing the
/// JSON and parsing it again.
enum TemplateContextEncoder {
    /// The context value of `value`.
    static func value<T: Encodable>(_ value: T) throws -> Any {
        if T.self == String.self { return unsafeBitCast(value, to: String.self) }
        if T.self == Int.self { return unsafeBitCast(value, to: Int.self) }
        if T.self == Bool.self { return unsafeBitCast(value, to: Bool.self) }
        if T.self == Double.self { return number(unsafeBitCast(value, to: Double.self)) }
        if let direct = try direct(value) { return direct }
        let encoder = ContextEncoder()
        try value.encode(to: encoder)
        return encoder.resolved()
    }

    /// A double as its JSON text parses back: whole values below 2⁵³ are integers (the encoder writes
    /// them without a fraction), values that are not finite are their names.
    static func number(_ value: Double) -> Any {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return Int(value) }
        return value
    }

    static func integer<I: BinaryInteger>(_ value: I) -> Any {
        if let small = Int(exactly: value) { return small }
        return Double(value)
    }

    /// `null` in the JSON: a value Mustache treats as absent (what the JSON path gave).
    static var null: Any { String?.none as Any }
}

/// What one encoder was given: nothing yet, one value, or a container filled by reference.
private final class ContextSlot {
    enum Content {
        case empty
        case single(Any)
        case keyed(KeyedBox)
        case unkeyed(UnkeyedBox)
    }

    var content = Content.empty

    func resolved() -> Any {
        switch content {
        case .empty: return [String: Any]()
        case .single(let value): return value
        case .keyed(let box): return box.resolved()
        case .unkeyed(let box): return box.resolved()
        }
    }
}

private final class KeyedBox {
    var values: [String: Any] = [:]
    /// Containers and encoders handed out for keys (filled after they are handed out).
    var nested: [(key: String, slot: ContextSlot)] = []

    func resolved() -> [String: Any] {
        var values = self.values
        for (key, slot) in nested { values[key] = slot.resolved() }
        return values
    }
}

private final class UnkeyedBox {
    var values: [Any] = []
    var nested: [(index: Int, slot: ContextSlot)] = []

    func resolved() -> [Any] {
        var values = self.values
        for (index, slot) in nested { values[index] = slot.resolved() }
        return values
    }
}

private final class ContextEncoder: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let slot: ContextSlot

    init(codingPath: [CodingKey] = [], slot: ContextSlot = ContextSlot()) {
        self.codingPath = codingPath
        self.slot = slot
    }

    func resolved() -> Any { slot.resolved() }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed(let box) = slot.content {
            return KeyedEncodingContainer(KeyedContextContainer<Key>(box: box, codingPath: codingPath))
        }
        let box = KeyedBox()
        slot.content = .keyed(box)
        return KeyedEncodingContainer(KeyedContextContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .unkeyed(let box) = slot.content { return UnkeyedContextContainer(box: box, codingPath: codingPath) }
        let box = UnkeyedBox()
        slot.content = .unkeyed(box)
        return UnkeyedContextContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleContextContainer(slot: slot, codingPath: codingPath)
    }
}

private struct KeyedContextContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: KeyedBox
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.values[key.stringValue] = TemplateContextEncoder.null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.values[key.stringValue] = value }
    mutating func encode(_ value: String, forKey key: Key) throws { box.values[key.stringValue] = value }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        box.values[key.stringValue] = TemplateContextEncoder.number(value)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        box.values[key.stringValue] = TemplateContextEncoder.number(Double(value))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.values[key.stringValue] = value }
    mutating func encode(_ value: Int8, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        box.values[key.stringValue] = TemplateContextEncoder.integer(value)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { box.values[key.stringValue] = Int(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        box.values[key.stringValue] = TemplateContextEncoder.integer(value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.values[key.stringValue] = try TemplateContextEncoder.value(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ContextEncoder(codingPath: codingPath + [key])
        box.nested.append((key.stringValue, nested.slot))
        return nested.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = ContextEncoder(codingPath: codingPath + [key])
        box.nested.append((key.stringValue, nested.slot))
        return nested.unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let nested = ContextEncoder(codingPath: codingPath + [key])
        box.nested.append((key.stringValue, nested.slot))
        return nested
    }
}

private struct UnkeyedContextContainer: UnkeyedEncodingContainer {
    let box: UnkeyedBox
    let codingPath: [CodingKey]
    var count: Int { box.values.count }

    mutating func encodeNil() throws { box.values.append(TemplateContextEncoder.null) }
    mutating func encode(_ value: Bool) throws { box.values.append(value) }
    mutating func encode(_ value: String) throws { box.values.append(value) }
    mutating func encode(_ value: Double) throws { box.values.append(TemplateContextEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { box.values.append(TemplateContextEncoder.number(Double(value))) }
    mutating func encode(_ value: Int) throws { box.values.append(value) }
    mutating func encode(_ value: Int8) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: Int16) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: Int32) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: Int64) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: UInt) throws { box.values.append(TemplateContextEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: UInt16) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: UInt32) throws { box.values.append(Int(value)) }
    mutating func encode(_ value: UInt64) throws { box.values.append(TemplateContextEncoder.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.values.append(try TemplateContextEncoder.value(value)) }

    private mutating func placeholder() -> ContextEncoder {
        let nested = ContextEncoder(codingPath: codingPath)
        box.nested.append((box.values.count, nested.slot))
        box.values.append(TemplateContextEncoder.null)
        return nested
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        placeholder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { placeholder().unkeyedContainer() }

    mutating func superEncoder() -> Encoder { placeholder() }
}

private struct SingleContextContainer: SingleValueEncodingContainer {
    let slot: ContextSlot
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { slot.content = .single(TemplateContextEncoder.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .single(value) }
    mutating func encode(_ value: String) throws { slot.content = .single(value) }
    mutating func encode(_ value: Double) throws { slot.content = .single(TemplateContextEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { slot.content = .single(TemplateContextEncoder.number(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .single(value) }
    mutating func encode(_ value: Int8) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: Int16) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: Int32) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: Int64) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: UInt) throws { slot.content = .single(TemplateContextEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: UInt16) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: UInt32) throws { slot.content = .single(Int(value)) }
    mutating func encode(_ value: UInt64) throws { slot.content = .single(TemplateContextEncoder.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { slot.content = .single(try TemplateContextEncoder.value(value)) }
}
