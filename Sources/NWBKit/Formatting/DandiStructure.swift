import HDF5

/// The per-file structure text of the DANDI dataset-description document, and the
/// structural signature that groups files into types (see `shared/docs/DANDI.md`).
///
/// Depth-first from `/`, children in byte order, soft links followed and reported under the
/// link's path. Unlike the original, a link that leads back to one of its own ancestors is not
/// followed again, so a cycle never loops.
public enum DandiStructure {
    /// The summary lines (`Group …`, `Dataset …`, `key: value`); multi-line values span several lines.
    public static func lines(_ tree: ObjectTree) -> [String] { linesAndSignature(tree).lines }

    /// The signature: `PATH: neurodata_type` for every typed group and dataset, in walk order.
    public static func signature(_ tree: ObjectTree) -> [String] { linesAndSignature(tree).signature }

    /// Both, from one walk of the tree (they visit the same objects and read the same types).
    public static func linesAndSignature(_ tree: ObjectTree) -> (lines: [String], signature: [String]) {
        var output: [String] = []
        var signature: [String] = []
        visit(tree) { path, index, depth in
            let node = tree.nodes[index]
            let type = node.kind == .datatype ? nil : node.attribute("neurodata_type").map(attributeText)
            if let type { signature.append("\(path): \(type)") }
            switch node.kind {
            case .group:
                if let type {
                    output.append("Group \(path) (\(type)) \(description(node))")
                }
            case .dataset:
                if let type, let info = node.dataset {
                    let shape = DataType.tuple(info.space.dimensions)
                    output.append(
                        "Dataset \(path) (\(type)) \(description(node)) | shape = \(shape) | dtype = \(dtype(node, info))"
                    )
                }
                if depth == 1 || (depth == 2 && path.hasPrefix("/general/")) {
                    output.append("\(node.nameFromPath(path)): \(valueText(node))")
                }
            case .datatype:
                break
            }
        }
        guard output.contains(where: { $0.utf8.contains(UInt8(ascii: "\n")) }) else { return (output, signature) }
        return (output.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }, signature)
    }

    /// Walks the tree as h5py-through-lindi does: `body(path, nodeIndex, depth)` for each object reached.
    static func visit(_ tree: ObjectTree, _ body: (String, Int, Int) -> Void) {
        struct Frame {
            let index: Int
            let path: String
            let depth: Int
        }
        var stack = [Frame(index: 0, path: "/", depth: 0)]
        // The groups from the root down to the frame being visited (`ancestors[d]` at depth d):
        // depth-first, so the chain of a popped frame is the prefix up to its depth.
        var ancestors: [Int] = []
        var steps = 0
        while let frame = stack.popLast() {
            steps += 1
            if steps > 5_000_000 { break }
            body(frame.path, frame.index, frame.depth)
            guard tree.nodes[frame.index].kind == .group, frame.depth < 256 else { continue }
            ancestors.removeSubrange(min(frame.depth, ancestors.count)...)
            ancestors.append(frame.index)
            let base = frame.path == "/" ? "" : frame.path
            for child in tree.nodes[frame.index].children.reversed() {
                guard let target = tree.node(for: child), !ancestors.contains(target) else { continue }
                stack.append(Frame(index: target, path: base + "/" + child.name, depth: frame.depth + 1))
            }
        }
    }

    /// An attribute as lindi hands it to `str()`: byte strings decoded, arrays through numpy.
    static func attributeText(_ attribute: Attribute) -> String {
        NumpyText.format(attribute.value, type: attribute.type, bytesAsText: true)
    }

    static func description(_ node: ObjectTree.Node) -> String {
        node.attribute("description").map(attributeText) ?? ""
    }

    /// numpy's dtype, except that lindi reports a scalar variable-length string as `<U{length}`.
    static func dtype(_ node: ObjectTree.Node, _ info: DatasetInfo) -> String {
        if info.space.kind == .scalar, case .string(nil, _, _) = info.type {
            let length = node.value?.singleElement.map { $0.text.unicodeScalars.count } ?? 0
            return "<U\(max(1, length))"
        }
        return info.type.repackedNumpyDescription
    }

    /// `str(dataset[()])`.
    static func valueText(_ node: ObjectTree.Node) -> String {
        guard let info = node.dataset, let value = node.value, value.unreadReason == nil else {
            let count = node.dataset?.space.elementCount ?? 0
            return "<\(count) elements not read>"
        }
        return NumpyText.format(value, type: info.type)
    }
}

extension ObjectTree.Node {
    /// The last component of `path` (the path the object was reached by).
    func nameFromPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
