import CHDF5

/// A filter in a dataset's pipeline (gzip, shuffle, a plugin, …).
public struct Filter: Sendable, Equatable, Codable {
    /// The registered filter id (1 = deflate/gzip, 2 = shuffle, 3 = fletcher32, 4 = szip, 5 = nbit, 6 = scaleoffset, 32000+ plugins).
    public var id: Int
    /// The name stored with the filter, or the well-known name for its id.
    public var name: String
    /// The client values stored with the filter (for gzip: the level).
    public var parameters: [UInt32]

    public init(id: Int, name: String, parameters: [UInt32]) {
        self.id = id
        self.name = name
        self.parameters = parameters
    }
}

/// How a dataset's raw data is laid out.
public enum StorageLayout: String, Sendable, Codable {
    case compact, contiguous, chunked, virtual, unknown
}

/// Metadata of a dataset: everything but its data.
public struct DatasetInfo: Sendable, Equatable {
    public var type: DataType
    public var space: Dataspace
    public var layout: StorageLayout
    /// Chunk shape, for chunked datasets.
    public var chunkShape: [Int]?
    public var filters: [Filter]
    /// Bytes allocated in the file for the data.
    public var storedBytes: Int
    /// Number of external raw-data files, when the data lives outside the HDF5 file.
    public var externalFileCount: Int

    public init(
        type: DataType, space: Dataspace, layout: StorageLayout, chunkShape: [Int]?, filters: [Filter], storedBytes: Int,
        externalFileCount: Int
    ) {
        self.type = type
        self.space = space
        self.layout = layout
        self.chunkShape = chunkShape
        self.filters = filters
        self.storedBytes = storedBytes
        self.externalFileCount = externalFileCount
    }
}

/// Well-known names of registered HDF5 filters.
public enum FilterNames {
    public static func name(for id: Int) -> String {
        switch id {
        case 1: return "gzip"
        case 2: return "shuffle"
        case 3: return "fletcher32"
        case 4: return "szip"
        case 5: return "nbit"
        case 6: return "scaleoffset"
        case 307: return "bzip2"
        case 32000: return "lzf"
        case 32001: return "blosc"
        case 32004: return "lz4"
        case 32008: return "bitshuffle"
        case 32013: return "zfp"
        case 32015: return "zstd"
        case 32017: return "sz"
        case 32019: return "jpeg"
        case 32022: return "bitgroom"
        case 32026: return "blosc2"
        default: return "filter \(id)"
        }
    }
}

extension Object {
    /// The dataset's type, shape, layout, chunks, filters and stored size. Reads no data.
    public func datasetInfo() throws -> DatasetInfo {
        try datasetInfo(valueLimits: { _ in nil }).info
    }

