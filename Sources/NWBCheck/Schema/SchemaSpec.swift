import Foundation

/// How many of a child a group holds, as the NWB schema language writes it: a number, `?` (0 or 1),
/// `*` (any) or `+` (at least one); 1 when not given.
public enum SchemaQuantity: Sendable, Equatable, CustomStringConvertible {
    case exactly(Int)
    case zeroOrOne
    case zeroOrMore
    case oneOrMore

    init(_ value: Any?) {
        switch value {
        case let number as Int: self = .exactly(number)
        case let text as String:
            switch text {
            case "?", "zero_or_one": self = .zeroOrOne
            case "*", "zero_or_many": self = .zeroOrMore
            case "+", "one_or_many": self = .oneOrMore
            default: self = Int(text).map { .exactly($0) } ?? .exactly(1)
            }
        default: self = .exactly(1)
        }
    }

    /// At least one must be there.
    public var isRequired: Bool {
        switch self {
        case .exactly(let count): count > 0
        case .oneOrMore: true
        case .zeroOrOne, .zeroOrMore: false
        }
    }

    /// More than one may be there.
    public var allowsMany: Bool {
        switch self {
        case .exactly(let count): count > 1
        case .zeroOrMore, .oneOrMore: true
        case .zeroOrOne: false
        }
    }

    public var description: String {
        switch self {
        case .exactly(let count): "\(count)"
        case .zeroOrOne: "?"
        case .zeroOrMore: "*"
        case .oneOrMore: "+"
        }
    }
}

/// A value type in the schema: a primitive (`float32`, `text`, `isodatetime`, …), a reference to a type,
/// or a compound of named fields.
public indirect enum SchemaDtype: Sendable, Equatable, CustomStringConvertible {
    case primitive(String)
    case reference(targetType: String, kind: String)
    case compound([(name: String, dtype: SchemaDtype)])

    init?(_ value: Any?) {
        switch value {
        case let text as String: self = .primitive(text)
        case let object as [String: Any]:
            guard let target = object["target_type"] as? String else { return nil }
            self = .reference(targetType: target, kind: (object["reftype"] as? String) ?? "object")
        case let fields as [[String: Any]]:
            self = .compound(
                fields.map { field in
                    ((field["name"] as? String) ?? "", SchemaDtype(field["dtype"]) ?? .primitive("?"))
                })
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .primitive(let name): name
        case .reference(let target, _): "\(target) reference"
        case .compound(let fields): fields.map(\.dtype.description).joined(separator: ", ")
        }
    }

    public static func == (left: SchemaDtype, right: SchemaDtype) -> Bool { left.description == right.description }
}

/// The shapes a value may have: one or more alternatives, each a list of dimension lengths (`nil`: any).
public struct SchemaShape: Sendable, Equatable, CustomStringConvertible {
    public var alternatives: [[Int?]]

    init?(_ value: Any?) {
        guard let list = value as? [Any] else { return nil }
        if list.contains(where: { $0 is [Any] }) {
            alternatives = list.compactMap { ($0 as? [Any]).map(Self.dimensions) }
        } else {
            alternatives = [Self.dimensions(list)]
        }
    }

    private static func dimensions(_ list: [Any]) -> [Int?] { list.map { $0 as? Int } }

    /// True when `shape` is one of the alternatives (same rank, each fixed length equal).
    public func allows(_ shape: [Int]) -> Bool {
        alternatives.contains { alternative in
            alternative.count == shape.count && zip(alternative, shape).allSatisfy { $0 == nil || $0 == $1 }
        }
    }

    /// hdmf's wording: `[None]`, `[[None], [None, None]]`.
    public var description: String {
        func one(_ dimensions: [Int?]) -> String { "[" + dimensions.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + "]" }
        return alternatives.count == 1 ? one(alternatives[0]) : "[" + alternatives.map(one).joined(separator: ", ") + "]"
    }
}

/// An attribute's specification.
public struct SchemaAttribute: Sendable {
    public var name: String
    public var dtype: SchemaDtype?
    public var shape: SchemaShape?
    public var isRequired: Bool
    /// Where it is written (hdmf's `spec.path`: `VectorIndex/description`).
    public var path: String

    init?(_ object: [String: Any]) {
        guard let name = object["name"] as? String else { return nil }
        self.name = name
        path = name
        dtype = SchemaDtype(object["dtype"])
        shape = SchemaShape(object["shape"])
        isRequired = (object["required"] as? Bool) ?? true
    }
}

/// A link's specification: a named or unnamed link to an object of a type.
public struct SchemaLink: Sendable {
    public var name: String?
    public var targetType: String
    public var quantity: SchemaQuantity

    init?(_ object: [String: Any]) {
        guard let target = object["target_type"] as? String else { return nil }
        name = object["name"] as? String
        targetType = target
        quantity = SchemaQuantity(object["quantity"])
    }
}

/// A group's or dataset's specification: a type's definition (`neurodata_type_def`) or a child of one
/// (named, or of an included type).
public final class SchemaStorage: @unchecked Sendable {
    public enum Kind: Sendable { case group, dataset }
    public let kind: Kind
    public var name: String?
    public var typeDefinition: String?
    public var typeInclusion: String?
    public var quantity: SchemaQuantity
    public var isLinkable: Bool
    public var dtype: SchemaDtype?
    public var shape: SchemaShape?
    public var attributes: [SchemaAttribute]
    public var groups: [SchemaStorage]
    public var datasets: [SchemaStorage]
    public var links: [SchemaLink]
    /// What hdmf calls the spec's path: names (or types) from the type's definition down, `TimeSeries/data`.
    public var path: String = ""

    init(kind: Kind, object: [String: Any]) {
        self.kind = kind
        name = object["name"] as? String
        typeDefinition = (object["neurodata_type_def"] ?? object["data_type_def"]) as? String
        typeInclusion = (object["neurodata_type_inc"] ?? object["data_type_inc"]) as? String
        quantity = SchemaQuantity(object["quantity"])
        isLinkable = (object["linkable"] as? Bool) ?? true
        dtype = SchemaDtype(object["dtype"])
        shape = SchemaShape(object["shape"])
        attributes = (object["attributes"] as? [[String: Any]] ?? []).compactMap(SchemaAttribute.init)
        groups = (object["groups"] as? [[String: Any]] ?? []).map { SchemaStorage(kind: .group, object: $0) }
        datasets = (object["datasets"] as? [[String: Any]] ?? []).map { SchemaStorage(kind: .dataset, object: $0) }
        links = (object["links"] as? [[String: Any]] ?? []).compactMap(SchemaLink.init)
    }

    init(copying other: SchemaStorage) {
        kind = other.kind
        name = other.name
        typeDefinition = other.typeDefinition
        typeInclusion = other.typeInclusion
        quantity = other.quantity
        isLinkable = other.isLinkable
        dtype = other.dtype
        shape = other.shape
        attributes = other.attributes
        groups = other.groups
        datasets = other.datasets
        links = other.links
        path = other.path
    }

    /// A copy whose children are copies too (paths can then be set without touching other types' specs).
    func deepCopy() -> SchemaStorage {
        let copy = SchemaStorage(copying: self)
        copy.groups = groups.map { $0.deepCopy() }
        copy.datasets = datasets.map { $0.deepCopy() }
        return copy
    }

    /// The type this spec stands for: its definition, else the type it includes.
    public var dataType: String? { typeDefinition ?? typeInclusion }

    /// How this spec is named in a path: its name, else its type.
    var pathComponent: String { name ?? typeDefinition ?? typeInclusion ?? "?" }
}
