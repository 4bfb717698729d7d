import MCP

/// The progress notifications of one call (`notifications/progress` with the client's token), sent in the
/// order they are reported and all before the call's result (`finish`). Without a token, nothing is sent.
final class ProgressSender: Sendable {
    private let token: ProgressToken?
    private let reports: AsyncStream<ProgressNotification.Parameters>.Continuation?
    private let sending: Task<Void, Never>?

    init(server: Server, token: ProgressToken?) {
        self.token = token
        guard token != nil else {
            reports = nil
            sending = nil
            return
        }
        let (stream, continuation) = AsyncStream<ProgressNotification.Parameters>.makeStream()
        reports = continuation
        sending = Task {
            for await parameters in stream { try? await server.notify(ProgressNotification.message(parameters)) }
        }
    }

    /// Reports `done` of `total`, with what is being done (from any thread).
    func report(done: Int, total: Int, message: String) {
        guard let token, let reports else { return }
        reports.yield(.init(progressToken: token, progress: Double(done), total: Double(total), message: message))
    }

    /// Waits until every report is sent.
    func finish() async {
        reports?.finish()
        await sending?.value
    }
}
