import CHDF5

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which rows (indices along the first dimension) of a dataset a sample reads; every element of the
/// other dimensions of each row comes with it.
public enum RowSelection: Sendable, Equatable {
    /// Rows `lowerBound..<upperBound`.
    case range(Range<Int>)
    /// `count` rows from `start`, `stride` apart (numpy's `data[start::stride]`, cut to `count`).
    case strided(start: Int, stride: Int, count: Int)
    /// These rows, in this order (of a one-dimensional dataset).
    case rows([Int])

    /// How many rows the selection names.
    public var rowCount: Int {
        switch self {
        case .range(let range): range.count
        case .strided(_, _, let count): count
        case .rows(let rows): rows.count
        }
    }
}

/// Bounded reads of a dataset's values, for checks that look at data (`nwbkit check`'s data checks): only
/// the rows asked for are read, converted by libhdf5 to the type asked for. A summary never calls these.
extension Object {
    /// The dataset's shape (`[]` for a scalar) and the size of one element as stored, in bytes.
    public func storedShape() throws(HDF5Error) -> (shape: [Int], elementSize: Int) {
        let handles = try TypeAndSpace(
            typeID: H5Dget_type(handle.id), spaceID: H5Dget_space(handle.id), operation: "H5Dget_space", path: path)
        return (Dataspace.read(handles.space.id).dimensions, max(1, Int(H5Tget_size(handles.type.id))))
    }

    /// The selected rows' values as doubles (integers are converted), row-major. Throws when the values
    /// are not numbers or libhdf5 cannot read them.
    public func readNumbers(_ rows: RowSelection) throws(HDF5Error) -> [Double] {
        try requireClass([H5T_INTEGER, H5T_FLOAT, H5T_ENUM], "numbers")
        return try readRows(rows, memoryType: chdf5_native_double(), as: Double.self)
    }

    /// The selected rows' values as 64-bit signed integers, row-major. Throws unless they are integers.
    public func readIntegers(_ rows: RowSelection) throws(HDF5Error) -> [Int64] {
        try requireClass([H5T_INTEGER, H5T_ENUM], "integers")
        return try readRows(rows, memoryType: chdf5_native_int64(), as: Int64.self)
    }

