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
    /// A region reference: its dataset (a path once named, `nil` when null) and the part of it selected.
    case region(String?, RegionSelection)
    /// A region reference as read: its dataset's address and the selection (named like `objectAddress`).
    case regionAddress(UInt64, RegionSelection)
    /// A variable-length sequence (a dimension scale's `DIMENSION_LIST` entry: the scales of one dimension).
    case list([ScalarValue])
    /// A compound's fields by name (a dimension scale's `REFERENCE_LIST` entry: a dataset and a dimension).
    case record([NamedValue])

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
        case .region(let path, let selection): return (path ?? "<reference>") + " " + selection.description
        case .regionAddress(let address, let selection): return "<reference to address \(address)> \(selection)"
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .record(let fields): return "(" + fields.map { "\($0.name): \($0.value.text)" }.joined(separator: ", ") + ")"
        }
    }
}

/// One field of a `ScalarValue.record`.
public struct NamedValue: Sendable, Equatable {
    public var name: String
    public var value: ScalarValue

    public init(name: String, value: ScalarValue) {
        self.name = name
        self.value = value
    }
}

/// What a region reference selects of its dataset: all of it, nothing, hyperslab blocks (each a start
/// and an inclusive end, one coordinate per dimension) or points. At most `RegionSelection.keptLimit`
/// blocks or points are kept; `count` says how many there are.
public struct RegionSelection: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case all, none, blocks, points }
    public var kind: Kind
    /// Blocks: `[start…, end…]` per block; points: the coordinates of each point.
    public var coordinates: [[Int]]
    /// Blocks or points selected (more than `coordinates` holds when the list was cut).
    public var count: Int

    /// The most blocks or points kept of one selection.
    public static let keptLimit = 64

    public init(kind: Kind, coordinates: [[Int]] = [], count: Int = 0) {
        self.kind = kind
        self.coordinates = coordinates
        self.count = count
    }

    /// `rows 0 and 2`, `rows 0-9`, `all`, `points (1, 2) and (3, 4)`: what a reader needs to know.
    public var description: String {
        switch kind {
        case .all: return "(all)"
        case .none: return "(nothing)"
        case .blocks:
            let parts = coordinates.map { block -> String in
                let half = block.count / 2
                let start = Array(block[..<half])
                let end = Array(block[half...])
                if start.count == 1 { return start == end ? "\(start[0])" : "\(start[0])-\(end[0])" }
                return "(" + start.map(String.init).joined(separator: ", ") + ")-(" + end.map(String.init).joined(separator: ", ") + ")"
            }
            let more = count > coordinates.count ? " and \(count - coordinates.count) more" : ""
            return "(" + (coordinates.first?.count == 2 ? "rows " : "blocks ") + parts.joined(separator: ", ") + more + ")"
        case .points:
            let parts = coordinates.map { $0.count == 1 ? "\($0[0])" : "(" + $0.map(String.init).joined(separator: ", ") + ")" }
            let more = count > coordinates.count ? " and \(count - coordinates.count) more" : ""
            return "(points " + parts.joined(separator: ", ") + more + ")"
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
