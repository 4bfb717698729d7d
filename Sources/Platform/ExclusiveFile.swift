import NWBSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary file created exclusively beside where its contents will go: a random name (not the
/// process id), `O_CREAT | O_EXCL | O_NOFOLLOW`, so nothing planted at a name (a link to another file, a
/// file of someone else's) is ever opened or written through. It becomes the real file by `rename(2)`,
/// which replaces a link at the target rather than following it.
public struct ExclusiveFile {
    /// The temporary file's path.
    public let path: String
    /// Open for writing.
    public let descriptor: Int32

    /// Creates a new hidden file beside `target` (`.NAME.nwbkit-RANDOM.tmp` in its folder) with `mode`
    /// (less the umask). Throws the errno of the failure.
    public init(besides target: String, mode: mode_t) throws(Errno) {
        let slash = target.lastIndex(of: "/")
        let folder = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        try self.init(folder: folder, prefix: ".\(name).nwbkit-", mode: mode)
    }

    /// Creates a new file `FOLDER/PREFIX RANDOM .tmp` (`folder` empty or ending in `/`).
    public init(folder: String, prefix: String, mode: mode_t) throws(Errno) {
        for _ in 0..<64 {
            let candidate = folder + prefix + Self.randomName() + ".tmp"
            let opened = RawPath.withCString(candidate) {
                open($0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            }
            if opened >= 0 {
                path = candidate
                descriptor = opened
                return
            }
            if errno != EEXIST { throw Errno(errno) }
        }
        throw Errno(EEXIST)
    }

    /// 16 random letters and digits (about 95 bits).
    private static func randomName() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}

/// A system call's error number, with the system's words for it.
public struct Errno: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }
}
