/// Puts the parts of a split walk back together into the tree one whole walk makes: it replays the
/// walk's depth-first order over the parts' nodes (each object from the part that read it), so node
/// order, hard-link aliases (an object reached from two parts is one node), problems and limits come
/// out exactly as the whole walk's. Returns `nil` when the parts cannot say what the whole walk would
/// have (a part stopped by the object limit, an object a part could not open, parts that disagree):
/// the caller then walks the file whole.
public enum TreeMerge {
    /// The parts are consumed: each object's attributes and value move into the merged tree (a
    /// 100,000-object file's attributes are not held by parts and tree at once).
    public static func merge(_ parts: consuming [PartialTree], limits: WalkLimits) -> ObjectTree? {
        var merger = Merger(parts: parts, limits: limits)
        let tree = merger.run()
        BackgroundRelease.release(merger)
        return tree
    }
}

private struct Merger {
    var parts: [PartialTree]
    let limits: WalkLimits
    /// Per part: the problems met at each path, in the order met.
    var problemsByPath: [[String: [ObjectTree.Problem]]] = []
    /// Per part: the node index of each dealt group, by path.
    var dealtByPath: [[String: Int]] = []

    var nodes: [ObjectTree.Node] = []
    var problems: [ObjectTree.Problem] = []
    var incomplete = false
    var indexByAddress: [UInt64: Int] = [:]
    var stack: [Pending] = []

    struct Pending {
        let parentIndex: Int
        let childSlot: Int
        let path: String
        let depth: Int
        /// Where the object's node is: part and index in that part's tree.
        let part: Int
        let source: Int
    }

    init(parts: consuming [PartialTree], limits: WalkLimits) {
        self.parts = parts
        self.limits = limits
    }

    mutating func run() -> ObjectTree? {
        guard let first = parts.first, parts.count == first.part.count else { return nil }
        for (position, part) in parts.enumerated() {
            guard part.part.index == position, part.part.count == first.part.count,
                part.part.minimumFanOut == first.part.minimumFanOut, !part.tree.nodes.isEmpty,
                // A part at the object limit may have stopped before objects the whole walk reads.
                part.tree.nodes.count < limits.maxObjects
            else { return nil }
            var byPath: [String: [ObjectTree.Problem]] = [:]
            for problem in part.tree.problems { byPath[problem.path, default: []].append(problem) }
            problemsByPath.append(byPath)
            var dealt: [String: Int] = [:]
            for index in part.dealtGroups where part.tree.nodes.indices.contains(index) {
                dealt[part.tree.nodes[index].path] = index
            }
            dealtByPath.append(dealt)
        }
        nodes.reserveCapacity(parts.reduce(0) { $0 + $1.tree.nodes.count })

        var root = parts[0].tree.nodes[0]
        root.aliases = []
        root.children = []
        nodes.append(root)
        indexByAddress[root.address] = 0
        problems += problemsByPath[0]["/"] ?? []
        guard expand(index: 0, part: 0, source: 0, depth: 0) else { return nil }

        while let pending = stack.popLast() {
            let source = parts[pending.part].tree.nodes[pending.source]
            if WalkRules.linkToSeen(
                source.address, path: pending.path, parent: pending.parentIndex, slot: pending.childSlot, nodes: &nodes,
                indexByAddress: indexByAddress)
            {
                continue
            }
            // A part lists an object under its first path in that part, which the whole walk meets first too.
            guard source.path == pending.path else { return nil }
            if WalkRules.stopAtLimit(
                path: pending.path, parent: pending.parentIndex, slot: pending.childSlot, nodes: &nodes,
                problems: &problems, incomplete: &incomplete, limits: limits)
            {
                continue
            }
            let index = nodes.count
            indexByAddress[source.address] = index
            problems += problemsByPath[pending.part][pending.path] ?? []
            var node = source
            node.aliases = []
            node.children = []
            // Moved, not shared: the part keeps its links (a group's children are read in `expand`).
            parts[pending.part].tree.nodes[pending.source].attributes = []
            parts[pending.part].tree.nodes[pending.source].value = nil
            parts[pending.part].tree.nodes[pending.source].dataset = nil
            nodes.append(node)
            nodes[pending.parentIndex].children[pending.childSlot].target = .node(index)
            if node.kind == .group {
                if pending.depth + 1 > limits.maxDepth {
                    incomplete = true
                    continue
                }
                guard expand(index: index, part: pending.part, source: pending.source, depth: pending.depth + 1) else {
                    return nil
                }
            }
        }
        var tree = ObjectTree(nodes: nodes, problems: problems, isIncomplete: incomplete)
        tree.resolveReferences()
        return tree
    }

    /// The group's links from its part; each hard link's object from the part it was dealt to.
    private mutating func expand(index: Int, part: Int, source: Int, depth: Int) -> Bool {
        let group = parts[part].tree.nodes[source]
        let owners: [Int]? = dealtByPath[part][group.path] != nil ? dealtByPath.map { $0[group.path] ?? -1 } : nil
        let base = group.path == "/" ? "" : group.path
        var children = group.children
        var queued: [Pending] = []
        var hardLinkNumber = 0
        for slot in children.indices {
            switch children[slot].target {
            case .node, .unreadable:
                var ownerPart = part
                var ownerSource = source
                if let owners {
                    ownerPart = WalkPart.owner(ofHardLink: hardLinkNumber, count: parts.count)
                    ownerSource = owners[ownerPart]
                    guard ownerSource >= 0 else { return false }
                }
                hardLinkNumber += 1
                let ownerChildren = parts[ownerPart].tree.nodes[ownerSource].children
                guard slot < ownerChildren.count, ownerChildren[slot].name == children[slot].name,
                    case .node(let target) = ownerChildren[slot].target
                else { return false }
                children[slot].target = .unreadable("not visited")
                queued.append(
                    Pending(
                        parentIndex: index, childSlot: slot, path: base + "/" + children[slot].name, depth: depth,
                        part: ownerPart, source: target))
            default:
                continue
            }
        }
        nodes[index].children = children
        stack.append(contentsOf: queued.reversed())
        return true
    }
}