    /// The dataset's metadata and, when `valueLimits` gives limits for it, its value: one open
    /// datatype and dataspace serve both (every library call counts when a file has 100,000 datasets).
    public func datasetInfo(valueLimits: (DatasetInfo) -> ValueLimits?) throws -> (info: DatasetInfo, value: StoredValue?) {
        precondition(kind == .dataset, "datasetInfo() called on a \(kind)")
        let handles = try TypeAndSpace(
            typeID: H5Dget_type(handle.id), spaceID: H5Dget_space(handle.id), operation: "H5Dget_type", path: path)
        let dataType = DataType.read(handles.type.id)
        let dataspace = Dataspace.read(handles.space.id)

        var layout = StorageLayout.unknown
        var chunkShape: [Int]?
        var filters: [Filter] = []
        var externalCount = 0
        // Contiguous data with its space allocated in this file (most small datasets) has no chunks,
        // filters or external files: the creation property list, a copy of some twenty properties
        // that costs as much as the open itself, is only read for the others.
        let isAllocatedContiguous = H5Dget_offset(handle.id) != chdf5_haddr_undef()
        let plistID = isAllocatedContiguous ? -1 : H5Dget_create_plist(handle.id)
        if isAllocatedContiguous {
            layout = .contiguous
        } else if plistID >= 0 {
            let plist = Identifier(plistID, .propertyList)
            switch H5Pget_layout(plist.id) {
            case H5D_COMPACT: layout = .compact
            case H5D_CONTIGUOUS: layout = .contiguous
            case H5D_CHUNKED: layout = .chunked
            case H5D_VIRTUAL: layout = .virtual
            default: layout = .unknown
            }
            if layout == .chunked {
                let rank = max(1, dataspace.dimensions.count)
                var dims = [hsize_t](repeating: 0, count: rank)
                let got = Int(H5Pget_chunk(plist.id, Int32(dims.count), &dims))
                if got > 0 { chunkShape = dims.prefix(got).map { Int(clamping: $0) } }
            }
            let filterCount = max(0, Int(H5Pget_nfilters(plist.id)))
            for index in 0..<min(filterCount, 64) {
                if let filter = readFilter(plist.id, index: index) { filters.append(filter) }
            }
            if layout == .contiguous { externalCount = max(0, Int(H5Pget_external_count(plist.id))) }
        } else {
            HDF5Library.clearErrors()
        }
        let storedSize = H5Dget_storage_size(handle.id)
        if storedSize == 0 { HDF5Library.clearErrors() }
        let info = DatasetInfo(
            type: dataType, space: dataspace, layout: layout, chunkShape: chunkShape, filters: filters,
            storedBytes: Int(clamping: storedSize), externalFileCount: externalCount)
        guard let limits = valueLimits(info) else { return (info, nil) }
        let value = readValue(type: dataType, typeID: handles.type.id, space: dataspace, spaceID: handles.space.id, limits: limits)
        return (info, value)
    }

    private func readFilter(_ plist: hid_t, index: Int) -> Filter? {
        var flags: UInt32 = 0
        var valueCount = 16
        var values = [UInt32](repeating: 0, count: valueCount)
        var name = [CChar](repeating: 0, count: 256)
        var config: UInt32 = 0
        let filterID = H5Pget_filter2(plist, UInt32(index), &flags, &valueCount, &values, name.count, &name, &config)
        guard filterID >= 0 else {
            HDF5Library.clearErrors()
            return nil
        }
        let id = Int(filterID)
        let storedName = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let wellKnown = FilterNames.name(for: id)
        return Filter(
            id: id, name: wellKnown.hasPrefix("filter ") && !storedName.isEmpty ? storedName : wellKnown,
            parameters: Array(values.prefix(min(valueCount, values.count))))
    }

    /// Reads the dataset's whole value when it holds at most `limits.maxElements` elements and
    /// `limits.maxBytes` bytes; otherwise returns the shape with the reason it was not read.
    public func readValue(limits: ValueLimits) -> StoredValue {
        let handles: TypeAndSpace
        do {
            handles = try TypeAndSpace(
                typeID: H5Dget_type(handle.id), spaceID: H5Dget_space(handle.id), operation: "H5Dget_type", path: path)
        } catch {
            return StoredValue(shape: [], elements: [], totalCount: 0, unreadReason: error.message)
        }
        let typeID = handles.type.id
        let spaceID = handles.space.id
        return readValue(
            type: DataType.read(typeID), typeID: typeID, space: Dataspace.read(spaceID), spaceID: spaceID, limits: limits)
    }

    private func readValue(
        type: DataType, typeID: hid_t, space: Dataspace, spaceID: hid_t, limits: ValueLimits
    ) -> StoredValue {
        guard let transfer = file.smallReadTransfer else {
            return StoredValue(
                shape: space.dimensions, elements: [], totalCount: space.elementCount,
                unreadReason: "no transfer property list")
        }
        // libhdf5 callocs a 1 MiB conversion buffer per read by default; small values need far less.
        let elementBytes = max(16, Int(H5Tget_size(typeID)))
        let (needed, overflow) = max(1, space.elementCount).multipliedReportingOverflow(by: elementBytes)
        _ = H5Pset_buffer(transfer, overflow ? 1 << 20 : max(4096, min(needed, 1 << 20)), nil, nil)
        return ValueReader.read(
            .dataset(handle.id, transfer: transfer), type: type, typeID: typeID, space: space, spaceID: spaceID,
            limits: limits, truncates: false)
    }
}
