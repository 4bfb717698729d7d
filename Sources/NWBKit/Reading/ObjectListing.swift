import HDF5

/// The flat list of objects and links of a tree, depth-first in name order (as `h5ls -r` lists them).
enum ObjectListing {
    /// The entries of `tree`, each object's attributes and value moved out of the tree once listed
    /// (`types[i]` is node i's neurodata type).
    static func entries(taking tree: inout ObjectTree, types: [String?]) -> [ObjectEntry] {
        var entries: [ObjectEntry] = []
        // One entry for the root and at most one per link.
        entries.reserveCapacity(1 + tree.linkCount)
        // Depth-first pre-order: each link is listed, then (for a group reached by its first path) its subtree.
        var stack: [(child: ObjectTree.Child?, path: String)] = [(nil, "/")]
        var expanded = Set<Int>()
        while let (child, path) = stack.popLast() {
            let target = child?.target ?? .node(0)
            switch target {
            case .node(let index):
                if tree.nodes[index].path == path {
                    entries.append(entry(for: index, path: path, tree: tree, type: types[index]))
                    tree.nodes[index].attributes = []
                    tree.nodes[index].value = nil
                    if tree.nodes[index].kind == .group, expanded.insert(index).inserted {
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
        return entries
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

    static func entry(for index: Int, path: String, tree: ObjectTree, type: String?) -> ObjectEntry {
        let node = tree.nodes[index]
        var entry = ObjectEntry(kind: node.kind.rawValue, path: path)
        entry.neurodataType = type
        entry.namespace = tree.attributeText(index, "namespace")
        entry.objectID = tree.attributeText(index, "object_id")
        entry.description = tree.attributeText(index, "description")
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
