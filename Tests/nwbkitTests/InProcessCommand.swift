import Foundation
import TestSupport

@testable import nwbkit

/// Runs an `nwbkit` command in this test process (`NWBKitCommand.run(arguments:)`, what `main` runs), its
/// stdout and stderr captured: no process start. For tests of what a command prints and its status; a
/// command that reads files does so in this process only with `--jobs 0` (worker processes are the
/// subprocess tests' subject).
enum InProcessCommand {
    /// Serializes runs: standard output and error are this process's, redirected for one run at a time.
    private static let lock = NSLock()

    static func nwbkit(_ arguments: [String], in folder: URL? = nil) throws -> CommandRun {
        lock.lock()
        defer { lock.unlock() }
        let capture = FileManager.default.temporaryDirectory.appending(path: "nwbkit-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outPath = capture.appending(path: "stdout").path
        let errPath = capture.appending(path: "stderr").path
        let previousFolder = FileManager.default.currentDirectoryPath
        if let folder { FileManager.default.changeCurrentDirectoryPath(folder.path) }
        defer { FileManager.default.changeCurrentDirectoryPath(previousFolder) }
        fflush(nil)
        let savedOut = dup(STDOUT_FILENO)
        let savedErr = dup(STDERR_FILENO)
        let outFile = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let errFile = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        dup2(outFile, STDOUT_FILENO)
        dup2(errFile, STDERR_FILENO)
        let status = NWBKitCommand.run(arguments: arguments)
        fflush(nil)
        dup2(savedOut, STDOUT_FILENO)
        dup2(savedErr, STDERR_FILENO)
        for descriptor in [savedOut, savedErr, outFile, errFile] { close(descriptor) }
        return CommandRun(
            status: status, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
