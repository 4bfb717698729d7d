import CHDF5
import NWBSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libhdf5's virtual file driver over a `ByteSource`: read-only, its reads handed to the source.
enum ByteSourceDriver {
    /// The driver's id, registered with libhdf5 on first use.
    static let id: hid_t = {
        HDF5Library.prepare()
        // The class keeps the name's pointer for the life of the process.
        var driver = chdf5_source_driver_class(strdup("nwbkit_byte_source"), MemoryLayout<UnsafeRawPointer>.size)
        driver.open = { name, flags, fapl, maxaddr in
            guard let info = H5Pget_driver_info(fapl) else { return nil }
            let pointer = info.load(as: UnsafeRawPointer.self)
            let source = Unmanaged<SourceBox>.fromOpaque(pointer)
            let file = UnsafeMutablePointer<chdf5_source_file_t>.allocate(capacity: 1)
            file.initialize(to: chdf5_source_file_t())
            file.pointee.source = UnsafeMutableRawPointer(mutating: source.retain().toOpaque())
            file.pointee.eof = haddr_t(source.takeUnretainedValue().source.size)
            return UnsafeMutableRawPointer(file).assumingMemoryBound(to: H5FD_t.self)
        }
        driver.close = { file in
            guard let file else { return -1 }
            let own = UnsafeMutableRawPointer(file).assumingMemoryBound(to: chdf5_source_file_t.self)
            if let source = own.pointee.source { Unmanaged<SourceBox>.fromOpaque(source).release() }
            own.deinitialize(count: 1)
            own.deallocate()
            return 0
        }
        driver.get_eoa = { file, _ in
            UnsafeRawPointer(file!).assumingMemoryBound(to: chdf5_source_file_t.self).pointee.eoa
        }
        driver.set_eoa = { file, _, address in
            UnsafeMutableRawPointer(file!).assumingMemoryBound(to: chdf5_source_file_t.self).pointee.eoa = address
            return 0
        }
        driver.get_eof = { file, _ in
            UnsafeRawPointer(file!).assumingMemoryBound(to: chdf5_source_file_t.self).pointee.eof
        }
        driver.read = { file, _, _, address, size, buffer in
            guard let file, let buffer else { return -1 }
            let own = UnsafeMutableRawPointer(file).assumingMemoryBound(to: chdf5_source_file_t.self)
            guard let pointer = own.pointee.source else { return -1 }
            let source = Unmanaged<SourceBox>.fromOpaque(pointer).takeUnretainedValue().source
            let end = Int(clamping: own.pointee.eof)
            let start = Int(clamping: address)
            // Past the end of the file libhdf5 expects zeros, as from a local file.
            let available = max(0, min(size, end - min(start, end)))
            if available < size { memset(buffer + available, 0, size - available) }
            if available == 0 { return 0 }
            return source.read(offset: start, count: available, into: buffer) ? 0 : -1
        }
        driver.write = { _, _, _, _, _, _ in -1 }
        return withUnsafePointer(to: &driver) { H5FDregister($0) }
    }()

    /// Holds the source for the driver's files (what the file access list points at).
    final class SourceBox {
        let source: ByteSource
        init(_ source: ByteSource) { self.source = source }
    }
}

extension File {
    /// Opens the file whose bytes `source` gives, read-only, through NWBKit's byte-source driver; `path`
    /// names it in errors and summaries (a URL for a remote file).
    public static func open(_ path: String, source: ByteSource) throws -> File {
        let accessList = try readingAccessList()
        let driver = ByteSourceDriver.id
        guard driver >= 0 else { throw HDF5Library.error("H5FDregister") }
        let box = ByteSourceDriver.SourceBox(source)
        var info = UnsafeRawPointer(Unmanaged.passUnretained(box).toOpaque())
        let status = withUnsafePointer(to: &info) { H5Pset_driver(accessList.id, driver, $0) }
        guard status >= 0 else { throw HDF5Library.error("H5Pset_driver") }
        let id = withExtendedLifetime(box) { path.withCString { H5Fopen($0, chdf5_f_acc_rdonly(), accessList.id) } }
        guard id >= 0 else {
            let error = HDF5Library.error("H5Fopen")
            if let failure = source.failure {
                throw HDF5Error(operation: "H5Fopen", objectPath: nil, message: failure)
            }
            throw error
        }
        return File(handle: Identifier(id, .file), path: path, source: source)
    }

    /// True when the bytes of `source` hold the HDF5 signature at 0 or at a userblock offset (512, 1024, …).
    public static func hasHDF5Signature(_ source: ByteSource) -> Bool {
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
        var offset = 0
        while offset + 8 <= source.size {
            var bytes = [UInt8](repeating: 0, count: 8)
            guard bytes.withUnsafeMutableBytes({ source.read(offset: offset, count: 8, into: $0.baseAddress!) }) else {
                return false
            }
            if bytes == signature { return true }
            offset = offset == 0 ? 512 : offset * 2
        }
        return false
    }
}
