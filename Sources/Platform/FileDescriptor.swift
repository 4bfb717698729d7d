import NWBSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor, shaped like swift-system's `FileDescriptor`: every call retries an interrupted
/// system call (the one EINTR loop) and throws its `Errno`. Not closed on its own: the owner closes it.
public struct FileDescriptor: Sendable, Equatable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let standardInput = FileDescriptor(rawValue: STDIN_FILENO)
    public static let standardOutput = FileDescriptor(rawValue: STDOUT_FILENO)
    public static let standardError = FileDescriptor(rawValue: STDERR_FILENO)

    /// Opens `path` (its bytes as they are, `RawPath`) for reading, close-on-exec.
    public static func openForReading(_ path: String) throws(Errno) -> FileDescriptor {
        let opened = retrying { RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) } }
        guard opened >= 0 else { throw Errno(errno) }
        return FileDescriptor(rawValue: opened)
    }

    /// Opens `path` to write, with these `open(2)` flags (`O_WRONLY` and close-on-exec are added) and the mode
    /// of a file it creates.
    public static func openForWriting(_ path: String, flags: Int32, mode: mode_t = 0o666) throws(Errno) -> FileDescriptor {
        let opened = retrying { RawPath.withCString(path) { open($0, O_WRONLY | O_CLOEXEC | flags, mode) } }
        guard opened >= 0 else { throw Errno(errno) }
        return FileDescriptor(rawValue: opened)
    }

    /// Reads what is there, at most `buffer.count` bytes; 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = Self.retrying { systemRead(rawValue, base, buffer.count) }
        guard count >= 0 else { throw Errno(errno) }
        return count
    }

    /// Reads until `buffer` is full or the end; the bytes read.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// Writes every byte, however many calls it takes.
    public func writeAll(_ raw: UnsafeRawBufferPointer) throws(Errno) {
        var offset = 0
        while offset < raw.count {
            let written = Self.retrying { systemWrite(rawValue, raw.baseAddress! + offset, raw.count - offset) }
            guard written >= 0 else { throw Errno(errno) }
            offset += written
        }
    }

    /// `writeAll` for an array of bytes.
    public func writeAll(_ bytes: [UInt8]) throws(Errno) {
        let failure: Errno? = bytes.withUnsafeBytes { raw in
            do throws(Errno) {
                try writeAll(raw)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// The file's status (`fstat(2)`).
    public func status() throws(Errno) -> stat {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else { throw Errno(errno) }
        return info
    }

    /// Whether it is a terminal.
    public var isTerminal: Bool { isatty(rawValue) == 1 }

    /// Closes it (an error on close is not reported: nothing is left to do about it).
    public func close() {
        _ = systemClose(rawValue)
    }

    /// Closes it, reporting an error (a file whose last bytes could not be written: NFS, quotas).
    public func closeReportingErrors() throws(Errno) {
        guard systemClose(rawValue) == 0 else { throw Errno(errno) }
    }

    /// Flushes the file's bytes to its disk (`fsync(2)`).
    public func synchronize() throws(Errno) {
        guard Self.retrying({ fsync(rawValue) }) == 0 else { throw Errno(errno) }
    }

    /// Reads what arrives within `milliseconds` into `buffer` (from its start).
    public func read(into buffer: inout [UInt8], waitingAtMost milliseconds: Int32) -> ReadOutcome {
        guard Self.waitForInput([self], milliseconds: milliseconds)[0] else { return .timedOut }
        let count = (try? buffer.withUnsafeMutableBytes { (raw) throws(Errno) in try read(into: raw) }) ?? 0
        return count > 0 ? .bytes(count) : .end
    }

    /// Reads until the other end closes: every byte, or `nil` on a read error.
    public func readToEnd(chunkSize: Int = 1 << 20) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            guard let count = try? chunk.withUnsafeMutableBytes({ (raw) throws(Errno) in try read(into: raw) }) else {
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// What one bounded read gave.
    public enum ReadOutcome: Equatable, Sendable {
        /// This many bytes, at the buffer's start.
        case bytes(Int)
        /// Nothing arrived within the wait.
        case timedOut
        /// The other end closed (or the read failed).
        case end
    }

    /// Waits at most `milliseconds` for any of `descriptors` to have input (or be closed): which are ready.
    public static func waitForInput(_ descriptors: [FileDescriptor], milliseconds: Int32) -> [Bool] {
        var polled = descriptors.map { pollfd(fd: $0.rawValue, events: Int16(POLLIN), revents: 0) }
        let count = retrying { poll(&polled, nfds_t(polled.count), milliseconds) }
        guard count > 0 else { return descriptors.map { _ in false } }
        return polled.map { $0.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 }
    }

    /// Runs `call` again while it fails with EINTR.
    static func retrying<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}

/// Paths in the file system: rename, remove, folders, status. Each call throws its `Errno`.
public enum FileSystem {
    /// `rename(2)`: replaces `target` (a link at it, not what it points to).
    public static func rename(_ source: String, to target: String) throws(Errno) {
        let result = RawPath.withCString(source) { from in RawPath.withCString(target) { to in systemRename(from, to) } }
        guard result == 0 else { throw Errno(errno) }
    }

    /// Removes a file (not a folder); a file already gone is no error.
    public static func remove(_ path: String) {
        _ = RawPath.withCString(path) { unlink($0) }
    }

    /// Makes a folder with `mode` (less the umask).
    public static func makeFolder(_ path: String, mode: mode_t) throws(Errno) {
        guard RawPath.withCString(path, { mkdir($0, mode) }) == 0 else { throw Errno(errno) }
    }

    /// The status of the path itself (a link's own, `lstat(2)`).
    public static func linkStatus(_ path: String) throws(Errno) -> stat {
        var info = stat()
        guard RawPath.withCString(path, { lstat($0, &info) }) == 0 else { throw Errno(errno) }
        return info
    }

    /// Sets a path's permission bits.
    public static func setPermissions(_ path: String, _ mode: mode_t) throws(Errno) {
        guard RawPath.withCString(path, { chmod($0, mode) }) == 0 else { throw Errno(errno) }
    }

    /// Whether `info` is a folder, a regular file.
    public static func isFolder(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    public static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
}

/// This process: its id, its parent's and its user's.
public enum CurrentProcess {
    public static var id: Int32 { getpid() }
    public static var parentID: Int32 { getppid() }
    public static var userID: UInt32 { getuid() }

    /// Writes to a closed pipe fail with EPIPE instead of ending the process (the command line's choice,
    /// made once at its start: a library never changes it).
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}

// The system's calls under names of their own, apart from the methods that wrap them.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemRename(_ source: UnsafePointer<CChar>, _ target: UnsafePointer<CChar>) -> Int32 {
    rename(source, target)
}
