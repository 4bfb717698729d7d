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
    private var descriptor: FileDescriptor?
    private var temporary: String?

    init(path: String?) throws {
        guard let path else {
            target = .standardOutput
            return
        }
        if let status = RawPath.status(path), !FileSystem.isRegularFile(status) {
            if FileSystem.isFolder(status) {
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
            do {
                try FileSystem.makeFolder(built, mode: 0o777)
            } catch where error.code == EEXIST {
                continue
            } catch {
                Diagnostics.error("\(RawPath.display(path)): cannot create its folder \(RawPath.display(built)): \(error)")
                throw ExitCode(2)
            }
        }
    }

    deinit {
        descriptor?.close()
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
            let output = try open()
            do { try output.writeAll(raw) } catch { try fail(path, error) }
        }
    }

    /// Opens the output on the first write (or at the end, for an empty output).
    @discardableResult
    private func open() throws -> FileDescriptor {
        if let descriptor { return descriptor }
        let opened: FileDescriptor
        switch target {
        case .standardOutput: return .standardOutput
        case .special(let path):
            do { opened = try FileDescriptor.openForWriting(path, flags: O_NOCTTY) } catch { try fail(path, error) }
        case .atomicFile(let path):
            do {
                let file = try AtomicFile.createTemporary(for: path)
                temporary = file.path
                opened = file.descriptor
            } catch {
                try fail(path, error)
            }
        }
        descriptor = opened
        return opened
    }

    private func fail(_ path: String, _ failure: any Error) throws -> Never {
        Diagnostics.error("\(RawPath.display(path)): cannot write output: \(failure)")
        descriptor?.close()
        descriptor = nil
        if let temporary { AtomicFile.discard(temporary) }
        temporary = nil
        throw ExitCode(1)
    }

    /// Completes the output: the temporary file is synced and renamed into place.
    func finish() throws {
        switch target {
        case .standardOutput: return
        case .special(let path):
            let output = try open()
            descriptor = nil
            do { try output.closeReportingErrors() } catch { try fail(path, error) }
        case .atomicFile(let path):
            let output = try open()
            do { try output.synchronize() } catch { try fail(path, error) }
            descriptor = nil
            do { try output.closeReportingErrors() } catch { try fail(path, error) }
            guard let temporary else { return }
            do { try AtomicFile.commit(temporary, to: path) } catch { try fail(path, error) }
            self.temporary = nil
        }
    }
}

/// Writes a file by writing a temporary file beside it and renaming it over the old one.
enum AtomicFile {
    /// Writes `data` to `path`; returns what went wrong, or `nil`.
    static func write(_ data: Data, to path: String) -> String? {
        let file: (path: String, descriptor: FileDescriptor)
        do { file = try createTemporary(for: path) } catch { return "\(error)" }
        do {
            do {
                try file.descriptor.writeAll([UInt8](data))
                try file.descriptor.synchronize()
            } catch {
                file.descriptor.close()
                throw error
            }
            try file.descriptor.closeReportingErrors()
            try commit(file.path, to: path)
            return nil
        } catch {
            discard(file.path)
            return "\(error)"
        }
    }

    /// Creates the hidden temporary file beside `path`, exclusively under a random name
    /// (`ExclusiveFile`: nothing planted at a predictable name is followed or overwritten), removed by
    /// SIGINT/SIGTERM until committed or discarded.
    static func createTemporary(for path: String) throws(Errno) -> (path: String, descriptor: FileDescriptor) {
        let file = try ExclusiveFile(besides: path, mode: 0o666)
        InterruptCleanup.removeOnInterrupt(file.path)
        return (file.path, FileDescriptor(rawValue: file.descriptor))
    }

    /// Renames the temporary file over `path`.
    static func commit(_ temporary: String, to path: String) throws(Errno) {
        defer { InterruptCleanup.forget() }
        try FileSystem.rename(temporary, to: path)
    }

    /// Removes a temporary file that will not be committed.
    static func discard(_ temporary: String) {
        FileSystem.remove(temporary)
        InterruptCleanup.forget()
    }
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
    private let enabled = FileDescriptor.standardError.isTerminal
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
    static let standardOutputIsTerminal = FileDescriptor.standardOutput.isTerminal

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
        do {
            try FileDescriptor(rawValue: descriptor).writeAll(raw)
        } catch {
            guard descriptor == STDOUT_FILENO else { return }
            if error.code == EPIPE { InterruptCleanup.endAsBrokenPipe() }
            Diagnostics.error("standard output: \(error)")
            exit(1)
        }
    }
}
