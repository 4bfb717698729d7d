import CHDF5
import Foundation

/// Writes small HDF5 files for tests: groups, attributes and datasets with exactly the shapes, types and
/// values a test needs (hostile ones included), through libhdf5 itself. Test code only: NWBKit never writes HDF5.
public final class TestFileWriter {
    private let file: hid_t
    private var isOpen = true

    /// Creates (or truncates) `path`; with `nwb`, the root carries what marks an NWB 2 file, and
    /// `sessionDescription`.
    public init(path: String, nwb: Bool = true, sessionDescription: String = "made by a test") throws {
        _ = H5Eset_auto2(chdf5_e_default(), nil, nil)
        file = H5Fcreate(path, chdf5_f_acc_trunc(), chdf5_p_default(), chdf5_p_default())
        guard file >= 0 else { throw CocoaError(.fileWriteUnknown) }
        if nwb {
            stringAttribute("/", "neurodata_type", "NWBFile")
            stringAttribute("/", "namespace", "core")
            stringAttribute("/", "nwb_version", "2.7.0")
            stringDataset("/identifier", "test-file")
            stringDataset("/session_description", sessionDescription)
            stringDataset("/session_start_time", "2024-01-01T00:00:00+00:00")
            group("/general")
            group("/acquisition")
        }
    }

    deinit { close() }

    /// Closes the file now (the writer must not be used after).
    public func close() {
        if isOpen { H5Fclose(file) }
        isOpen = false
    }

    /// Marks the object at `path` as the neurodata type `type` of `namespace` (its two NWB attributes).
    public func neurodataType(_ path: String, _ type: String, namespace: String = "core") {
        stringAttribute(path, "neurodata_type", type)
        stringAttribute(path, "namespace", namespace)
    }

    /// A group (its parents must exist).
    @discardableResult
    public func group(_ path: String) -> TestFileWriter {
        let id = H5Gcreate2(file, path, chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
        precondition(id >= 0, "cannot create group \(path)")
        H5Gclose(id)
        return self
    }

    /// Groups nested `depth` deep under `parent` (`parent/g/g/…`), created one call per level.
    public func nestedGroups(under parent: String, depth: Int) {
        var location = H5Oopen(file, parent, chdf5_p_default())
        for _ in 0..<depth {
            let child = H5Gcreate2(location, "g", chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
            precondition(child >= 0)
            H5Oclose(location)
            location = child
        }
        H5Oclose(location)
    }

    private static func variableString() -> hid_t {
        let type = H5Tcopy(chdf5_c_s1())
        H5Tset_size(type, chdf5_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        return type
    }

    private func withObject(_ path: String, _ body: (hid_t) -> Void) {
        let object = H5Oopen(file, path, chdf5_p_default())
        precondition(object >= 0, "no object \(path)")
        body(object)
        H5Oclose(object)
    }

    /// A scalar variable-length UTF-8 string attribute.
    public func stringAttribute(_ path: String, _ name: String, _ value: String) {
        stringArrayAttribute(path, name, [value], scalar: true)
    }

    /// A one-dimensional (or scalar) variable-length UTF-8 string attribute.
    public func stringArrayAttribute(_ path: String, _ name: String, _ values: [String], scalar: Bool = false) {
        withObject(path) { object in
            let type = Self.variableString()
            var dimensions = [hsize_t(values.count)]
            let space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &dimensions, nil)
            let attribute = H5Acreate2(object, name, type, space, chdf5_p_default(), chdf5_p_default())
            precondition(attribute >= 0, "cannot create attribute \(name)")
            withCStrings(values) { pointers in _ = H5Awrite(attribute, type, pointers) }
            H5Aclose(attribute)
            H5Sclose(space)
            H5Tclose(type)
        }
    }

    /// A scalar 64-bit integer attribute.
    public func integerAttribute(_ path: String, _ name: String, _ value: Int64) {
        withObject(path) { object in
            let space = H5Screate(H5S_SCALAR)
            let attribute = H5Acreate2(object, name, chdf5_native_int64(), space, chdf5_p_default(), chdf5_p_default())
            var value = value
            H5Awrite(attribute, chdf5_native_int64(), &value)
            H5Aclose(attribute)
            H5Sclose(space)
        }
    }

    /// An attribute of object references to `targets` (paths in this file).
    public func referenceAttribute(_ path: String, _ name: String, targets: [String]) {
        var references = [hobj_ref_t](repeating: 0, count: targets.count)
        for (index, target) in targets.enumerated() {
            H5Rcreate(&references[index], file, target, H5R_OBJECT, -1)
        }
        withObject(path) { object in
            var dimensions = [hsize_t(targets.count)]
            let space = H5Screate_simple(1, &dimensions, nil)
            let attribute = H5Acreate2(object, name, chdf5_std_ref_obj(), space, chdf5_p_default(), chdf5_p_default())
            H5Awrite(attribute, chdf5_std_ref_obj(), &references)
            H5Aclose(attribute)
            H5Sclose(space)
        }
    }

    /// A scalar variable-length UTF-8 string dataset.
    public func stringDataset(_ path: String, _ value: String) {
        stringArrayDataset(path, [value], scalar: true)
    }

    /// A variable-length UTF-8 string dataset of `values` (of `shape` when given, row-major).
    public func stringArrayDataset(_ path: String, _ values: [String], scalar: Bool = false, shape: [UInt64]? = nil) {
        let type = Self.variableString()
        var dimensions = (shape ?? [UInt64(values.count)]).map { hsize_t($0) }
        let space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dimensions.count), &dimensions, nil)
        let dataset = H5Dcreate2(file, path, type, space, chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
        precondition(dataset >= 0, "cannot create dataset \(path)")
        withCStrings(values) { pointers in _ = H5Dwrite(dataset, type, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), pointers)
        }
        H5Dclose(dataset)
        H5Sclose(space)
        H5Tclose(type)
    }

