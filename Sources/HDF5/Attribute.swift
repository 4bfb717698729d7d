import CHDF5

/// An attribute: its name, type, shape and (small) value.
public struct Attribute: Sendable, Equatable {
    public var name: String
    public var type: DataType
    public var space: Dataspace
    public var value: StoredValue

    public init(name: String, type: DataType, space: Dataspace, value: StoredValue) {
        self.name = name
        self.type = type
        self.space = space
        self.value = value
    }
}

/// The attributes read from one object.
public struct AttributeSet: Sendable {
    /// The attributes read, in name order.
    public var attributes: [Attribute]
    /// Why listing the attributes failed part-way, if it did.
    public var error: HDF5Error?
    /// How many attributes the object has (more than `attributes.count` when the cap left some unread).
    public var total: Int
    /// Bytes of variable-length text the attributes kept, all together.
    public var textBytes: Int

    /// Attributes the cap left unread.
    public var omitted: Int { max(0, total - attributes.count) }
}

extension Object {
    /// Every attribute of this object in name order, values read within `limits`.
    /// Attributes libhdf5 cannot read are returned with the reason in `value.unreadReason`.
    public func attributes(limits: ValueLimits = .attributes, maxCount: Int = 10_000) -> (
        attributes: [Attribute], error: HDF5Error?
    ) {
        let set = attributeSet(limits: limits, maxCount: maxCount)
        return (set.attributes, set.error)
    }

    /// The object's attributes in name order, at most `maxCount` of them: when it has more, those named in
    /// `priority` that it has come first (so a type attribute past the cap is still read), then the others
    /// in name order up to the cap; `total` says how many there are. All the attributes together keep at
    /// most `textAllowance` bytes of variable-length text.
    public func attributeSet(
        limits: ValueLimits = .attributes, maxCount: Int = 10_000, priority: [String] = [], textAllowance: Int = .max
    ) -> AttributeSet {
        final class Names {
            var names: [String] = []
            var limit = 0
            /// Set when an attribute was met past the limit.
            var truncated = false
        }
        let collector = Names()
        collector.limit = maxCount
        var index: hsize_t = 0
        let status = H5Aiterate2(
            handle.id, H5_INDEX_NAME, H5_ITER_INC, &index,
            { _, name, _, context in
                guard let name, let context else { return -1 }
                let collector = Unmanaged<Names>.fromOpaque(context).takeUnretainedValue()
                if collector.names.count >= collector.limit {
                    collector.truncated = true
                    return 1
                }
                collector.names.append(String(cString: name))
                return 0
            }, Unmanaged.passUnretained(collector).toOpaque())
        var error: HDF5Error?
        if status < 0 { error = HDF5Library.error("H5Aiterate2", path: path) }
        var names = collector.names
        var total: Int?
        if collector.truncated {
            // More than the cap (rare): how many there are, and the priority attributes first.
            var info = H5O_info_t()
            total = H5Oget_info2(handle.id, &info, UInt32(H5O_INFO_NUM_ATTRS)) >= 0 ? Int(clamping: info.num_attrs) : nil
            let listed = Set(names)
            let missing = priority.filter { !listed.contains($0) && H5Aexists(handle.id, $0) > 0 }
            HDF5Library.clearErrors()
            if !missing.isEmpty {
                let keep = Set(missing + priority.filter(listed.contains))
                var others = names.filter { !keep.contains($0) }
                others.removeLast(max(0, others.count + keep.count - maxCount))
                names = (Array(keep) + others).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
        }

        var attributes: [Attribute] = []
        attributes.reserveCapacity(names.count)
        let textAllowance = max(0, textAllowance)
        var textLeft = textAllowance
        for name in names {
            let id = H5Aopen(handle.id, name, chdf5_p_default())
            guard id >= 0 else {
                let failure = HDF5Library.error("H5Aopen", path: path)
                attributes.append(
                    Attribute(
                        name: name, type: .unknown(description: "unreadable"),
                        space: Dataspace(kind: .null, dimensions: [], maxDimensions: []),
                        value: StoredValue(shape: [], elements: [], totalCount: 0, unreadReason: failure.message)))
                continue
            }
            let attribute = Identifier(id, .attribute)
            var bounded = limits
            bounded.maxTextBytes = min(limits.maxTextBytes, max(0, textLeft))
            let read = readAttribute(attribute, name: name, limits: bounded)
            for case .string(let text) in read.value.elements { textLeft -= text.utf8.count }
            attributes.append(read)
        }
        return AttributeSet(
            attributes: attributes, error: error, total: max(total ?? attributes.count, attributes.count),
            textBytes: textAllowance - textLeft)
    }

    private func readAttribute(_ attribute: borrowing Identifier, name: String, limits: ValueLimits) -> Attribute {
        let handles: TypeAndSpace
        do {
            handles = try TypeAndSpace(
                typeID: H5Aget_type(attribute.id), spaceID: H5Aget_space(attribute.id), operation: "H5Aget_type", path: path)
        } catch {
            return Attribute(
                name: name, type: .unknown(description: "unreadable"),
                space: Dataspace(kind: .null, dimensions: [], maxDimensions: []),
                value: StoredValue(shape: [], elements: [], totalCount: 0, unreadReason: error.message))
        }
        let dataType = DataType.read(handles.type.id)
        let dataspace = Dataspace.read(handles.space.id)
        let value = ValueReader.read(
            .attribute(attribute.id), type: dataType, typeID: handles.type.id, space: dataspace, spaceID: handles.space.id,
            limits: limits, truncates: true)
        return Attribute(name: name, type: dataType, space: dataspace, value: value)
    }
}
