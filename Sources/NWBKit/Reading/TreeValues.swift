import HDF5

/// Convenience readers over an `ObjectTree`: text and numbers of attributes and small datasets,
/// accepting the shapes real writers use (scalars, 1-element arrays, fixed or variable strings).
extension ObjectTree {
    /// The node at `path`, following soft links.
    public func node(at path: String) -> Node? {
        resolve(path).map { nodes[$0] }
    }

    /// An attribute's value as one text, when it holds exactly one element (MatNWB stores 1-element arrays).
    public static func text(of attribute: Attribute?) -> String? {
        guard let attribute, let element = attribute.value.singleElement else { return nil }
        return element.text
    }

    /// The text of attribute `name` on the node at `index`.
    public func attributeText(_ index: Int, _ name: String) -> String? {
        Self.text(of: nodes[index].attribute(name))
    }

    /// The value of a dataset as one text, when it holds one element.
    public func datasetText(_ path: String) -> String? {
        guard let node = node(at: path), node.kind == .dataset else { return nil }
        return node.value?.singleElement?.text
    }

    /// All elements of a small dataset as texts (string lists), or of a scalar as one text.
    public func datasetTexts(_ path: String) -> [String]? {
        guard let node = node(at: path), node.kind == .dataset, let value = node.value, value.unreadReason == nil,
            !value.isTruncated
        else { return nil }
        return value.texts
    }

    /// The value of a numeric scalar (or 1-element) dataset; `nil` for NaN (writers store it for "unknown").
    public func datasetNumber(_ path: String) -> Double? {
        guard let node = node(at: path), node.kind == .dataset, let element = node.value?.singleElement else { return nil }
        let number: Double?
        switch element {
        case .float(let value): number = value
        case .integer(let value): number = Double(value)
        case .unsigned(let value): number = Double(value)
        case .string(let text): number = Double(text)
        case .bytes(let bytes): number = Double(String(decoding: bytes, as: UTF8.self))
        default: number = nil
        }
        return number.flatMap { $0.isNaN ? nil : $0 }
    }

    /// The length of the first dimension of the dataset at `path`.
    public func rowCount(_ path: String) -> Int? {
        guard let node = node(at: path), let info = node.dataset else { return nil }
        return info.space.kind == .scalar ? 1 : info.space.dimensions.first
    }

    /// The path a child link named `name` of the node at `path` points to (soft-link target or hard path).
    public func linkTarget(_ path: String, child name: String) -> String? {
        guard let index = resolve(path), let child = nodes[index].child(named: name) else {
            return nil
        }
        switch child.target {
        case .softLink(let target): return target
        case .node(let target): return nodes[target].path
        case .externalLink(let file, let target): return "\(file):\(target)"
        default: return nil
        }
    }
}
