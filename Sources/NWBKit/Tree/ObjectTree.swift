import HDF5

/// Everything the walk saw in one HDF5 file: objects (each once, however many paths reach it),
/// the links between them, attributes and small values. Plain values: nothing here touches the file.
public struct ObjectTree: Sendable, Equatable {
    /// One group, dataset or committed datatype.
    public struct Node: Sendable, Equatable {
        /// The first path the walk reached the object by (depth-first, names in byte order).
        public var path: String
        public var kind: Object.Kind
        /// Address in the file; identity of the object.
        public var address: UInt64
        /// Other paths reaching the same object through hard links.
        public var aliases: [String]
        public var attributes: [Attribute]
        /// Type, shape, layout, chunks, filters and size, for datasets.
        public var dataset: DatasetInfo?
        /// The value, for small datasets the value policy chose to read.
        public var value: StoredValue?
        /// The links of a group, in byte order of their names (the walk sorts them if libhdf5 did not).
        public var children: [Child]
        /// Attributes the object has beyond those read (`WalkLimits.maxAttributesPerObject`).
        public var omittedAttributes = 0

        /// The link named `name`: a binary search over `children` (a group may hold 100,000 links,
        /// and interpretation looks names up for each of them).
        public func child(named name: some StringProtocol) -> Child? {
            var low = 0
            var high = children.count
            while low < high {
                let middle = (low + high) / 2
                let candidate = children[middle].name
                if candidate.utf8.elementsEqual(name.utf8) { return children[middle] }
                if candidate.utf8.lexicographicallyPrecedes(name.utf8) { low = middle + 1 } else { high = middle }
            }
            return nil
        }

        /// The attribute named `name`, if present.
        public func attribute(_ name: String) -> Attribute? {
            attributes.first { $0.name == name }
        }

        /// The last component of the path.
        public var name: String {
            path == "/" ? "/" : String(path[path.index(after: path.lastIndex(of: "/")!)...])
        }
    }

    /// A named link of a group.
    public struct Child: Sendable, Equatable {
        public var name: String
        public var target: Target
    }

    /// Where a link leads.
    public enum Target: Sendable, Equatable {
        /// A hard link to a node (by index into `nodes`).
        case node(Int)
        /// A soft link and the path it names; resolved with `resolve(_:)`.
        case softLink(String)
        /// An external link: never followed.
        case externalLink(file: String, path: String)
        /// A user-defined link class.
        case userDefined(Int)
        /// A hard link whose object could not be opened, with the reason.
        case unreadable(String)
    }

    /// Something in the file the walk could not read; the rest of the tree is still there.
    public struct Problem: Sendable, Equatable, Codable {
        public var path: String
        public var message: String
    }

    /// All objects; `nodes[0]` is the root group.
    public var nodes: [Node]
    /// What could not be read, in the order met.
    public var problems: [Problem]
    /// True when a limit (objects, depth) stopped the walk before the end.
    public var isIncomplete: Bool

    /// The root group.
    public var root: Node { nodes[0] }

    /// The node reached by `path`, following hard and soft links (not external ones); `nil` when
    /// the path does not resolve (a dangling link) or loops.
    public func resolve(_ path: String) -> Int? {
        resolve(path, depth: 0)
    }

    private func resolve(_ path: String, depth: Int) -> Int? {
        guard depth < 32, path.hasPrefix("/") else { return nil }
        var current = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            guard let child = nodes[current].child(named: component) else { return nil }
            switch child.target {
            case .node(let index): current = index
            case .softLink(let target):
                guard let index = resolve(target, depth: depth + 1) else { return nil }
                current = index
            default: return nil
            }
        }
        return current
    }

    /// The node a child link leads to, following soft links.
    public func node(for child: Child) -> Int? {
        switch child.target {
        case .node(let index): return index
        case .softLink(let target): return resolve(target)
        default: return nil
        }
    }

    /// The child named `name` of node `index`, resolved to a node.
    public func child(_ name: String, of index: Int) -> Int? {
        guard let child = nodes[index].child(named: name) else { return nil }
        return node(for: child)
    }

    /// Number of objects plus links that are not hard links to a new object (what h5ls lists).
    public var linkCount: Int {
        nodes.reduce(0) { $0 + $1.children.count }
    }
}
