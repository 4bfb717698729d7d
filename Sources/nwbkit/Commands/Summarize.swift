import ArgumentParser
import Foundation
import NWBExport
import NWBKit

/// `nwbkit summarize PATH…`: what every NWB file under the paths holds.
struct Summarize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize NWB files: structure, metadata, devices, planes, ROIs, electrodes, units, intervals.",
        discussion: """
            Folders are searched recursively for *.nwb (add --include for other names). Files are opened \
            read-only and no bulk data is read. Exit status: 0 when every file was summarized, 1 when any \
            path failed (each failure is one line on stderr), 2 for usage errors.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl, markdown
    }

    @Argument(help: "NWB files or folders to summarize.")
    var paths: [String]

    @Option(help: "Output format: text, json, jsonl (one summary per line, streamed) or markdown.")
    var format: Format = .text

    @Option(name: .customLong("include"), help: "Also read files in folders whose name matches this glob (repeatable), e.g. '*.h5'.")
    var includePatterns: [String] = []

    @Option(help: "Write the output to this file (atomically: the old file stays until the new one is complete).")
    var output: String?

    @Option(help: "Markdown template to use instead of the bundled one (with --format markdown).")
    var template: String?

    @Option(help: "Stop reading a file after this many objects (the summary is marked incomplete).")
    var maxObjects: Int = WalkLimits.standard.maxObjects

    @Option(help: "Do not descend deeper than this many levels.")
    var maxDepth: Int = WalkLimits.standard.maxDepth

    @Flag(help: "Do not print warnings (dangling and external links, unreadable parts) on stderr.")
    var quiet = false

    func validate() throws {
        if maxObjects < 1 { throw ValidationError("--max-objects must be at least 1") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be at least 1") }
        if template != nil && format != .markdown { throw ValidationError("--template goes with --format markdown") }
    }

    func run() throws {
        let markdownTemplate = try format == .markdown ? loadTemplate() : nil
        var options = SummaryOptions()
        options.limits.maxObjects = maxObjects
        options.limits.maxDepth = maxDepth
        let sink = try OutputSink(path: output)
        let progress = Progress()
        var summaries: [FileSummary] = []
        var failures: [SummaryDocument.Failure] = []
        var first = true

        let failed = try SummaryRun.run(
            paths: paths, discovery: FileDiscovery(includePatterns: includePatterns), options: options
        ) { outcome, position, total in
            progress.show(position: position, total: total)
            switch outcome {
            case .failure(let error):
                progress.clear()
                Diagnostics.error(error.description)
                failures.append(.init(path: error.path, error: error.reason))
                if format == .jsonl { try sink.write(JSONRendering.line(failures.last!)) }
            case .summary(let summary):
                if !quiet {
                    progress.clear()
                    summary.warnings.forEach { Diagnostics.warning("\(summary.path): \($0)") }
                }
                switch format {
                case .text:
                    try sink.write((first ? "" : "\n") + TextRendering.render(summary))
                case .jsonl:
                    try sink.write(JSONRendering.lineData(summary))
                case .markdown:
                    try sink.write((first ? "" : "\n") + markdownTemplate!.render(summary))
                case .json:
                    summaries.append(summary)
                }
                first = false
            }
        }
        progress.clear()
        if format == .json {
            try sink.write(JSONRendering.prettyData(SummaryDocument(summaries: summaries, failures: failures)))
        }
        try sink.finish()
        if failed > 0 { throw ExitCode(1) }
    }

    private func loadTemplate() throws -> DocumentTemplate {
        do {
            if let template { return try DocumentTemplate.file(template) }
            return try DocumentTemplate.bundled("file-summary.md")
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
    }
}
