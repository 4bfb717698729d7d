import HDF5
import NWBSupport

/// The flat list of objects and links of a tree, depth-first in name order (as `h5ls -r` lists them).
enum ObjectListing {
    /// The entries of `tree`, each object's attributes and value moved out of the tree once listed
    /// (`types[i]` is node i's neurodata type).
    ///
    /// Two passes: the order (paths, links, aliases: cheap), then each object's entry (its attributes
    /// converted: the cost), by two threads when there are many. Each object is listed once, so the two
    /// threads touch different nodes and different entries.
    /// - Parameter threadMinimum: objects from which the entries are made by two threads.
    static func entries(taking tree: inout ObjectTree, types: [String?], threadMinimum: Int = 8192) -> [ObjectEntry] {
        var (entries, objects) = order(tree, types: types)
        entries.withUnsafeMutableBufferPointer { entryBuffer in
            tree.nodes.withUnsafeMutableBufferPointer { nodeBuffer in
                let shared = Buffers(entries: entryBuffer, nodes: nodeBuffer)
                guard objects.count >= threadMinimum else {
                    shared.fill(objects[...], types: types)
                    return
                }
                let half = objects.count / 2
                let secondHalf = objects[half...]
                let other = HandOff.onThread { shared.fill(secondHalf, types: types) }
                shared.fill(objects[..<half], types: types)
                _ = other.take()
            }
        }
        return entries
    }

    /// Where an object's entry goes in the list, and its node.
    struct ObjectSlot: Sendable {
        let position: Int
        let node: Int
    }

    /// The list and nodes, filled by two threads at different places.
    private struct Buffers: @unchecked Sendable {
        let entries: UnsafeMutableBufferPointer<ObjectEntry>
        let nodes: UnsafeMutableBufferPointer<ObjectTree.Node>

        /// Writes the entries of `slots`, taking each object's attributes and value out of its node.
        func fill(_ slots: ArraySlice<ObjectSlot>, types: [String?]) {
            for slot in slots {
                entries[slot.position] = ObjectListing.entry(
                    for: nodes[slot.node], path: entries[slot.position].path, type: types[slot.node])
                nodes[slot.node].attributes = []
                nodes[slot.node].value = nil
            }
        }
    }

    /// The list in its order, links and aliases complete, each object a placeholder (its path only) to
    /// be filled from the node its slot names.
    static func order(_ tree: ObjectTree, types: [String?]) -> (entries: [ObjectEntry], objects: [ObjectSlot]) {
        var entries: [ObjectEntry] = []
        var objects: [ObjectSlot] = []
        // One entry for the root and at most one per link.
        entries.reserveCapacity(1 + tree.linkCount)
        objects.reserveCapacity(tree.nodes.count)
        // Depth-first pre-order: each link is listed, then (for a group reached by its first path) its subtree.
        var stack: [(child: ObjectTree.Child?, path: String)] = [(nil, "/")]
        var listed = [Bool](repeating: false, count: tree.nodes.count)
        while let (child, path) = stack.popLast() {
            let target = child?.target ?? .node(0)
            switch target {
            case .node(let index):
                if tree.nodes[index].path == path {
                    if listed[index] {
                        // A damaged group can hold one name twice: listed again as the node is left then,
                        // its attributes and value taken by the first listing.
                        var taken = tree.nodes[index]
                        taken.attributes = []
                        taken.value = nil
                        entries.append(entry(for: taken, path: path, type: types[index]))
                        continue
                    }
                    listed[index] = true
                    objects.append(ObjectSlot(position: entries.count, node: index))
                    entries.append(ObjectEntry(kind: tree.nodes[index].kind.rawValue, path: path))
                    // Listed in full once only, so a group is expanded once only.
                    if tree.nodes[index].kind == .group {
                        let base = path == "/" ? "" : path
                        for next in tree.nodes[index].children.reversed() {
                            stack.append((next, base + "/" + next.name))
                        }
                    }
                } else {
                    var alias = ObjectEntry(kind: "hard_link", path: path)
                    alias.target = tree.nodes[index].path
                    alias.resolved = true
                    entries.append(alias)
                }
            case .softLink(let destination):
                var link = ObjectEntry(kind: "soft_link", path: path)
                link.target = destination
                link.resolved = tree.resolve(destination) != nil
                entries.append(link)
            case .externalLink(let file, let destination):
                var link = ObjectEntry(kind: "external_link", path: path)
                link.target = destination
                link.targetFile = file
                entries.append(link)
            case .userDefined(let linkClass):
                var link = ObjectEntry(kind: "user_defined_link", path: path)
                link.target = "link class \(linkClass)"
                entries.append(link)
            case .unreadable(let reason):
                var link = ObjectEntry(kind: "unreadable", path: path)
                link.description = reason
                entries.append(link)
            }
        }
        return (entries, objects)
    }

    /// Orders paths component by component, bytewise (a parent before its children).
    static func pathOrder(_ left: String, _ right: String) -> Bool {
        let a = left.split(separator: "/", omittingEmptySubsequences: true)
        let b = right.split(separator: "/", omittingEmptySubsequences: true)
        for (x, y) in zip(a, b) where x != y {
            return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        }
        return a.count < b.count
    }

    /// The entry of the object `node`, listed at `path`.
    static func entry(for node: ObjectTree.Node, path: String, type: String?) -> ObjectEntry {
        var entry = ObjectEntry(kind: node.kind.rawValue, path: path)
        entry.neurodataType = type
        entry.namespace = ObjectTree.text(of: node.attribute("namespace"))
        entry.objectID = ObjectTree.text(of: node.attribute("object_id"))
        entry.description = ObjectTree.text(of: node.attribute("description"))
        if let info = node.dataset {
            entry.shape = info.space.dimensions
            entry.maxShape = info.space.maxDimensions
            entry.dtype = info.type.numpyDescription
            // The structured form only where the numpy string does not say it all.
            switch info.type {
            case .integer, .float, .string, .reference, .bitfield: break
            default: entry.type = info.type
            }
            entry.layout = info.layout.rawValue
            entry.chunks = info.chunkShape
            entry.filters = info.filters
            entry.storedBytes = info.storedBytes
            // External file names are metadata however many there are (as many as the walk read: 4,096).
            let isFileList = path.hasSuffix("/external_file")
            if let value = node.value, value.unreadReason == nil, !value.isTruncated,
                value.totalCount <= ObjectEntry.maxListedElements || isFileList, !path.hasPrefix("/specifications/")
            {
                entry.value = JSONValue(value)
            }
        }
        if !node.aliases.isEmpty { entry.aliases = node.aliases }
        if !node.attributes.isEmpty {
            entry.attributes = node.attributes.map { attribute in
                AttributeEntry(
                    name: attribute.name, dtype: attribute.type.numpyDescription, shape: attribute.space.dimensions,
                    value: attribute.value.unreadReason == nil ? JSONValue(attribute.value) : nil,
                    totalCount: attribute.value.isTruncated ? attribute.value.totalCount : nil,
                    unread: attribute.value.unreadReason)
            }
        }
        return entry
    }
}

extension ObjectEntry {
    /// An entry with only its kind and path set.
    public init(kind: String, path: String) {
        self.init(
            kind: kind, path: path, neurodataType: nil, namespace: nil, objectID: nil, description: nil, shape: nil,
            maxShape: nil, dtype: nil, type: nil, layout: nil, chunks: nil, filters: nil, storedBytes: nil, target: nil,
            targetFile: nil, resolved: nil, aliases: nil, attributes: nil, value: nil)
    }
}
