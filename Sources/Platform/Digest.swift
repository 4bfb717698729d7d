import CLibCrypto

/// SHA-256 and HMAC-SHA-256 through libcrypto: the one wrapper of it (cache entries, exports' checksums,
/// S3 signatures).
public struct SHA256Digest {
    private let context: OpaquePointer

    /// A new digest; `nil` when libcrypto cannot start one.
    public init?() {
        guard let made = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestInit_ex(made, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(made)
            return nil
        }
        context = made
    }

    /// Adds `bytes`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    /// The digest of everything added, in lower-case hex (the digest is then finished and freed).
    public func finish() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        EVP_MD_CTX_free(context)
        return Self.hex(digest.prefix(Int(length)))
    }

    /// The lower-case hex SHA-256 of `bytes`.
    public static func hex(of bytes: some Collection<UInt8>) -> String { hex(raw(Array(bytes))) }

    /// The SHA-256 of `bytes`.
    public static func raw(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = bytes.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &digest) }
        return digest
    }

    /// HMAC-SHA-256 of `text` with `key`.
    public static func hmac(key: [UInt8], _ text: String) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        let data = Array(text.utf8)
        _ = key.withUnsafeBufferPointer { keyPointer in
            data.withUnsafeBufferPointer { dataPointer in
                HMAC(
                    EVP_sha256(), keyPointer.baseAddress, Int32(key.count), dataPointer.baseAddress, dataPointer.count,
                    &digest, &length)
            }
        }
        return digest
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
