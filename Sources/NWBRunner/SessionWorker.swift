import Foundation
import NWBJSON
import NWBKit
import Platform

/// A worker process (`nwbkit worker` in session mode) that answers one task at a time and stays up between
/// tasks, keeping remote files open (`RemoteFileShelf`): the MCP server's way to read files. A crash or a
/// hang inside libhdf5 ends the worker, never the caller; a task past its deadline, or cancelled, ends it
/// too, and the next task starts a new one. One task at a time (callers serialize; `run` is not reentrant).
public final class SessionWorker: @unchecked Sendable {
    private let executable: URL
    private let configuration: WorkerConfiguration
    private var process: ChildProcess?
    private let lock = NSLock()

    /// `reading`: how files are read, as every worker is told; `remoteCacheBytes`: the bound on one remote
    /// file's cached blocks.
    public init(executable: URL, reading: WorkerReading, remoteCacheBytes: Int? = nil) {
        self.executable = executable
        var configuration = WorkerConfiguration(request: WorkerRequest(reading: reading, product: .summary))
        configuration.session = true
        configuration.parent = CurrentProcess.id
        configuration.remoteCacheBytes = remoteCacheBytes
        self.configuration = configuration
    }

    deinit { stop() }

    /// Why a task was stopped before its answer.
    public enum Stop: Sendable {
        case deadline(Double)
        case cancelled
    }

    /// Runs `task` within `deadline` seconds; `shouldStop` is asked every 50 ms (a cancelled call). The
    /// outcome is the file's result or a one-line failure (the worker's death, the deadline, a cancel).
    public func run(_ task: WorkerTask, deadline: Double, shouldStop: () -> Bool = { false }) -> FileOutcome {
        lock.lock()
        defer { lock.unlock() }
        let worker: ChildProcess
        do {
            worker = try running()
        } catch {
            return .failure(.worker(path: task.path, detail: "the worker could not start: \(error)"))
        }
        var line = (try? FastJSONEncoder(prettyPrinted: false).encode(task)) ?? []
        line.append(UInt8(ascii: "\n"))
        _ = worker.send(line)  // a worker that is gone is reported by its read side
        var framer = ReplyFramer()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let started = Date()
        while true {
            if shouldStop() {
                stopLocked()
                return .failure(.worker(path: task.path, detail: "cancelled; the worker reading it was stopped"))
            }
            if Date().timeIntervalSince(started) > deadline {
                stopLocked()
                return .failure(
                    .worker(path: task.path, detail: "took longer than \(Int(deadline.rounded())) s to read; stopped"))
            }
            switch worker.outputDescriptor.read(into: &chunk, waitingAtMost: 50) {
            case .timedOut: continue
            case .bytes(let count):
                if let reply = framer.append(chunk[..<count]).first {
                    return WorkerProtocol.decode(reply)
                        ?? .failure(.worker(path: task.path, detail: "the worker's answer could not be read"))
                }
            case .end:
                let detail = WorkerProcesses.death(of: worker)
                process = nil
                return .failure(.worker(path: task.path, detail: detail))
            }
        }
    }

    /// Ends the worker (the next task starts another).
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        stopLocked()
    }

    private func stopLocked() {
        guard let process else { return }
        process.closeInput()
        process.killAndReap()
        self.process = nil
    }

    private func running() throws -> ChildProcess {
        if let process { return process }
        let started = try WorkerProcesses.start(executable: executable, arguments: ["worker"])
        _ = started.send(try configuration.line())
        process = started
        return started
    }

}
