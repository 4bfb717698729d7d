import CHDF5

/// A box of a dataset: `count[d]` elements from `start[d]` in every dimension `d`.
public struct Block: Sendable, Equatable {
    public var start: [Int]
    public var count: [Int]

    public init(start: [Int], count: [Int]) {
        self.start = start
        self.count = count
    }

    /// The elements in the box (saturating: a huge box is `Int.max`, never an overflow).
    public var elementCount: Int {
        count.reduce(1) { total, length in
            let (product, overflow) = total.multipliedReportingOverflow(by: max(0, length))
            return overflow ? Int.max : product
        }
    }
}

/// Bounded reads of a box of a dataset's values, for the catalog's image previews: what a read costs in
/// bytes of the file is known before it is made (`fileBytes(of:)`), so a caller can keep within a stated
/// allowance. A summary never calls these.
extension Object {
    /// The bytes libhdf5 reads from the file to read `block`: the elements' stored bytes for contiguous
    /// data, the stored size of every chunk the box touches for chunked data (a compressed chunk is read
    /// whole), nothing for compact data (it lives in the object's header) or for space never written.
    /// Throws for data kept in external or virtual files, which a bounded read does not follow.
    public func fileBytes(of block: Block) throws(HDF5Error) -> Int {
        let info: DatasetInfo
        do { info = try datasetInfo() } catch let error as HDF5Error { throw error } catch {
            throw HDF5Error(operation: "H5Dget_create_plist", objectPath: path, message: "\(error)")
        }
        let elementSize = try storedShape().elementSize
        guard info.externalFileCount == 0, info.layout != .virtual else {
            throw HDF5Error(
                operation: "H5Dread", objectPath: path, message: "the values are kept in other files, which previews do not read")
        }
        switch info.layout {
        case .compact: return 0
        case .chunked:
            guard let chunk = info.chunkShape, chunk.count == block.count.count, chunk.allSatisfy({ $0 > 0 }) else {
                return Self.saturating(block.elementCount, elementSize)
            }
            let first = zip(block.start, chunk).map { $0 / $1 }
            let last = zip(zip(block.start, block.count), chunk).map { ($0.0 + max(1, $0.1) - 1) / $1 }
            let chunkCount = zip(first, last).reduce(1) { Self.saturating($0, $1.1 - $1.0 + 1) }
            let chunkBytes = Self.saturating(chunk.reduce(1) { Self.saturating($0, $1) }, elementSize)
            // Asking each chunk's size costs an index look-up; past this many the raw size stands in.
            guard chunkCount <= 4096 else { return Self.saturating(chunkCount, chunkBytes) }
            var total = 0
            var index = first
            while true {
                var offset = zip(index, chunk).map { hsize_t($0 * $1) }
                var stored: hsize_t = 0
                if H5Dget_chunk_storage_size(handle.id, &offset, &stored) >= 0 {
                    total =
                        total.addingReportingOverflow(Int(clamping: stored)).overflow ? Int.max : total + Int(clamping: stored)
                } else {
                    HDF5Library.clearErrors()
                }
                // The next chunk index, last dimension fastest.
                var dimension = index.count - 1
                while dimension >= 0 {
                    index[dimension] += 1
                    if index[dimension] <= last[dimension] { break }
                    index[dimension] = first[dimension]
                    dimension -= 1
                }
                if dimension < 0 { break }
            }
            return total
        default:
            let allocated = Int(H5Dget_storage_size(handle.id))
            return allocated == 0 ? 0 : Self.saturating(block.elementCount, elementSize)
        }
    }

    /// The values of `block` as doubles, row-major (libhdf5 converts integers; a box past the dataset's
    /// end throws).
    public func readBlock(_ block: Block) throws(HDF5Error) -> [Double] {
        try requireNumbers()
        let (shape, _) = try storedShape()
        guard block.start.count == shape.count, block.count.count == shape.count,
            zip(zip(block.start, block.count), shape).allSatisfy({ $0.0 >= 0 && $0.1 >= 0 && $0.0 + $0.1 <= $1 })
        else {
            throw HDF5Error(
                operation: "H5Sselect_hyperslab", objectPath: path,
                message: "the box \(block.start) + \(block.count) is outside the dataset's shape \(shape)")
        }
        let count = block.elementCount
        guard count > 0 else { return [] }
        let spaceID = H5Dget_space(handle.id)
        guard spaceID >= 0 else { throw HDF5Library.error("H5Dget_space", path: path) }
        let space = Identifier(spaceID, .dataspace)
        if !shape.isEmpty {
            var start = block.start.map { hsize_t($0) }
            var extent = block.count.map { hsize_t($0) }
            guard H5Sselect_hyperslab(space.id, H5S_SELECT_SET, &start, nil, &extent, nil) >= 0 else {
                throw HDF5Library.error("H5Sselect_hyperslab", path: path)
            }
        }
        var memoryExtent = [hsize_t(count)]
        let memorySpace = Identifier(H5Screate_simple(1, &memoryExtent, nil), .dataspace)
        var values = [Double](repeating: 0, count: count)
        let status = values.withUnsafeMutableBytes {
            H5Dread(handle.id, chdf5_native_double(), memorySpace.id, space.id, chdf5_p_default(), $0.baseAddress!)
        }
        guard status >= 0 else { throw HDF5Library.error("H5Dread", path: path) }
        return values
    }

