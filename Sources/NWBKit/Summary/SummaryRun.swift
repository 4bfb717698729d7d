/// Summarizes many paths in input order, handing each result to the caller as soon as it is done,
/// so memory stays bounded by one file's summary.
public enum SummaryRun {
    /// One path's outcome.
    public enum Outcome: Sendable {
        case summary(FileSummary)
        case failure(SummaryError)
    }

    /// Expands `paths` with `discovery`, summarizes each file, and calls `body` with each outcome
    /// (with its position and the total). Returns the number of failures.
    @discardableResult
    public static func run(
        paths: [String], discovery: FileDiscovery, options: SummaryOptions,
        body: (_ outcome: Outcome, _ position: Int, _ total: Int) throws -> Void
    ) rethrows -> Int {
        let items = discovery.items(for: paths)
        var failures = 0
        for (position, item) in items.enumerated() {
            let outcome: Outcome
            switch item {
            case .failure(let error):
                outcome = .failure(error)
            case .file(let path):
                do {
                    outcome = .summary(try FileSummarizer.summarize(path, options: options))
                } catch {
                    outcome = .failure(error)
                }
            }
            if case .failure = outcome { failures += 1 }
            try body(outcome, position, items.count)
        }
        return failures
    }
}
