import ArgumentParser
import Foundation
import NWBExport

/// Where a command's output goes: stdout as it comes, or a file written atomically at the end
/// (a temporary file in the same folder, renamed into place), so a run that stops — interrupted, or
/// out of disk or file-size quota — leaves the old file and no debris.
final class OutputSink {
    private let path: String?
    private var buffer = Data()

    init(path: String?) throws {
        self.path = path
    }

    func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    func write(_ data: Data) throws {
        if path == nil {
            StandardStreams.write(data, to: STDOUT_FILENO)
        } else {
            buffer.append(data)
        }
    }

    /// Writes bytes without copying them first (a 100,000-object summary is tens of MB).
    func write(bytes: [UInt8]) throws {
        guard path == nil else {
            buffer.append(contentsOf: bytes)
            return
        }
        bytes.withUnsafeBytes { StandardStreams.write($0, to: STDOUT_FILENO) }
    }

    func finish() throws {
        guard let path else { return }
        if let failure = AtomicFile.write(buffer, to: path) {
            Diagnostics.error("\(path): cannot write output: \(failure)")
            throw ExitCode(1)
        }
    }
}

/// The temporary file being written, removed by the signal handlers if the run is stopped.
nonisolated(unsafe) private var pendingTemporaryFile: UnsafeMutablePointer<CChar>?

/// Writes a file by writing a temporary file beside it and renaming it over the old one.
enum AtomicFile {
    /// Writes `data` to `path`; returns what went wrong, or `nil`.
    static func write(_ data: Data, to path: String) -> String? {
        installCleanup()
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).nwbkit-\(getpid()).tmp"
        pendingTemporaryFile = strdup(temporary)
        defer {
            free(pendingTemporaryFile)
            pendingTemporaryFile = nil
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        failure = data.withUnsafeBytes { DescriptorWriting.writeAll($0, to: descriptor) }.map { String(cString: strerror($0)) }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
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

/// Lines on stderr, prefixed `nwbkit:` so they read well among other tools' output.
enum Diagnostics {
    static func error(_ message: String) {
        StandardStreams.write(Data("nwbkit: \(message)\n".utf8), to: STDERR_FILENO)
    }

    static func warning(_ message: String) {
        StandardStreams.write(Data("nwbkit: warning: \(message)\n".utf8), to: STDERR_FILENO)
    }

    static func note(_ message: String) {
        StandardStreams.write(Data("nwbkit: \(message)\n".utf8), to: STDERR_FILENO)
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

    static func write(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard let failure = DescriptorWriting.writeAll(raw, to: descriptor), descriptor == STDOUT_FILENO else { return }
        if failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        exit(1)
    }
}
