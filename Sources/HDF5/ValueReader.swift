import CHDF5

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Limits on how much of a value is read.
public struct ValueLimits: Sendable, Equatable {
    /// Elements kept; larger values are truncated (attributes) or not read (datasets).
    public var maxElements: Int
    /// Stored bytes above which a value is not read at all.
    public var maxBytes: Int
    /// The most variable-length text kept of one value (a longer string is cut, later elements are left
    /// out: `StoredValue.droppedTextBytes`); `maxBytes` unless set.
    public var maxTextBytes: Int

    public init(maxElements: Int, maxBytes: Int, maxTextBytes: Int? = nil) {
        self.maxElements = maxElements
        self.maxBytes = maxBytes
        self.maxTextBytes = maxTextBytes ?? maxBytes
    }

    /// Attribute values: up to 1,024 elements kept from at most 1 MiB stored.
    public static let attributes = ValueLimits(maxElements: 1024, maxBytes: 1 << 20)
}

/// Reads values of attributes and datasets into `StoredValue`s.
enum ValueReader {
    /// How libhdf5 reads into a buffer: an attribute or a dataset.
    enum Source {
        case attribute(hid_t)
        /// A dataset and the transfer property list to read it with.
        case dataset(hid_t, transfer: hid_t)

        func read(memoryType: hid_t, into buffer: UnsafeMutableRawPointer) -> herr_t {
            switch self {
            case .attribute(let id): return H5Aread(id, memoryType, buffer)
            case .dataset(let id, let transfer):
                return H5Dread(id, memoryType, chdf5_s_all(), chdf5_s_all(), transfer, buffer)
            }
        }

        var id: hid_t {
            switch self {
            case .attribute(let id), .dataset(let id, _): return id
            }
        }
    }

    /// Reads the whole value of `source` if it has at most `limits.maxElements` elements
    /// (attributes: up to `maxBytes` stored, then truncated to `maxElements`).
    static func read(
        _ source: Source, type: DataType, typeID: hid_t, space: Dataspace, spaceID: hid_t, limits: ValueLimits,
        truncates: Bool
    ) -> StoredValue {
        let count = space.elementCount
        let shape = space.dimensions
        func unread(_ reason: String) -> StoredValue {
            StoredValue(shape: shape, elements: [], totalCount: count, unreadReason: reason)
        }
        if count == 0 { return StoredValue(shape: shape, elements: [], totalCount: 0) }
        if count > limits.maxElements && !truncates { return unread("larger than \(limits.maxElements) elements") }
        let elementSize: Int
        switch type {
        case .integer(let size, _, _), .float(let size, _), .string(.some(let size), _, _): elementSize = max(1, size)
        default: elementSize = max(1, Int(H5Tget_size(typeID)))
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: max(elementSize, 8))
        if overflow || bytes > limits.maxBytes { return unread("larger than \(limits.maxBytes) bytes") }

        let elements: [ScalarValue]?
        switch type {
        case .integer(_, let signed, _):
            elements = readNumbers(source, count: count, signed: signed)
        case .bitfield:
            elements = readNumbers(source, count: count, signed: false)
        case .float:
            elements = readFloats(source, count: count)
        case .enumeration(let base, let members):
            elements = readEnum(source, typeID: typeID, count: count, base: base, members: members, isBoolean: type.isBoolean)
        case .string(let length, let charset, _):
            if let length {
                elements = readFixedStrings(source, typeID: typeID, count: count, length: length)
            } else {
                guard
                    let (strings, dropped) = readVariableStrings(
                        source, charset: charset, spaceID: spaceID, count: count, maxTextBytes: limits.maxTextBytes)
                else {
                    return unread(HDF5Library.error("read").message)
                }
                var kept = strings
                if kept.count > limits.maxElements { kept.removeLast(kept.count - limits.maxElements) }
                return StoredValue(shape: shape, elements: kept, totalCount: count, droppedTextBytes: dropped)
            }
        case .reference(let kind):
            elements = readReferences(source, kind: kind, count: count)
        case .variableLength(base: .reference(.object)):
            // A dimension scale's DIMENSION_LIST: per dimension, the scales attached to it.
            elements = readReferenceLists(source, spaceID: spaceID, count: count)
        case .compound(_, let members)
        where !members.isEmpty
            && members.allSatisfy({ member in
                if case .reference(.object) = member.type { return true }
                if case .integer = member.type { return true }
                return false
            }):
            // A dimension scale's REFERENCE_LIST: (dataset, dimension) pairs.
            elements = readReferenceRecords(source, members: members, count: count)
        default:
            return unread("values of type \(type.numpyDescription) are not read")
        }
        guard var elements else {
            let error = HDF5Library.error("read")
            return unread(error.message)
        }
        if elements.count > limits.maxElements { elements.removeLast(elements.count - limits.maxElements) }
        return StoredValue(shape: shape, elements: elements, totalCount: count)
    }

