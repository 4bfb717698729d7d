import HDF5

extension ObjectTree {
    /// How a reference whose target the walk did not reach (a walk limit stopped it first) is named.
    public static func unreached(_ address: UInt64) -> String {
        "object at address \(address), not reached by the walk"
    }

    /// Names every reference (read as `.objectAddress`) by the path the walk first reached its target
    /// by: one lookup in the walk's own address map, where `H5Rget_name` would search the whole file for
    /// each. A target the walk did not reach keeps its address, named by `unreached(_:)`.
    public mutating func resolveReferences() {
        func holdsReferences(_ type: DataType) -> Bool {
            switch type {
            case .reference, .variableLength(base: .reference): return true
            case .compound(_, let members): return members.contains { holdsReferences($0.type) }
            default: return false
            }
        }
        var holders: [(node: Int, attribute: Int?)] = []
        for (index, node) in nodes.enumerated() {
            for (position, attribute) in node.attributes.enumerated() where holdsReferences(attribute.type) {
                holders.append((index, position))
            }
            if let info = node.dataset, holdsReferences(info.type), node.value != nil { holders.append((index, nil)) }
        }
        guard !holders.isEmpty else { return }
        var pathByAddress: [UInt64: String] = [:]
        pathByAddress.reserveCapacity(nodes.count)
        for node in nodes where pathByAddress[node.address] == nil { pathByAddress[node.address] = node.path }
        func resolved(_ element: ScalarValue) -> ScalarValue {
            switch element {
            case .objectAddress(let address): return pathByAddress[address].map { .reference($0) } ?? element
            case .regionAddress(let address, let selection):
                return pathByAddress[address].map { .region($0, selection) } ?? element
            case .list(let items): return .list(items.map(resolved))
            case .record(let fields): return .record(fields.map { NamedValue(name: $0.name, value: resolved($0.value)) })
            default: return element
            }
        }
        func named(_ value: inout StoredValue) {
            for position in value.elements.indices { value.elements[position] = resolved(value.elements[position]) }
        }
        for holder in holders {
            if let attribute = holder.attribute {
                named(&nodes[holder.node].attributes[attribute].value)
            } else if var value = nodes[holder.node].value {
                nodes[holder.node].value = nil
                named(&value)
                nodes[holder.node].value = value
            }
        }
    }
}
