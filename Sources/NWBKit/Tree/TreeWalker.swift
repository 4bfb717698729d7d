import HDF5

/// Limits that hold whatever a file says about itself.
public struct WalkLimits: Sendable, Equatable {
    /// Objects read before the walk stops (the tree is then marked incomplete).
    public var maxObjects: Int
    /// Deepest path (in components) descended into.
    public var maxDepth: Int
    /// Links listed per group.
    public var maxLinksPerGroup: Int
    /// Attribute values kept per attribute.
    public var attributeValues: ValueLimits

    public init(
        maxObjects: Int = 1_000_000, maxDepth: Int = 256, maxLinksPerGroup: Int = 1_000_000,
        attributeValues: ValueLimits = .attributes
    ) {
        self.maxObjects = maxObjects
        self.maxDepth = maxDepth
        self.maxLinksPerGroup = maxLinksPerGroup
        self.attributeValues = attributeValues
    }

    public static let standard = WalkLimits()
}

/// Decides which datasets' values the walk reads (never bulk data).
public struct ValuePolicy: Sendable {
    /// Returns limits to read the dataset at `path` with `info`, or `nil` to leave its value unread.
    public var limits: @Sendable (_ path: String, _ info: DatasetInfo) -> ValueLimits?

    public init(limits: @escaping @Sendable (_ path: String, _ info: DatasetInfo) -> ValueLimits?) {
        self.limits = limits
    }

    /// NWB metadata: scalars, string arrays up to 4,096 elements (e.g. electrode locations),
    /// references up to 1,024 (e.g. electrode groups); numeric arrays up to 64 elements only directly
    /// under `/` and `/general` (where the DANDI document prints them), and the columns of
    /// `/intervals/epochs` up to 4,096 rows; 1 MiB at most.
    public static let metadata = ValuePolicy { path, info in
        let count = info.space.elementCount
        if info.space.kind == .scalar { return ValueLimits(maxElements: 1, maxBytes: 1 << 20) }
        switch info.type {
        case .string:
            return count <= 4096 ? ValueLimits(maxElements: 4096, maxBytes: 1 << 20) : nil
        case .reference:
            return count <= 1024 ? ValueLimits(maxElements: 1024, maxBytes: 1 << 20) : nil
        case .integer, .float, .enumeration, .bitfield:
            // The epochs table is session metadata (when the session's parts begin and end): up to 4,096 rows.
            if path.hasPrefix("/intervals/epochs/"), info.space.dimensions.count == 1, count <= 4096 {
                return ValueLimits(maxElements: 4096, maxBytes: 1 << 16)
            }
            let slashes = path.utf8.lazy.filter { $0 == UInt8(ascii: "/") }.count
            let isMetadata = slashes == 1 || (slashes == 2 && path.hasPrefix("/general/"))
            return isMetadata && count <= 64 ? ValueLimits(maxElements: 64, maxBytes: 1 << 16) : nil
        default:
            return nil
        }
    }

    /// Reads no dataset values at all.
    public static let none = ValuePolicy { _, _ in nil }
}

/// Walks an HDF5 file into an `ObjectTree`: every object once, metadata only.
public enum TreeWalker {
    private struct Pending {
        let parent: Object
        let parentIndex: Int
        let childSlot: Int
        let name: String
        let path: String
        let depth: Int
        let address: UInt64
    }

