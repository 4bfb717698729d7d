import ArgumentParser
import DandiArchive
import Foundation
import NWBDandi
import NWBJSON
import NWBKit
import NWBRendering
import NWBSupport

/// `nwbkit dandiset PATH…`: the DANDI dataset-description document of a set of NWB files.
struct Dandiset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the DANDI dataset-description document (or a readable report) of NWB files.",
        discussion: """
            With the dandiset's metadata (--metadata, the DANDI API's version metadata as JSON or YAML) and \
            the same files, the default output is byte-identical to the original generator's. Without it, \
            NWBKit fills what the files tell (assetsSummary computed, a name from the folder) and says so.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "Dandiset metadata (JSON or YAML): id, name, contributor, description, assetsSummary are printed.")
    var metadata: String?

    @Option(help: "Dandiset id when the metadata has none (e.g. 000683).")
    var id: String?

    @Option(help: "Keep at most this many types, as the original (5); 0 = all.")
    var maxTypes = 5

    @Option(help: "Consider at most this many files in path order, as the original (100); 0 = all.")
    var maxFiles = 100

    @Flag(help: "Render the readable report (Templates/dandiset-summary.md.mustache) instead of the document.")
    var report = false

    @Option(help: "Render through your own Mustache template (context: Documentation/Templates.md).")
    var template: String?

    @Option(help: "Write the output to this file (atomically).")
    var output: String?

    @Flag(
        help:
            "Every public dandiset of the archive (--dandi-instance): one document each, written as DIR/ID.md under --output DIR; dandisets already written are skipped, so a stopped run resumes. With --shard I/N, only that share of the dandisets."
    )
    var all = false

    func validate() throws {
        if maxTypes < 0 || maxFiles < 0 { throw ValidationError("--max-types and --max-files take 0 (all) or more") }
        if report && template != nil { throw ValidationError("--report and --template are alternatives") }
        if all {
            if !input.paths.isEmpty { throw ValidationError("--all reads the archive's dandisets: give no paths") }
            if output == nil { throw ValidationError("--all needs --output DIR (one document per dandiset)") }
            if metadata != nil || id != nil { throw ValidationError("--all takes each dandiset's metadata from the archive") }
        } else if input.paths.isEmpty {
            throw ValidationError("give NWB files, folders or dandisets (DANDI:000683), or --all")
        }
    }

    func run() throws {
        let documentTemplate: DocumentTemplate
        var metadataValue: OrderedJSON?
        do {
            if let template {
                documentTemplate = try DocumentTemplate.file(template)
            } else {
                documentTemplate = try DocumentTemplate.bundled(report ? "dandiset-summary.md" : "dandiset-prompt.md")
            }
            if let metadata { metadataValue = try MetadataFile.load(metadata) }
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        if all { return try runAll(documentTemplate) }
        try input.refuseOverwritingInputs(output)
        var reader = input.reader
        if maxFiles > 0 { reader.maximumAssetsPerDandiset = maxFiles }
        reader = reader.resolvingArchive()
        let (text, failed) = try document(reader: reader, metadata: metadataValue, template: documentTemplate)
        let sink = try OutputSink(path: output)
        try sink.write(text)
        try sink.finish()
        if failed { throw ExitCode(1) }
    }

    /// The document of what `reader` reads; true when a file or the archive failed.
    private func document(reader: FileReader, metadata: OrderedJSON?, template: DocumentTemplate) throws -> (String, Bool) {
        var summaries: [FileSummary] = []
        let failures = try reader.eachSummary { summaries.append($0) }.count
        let resolved: OrderedJSON
        if let metadata {
            resolved = metadata.inJSONBOrder
        } else if let dandiset = reader.archive?.dandisets.first {
            // As the original generator: id, name, contributor, description and assetsSummary from the archive.
            do {
                resolved = try reader.archiveMetadata(of: dandiset).inJSONBOrder
            } catch {
                Diagnostics.error("\(dandiset.input): the archive's metadata: \(error)")
                return ("", true)
            }
            if reader.archive!.dandisets.count > 1 {
                Diagnostics.warning("several dandisets given: the metadata is \(dandiset.input)'s")
            }
        } else {
            let assets = summaries.map { DandiAsset(summary: $0) }
            var members: [(key: String, value: OrderedJSON)] = []
            if let id { members.append(("id", .string("DANDI:\(id)/draft"))) }
            let name = folderName(of: summaries)
            members.append(("name", .string(name)))
            members.append(("assetsSummary", try OrderedJSON.from(AssetsSummary(assets: assets))))
            resolved = OrderedJSON.object(members).inJSONBOrder
            Diagnostics.warning(
                "no --metadata: name '\(name)' from the folder, assetsSummary computed from the files; no contributor or description"
            )
        }
        let number = id ?? resolved["id"]?.stringValue.flatMap(DandisetDocument.number(fromID:)) ?? "000000"
        var document = DandisetDocument(
            metadata: resolved, dandisetNumber: number, summaries: summaries, maxTypes: maxTypes, maxFiles: maxFiles)
        if !template.mentions("representative") {
            // Full summaries are large; leave them out when the template never reads them.
            for index in document.types.indices { document.types[index].representative = nil }
        }
        return (try template.render(document), failures > 0)
    }

    /// `--all`: one document per public dandiset, skipping those already written.
    private func runAll(_ template: DocumentTemplate) throws {
        let folder = output!
        let reader = input.reader
        let instance = reader.reading.instance
        let listing: [(id: String, version: String)]
        do {
            listing = try DandiClient(
                instance: instance, token: reader.archiveOptions.tokens[instance.name], options: reader.remoteOptions
            ).dandisets(pageSize: reader.reading.listingPageSize)
        } catch {
            Diagnostics.error("\(instance.apiURL): cannot list the dandisets: \(error)")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            Diagnostics.error("\(folder): cannot make the output folder: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let shard = input.many.shard
        var written = 0
        var done = 0
        var failed: [String] = []
        for (id, version) in listing {
            if let shard, FileDiscovery.shard(of: id, count: shard.count) != shard.index { continue }
            let path = (folder as NSString).appendingPathComponent("\(id).md")
            if FileManager.default.fileExists(atPath: path) {
                done += 1
                continue
            }
            var one = reader
            one.files.paths = ["\(instance.prefix):\(id)/\(version)"]
            one.many?.shard = nil
            if maxFiles > 0 { one.maximumAssetsPerDandiset = maxFiles }
            let (text, problem) = try document(reader: one.resolvingArchive(), metadata: nil, template: template)
            if problem {
                // Nothing is written, so the next run tries it again.
                failed.append(id)
                continue
            }
            let sink = try OutputSink(path: path)
            try sink.write(text)
            try sink.finish()
            written += 1
        }
        if !input.quiet {
            Diagnostics.note(
                "\(written) documents written, \(done) already there, \(failed.count) failed\(failed.isEmpty ? "" : " (" + failed.joined(separator: ", ") + ")") in \(folder)"
            )
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// The name of the folder holding all the files (so a merged run names it as one run does),
    /// else of the first path given.
    private func folderName(of summaries: [FileSummary]) -> String {
        let folders = summaries.map {
            URL(fileURLWithPath: $0.path).standardizedFileURL.deletingLastPathComponent().pathComponents
        }
        if var common = folders.first {
            for components in folders.dropFirst() {
                common = Array(zip(common, components).prefix { $0.0 == $0.1 }.map(\.0))
            }
            if let last = common.last, last != "/" { return last }
        }
        guard let first = input.paths.first else { return "NWB files" }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory)
        let url = URL(fileURLWithPath: first).standardizedFileURL
        return (isDirectory.boolValue ? url : url.deletingLastPathComponent()).lastPathComponent
    }
}
