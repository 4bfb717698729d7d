import HDF5

/// The flat list of objects and links of a tree, depth-first in name order (as `h5ls -r` lists them).
enum ObjectListing {
    static func entries(_ tree: ObjectTree, interpreter: NWBInterpreter) -> [ObjectEntry] {
        var entries: [ObjectEntry] = [entry(for: 0, path: "/", tree: tree, interpreter: interpreter)]
        var stack: [(index: Int, path: String)] = [(0, "/")]
        var expanded = Set<Int>([0])
        while let (index, path) = stack.popLast() {
            let base = path == "/" ? "" : path
            var groups: [(Int, String)] = []
            let children = tree.nodes[index].children.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
            var local: [ObjectEntry] = []
            for child in children {
                let childPath = base + "/" + child.name
                switch child.target {
                case .node(let target):
                    if tree.nodes[target].path == childPath {
                        local.append(entry(for: target, path: childPath, tree: tree, interpreter: interpreter))
                        if tree.nodes[target].kind == .group, expanded.insert(target).inserted { groups.append((target, childPath)) }
                    } else {
                        var alias = ObjectEntry(kind: "hard_link", path: childPath)
                        alias.target = tree.nodes[target].path
                        alias.resolved = true
                        local.append(alias)
                    }
                case .softLink(let target):
                    var link = ObjectEntry(kind: "soft_link", path: childPath)
                    link.target = target
                    link.resolved = tree.resolve(target) != nil
                    local.append(link)
                case .externalLink(let file, let target):
                    var link = ObjectEntry(kind: "external_link", path: childPath)
                    link.target = target
                    link.targetFile = file
                    local.append(link)
                case .userDefined(let linkClass):
                    var link = ObjectEntry(kind: "user_defined_link", path: childPath)
                    link.target = "link class \(linkClass)"
                    local.append(link)
                case .unreadable(let reason):
                    var link = ObjectEntry(kind: "unreadable", path: childPath)
                    link.description = reason
                    local.append(link)
                }
            }
            // Depth-first: a group's listing is followed by its subtree before its next sibling.
            entries.append(contentsOf: local)
            stack.append(contentsOf: groups.reversed().map { (index: $0.0, path: $0.1) })
        }
        return entries.sorted { pathOrder($0.path, $1.path) }
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

    static func entry(for index: Int, path: String, tree: ObjectTree, interpreter: NWBInterpreter) -> ObjectEntry {
        let node = tree.nodes[index]
        var entry = ObjectEntry(kind: node.kind.rawValue, path: path)
        entry.neurodataType = interpreter.neurodataType(index)
        entry.namespace = tree.attributeText(index, "namespace")
        entry.objectID = tree.attributeText(index, "object_id")
        entry.description = tree.attributeText(index, "description")
        if let info = node.dataset {
            entry.shape = info.space.dimensions
            entry.maxShape = info.space.maxDimensions
            entry.dtype = info.type.numpyDescription
            entry.type = info.type
            entry.layout = info.layout.rawValue
            entry.chunks = info.chunkShape
            entry.filters = info.filters
            entry.storedBytes = info.storedBytes
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
    init(kind: String, path: String) {
        self.init(
            kind: kind, path: path, neurodataType: nil, namespace: nil, objectID: nil, description: nil, shape: nil,
            maxShape: nil, dtype: nil, type: nil, layout: nil, chunks: nil, filters: nil, storedBytes: nil, target: nil,
            targetFile: nil, resolved: nil, aliases: nil, attributes: nil)
    }
}
