import Foundation
import TestSupport

@testable import nwbkit

/// Runs an `nwbkit` command in this test process (`NWBKitCommand.run(arguments:context:)`, what `main`
/// runs), its stdout and stderr captured: no start of the command's own process. Its workers are started
/// from the built binary, in the environment given (this process's, with `environment`'s variables set, or
/// removed when empty, as `CommandRun.nwbkit` does). For tests of what a command prints and its status; tests
/// of the process itself (signals, pipes, its user, its command line) start the binary.
enum InProcessCommand {
    /// Serializes runs: standard output and error are this process's, redirected for one run at a time.
    private static let lock = NSLock()
    /// A worker that dies mid-write must not end the tests (the binary ignores SIGPIPE in `main`).
    private static let brokenPipesIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func nwbkit(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws
        -> CommandRun
    {
        lock.lock()
        defer { lock.unlock() }
        _ = brokenPipesIgnored
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value.isEmpty ? nil : value }
        let context = CommandContext(environment: variables, workerExecutable: TestPaths.binary)
        let capture = FileManager.default.temporaryDirectory.appending(path: "nwbkit-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outPath = capture.appending(path: "stdout").path
        let errPath = capture.appending(path: "stderr").path
        let previousFolder = FileManager.default.currentDirectoryPath
        // In `folder`, else the temporary folder, as `CommandRun.nwbkit` starts the binary.
        FileManager.default.changeCurrentDirectoryPath((folder ?? FileManager.default.temporaryDirectory).path)
        defer { FileManager.default.changeCurrentDirectoryPath(previousFolder) }
        fflush(nil)
        let savedOut = dup(STDOUT_FILENO)
        let savedErr = dup(STDERR_FILENO)
        let outFile = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let errFile = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        dup2(outFile, STDOUT_FILENO)
        dup2(errFile, STDERR_FILENO)
        let status = NWBKitCommand.run(arguments: arguments, context: context)
        fflush(nil)
        dup2(savedOut, STDOUT_FILENO)
        dup2(savedErr, STDERR_FILENO)
        for descriptor in [savedOut, savedErr, outFile, errFile] { close(descriptor) }
        return CommandRun(
            status: status, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