    private static func readNumbers(_ source: Source, count: Int, signed: Bool) -> [ScalarValue]? {
        if signed {
            var buffer = [Int64](repeating: 0, count: count)
            let status = buffer.withUnsafeMutableBytes { source.read(memoryType: chdf5_native_int64(), into: $0.baseAddress!) }
            return status < 0 ? nil : buffer.map { .integer($0) }
        }
        var buffer = [UInt64](repeating: 0, count: count)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: chdf5_native_uint64(), into: $0.baseAddress!) }
        return status < 0 ? nil : buffer.map { .unsigned($0) }
    }

    private static func readFloats(_ source: Source, count: Int) -> [ScalarValue]? {
        var buffer = [Double](repeating: 0, count: count)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: chdf5_native_double(), into: $0.baseAddress!) }
        return status < 0 ? nil : buffer.map { .float($0) }
    }

    private static func readEnum(
        _ source: Source, typeID: hid_t, count: Int, base: DataType, members: [EnumMember], isBoolean: Bool
    ) -> [ScalarValue]? {
        guard case .integer(let size, let signed, let order) = base else { return nil }
        let memoryType = H5Tcopy(typeID)
        guard memoryType >= 0 else { return nil }
        let owned = Identifier(memoryType, .datatype)
        var buffer = [UInt8](repeating: 0, count: count * size)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: owned.id, into: $0.baseAddress!) }
        guard status >= 0 else { return nil }
        let names = Dictionary(members.map { ($0.value, $0.name) }, uniquingKeysWith: { first, _ in first })
        return (0..<count).map { index in
            let raw = Array(buffer[(index * size)..<((index + 1) * size)])
            let value = DataType.decodeInteger(raw, size: size, signed: signed, order: order)
            if isBoolean { return .bool(value != 0) }
            return .enumMember(names[value] ?? String(value))
        }
    }

    private static func readFixedStrings(_ source: Source, typeID: hid_t, count: Int, length: Int) -> [ScalarValue]? {
        let memoryType = H5Tcopy(typeID)
        guard memoryType >= 0 else { return nil }
        let owned = Identifier(memoryType, .datatype)
        var buffer = [UInt8](repeating: 0, count: count * length)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: owned.id, into: $0.baseAddress!) }
        guard status >= 0 else { return nil }
        return (0..<count).map { index in
            var slice = Array(buffer[(index * length)..<((index + 1) * length)])
            while slice.last == 0 { slice.removeLast() }
            return .bytes(slice)
        }
    }

    /// Memory types for variable-length strings, made once per process (a copy of `H5T_C_S1` made
    /// variable-length and set to the character set): four library calls fewer per string value.
    private static let variableStringTypes: (ascii: hid_t, utf8: hid_t) = {
        func make(_ charset: H5T_cset_t) -> hid_t {
            let type = H5Tcopy(chdf5_c_s1())
            guard type >= 0 else { return -1 }
            _ = H5Tset_size(type, chdf5_variable())
            _ = H5Tset_cset(type, charset)
            return type
        }
        return (make(H5T_CSET_ASCII), make(H5T_CSET_UTF8))
    }()

    /// Variable-length strings, keeping at most `maxTextBytes` of text: the string where the limit falls is
    /// cut (marked at its end), the rest left out; returns the strings and the bytes not kept.
    ///
    /// libhdf5 allocates every string of a read at once, and a crafted file can point 1,024 elements at one
    /// 1 MiB heap string. So a dataset's strings are read in blocks: 16 elements first, then as many as the
    /// text left in the budget is expected to hold at the size seen so far, so that a read never holds much
    /// more than the budget (at most 16 strings of any size); once the budget is spent, the rest is read
    /// one element at a time only to count what is not kept. An attribute can only be read whole (libhdf5
    /// has no partial attribute read): its strings are cut as soon as they are read.
    private static func readVariableStrings(
        _ source: Source, charset: CharacterSet, spaceID: hid_t, count: Int, maxTextBytes: Int
    ) -> (strings: [ScalarValue], droppedBytes: Int)? {
        let memoryType = charset == .utf8 ? variableStringTypes.utf8 : variableStringTypes.ascii
        guard memoryType >= 0 else { return nil }
        var budget = TextBudget(remaining: maxTextBytes)
        if case .dataset(let id, let transfer) = source, count > 16 {
            guard
                let strings = readVariableStringsInBlocks(
                    dataset: id, transfer: transfer, memoryType: memoryType, spaceID: spaceID, count: count, budget: &budget)
            else { return nil }
            return (strings, budget.dropped)
        }
        return withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<CChar>?.self, capacity: count) { pointers in
            pointers.initialize(repeating: nil)
            let status = source.read(memoryType: memoryType, into: UnsafeMutableRawPointer(pointers.baseAddress!))
            guard status >= 0 else { return nil }
            var values: [ScalarValue] = []
            values.reserveCapacity(count)
            for pointer in pointers {
                guard let text = budget.keep(pointer) else { continue }
                values.append(.string(text))
            }
            _ = H5Dvlen_reclaim(memoryType, spaceID, chdf5_p_default(), pointers.baseAddress!)
            return (values, budget.dropped)
        }
    }

    /// A dataset's strings in row-major blocks (see `readVariableStrings`).
    private static func readVariableStringsInBlocks(
        dataset: hid_t, transfer: hid_t, memoryType: hid_t, spaceID: hid_t, count: Int, budget: inout TextBudget
    ) -> [ScalarValue]? {
        let rank = Int(H5Sget_simple_extent_ndims(spaceID))
        guard rank >= 1 else { return nil }
        var dimensions = [hsize_t](repeating: 0, count: rank)
        H5Sget_simple_extent_dims(spaceID, &dimensions, nil)
        let fileSpace = Identifier(H5Scopy(spaceID), .dataspace)
        var values: [ScalarValue] = []
        values.reserveCapacity(count)
        var next = 0
        var bytesSeen = 0
        while next < count {
            let block: Int
            if budget.isExhausted {
                block = 1
            } else if next == 0 {
                block = 16
            } else {
                let average = max(1, bytesSeen / next)
                block = max(1, min(count - next, budget.remaining / average))
            }
            let size = min(block, count - next)
            // The block's row-major indices as coordinates.
            var coordinates = [hsize_t](repeating: 0, count: size * rank)
            for offset in 0..<size {
                var rest = hsize_t(next + offset)
                for axis in stride(from: rank - 1, through: 0, by: -1) {
                    coordinates[offset * rank + axis] = rest % max(1, dimensions[axis])
                    rest /= max(1, dimensions[axis])
                }
            }
            guard H5Sselect_elements(fileSpace.id, H5S_SELECT_SET, size, &coordinates) >= 0 else { return nil }
            var extent = [hsize_t(size)]
            let memorySpace = Identifier(H5Screate_simple(1, &extent, nil), .dataspace)
            let ok = withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<CChar>?.self, capacity: size) { pointers in
                pointers.initialize(repeating: nil)
                guard H5Dread(dataset, memoryType, memorySpace.id, fileSpace.id, transfer, pointers.baseAddress!) >= 0 else {
                    return false
                }
                for pointer in pointers {
                    bytesSeen += pointer.map { strlen($0) } ?? 0
                    if let text = budget.keep(pointer) { values.append(.string(text)) }
                }
                _ = H5Dvlen_reclaim(memoryType, memorySpace.id, chdf5_p_default(), pointers.baseAddress!)
                return true
            }
            guard ok else { return nil }
            next += size
        }
        return values
    }

    /// How much text a value may still keep.
    private struct TextBudget {
        let limit: Int
        var remaining: Int
        /// Bytes of the strings read that were not kept.
        var dropped = 0
        /// Set once a string was cut: every later string is dropped (and counted, when read).
        private(set) var isExhausted = false

        init(remaining: Int) {
            limit = max(0, remaining)
            self.remaining = limit
        }

        /// Bytes kept so far.
        var kept: Int { limit - remaining }

        /// The string at `pointer` as far as the budget goes (`nil` once it is spent: the element is left out).
        mutating func keep(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            guard let pointer else { return isExhausted ? nil : "" }
            let length = strlen(pointer)
            if isExhausted {
                dropped += length
                return nil
            }
            if length <= remaining {
                remaining -= length
                return decodeText(UnsafeRawPointer(pointer), length: length)
            }
            // Cut at the last whole UTF-8 character within the budget.
            var cut = remaining
            let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
            while cut > 0 && (bytes[cut] & 0xC0) == 0x80 { cut -= 1 }
            dropped += length - cut
            remaining = 0
            isExhausted = true
            return decodeText(UnsafeRawPointer(pointer), length: cut) + " …[cut: \(length) bytes, more than the limit]"
        }
    }

    /// References by the address of their target. An object reference of libhdf5 1.10 is the target's
    /// header address itself (`hobj_ref_t` is `haddr_t`); a region reference names its dataset through
    /// the global heap, so it is opened (one lookup) for its address. No reference is named here:
    /// `H5Rget_name` searches the whole file on every call (and recurses with its depth).
    private static func readReferences(_ source: Source, kind: ReferenceKind, count: Int) -> [ScalarValue]? {
        let referenceSize = kind == .object ? 8 : 12
        let memoryType = kind == .object ? chdf5_std_ref_obj() : chdf5_std_ref_dsetreg()
        var buffer = [UInt8](repeating: 0, count: count * referenceSize)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: memoryType, into: $0.baseAddress!) }
        guard status >= 0 else { return nil }
        return buffer.withUnsafeBytes { raw in
            (0..<count).map { index in
                let element = raw[(index * referenceSize)..<((index + 1) * referenceSize)]
                if element.allSatisfy({ $0 == 0 }) { return ScalarValue.reference(nil) }
                let pointer = raw.baseAddress!.advanced(by: index * referenceSize)
                if kind == .object {
                    let address = pointer.loadUnaligned(as: UInt64.self)
                    return address == chdf5_haddr_undef() ? ScalarValue.reference(nil) : .objectAddress(address)
                }
                let target = H5Rdereference2(source.id, chdf5_p_default(), H5R_DATASET_REGION, pointer)
                guard target >= 0 else {
                    HDF5Library.clearErrors()
                    return ScalarValue.reference(nil)
                }
                defer { H5Oclose(target) }
                var address: haddr_t = 0
                var type: Int32 = 0
                guard chdf5_object_info(target, &address, &type) >= 0 else {
                    HDF5Library.clearErrors()
                    return ScalarValue.reference(nil)
                }
                return .regionAddress(UInt64(address), regionSelection(source.id, pointer))
            }
        }
    }

    /// What a region reference selects: its dataspace copy's selection, at most `RegionSelection.keptLimit`
    /// blocks or points listed.
    private static func regionSelection(_ location: hid_t, _ reference: UnsafeRawPointer) -> RegionSelection {
        let space = H5Rget_region(location, H5R_DATASET_REGION, reference)
        guard space >= 0 else {
            HDF5Library.clearErrors()
            return RegionSelection(kind: .none)
        }
        defer { H5Sclose(space) }
        let rank = Int(max(0, H5Sget_simple_extent_ndims(space)))
        switch H5Sget_select_type(space) {
        case H5S_SEL_ALL: return RegionSelection(kind: .all)
        case H5S_SEL_HYPERSLABS:
            let total = Int(max(0, H5Sget_select_hyper_nblocks(space)))
            let kept = min(total, RegionSelection.keptLimit)
            guard kept > 0, rank > 0 else { return RegionSelection(kind: .blocks, count: total) }
            var buffer = [hsize_t](repeating: 0, count: kept * 2 * rank)
            guard H5Sget_select_hyper_blocklist(space, 0, hsize_t(kept), &buffer) >= 0 else {
                HDF5Library.clearErrors()
                return RegionSelection(kind: .blocks, count: total)
            }
            let blocks = (0..<kept).map { block in (0..<(2 * rank)).map { Int(buffer[block * 2 * rank + $0]) } }
            return RegionSelection(kind: .blocks, coordinates: blocks, count: total)
        case H5S_SEL_POINTS:
            let total = Int(max(0, H5Sget_select_elem_npoints(space)))
            let kept = min(total, RegionSelection.keptLimit)
            guard kept > 0, rank > 0 else { return RegionSelection(kind: .points, count: total) }
            var buffer = [hsize_t](repeating: 0, count: kept * rank)
            guard H5Sget_select_elem_pointlist(space, 0, hsize_t(kept), &buffer) >= 0 else {
                HDF5Library.clearErrors()
                return RegionSelection(kind: .points, count: total)
            }
            let points = (0..<kept).map { point in (0..<rank).map { Int(buffer[point * rank + $0]) } }
            return RegionSelection(kind: .points, coordinates: points, count: total)
        default: return RegionSelection(kind: .none)
        }
    }

    /// Variable-length lists of object references, each as a `.list` of addresses (at most
    /// `RegionSelection.keptLimit` per list); libhdf5's buffers are reclaimed after.
    private static func readReferenceLists(_ source: Source, spaceID: hid_t, count: Int) -> [ScalarValue]? {
        let memoryType = H5Tvlen_create(chdf5_std_ref_obj())
        guard memoryType >= 0 else { return nil }
        let owned = Identifier(memoryType, .datatype)
        var buffer = [hvl_t](repeating: hvl_t(len: 0, p: nil), count: count)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: owned.id, into: $0.baseAddress!) }
        guard status >= 0 else { return nil }
        defer {
            _ = buffer.withUnsafeMutableBytes { H5Dvlen_reclaim(owned.id, spaceID, chdf5_p_default(), $0.baseAddress!) }
        }
        return buffer.map { list in
            guard let pointer = list.p else { return .list([]) }
            let length = min(Int(list.len), RegionSelection.keptLimit)
            return .list(
                (0..<length).map { index in
                    let address = pointer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                    return address == 0 || address == chdf5_haddr_undef() ? .reference(nil) : .objectAddress(address)
                })
        }
    }

    /// Compounds of object references and integers, each as a `.record` (references by address).
    private static func readReferenceRecords(_ source: Source, members: [CompoundMember], count: Int) -> [ScalarValue]? {
        let memoryType = H5Tcreate(H5T_COMPOUND, 8 * members.count)
        guard memoryType >= 0 else { return nil }
        let owned = Identifier(memoryType, .datatype)
        for (index, member) in members.enumerated() {
            let fieldType: hid_t
            switch member.type {
            case .reference: fieldType = chdf5_std_ref_obj()
            case .integer(_, let signed, _): fieldType = signed ? chdf5_native_int64() : chdf5_native_uint64()
            default: return nil
            }
            guard H5Tinsert(owned.id, member.name, 8 * index, fieldType) >= 0 else { return nil }
        }
        var buffer = [UInt8](repeating: 0, count: count * 8 * members.count)
        let status = buffer.withUnsafeMutableBytes { source.read(memoryType: owned.id, into: $0.baseAddress!) }
        guard status >= 0 else { return nil }
        return buffer.withUnsafeBytes { raw in
            (0..<count).map { row in
                .record(
                    members.enumerated().map { index, member in
                        let word = raw.loadUnaligned(fromByteOffset: (row * members.count + index) * 8, as: UInt64.self)
                        let value: ScalarValue
                        switch member.type {
                        case .reference:
                            value = word == 0 || word == chdf5_haddr_undef() ? .reference(nil) : .objectAddress(word)
                        case .integer(_, true, _): value = .integer(Int64(bitPattern: word))
                        default: value = .unsigned(word)
                        }
                        return NamedValue(name: member.name, value: value)
                    })
            }
        }
    }
}