    /// Walks the whole file depth-first, names in byte order, iteratively (no recursion to overflow).
    public static func walk(_ file: File, limits: WalkLimits = .standard, values: ValuePolicy = .metadata) throws -> ObjectTree {
        let root = try file.root()
        var problems: [ObjectTree.Problem] = []
        var incomplete = false
        let rootAttributes = root.attributes(limits: limits.attributeValues)
        if let error = rootAttributes.error { problems.append(.init(path: "/", message: error.message)) }
        var nodes = [
            ObjectTree.Node(
                path: "/", kind: root.kind, address: root.address, aliases: [], attributes: rootAttributes.attributes,
                dataset: nil, value: nil, children: [])
        ]
        var indexByAddress: [UInt64: Int] = [root.address: 0]
        var stack: [Pending] = []
        expand(root, index: 0, depth: 0, nodes: &nodes, stack: &stack, problems: &problems, limits: limits)

        while let pending = stack.popLast() {
            let address = pending.address
            if let existing = indexByAddress[address] {
                nodes[existing].aliases.append(pending.path)
                nodes[pending.parentIndex].children[pending.childSlot].target = .node(existing)
                continue
            }
            if nodes.count >= limits.maxObjects {
                if !incomplete {
                    problems.append(
                        .init(path: pending.path, message: "stopped after \(limits.maxObjects) objects (--max-objects)"))
                }
                incomplete = true
                nodes[pending.parentIndex].children[pending.childSlot].target = .unreadable("not read: object limit reached")
                continue
            }
            let object: Object
            do {
                object = try pending.parent.openChild(pending.name, path: pending.path, address: address)
            } catch let error as HDF5Error {
                problems.append(.init(path: pending.path, message: error.message))
                nodes[pending.parentIndex].children[pending.childSlot].target = .unreadable(error.message)
                continue
            }
            let index = nodes.count
            indexByAddress[address] = index
            if object.address != address { indexByAddress[object.address] = index }
            let attributes = object.attributes(limits: limits.attributeValues)
            if let error = attributes.error { problems.append(.init(path: pending.path, message: error.message)) }
            var node = ObjectTree.Node(
                path: pending.path, kind: object.kind, address: object.address, aliases: [],
                attributes: attributes.attributes, dataset: nil, value: nil, children: [])
            if object.kind == .dataset {
                do {
                    let (info, value) = try object.datasetInfo { values.limits(pending.path, $0) }
                    node.dataset = info
                    node.value = value
                } catch let error as HDF5Error {
                    problems.append(.init(path: pending.path, message: error.message))
                }
            }
            nodes.append(node)
            nodes[pending.parentIndex].children[pending.childSlot].target = .node(index)
            if object.kind == .group {
                if pending.depth + 1 > limits.maxDepth {
                    problems.append(.init(path: pending.path, message: "not descended: deeper than \(limits.maxDepth) levels"))
                    incomplete = true
                    continue
                }
                expand(
                    object, index: index, depth: pending.depth + 1, nodes: &nodes, stack: &stack, problems: &problems,
                    limits: limits)
            }
        }
        return ObjectTree(nodes: nodes, problems: problems, isIncomplete: incomplete)
    }

    /// Lists a group's links into its node and queues its hard links (reversed, so they pop in name order).
    private static func expand(
        _ group: Object, index: Int, depth: Int, nodes: inout [ObjectTree.Node], stack: inout [Pending],
        problems: inout [ObjectTree.Problem], limits: WalkLimits
    ) {
        let listing = group.links(limit: limits.maxLinksPerGroup)
        if let error = listing.error { problems.append(.init(path: nodes[index].path, message: error.message)) }
        let base = nodes[index].path == "/" ? "" : nodes[index].path
        // libhdf5's name index gives byte order; a damaged group might not, and lookups rely on it.
        var links = listing.links
        if zip(links, links.dropFirst()).contains(where: { !$0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            links.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        var children: [ObjectTree.Child] = []
        children.reserveCapacity(links.count)
        var queued: [Pending] = []
        for link in links {
            let path = base + "/" + link.name
            switch link.target {
            case .hard(let address):
                children.append(.init(name: link.name, target: .unreadable("not visited")))
                queued.append(
                    Pending(
                        parent: group, parentIndex: index, childSlot: children.count - 1, name: link.name, path: path,
                        depth: depth, address: address))
            case .soft(let target):
                children.append(.init(name: link.name, target: .softLink(target)))
            case .external(let file, let target):
                children.append(.init(name: link.name, target: .externalLink(file: file, path: target)))
            case .userDefined(let linkClass):
                children.append(.init(name: link.name, target: .userDefined(linkClass)))
            }
        }
        nodes[index].children = children
        stack.append(contentsOf: queued.reversed())
    }
}
