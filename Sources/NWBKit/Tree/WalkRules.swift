/// What a walk does with each hard link it pops, before reading the object: shared by `TreeWalker` and
/// `TreeMerge`, which replays the walk over a split walk's parts and must come to the same tree.
enum WalkRules {
    /// A link to an object met before becomes an alias of it. Returns true when it did.
    static func linkToSeen(
        _ address: UInt64, path: String, parent: Int, slot: Int, nodes: inout [ObjectTree.Node],
        indexByAddress: [UInt64: Int]
    ) -> Bool {
        guard let existing = indexByAddress[address] else { return false }
        nodes[existing].aliases.append(path)
        nodes[parent].children[slot].target = .node(existing)
        return true
    }

    /// At the object limit, the link is left unread (the first time, with a problem saying why).
    /// Returns true when it was.
    static func stopAtLimit(
        path: String, parent: Int, slot: Int, nodes: inout [ObjectTree.Node], problems: inout [ObjectTree.Problem],
        incomplete: inout Bool, limits: WalkLimits
    ) -> Bool {
        guard nodes.count >= limits.maxObjects else { return false }
        if !incomplete {
            problems.append(.init(path: path, message: "stopped after \(limits.maxObjects) objects (--max-objects)"))
        }
        incomplete = true
        nodes[parent].children[slot].target = .unreadable("not read: object limit reached")
        return true
    }
}
