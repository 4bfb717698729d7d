import ArgumentParser
import Foundation
import HDF5
import NWBKit
import NWBSupport
import Platform

/// Where a command's output goes: stdout as it comes, or a file.
///
/// A regular file (or a path that does not exist yet) is written atomically: the output streams into a
/// temporary file in the same folder, which is renamed into place when the output is complete, so a run
/// that stops (interrupted, out of disk or file-size quota) leaves the old file and no debris, and memory
/// does not grow with the output. A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is
/// written to directly and never replaced; its write errors are reported like any other.
final class OutputSink {
    private enum Target {
        case standardOutput
        case atomicFile(path: String)
        case special(path: String)
    }

    private let target: Target
    private var descriptor: Int32 = -1
    private var temporary: String?

    init(path: String?) throws {
        guard let path else {
            target = .standardOutput
            return
        }
        if let status = RawPath.status(path), (status.st_mode & S_IFMT) != S_IFREG {
            if (status.st_mode & S_IFMT) == S_IFDIR {
                Diagnostics.error("\(RawPath.display(path)): cannot write output: it is a folder")
                throw ExitCode(2)
            }
            target = .special(path: path)
        } else {
            target = .atomicFile(path: path)
            try Self.makeFolder(of: path)
        }
    }

    /// Creates the folders a new output file is to go in, as `mkdir -p` does (a report under `reports/` in
    /// a fresh CI checkout); one line and exit 2 when that cannot be done.
    private static func makeFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, RawPath.status(folder) == nil else { return }
        // Each missing folder from the top down, so the line can name the one that failed and why.
        var built = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/", omittingEmptySubsequences: true) {
            built += "/" + part
            if RawPath.status(built) != nil { continue }
            if RawPath.withCString(built, { mkdir($0, 0o777) }) != 0 && errno != EEXIST {
                Diagnostics.error(
                    "\(RawPath.display(path)): cannot create its folder \(RawPath.display(built)): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if let temporary { AtomicFile.discard(temporary) }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Writes bytes without copying them first (a 100,000-object summary is tens of MB).
    func write(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private func write(_ raw: UnsafeRawBufferPointer) throws {
        switch target {
        case .standardOutput:
            StandardStreams.write(raw, to: STDOUT_FILENO)
        case .atomicFile(let path), .special(let path):
            try open()
            if let failure = DescriptorWriting.writeAll(raw, to: descriptor) { try fail(path, failure) }
        }
    }

    /// Opens the output on the first write (or at the end, for an empty output).
    private func open() throws {
        guard descriptor < 0 else { return }
        switch target {
        case .standardOutput: return
        case .special(let path):
            descriptor = RawPath.withCString(path) { Glibc.open($0, O_WRONLY | O_NOCTTY | O_CLOEXEC) }
            if descriptor < 0 { try fail(path, errno) }
        case .atomicFile(let path):
            let (name, opened) = AtomicFile.createTemporary(for: path)
            guard opened >= 0 else { try fail(path, errno) }
            temporary = name
            descriptor = opened
        }
    }

    private func fail(_ path: String, _ code: Int32) throws -> Never {
        Diagnostics.error("\(RawPath.display(path)): cannot write output: \(String(cString: strerror(code)))")
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let temporary { AtomicFile.discard(temporary) }
        temporary = nil
        throw ExitCode(1)
    }

    /// Completes the output: the temporary file is synced and renamed into place.
    func finish() throws {
        switch target {
        case .standardOutput: return
        case .special(let path):
            try open()
            if close(descriptor) != 0 {
                descriptor = -1
                try fail(path, errno)
            }
            descriptor = -1
        case .atomicFile(let path):
            try open()
            if fsync(descriptor) != 0 { try fail(path, errno) }
            if close(descriptor) != 0 {
                descriptor = -1
                try fail(path, errno)
            }
            descriptor = -1
            guard let temporary else { return }
            if let failure = AtomicFile.commit(temporary, to: path) { try fail(path, failure) }
            self.temporary = nil
        }
    }
}

/// The temporary file being written, removed by the signal handlers if the run is stopped.
nonisolated(unsafe) private var pendingTemporaryFile: UnsafeMutablePointer<CChar>?

/// Writes a file by writing a temporary file beside it and renaming it over the old one.
enum AtomicFile {
    /// Writes `data` to `path`; returns what went wrong, or `nil`.
    static func write(_ data: Data, to path: String) -> String? {
        let (temporary, descriptor) = createTemporary(for: path)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var failure = data.withUnsafeBytes { DescriptorWriting.writeAll($0, to: descriptor) }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil { failure = commit(temporary, to: path) }
        if let failure {
            discard(temporary)
            return String(cString: strerror(failure))
        }
        return nil
    }

    /// Creates the hidden temporary file beside `path`, exclusively under a random name
    /// (`ExclusiveFile`: nothing planted at a predictable name is followed or overwritten), removed by
    /// SIGINT/SIGTERM until committed or discarded; the descriptor is negative, with `errno` set, when it
    /// cannot be created.
    static func createTemporary(for path: String) -> (path: String, descriptor: Int32) {
        installCleanup()
        do {
            let file = try ExclusiveFile(besides: path, mode: 0o666)
            free(pendingTemporaryFile)
            pendingTemporaryFile = RawPath.withCString(file.path) { strdup($0) }
            return (file.path, file.descriptor)
        } catch {
            errno = error.code
            return ("", -1)
        }
    }

    /// Renames the temporary file over `path`; the errno of a failure.
    static func commit(_ temporary: String, to path: String) -> Int32? {
        let status = RawPath.withCString(temporary) { from in RawPath.withCString(path) { rename(from, $0) } }
        let failure = status == 0 ? nil : errno
        forget()
        return failure
    }

    /// Removes a temporary file that will not be committed.
    static func discard(_ temporary: String) {
        _ = RawPath.withCString(temporary) { unlink($0) }
        forget()
    }

    private static func forget() {
        free(pendingTemporaryFile)
        pendingTemporaryFile = nil
    }

    /// Once: a file-size limit becomes an error from write() instead of a kill, and SIGINT/SIGTERM
    /// remove the temporary file before the process ends.
    private static let cleanup: Void = {
        signal(SIGXFSZ, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { signal in
            if let file = pendingTemporaryFile { unlink(file) }
            _exit(128 + signal)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }()

    private static func installCleanup() { _ = cleanup }
}

/// Lines on stderr, prefixed `nwbkit:` so they read well among other tools' output. Each is one line:
/// control characters from file names and contents are escaped (`\e`, `\n`, `\x07`), so no text from a
/// file can forge a line or drive the terminal.
enum Diagnostics {
    static func error(_ message: String) {
        line("nwbkit: \(message)")
    }

    static func warning(_ message: String) {
        line("nwbkit: warning: \(message)")
    }

    static func note(_ message: String) {
        line("nwbkit: \(message)")
    }

    private static func line(_ text: String) {
        StandardStreams.write(Data((ControlCharacters.escape(text) + "\n").utf8), to: STDERR_FILENO)
    }
}

/// A one-line progress indicator on stderr, shown only on a terminal and only for many files.
final class Progress {
    private let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false

    func show(position: Int, total: Int) {
        guard enabled, total >= 20 else { return }
        StandardStreams.write(Data("\r\u{1B}[K[\(position + 1)/\(total)]".utf8), to: STDERR_FILENO)
        shown = true
    }

    func clear() {
        guard shown else { return }
        StandardStreams.write(Data("\r\u{1B}[K".utf8), to: STDERR_FILENO)
        shown = false
    }
}

/// stdout and stderr written with plain `write(2)`. Foundation's `FileHandle.write` traps on a closed pipe,
/// and SIGPIPE is ignored while worker processes run, so `nwbkit … | head` would crash: when the reader of
/// stdout is gone, nwbkit ends as if SIGPIPE had stopped it (quietly, status 141), like other tools;
/// a closed stderr is ignored.
enum StandardStreams {
    static func write(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { write($0, to: descriptor) }
    }

    /// True when stdout is a terminal: control characters from files are then shown escaped (line breaks
    /// and tabs kept); a file or pipe gets the exact bytes.
    static let standardOutputIsTerminal = isatty(STDOUT_FILENO) != 0

    static func write(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) {
        if descriptor == STDOUT_FILENO && standardOutputIsTerminal {
            let text = String(decoding: raw, as: UTF8.self)
            if ControlCharacters.contains(text, keepingLineBreaks: true) {
                var escaped = ControlCharacters.escape(text, keepingLineBreaks: true)
                escaped.withUTF8 { writeExactly(UnsafeRawBufferPointer($0), to: descriptor) }
                return
            }
        }
        writeExactly(raw, to: descriptor)
    }

    private static func writeExactly(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let failure = DescriptorWriting.writeAll(raw, to: descriptor), descriptor == STDOUT_FILENO else { return }
        if failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        Diagnostics.error("standard output: \(String(cString: strerror(failure)))")
        exit(1)
    }
}
