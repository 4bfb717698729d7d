import ArgumentParser
import Foundation
import NWBDandi
import NWBJSON
import NWBKit
import NWBRendering

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

    func validate() throws {
        if maxTypes < 0 || maxFiles < 0 { throw ValidationError("--max-types and --max-files take 0 (all) or more") }
        if report && template != nil { throw ValidationError("--report and --template are alternatives") }
    }

    func run() throws {
        try input.refuseOverwritingInputs(output)
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
        var summaries: [FileSummary] = []
        let failures = try input.eachSummary { summaries.append($0) }

        let resolved: OrderedJSON
        if let metadataValue {
            resolved = metadataValue.inJSONBOrder
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
        if !documentTemplate.mentions("representative") {
            // Full summaries are large; leave them out when the template never reads them.
            for index in document.types.indices { document.types[index].representative = nil }
        }
        let sink = try OutputSink(path: output)
        try sink.write(try documentTemplate.render(document))
        try sink.finish()
        if !failures.isEmpty { throw ExitCode(1) }
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
