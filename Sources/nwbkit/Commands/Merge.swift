import ArgumentParser

/// `nwbkit merge PART…`: what `summarize` would print for the files of all the parts.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge shard outputs (`summarize --format jsonl --shard I/N`) into what one run prints.",
        discussion: """
            Same options as `summarize`, with the JSON Lines parts as paths. For the other outputs, give the \
            parts to the command with --from-summaries: `nwbkit assets --from-summaries part-*.jsonl`, \
            likewise `types` and `dandiset`.
            """)

    @OptionGroup var summarize: Summarize

    func run() throws {
        var command = summarize
        command.input.fromSummaries = true
        try command.run()
    }
}
