import Foundation
import HDF5
import NWBSupport
import Platform

/// The lower-case hex SHA-256 of a whole file, read in 4 MiB blocks (exports only: summaries never read data).
public enum FileDigest {
    public static func sha256(_ path: String) throws -> String {
        guard let descriptor = try? FileDescriptor.openForReading(path) else {
            throw ExportError(path: path, message: "cannot open to compute its SHA-256")
        }
        defer { descriptor.close() }
        guard let digest = SHA256Digest() else { throw ExportError(path: path, message: "cannot start a SHA-256 digest") }
        var block = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            guard let count = try? block.withUnsafeMutableBytes({ (raw) throws(Errno) in try descriptor.read(into: raw) }) else {
                _ = digest.finish()
                throw ExportError(path: path, message: "cannot read to compute its SHA-256")
            }
            if count == 0 { break }
            block.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return digest.finish()
    }
}
