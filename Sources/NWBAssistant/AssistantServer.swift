import Dispatch
import Foundation
import MCP
import NWBKit

/// `nwbkit mcp`: an MCP server over standard input and output (JSON-RPC 2.0, on the official Swift SDK) that
/// gives AI assistants NWBKit's tools (`AssistantServer.tools`) and the `describe-dandiset` prompt. Each
/// call runs off the message loop, within its deadline, and stops its worker when the client cancels it.
public enum AssistantServer {
    /// Serves until the client closes standard input.
    public static func run(settings: AssistantSettings) async throws {
        let calls = AssistantCalls(settings: settings)
        defer { calls.stop() }
        let server = Server(
            name: "nwbkit", version: NWBKitVersion.current, title: "NWBKit",
            instructions: """
                Tools over NWB files (local paths, http(s) URLs, or DANDI assets named DANDI:ID/VERSION/PATH) and \
                DANDI dandisets. Start with dandiset_info and dandiset_assets, then nwb_file_info or \
                nwb_usage_script for a file's structure, nwb_object for one object and a bounded slice of its values.
                """,
            capabilities: .init(prompts: .init(listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { [server] parameters in
            // A client that gives a progress token hears how a call over many files goes (before its result).
            let progress = ProgressSender(server: server, token: parameters._meta?.progressToken)
            let reply = await offLoop { shouldStop in
                calls.call(
                    parameters.name, arguments(parameters.arguments ?? [:]), shouldStop: shouldStop, progress: progress.report)
            }
            await progress.finish()
            // A cancelled call gets no answer (the protocol's rule); its worker was stopped.
            try Task.checkCancellation()
            return CallTool.Result(content: [.text(text: reply.text, annotations: nil, _meta: nil)], isError: reply.isError)
        }
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: prompts) }
        await server.withMethodHandler(GetPrompt.self) { parameters in
            guard parameters.name == "describe-dandiset" else {
                throw MCPError.invalidParams("no prompt named '\(parameters.name)'")
            }
            var given = ToolArguments()
            given.strings = parameters.arguments ?? [:]
            let arguments = given
            let outcome: Result<String, Error> = await offLoop { shouldStop in
                Result { try calls.dandisetDocument(arguments, shouldStop: shouldStop) }
            }
            switch outcome {
            case .success(let document):
                return GetPrompt.Result(
                    description: "The dataset-description prompt of dandiset \(arguments.strings["dandiset_id"] ?? "")",
                    messages: [.user(.text(text: document))])
            case .failure(let error as CallFailure):
                throw MCPError.internalError(error.message)
            case .failure(let error):
                throw MCPError.internalError("\(error)")
            }
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }

    /// `run`, for a caller that is not async (the command line's `main`): blocks until the client closes
    /// standard input.
    public static func serve(settings: AssistantSettings) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task.detached {
            do { try await run(settings: settings) } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }

    /// Runs blocking `work` on a dispatch thread (never on the cooperative pool the message loop needs);
    /// a cancelled task sets the flag `work` is handed.
    static func offLoop<Value: Sendable>(_ work: @escaping @Sendable (@escaping @Sendable () -> Bool) -> Value) async -> Value {
        let flag = CancelFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: work { flag.isSet }) }
            }
        } onCancel: {
            flag.set()
        }
    }

    /// A call's arguments as plain values (numbers given as decimals or strings are taken as integers).
    static func arguments(_ values: [String: Value]) -> ToolArguments {
        var arguments = ToolArguments()
        for (name, value) in values {
            switch value {
            case .string(let text):
                arguments.strings[name] = text
                if let number = Int(text) { arguments.integers[name] = number }
                if text == "true" || text == "false" { arguments.booleans[name] = text == "true" }
            case .int(let number): arguments.integers[name] = number
            case .double(let number) where number.isFinite && number.rounded() == number && abs(number) < 1e15:
                arguments.integers[name] = Int(number)
            case .bool(let flag): arguments.booleans[name] = flag
            default: break
            }
        }
        return arguments
    }
}

/// Set once, read from another thread.
final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

/// An error handed from a task to the thread that waits for it.
final class FailureBox: @unchecked Sendable {
    var error: Error?
}
