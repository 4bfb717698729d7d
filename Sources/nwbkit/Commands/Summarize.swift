import ArgumentParser
import Foundation
import NWBJSON
import NWBKit
import NWBRendering
import NWBRunner
import RemoteReading

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
        case text, json, jsonl, markdown, pynwb
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text, json, jsonl (one summary per line, streamed), markdown, or pynwb (a Python script that reaches each object with pynwb).")
    var format: Format = .text

    @Option(help: "Write the output to this file (atomically: the old file stays until the new one is complete).")
    var output: String?

    @Option(help: "Template to use instead of the bundled one (with --format markdown or pynwb).")
    var template: String?

    func validate() throws {
        if template != nil && format != .markdown && format != .pynwb {
            throw ValidationError("--template goes with --format markdown or pynwb")
        }
    }

    func run() throws {
        try input.refuseOverwritingInputs(output)
        let rendering = try format == .markdown ? markdownProduct() : FileProduct.text
        let sink = try OutputSink(path: output)
        var bodies: [[UInt8]] = []
        var first = true
        let onFailure: (RunFailure) throws -> Void = { failure in
            if format == .jsonl {
                try sink.write(JSONRendering.line(SummaryDocument.Failure(path: failure.path, error: failure.reason)))
            }
        }
        let failures: [RunFailure]
        switch format {
        case .json, .jsonl:
            // The workers' JSON is printed as it came: no decoding, no encoding again.
            failures = try input.eachResult(onFailure: onFailure) { result in
                if format == .jsonl {
                    try sink.write(bytes: try result.body())
                    try sink.write(bytes: [UInt8(ascii: "\n")])
                } else {
                    bodies.append(try result.body())
                }
            }
        case .text, .markdown:
            // Each worker renders its file: the parent only prints.
            failures = try input.eachProduct(rendering, onFailure: onFailure) { _, text in
                try sink.write((first ? "" : "\n") + text)
                first = false
            }
        case .pynwb:
            // One script per file, each complete (a folder's scripts follow one another, each opening its file).
            let reader = input.resolvedReader()
            var remote = RemoteOptions()
            remote.locations = reader.archive?.locations ?? [:]
            let product: FileProduct<String>
            do { product = try FileProduct.usageScript(remote: remote, templatePath: template) } catch {
                Diagnostics.error(error.description)
                throw ExitCode(2)
            }
            failures = try reader.eachProduct(product, onFailure: onFailure) { _, text in
                try sink.write((first ? "" : "\n") + text)
                first = false
            }
        }
        if format == .json {
            let failed = failures.map { SummaryDocument.Failure(path: $0.path, error: $0.reason) }
            try SummaryDocument.writePrettyDocument(summaryBodies: bodies, failures: failed) { try sink.write(bytes: $0) }
        }
        try sink.finish()
        if !failures.isEmpty { throw ExitCode(1) }
    }

    private func markdownProduct() throws -> FileProduct<String> {
        do {
            return try FileProduct.markdown(templatePath: template)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
    }
}
