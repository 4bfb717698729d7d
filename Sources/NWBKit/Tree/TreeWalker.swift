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
    /// Attributes read per object; past it, NWB's own attributes (`priorityAttributes`) are read first and
    /// the rest in name order up to the cap, and the object's node says how many were left.
    public var maxAttributesPerObject = 10_000
    /// Variable-length text kept from one file's attributes and values together (each value keeps at most
    /// its own `maxBytes`); once spent, later text values keep nothing and a problem says so.
    public var maxTextBytesPerFile = 64 << 20
    /// The attributes NWB reads an object by, read first when an object has more than the cap.
    public static let priorityAttributes = [
        "neurodata_type", "namespace", "object_id", "description", "comments", "unit", "conversion", "resolution",
        "offset", "rate", "nwb_version", "colnames", "help", "timestamps_reference_time",
    ]

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

/// One of the parts a large file's walk is split into, each walked by its own process (`TreeMerge`
/// puts them together). Objects reached only through groups every part walks are "shared" and walked by
/// all; the hard links of a shared group with at least `minimumFanOut` of them are dealt out in turns
/// (`owner(ofHardLink:count:)`), and each part walks only the subtrees dealt to it.
public struct WalkPart: Sendable, Equatable {
    /// This part, from 0.
    public var index: Int
    public var count: Int
    /// Hard links a shared group needs to be dealt out.
    public var minimumFanOut: Int

    public init(index: Int, count: Int, minimumFanOut: Int = 64) {
        self.index = index
        self.count = count
        self.minimumFanOut = max(1, minimumFanOut)
    }

    /// Marks, in a part, a hard link dealt to another part.
    public static let elsewhere = "walked by another part"

    /// The part the `number`-th hard link of a dealt group goes to: in turns of 12 per part, 13 for part 0.
    /// Part 0 is walked by the worker itself; the others by helpers, whose parts must also be written
    /// out and read back (about 0.25 s at 100,000 objects), so part 0 takes a little more: 13 of 25 links
    /// with 2 parts. (7 of 13 left the helper idle for half a second at 100,000 objects: 3.83 -> 3.70 s,
    /// 9 rounds taking turns.)
    public static func owner(ofHardLink number: Int, count: Int) -> Int {
        guard count > 1 else { return 0 }
        let turn = number % (12 * count + 1)
        return turn < 13 ? 0 : 1 + (turn - 13) / 12
    }
}

/// What one part of a split walk saw: a tree whose links dealt to other parts lead to
/// `.unreadable(WalkPart.elsewhere)`, and which groups were dealt out.
public struct PartialTree: Sendable {
    public var part: WalkPart
    public var tree: ObjectTree
    /// Indices (in `tree.nodes`) of the shared groups whose hard links were dealt out.
    public var dealtGroups: [Int]