    /// The selected rows' strings (variable or fixed length; fixed ones without trailing NULs), read 16 at a
    /// time until `maxTextBytes` of text are held; `complete` is false when the budget stopped the read.
    public func readTexts(_ rows: RowSelection, maxTextBytes: Int) throws(HDF5Error) -> (
        texts: [String], bytes: Int, complete: Bool
    ) {
        let handles = try TypeAndSpace(
            typeID: H5Dget_type(handle.id), spaceID: H5Dget_space(handle.id), operation: "H5Dget_type", path: path)
        guard H5Tget_class(handles.type.id) == H5T_STRING else {
            throw HDF5Error(operation: "H5Dread", objectPath: path, message: "the values are not strings")
        }
        let fixedSize = H5Tis_variable_str(handles.type.id) > 0 ? nil : Int(H5Tget_size(handles.type.id))
        let memoryType = H5Tcopy(handles.type.id)
        guard memoryType >= 0 else { throw HDF5Library.error("H5Tcopy", path: path) }
        let memoryTypeID = Identifier(memoryType, .datatype)
        let shape = Dataspace.read(handles.space.id).dimensions
        let all = try rowIndices(rows, shape: shape)
        let perRow = shape.dropFirst().reduce(1) { $0 * max(0, $1) }
        guard perRow > 0 else { return ([], 0, true) }
        var texts: [String] = []
        var bytes = 0
        var next = 0
        while next < all.count {
            if bytes >= maxTextBytes { return (texts, bytes, false) }
            let block = Array(all[next..<min(all.count, next + 16)])
            let selection = try select(.rows(block), shape: shape, indices: block)
            let count = block.count * perRow
            var extent = [hsize_t(count)]
            let memorySpace = Identifier(H5Screate_simple(1, &extent, nil), .dataspace)
            if let fixedSize {
                var buffer = [UInt8](repeating: 0, count: max(1, count * fixedSize))
                let status = buffer.withUnsafeMutableBytes {
                    H5Dread(handle.id, memoryTypeID.id, memorySpace.id, selection.id, chdf5_p_default(), $0.baseAddress!)
                }
                guard status >= 0 else { throw HDF5Library.error("H5Dread", path: path) }
                for index in 0..<count {
                    var slice = buffer[(index * fixedSize)..<((index + 1) * fixedSize)]
                    while slice.last == 0 { slice = slice.dropLast() }
                    bytes += slice.count
                    texts.append(String(decoding: slice, as: UTF8.self))
                }
            } else {
                let read: Bool = withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<CChar>?.self, capacity: count) {
                    pointers in
                    pointers.initialize(repeating: nil)
                    guard
                        H5Dread(
                            handle.id, memoryTypeID.id, memorySpace.id, selection.id, chdf5_p_default(),
                            pointers.baseAddress!) >= 0
                    else { return false }
                    for pointer in pointers {
                        let length = pointer.map { strlen($0) } ?? 0
                        bytes += length
                        texts.append(pointer.map { decodeText(UnsafeRawPointer($0), length: length) } ?? "")
                    }
                    _ = H5Dvlen_reclaim(memoryTypeID.id, memorySpace.id, chdf5_p_default(), pointers.baseAddress!)
                    return true
                }
                guard read else { throw HDF5Library.error("H5Dread", path: path) }
            }
            next += block.count
        }
        return (texts, bytes, true)
    }

    private func requireClass(_ classes: [H5T_class_t], _ what: String) throws(HDF5Error) {
        let type = H5Dget_type(handle.id)
        guard type >= 0 else { throw HDF5Library.error("H5Dget_type", path: path) }
        let typeClass = H5Tget_class(type)
        H5Tclose(type)
        guard classes.contains(typeClass) else {
            throw HDF5Error(operation: "H5Dread", objectPath: path, message: "the values are not \(what)")
        }
    }

    private func readRows<Element: Numeric>(
        _ rows: RowSelection, memoryType: hid_t, as: Element.Type
    ) throws(HDF5Error) -> [Element] {
        let (shape, _) = try storedShape()
        let selection = try select(rows, shape: shape, indices: try rowIndices(rows, shape: shape))
        let count = Int(H5Sget_select_npoints(selection.id))
        if count <= 0 { return [] }
        var extent = [hsize_t(count)]
        let memorySpace = Identifier(H5Screate_simple(1, &extent, nil), .dataspace)
        var buffer = [Element](repeating: 0, count: count)
        let status = buffer.withUnsafeMutableBytes {
            H5Dread(handle.id, memoryType, memorySpace.id, selection.id, chdf5_p_default(), $0.baseAddress!)
        }
        guard status >= 0 else { throw HDF5Library.error("H5Dread", path: path) }
        return buffer
    }

    /// The row indices a selection names, checked against the first dimension of `shape` (the dataset's).
    private func rowIndices(_ rows: RowSelection, shape: [Int]) throws(HDF5Error) -> [Int] {
        let length = shape.first ?? 1
        let indices: [Int]
        switch rows {
        case .range(let range): indices = Array(range)
        case .strided(let start, let stride, let count): indices = (0..<count).map { start + $0 * stride }
        case .rows(let listed): indices = listed
        }
        guard indices.allSatisfy({ $0 >= 0 && $0 < length }) else {
            throw HDF5Error(operation: "H5Sselect", objectPath: path, message: "rows outside the dataset's \(length)")
        }
        return indices
    }

    /// A file dataspace with `rows` selected (all of every other dimension); `indices` are the rows it
    /// names, already checked (`rowIndices`).
    private func select(_ rows: RowSelection, shape: [Int], indices: [Int]) throws(HDF5Error) -> Identifier {
        let spaceID = H5Dget_space(handle.id)
        guard spaceID >= 0 else { throw HDF5Library.error("H5Dget_space", path: path) }
        let space = Identifier(spaceID, .dataspace)
        if shape.isEmpty {
            guard rows == .range(0..<1) || rows == .rows([0]) else {
                throw HDF5Error(operation: "H5Sselect", objectPath: path, message: "a scalar has one value")
            }
            return space
        }
        let rank = shape.count
        var status: herr_t = 0
        switch rows {
        case .range, .strided:
            var start = [hsize_t](repeating: 0, count: rank)
            var stride = [hsize_t](repeating: 1, count: rank)
            var count = shape.map { hsize_t(max(0, $0)) }
            var firstRow = 0
            var step = 1
            if case .range(let range) = rows { firstRow = range.lowerBound }
            if case .strided(let from, let by, _) = rows { (firstRow, step) = (from, max(1, by)) }
            start[0] = hsize_t(firstRow)
            stride[0] = hsize_t(step)
            count[0] = hsize_t(indices.count)
            if indices.isEmpty {
                status = H5Sselect_none(space.id)
            } else {
                status = H5Sselect_hyperslab(space.id, H5S_SELECT_SET, &start, &stride, &count, nil)
            }
        case .rows:
            if indices.isEmpty {
                status = H5Sselect_none(space.id)
            } else if rank == 1 {
                var coordinates = indices.map { hsize_t($0) }
                status = H5Sselect_elements(space.id, H5S_SELECT_SET, indices.count, &coordinates)
            } else {
                var count = shape.map { hsize_t(max(0, $0)) }
                count[0] = 1
                for (position, row) in indices.enumerated() {
                    var start = [hsize_t](repeating: 0, count: rank)
                    start[0] = hsize_t(row)
                    status = H5Sselect_hyperslab(
                        space.id, position == 0 ? H5S_SELECT_SET : H5S_SELECT_OR, &start, nil, &count, nil)
                    if status < 0 { break }
                }
            }
        }
        guard status >= 0 else { throw HDF5Library.error("H5Sselect", path: path) }
        return space
    }
}
