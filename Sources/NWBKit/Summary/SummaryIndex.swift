import HDF5

/// A file's summary with the lookups checks and exporters need: objects by path, members, type ancestry, values.
public struct SummaryIndex: Sendable {
    public let summary: FileSummary
    private let indexByPath: [String: Int]
    private let childIndices: [String: [Int]]
    private let bases: [String: [String]]
    /// Groups and datasets carrying a neurodata type (links excluded), in path order: what pynwb calls the
    /// file's objects. Kept once: every check and exporter asks for them.
    public let typedObjects: [ObjectEntry]

    public init(_ summary: FileSummary) {
        self.summary = summary
        var indexByPath: [String: Int] = [:]
        var childIndices: [String: [Int]] = [:]
        for (index, entry) in summary.objects.enumerated() {
            indexByPath[entry.path] = index
            childIndices[SummaryIndex.parent(of: entry.path), default: []].append(index)
        }
        self.indexByPath = indexByPath
        self.childIndices = childIndices
        var bases: [String: [String]] = [:]
        for count in summary.neurodataTypes {
            bases[count.type] = count.bases ?? TypeHierarchy.core.bases(of: count.type)
        }
        self.bases = bases
        typedObjects = summary.objects.filter { $0.neurodataType != nil && ($0.kind == "group" || $0.kind == "dataset") }
    }

    /// The path of the group holding `path`.
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// The object (or link) at `path`.
    public func entry(_ path: String) -> ObjectEntry? {
        indexByPath[path].map { summary.objects[$0] }
    }

    /// The member `name` of the group at `path`, following a soft link to its target.
    public func member(_ path: String, _ name: String) -> ObjectEntry? {
        let childPath = path == "/" ? "/" + name : path + "/" + name
        guard let entry = entry(childPath) else { return nil }
        if entry.kind == "soft_link", let target = entry.target { return self.entry(target) }
        return entry
    }

    /// The members of the group at `path`, in name order.
    public func members(_ path: String) -> [ObjectEntry] {
        (childIndices[path] ?? []).map { summary.objects[$0] }
    }

    /// True when `type` is `ancestor` or extends it.
    public func isA(_ type: String?, _ ancestor: String) -> Bool {
        guard let type else { return false }
        return type == ancestor || (bases[type] ?? TypeHierarchy.core.bases(of: type)).contains(ancestor)
    }

    /// The typed objects that are `type` or extend it.
    public func objects(ofType type: String) -> [ObjectEntry] {
        typedObjects.filter { isA($0.neurodataType, type) }
    }
}

extension ObjectEntry {
    /// The attribute `name`'s value.
    public func attribute(_ name: String) -> JSONValue? {
        attributes?.first { $0.name == name }?.value
    }

    /// True when the attribute `name` is stored (whatever its value).
    public func hasAttribute(_ name: String) -> Bool {
        attributes?.contains { $0.name == name } ?? false
    }

    /// The last path component.
    public var name: String { path == "/" ? "root" : String(path.split(separator: "/").last ?? "") }

    /// Elements stored (the product of the shape; 1 for a scalar).
    public var elementCount: Int? { shape.map(\.saturatingProduct) }
}

extension JSONValue {
    /// The value as text: a string, or the single string of a one-element array.
    public var text: String? {
        switch self {
        case .string(let text): text
        case .array(let items) where items.count == 1: items[0].text
        default: nil
        }
    }

    /// The value as a number: a number, or the single number of a one-element array.
    public var number: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        case .unsigned(let value): Double(value)
        case .array(let items) where items.count == 1: items[0].number
        default: nil
        }
    }

    /// Every string of a string or an array of strings.
    public var texts: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let items): items.compactMap(\.text)
        default: []
        }
    }
}