    /// A chunked 64-bit float dataset of `shape` (extendible to `maxShape`), with no data written: a
    /// declared shape can be far larger than the file.
    public func emptyChunkedDataset(_ path: String, shape: [UInt64], chunk: [UInt64]) {
        var dimensions = shape.map { hsize_t($0) }
        var maximum = shape.map { _ in chdf5_unlimited() }
        let space = H5Screate_simple(Int32(shape.count), &dimensions, &maximum)
        let properties = H5Pcreate(chdf5_p_dataset_create())
        var chunks = chunk.map { hsize_t($0) }
        H5Pset_chunk(properties, Int32(chunk.count), &chunks)
        let dataset = H5Dcreate2(file, path, chdf5_native_double(), space, chdf5_p_default(), properties, chdf5_p_default())
        precondition(dataset >= 0, "cannot create dataset \(path)")
        H5Dclose(dataset)
        H5Pclose(properties)
        H5Sclose(space)
    }

    /// A contiguous 64-bit float dataset of `count` values (0, 1, 2, …): bulk data, actually stored.
    public func filledDataset(_ path: String, count: Int) {
        var dimensions = [hsize_t(count)]
        let space = H5Screate_simple(1, &dimensions, nil)
        let dataset = H5Dcreate2(
            file, path, chdf5_native_double(), space, chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
        precondition(dataset >= 0, "cannot create dataset \(path)")
        let values = (0..<count).map(Double.init)
        values.withUnsafeBytes {
            _ = H5Dwrite(dataset, chdf5_native_double(), chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), $0.baseAddress)
        }
        H5Dclose(dataset)
        H5Sclose(space)
    }

    /// A 64-bit float dataset of `shape` holding `values` (row-major), contiguous, or chunked by `chunk`
    /// and deflated at `gzip` when given.
    public func numberDataset(_ path: String, shape: [UInt64], values: [Double], chunk: [UInt64]? = nil, gzip: UInt32? = nil) {
        precondition(values.count == Int(shape.reduce(1, *)), "\(values.count) values for \(shape)")
        var dimensions = shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(shape.count), &dimensions, nil)
        let properties = H5Pcreate(chdf5_p_dataset_create())
        if let chunk {
            var chunks = chunk.map { hsize_t($0) }
            H5Pset_chunk(properties, Int32(chunk.count), &chunks)
            if let gzip { H5Pset_deflate(properties, gzip) }
        }
        let dataset = H5Dcreate2(file, path, chdf5_native_double(), space, chdf5_p_default(), properties, chdf5_p_default())
        precondition(dataset >= 0, "cannot create dataset \(path)")
        values.withUnsafeBytes {
            _ = H5Dwrite(dataset, chdf5_native_double(), chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), $0.baseAddress)
        }
        H5Dclose(dataset)
        H5Pclose(properties)
        H5Sclose(space)
    }

    /// A one-dimensional dataset of `(x, y, weight)` rows (uint32, uint32, float32), as NWB's pixel masks.
    public func pixelMaskDataset(_ path: String, _ pixels: [(x: UInt32, y: UInt32, weight: Float)]) {
        let type = H5Tcreate(H5T_COMPOUND, 12)
        H5Tinsert(type, "x", 0, chdf5_native_uint32())
        H5Tinsert(type, "y", 4, chdf5_native_uint32())
        H5Tinsert(type, "weight", 8, chdf5_native_float())
        var dimensions = [hsize_t(pixels.count)]
        let space = H5Screate_simple(1, &dimensions, nil)
        let dataset = H5Dcreate2(file, path, type, space, chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
        precondition(dataset >= 0, "cannot create dataset \(path)")
        var bytes = [UInt8]()
        for pixel in pixels {
            withUnsafeBytes(of: pixel.x.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: pixel.y.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: pixel.weight.bitPattern.littleEndian) { bytes += $0 }
        }
        bytes.withUnsafeBytes { _ = H5Dwrite(dataset, type, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), $0.baseAddress) }
        H5Dclose(dataset)
        H5Sclose(space)
        H5Tclose(type)
    }

    private func withCStrings(_ values: [String], _ body: (UnsafeRawPointer) -> Void) {
        let pointers: [UnsafeMutablePointer<CChar>?] = values.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        pointers.withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!)) }
    }
}
