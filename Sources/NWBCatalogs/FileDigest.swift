import Foundation
import HDF5
import NWBSupport
import Platform

/// The lower-case hex SHA-256 of a whole file, read in 4 MiB blocks (exports only: summaries never read data).
public enum FileDigest {
    public static func sha256(_ path: String) throws -> String {
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw ExportError(path: path, message: "cannot open to compute its SHA-256") }
        defer { close(descriptor) }
        guard let digest = SHA256Digest() else { throw ExportError(path: path, message: "cannot start a SHA-256 digest") }
        var block = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                _ = digest.finish()
                throw ExportError(path: path, message: "cannot read to compute its SHA-256")
            }
            if count == 0 { break }
            block.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return digest.finish()
    }
}