    public init(part: WalkPart, tree: ObjectTree, dealtGroups: [Int]) {
        self.part = part
        self.tree = tree
        self.dealtGroups = dealtGroups
    }
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
        /// Reached only through groups every part walks (always true in a whole walk).
        let shared: Bool
    }

    /// Walks the whole file depth-first, names in byte order, iteratively (no recursion to overflow).
    public static func walk(_ file: File, limits: WalkLimits = .standard, values: ValuePolicy = .metadata) throws -> ObjectTree {
        var tree = try walk(file, limits: limits, values: values, part: nil).tree
        tree.resolveReferences()
        return tree
    }

    /// Walks one part of the file (see `WalkPart`); its references stay unnamed until the parts are merged.
    public static func walk(_ file: File, part: WalkPart, limits: WalkLimits = .standard, values: ValuePolicy = .metadata)
        throws -> PartialTree
    {
        try walk(file, limits: limits, values: values, part: part)
    }

    private static func walk(_ file: File, limits: WalkLimits, values: ValuePolicy, part: WalkPart?) throws -> PartialTree {
        var dealtGroups: [Int] = []
        let root = try file.root()
        var problems: [ObjectTree.Problem] = []
        var incomplete = false
        var text = TextAllowance(remaining: limits.maxTextBytesPerFile)
        let rootAttributes = readAttributes(of: root, path: "/", limits: limits, text: &text, problems: &problems)
        var nodes = [
            ObjectTree.Node(
                path: "/", kind: root.kind, address: root.address, aliases: [], attributes: rootAttributes.attributes,
                dataset: nil, value: nil, children: [], omittedAttributes: rootAttributes.omitted)
        ]
        var indexByAddress: [UInt64: Int] = [root.address: 0]
        var stack: [Pending] = []
        expand(
            root, index: 0, depth: 0, shared: true, part: part, nodes: &nodes, stack: &stack, problems: &problems,
            dealtGroups: &dealtGroups, limits: limits)

        while let pending = stack.popLast() {
            let address = pending.address
            if WalkRules.linkToSeen(
                address, path: pending.path, parent: pending.parentIndex, slot: pending.childSlot, nodes: &nodes,
                indexByAddress: indexByAddress)
                || WalkRules.stopAtLimit(
                    path: pending.path, parent: pending.parentIndex, slot: pending.childSlot, nodes: &nodes,
                    problems: &problems, incomplete: &incomplete, limits: limits)
            {
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
            let attributes = readAttributes(of: object, path: pending.path, limits: limits, text: &text, problems: &problems)
            var node = ObjectTree.Node(
                path: pending.path, kind: object.kind, address: object.address, aliases: [],
                attributes: attributes.attributes, dataset: nil, value: nil, children: [], omittedAttributes: attributes.omitted)
            if object.kind == .dataset {
                do {
                    let (info, value) = try object.datasetInfo { info in
                        values.limits(pending.path, info).map { text.bound($0) }
                    }
                    node.dataset = info
                    node.value = value
                    if let value {
                        var bytes = 0
                        for case .string(let string) in value.elements { bytes += string.utf8.count }
                        if value.droppedTextBytes > 0 {
                            text.recordCut(of: value, path: pending.path, what: "value", problems: &problems)
                        }
                        text.take(bytes, cut: value.droppedTextBytes > 0, path: pending.path, problems: &problems)
                    }
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
                    object, index: index, depth: pending.depth + 1, shared: pending.shared, part: part, nodes: &nodes,
                    stack: &stack, problems: &problems, dealtGroups: &dealtGroups, limits: limits)
            }
        }
        return PartialTree(
            part: part ?? WalkPart(index: 0, count: 1),
            tree: ObjectTree(nodes: nodes, problems: problems, isIncomplete: incomplete),
            dealtGroups: dealtGroups)
    }

    /// An object's attributes within the limits; a listing error, and attributes left unread by the cap,
    /// are recorded as problems.
    private static func readAttributes(
        of object: Object, path: String, limits: WalkLimits, text: inout TextAllowance, problems: inout [ObjectTree.Problem]
    ) -> AttributeSet {
        let set = object.attributeSet(
            limits: limits.attributeValues, maxCount: limits.maxAttributesPerObject, priority: WalkLimits.priorityAttributes,
            textAllowance: max(0, text.remaining))
        if let error = set.error { problems.append(.init(path: path, message: error.message)) }
        for attribute in set.attributes where attribute.value.droppedTextBytes > 0 {
            text.recordCut(of: attribute.value, path: path, what: "attribute \(attribute.name)", problems: &problems)
        }
        text.take(set.textBytes, cut: set.attributes.contains { $0.value.droppedTextBytes > 0 }, path: path, problems: &problems)
        if set.omitted > 0 {
            problems.append(
                .init(
                    path: path,
                    message:
                        "\(set.omitted) of \(set.total) attributes not read (more than \(limits.maxAttributesPerObject) on one object)"
                ))
        }
        return set
    }

    /// Lists a group's links into its node and queues its hard links (reversed, so they pop in name order);
    /// in a part, only those of its own (a shared group with enough hard links deals them out).
    private static func expand(
        _ group: Object, index: Int, depth: Int, shared: Bool, part: WalkPart?, nodes: inout [ObjectTree.Node],
        stack: inout [Pending], problems: inout [ObjectTree.Problem], dealtGroups: inout [Int], limits: WalkLimits
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
        var dealt = false
        if let part, shared {
            var hardLinks = 0
            for link in links { if case .hard = link.target { hardLinks += 1 } }
            dealt = hardLinks >= part.minimumFanOut
            if dealt { dealtGroups.append(index) }
        }
        var hardLinkNumber = 0
        for link in links {
            let path = base + "/" + link.name
            switch link.target {
            case .hard(let address):
                defer { hardLinkNumber += 1 }
                if dealt, let part, WalkPart.owner(ofHardLink: hardLinkNumber, count: part.count) != part.index {
                    children.append(.init(name: link.name, target: .unreadable(WalkPart.elsewhere)))
                    continue
                }
                children.append(.init(name: link.name, target: .unreadable("not visited")))
                queued.append(
                    Pending(
                        parent: group, parentIndex: index, childSlot: children.count - 1, name: link.name, path: path,
                        depth: depth, address: address, shared: shared && !dealt))
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

/// The variable-length text a file's walk may still keep (`WalkLimits.maxTextBytesPerFile`).
struct TextAllowance {
    var remaining: Int
    private var saidSpent = false

    init(remaining: Int) { self.remaining = remaining }

    /// `limits` with no more text than remains.
    func bound(_ limits: ValueLimits) -> ValueLimits {
        var bounded = limits
        bounded.maxTextBytes = min(limits.maxTextBytes, max(remaining, 0))
        return bounded
    }

    /// Records a value whose text was cut.
    func recordCut(of value: StoredValue, path: String, what: String, problems: inout [ObjectTree.Problem]) {
        problems.append(
            .init(
                path: path,
                message:
                    "\(what): \(value.droppedTextBytes) bytes of text not kept (\(value.elements.count) of \(value.totalCount) elements kept)"
            ))
    }

    /// Takes `bytes` of kept text from what remains, and records the moment the file's allowance is spent.
    mutating func take(_ bytes: Int, cut: Bool, path: String, problems: inout [ObjectTree.Problem]) {
        remaining -= bytes
        if remaining <= 0 && !saidSpent && (bytes > 0 || cut) {
            saidSpent = true
            problems.append(
                .init(path: path, message: "the file's allowance for text values is spent: later text values are cut"))
        }
    }
}
