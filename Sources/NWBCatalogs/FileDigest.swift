import CLibCrypto
import Foundation
import HDF5
import NWBSupport

/// The lower-case hex SHA-256 of a whole file, read in 4 MiB blocks (exports only: summaries never read data).
public enum FileDigest {
    public static func sha256(_ path: String) throws -> String {
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY) }
        guard descriptor >= 0 else { throw ExportError(path: path, message: "cannot open to compute its SHA-256") }
        defer { close(descriptor) }
        guard let context = EVP_MD_CTX_new() else { throw ExportError(path: path, message: "cannot start a SHA-256 digest") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw ExportError(path: path, message: "cannot start a SHA-256 digest")
        }
        var block = [UInt8](repeating: 0, count: 4 << 20)
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ExportError(path: path, message: "cannot read to compute its SHA-256")
            }
            if count == 0 { break }
            _ = block.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, count) }
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else {
            throw ExportError(path: path, message: "cannot finish its SHA-256 digest")
        }
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }
}
