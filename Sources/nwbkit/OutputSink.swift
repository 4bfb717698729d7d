import ArgumentParser
import Foundation

/// Where a command's output goes: stdout as it comes, or a file written atomically at the end
/// (a temporary file in the same folder, renamed into place), so a run that stops leaves the old file.
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
            FileHandle.standardOutput.write(data)
        } else {
            buffer.append(data)
        }
    }

    func finish() throws {
        guard let path else { return }
        do {
            try buffer.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Diagnostics.error("\(path): cannot write output: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }

}

/// Lines on stderr, prefixed `nwbkit:` so they read well among other tools' output.
enum Diagnostics {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("nwbkit: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("nwbkit: warning: \(message)\n".utf8))
    }
}

/// A one-line progress indicator on stderr, shown only on a terminal and only for many files.
final class Progress {
    private let enabled = isatty(STDERR_FILENO) != 0
    private var shown = false

    func show(position: Int, total: Int) {
        guard enabled, total >= 20 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(position + 1)/\(total)]".utf8))
        shown = true
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
