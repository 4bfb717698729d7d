/// One element of a stored value, decoded into Swift.
public enum ScalarValue: Sendable, Equatable {
    case integer(Int64)
    case unsigned(UInt64)
    case float(Double)
    case bool(Bool)
    /// A variable-length string (decoded as UTF-8, invalid bytes replaced).
    case string(String)
    /// A fixed-length string, as its bytes with trailing NULs removed.
    case bytes([UInt8])
    /// An enumeration member's name.
    case enumMember(String)
    /// An object or region reference and the path it points to (`nil`: a null reference).
    case reference(String?)
    /// A reference as read, by the address of the object it points to: the walk names it from the
    /// addresses it met (`ObjectTree.resolveReferences`), so no reference costs a search of the file.
    case objectAddress(UInt64)

    /// The value as text, as a person would read it (bytes decoded as UTF-8).
    public var text: String {
        switch self {
        case .integer(let value): return String(value)
        case .unsigned(let value): return String(value)
        case .float(let value): return String(value)
        case .bool(let value): return value ? "True" : "False"
        case .string(let value): return value
        case .bytes(let value): return String(decoding: value, as: UTF8.self)
        case .enumMember(let name): return name
        case .reference(let path): return path ?? "<reference>"
        case .objectAddress(let address): return "<reference to address \(address)>"
        }
    }
}

/// The value of an attribute or small dataset: its shape and elements in row-major order.
public struct StoredValue: Sendable, Equatable {
    /// The stored shape; empty for a scalar.
    public var shape: [Int]
    /// The elements read, in row-major order; fewer than `totalCount` when truncated.
    public var elements: [ScalarValue]
    /// How many elements the object holds.
    public var totalCount: Int
    /// Why the elements were not read, when they were not (too large, unsupported type, read error).
    public var unreadReason: String?
    /// Bytes of variable-length text not kept: the value held more than its limit (`ValueLimits.maxBytes`).
    /// The string where the limit fell is cut (and says so at its end); elements after it are left out.
    public var droppedTextBytes: Int

    public init(
        shape: [Int], elements: [ScalarValue], totalCount: Int, unreadReason: String? = nil, droppedTextBytes: Int = 0
    ) {
        self.shape = shape
        self.elements = elements
        self.totalCount = totalCount
        self.unreadReason = unreadReason
        self.droppedTextBytes = droppedTextBytes
    }

    /// True when this is a scalar (shape `()`).
    public var isScalar: Bool { shape.isEmpty }
    /// True when fewer elements were kept than stored.
    public var isTruncated: Bool { elements.count < totalCount }

    /// The single element of a scalar, or of a one-element array (as MatNWB writes attributes).
    public var singleElement: ScalarValue? {
        guard totalCount == 1, elements.count == 1 else { return nil }
        return elements[0]
    }

    /// All elements as text (for string lists such as `experimenter` or `keywords`).
    public var texts: [String] { elements.map(\.text) }
}