    /// The fields `names` of rows `rows` of a one-dimensional compound dataset (an ROI's pixel mask:
    /// `x`, `y`, `weight`), as doubles, each row's fields together. libhdf5 matches the fields by name and
    /// converts their values; a field the type lacks throws.
    public func readFields(_ names: [String], rows: Range<Int>) throws(HDF5Error) -> [Double] {
        let typeID = H5Dget_type(handle.id)
        guard typeID >= 0 else { throw HDF5Library.error("H5Dget_type", path: path) }
        let stored = Identifier(typeID, .datatype)
        guard H5Tget_class(stored.id) == H5T_COMPOUND else {
            throw HDF5Error(operation: "H5Dread", objectPath: path, message: "the values are not a compound type")
        }
        for name in names where H5Tget_member_index(stored.id, name) < 0 {
            HDF5Library.clearErrors()
            throw HDF5Error(operation: "H5Dread", objectPath: path, message: "the compound type has no field '\(name)'")
        }
        let (shape, _) = try storedShape()
        guard shape.count == 1, rows.lowerBound >= 0, rows.upperBound <= shape[0] else {
            throw HDF5Error(operation: "H5Dread", objectPath: path, message: "rows \(rows) are outside the dataset's \(shape)")
        }
        guard !rows.isEmpty else { return [] }
        let memoryType = Identifier(H5Tcreate(H5T_COMPOUND, names.count * 8), .datatype)
        for (position, name) in names.enumerated() {
            guard H5Tinsert(memoryType.id, name, position * 8, chdf5_native_double()) >= 0 else {
                throw HDF5Library.error("H5Tinsert", path: path)
            }
        }
        let spaceID = H5Dget_space(handle.id)
        guard spaceID >= 0 else { throw HDF5Library.error("H5Dget_space", path: path) }
        let space = Identifier(spaceID, .dataspace)
        var start = [hsize_t(rows.lowerBound)]
        var extent = [hsize_t(rows.count)]
        guard H5Sselect_hyperslab(space.id, H5S_SELECT_SET, &start, nil, &extent, nil) >= 0 else {
            throw HDF5Library.error("H5Sselect_hyperslab", path: path)
        }
        let memorySpace = Identifier(H5Screate_simple(1, &extent, nil), .dataspace)
        var values = [Double](repeating: 0, count: rows.count * names.count)
        let status = values.withUnsafeMutableBytes {
            H5Dread(handle.id, memoryType.id, memorySpace.id, space.id, chdf5_p_default(), $0.baseAddress!)
        }
        guard status >= 0 else { throw HDF5Library.error("H5Dread", path: path) }
        return values
    }

    /// Whether the dataset's values are numbers (integers, floats or enums): what `readBlock` reads.
    public func holdsNumbers() -> Bool {
        let type = H5Dget_type(handle.id)
        guard type >= 0 else {
            HDF5Library.clearErrors()
            return false
        }
        defer { H5Tclose(type) }
        return [H5T_INTEGER, H5T_FLOAT, H5T_ENUM].contains(H5Tget_class(type))
    }

    private func requireNumbers() throws(HDF5Error) {
        let type = H5Dget_type(handle.id)
        guard type >= 0 else { throw HDF5Library.error("H5Dget_type", path: path) }
        let typeClass = H5Tget_class(type)
        H5Tclose(type)
        guard [H5T_INTEGER, H5T_FLOAT, H5T_ENUM].contains(typeClass) else {
            throw HDF5Error(operation: "H5Dread", objectPath: path, message: "the values are not numbers")
        }
    }

    private static func saturating(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: max(0, b))
        return overflow ? Int.max : product
    }
}
