#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File paths as Swift strings that can still name files whose names are not UTF-8.
///
/// A path read from the system keeps every byte: valid UTF-8 is decoded as usual, and each other byte is
/// kept as the private-use scalar U+10FF00 + byte, which becomes that byte again whenever the path is handed
/// back to the system. So `bad\xFF.nwb` is found, opened, summarized and reported, and JSON output carries a
/// path that names the same file. People see such bytes as `\xFF` (`display`).
public enum RawPath {
    /// The first of the 256 private-use scalars that stand for single bytes.
    static let escapeBase: UInt32 = 0x10FF00

    /// A path from the bytes the system gave.
    public static func string(fromBytes bytes: [UInt8]) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int =
                switch lead {
                case 0x00...0x7F: 1
                case 0xC2...0xDF: 2
                case 0xE0...0xEF: 3
                case 0xF0...0xF4: 4
                default: 0
                }
            if length > 0, index + length <= bytes.count,
                let text = String(validating: bytes[index..<(index + length)], as: UTF8.self),
                !text.unicodeScalars.contains(where: { $0.value >= escapeBase })
            {
                result += text
                index += length
            } else {
                result.unicodeScalars.append(Unicode.Scalar(escapeBase + UInt32(lead))!)
                index += 1
            }
        }
        return result
    }

    /// The bytes the system knows the path by.
    public static func bytes(_ path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if scalar.value >= escapeBase {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Calls `body` with the path as the system's NUL-terminated bytes.
    public static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        guard path.unicodeScalars.contains(where: { $0.value >= escapeBase }) else { return try path.withCString(body) }
        let raw = bytes(path).map { CChar(bitPattern: $0) } + [0]
        return try raw.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// The path for people: bytes that are not UTF-8 shown as `\xFF`.
    public static func display(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { $0.value >= escapeBase }) else { return path }
        var result = ""
        for scalar in path.unicodeScalars {
            if scalar.value >= escapeBase {
                let byte = scalar.value - escapeBase
                result += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `stat(2)` of the path.
    public static func status(_ path: String, followLinks: Bool = true) -> stat? {
        var status = stat()
        let result = withCString(path) { followLinks ? stat($0, &status) : lstat($0, &status) }
        return result == 0 ? status : nil
    }

    /// `realpath(3)` of the path (links, `.` and `..` resolved), keeping every byte; `nil` when it does not resolve.
    public static func realPath(_ path: String) -> String? {
        withCString(path) { realpath($0, nil) }.map { pointer in
            defer { free(pointer) }
            return string(fromBytes: Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))))
        }
    }

    /// `access(2)` for reading.
    public static func isReadable(_ path: String) -> Bool {
        withCString(path) { access($0, R_OK) } == 0
    }
}
