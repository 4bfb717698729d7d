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

extension Object {
    /// Every attribute of this object in name order, values read within `limits`.
    /// Attributes libhdf5 cannot read are returned with the reason in `value.unreadReason`.
    public func attributes(limits: ValueLimits = .attributes, maxCount: Int = 10_000) -> (
        attributes: [Attribute], error: HDF5Error?
    ) {
        final class Names {
            var names: [String] = []
            var limit = 0
        }
        let collector = Names()
        collector.limit = maxCount
        var index: hsize_t = 0
        let status = H5Aiterate2(
            handle.id, H5_INDEX_NAME, H5_ITER_INC, &index,
            { _, name, _, context in
                guard let name, let context else { return -1 }
                let collector = Unmanaged<Names>.fromOpaque(context).takeUnretainedValue()
                if collector.names.count >= collector.limit { return 1 }
                collector.names.append(String(cString: name))
                return 0
            }, Unmanaged.passUnretained(collector).toOpaque())
        var error: HDF5Error?
        if status < 0 { error = HDF5Library.error("H5Aiterate2", path: path) }

        var attributes: [Attribute] = []
        attributes.reserveCapacity(collector.names.count)
        for name in collector.names {
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
            attributes.append(readAttribute(attribute, name: name, limits: limits))
        }
        return (attributes, error)
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
