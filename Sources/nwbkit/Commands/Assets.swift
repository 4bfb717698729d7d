import ArgumentParser
import Foundation
import NWBDandi
import NWBJSON
import NWBKit
import NWBRendering
import NWBSupport

/// `nwbkit assets PATH…`: the DANDI assetsSummary of the files, or per-file asset facts.
struct Assets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the DANDI assetsSummary (species, approaches, techniques, variables, counts) of NWB files.",
        discussion: """
            Uses the dandi tool's rules and tables (dandi-cli \(DandiTables.dandiVersion), dandischema \
            \(DandiTables.schemaVersion)) on metadata only. A value NWBKit cannot interpret (an age, a species) \
            is left out and named on stderr; the file still counts.
            """)

    @OptionGroup var input: InputOptions

    @Flag(help: "Print one JSON line per file with its asset facts instead of the summary.")
    var perFile = false

    @Flag(help: "Count neurodata types stored as fixed-length bytes or 1-element arrays (the dandi tool misses them).")
    var recogniseByteTypes = false

    @Flag(
        help:
            "For a dandiset: print {files, archive, differences}: the assetsSummary computed from the files beside the archive's, and each key where they differ."
    )
    var compare = false

    @Option(help: "Write the output to this file (atomically).")
    var output: String?

    func validate() throws {
        if compare && perFile { throw ValidationError("--compare compares summaries: not with --per-file") }
    }

    func run() throws {
        try input.refuseOverwritingInputs(output)
        let sink = try OutputSink(path: output)
        var assets: [DandiAsset] = []
        let reader = input.resolvedReader()
        if compare && reader.archive?.dandisets.isEmpty != false {
            Diagnostics.error("--compare needs a dandiset (DANDI:000683 or its URL) among the inputs")
            throw ExitCode(2)
        }
        let failures = try reader.eachProduct(.asset(recogniseByteTypes: recogniseByteTypes)) { path, asset in
            if !input.quiet { asset.notes.forEach { Diagnostics.warning("\(path): \($0)") } }
            if perFile {
                try sink.write(JSONRendering.lineData(asset))
            } else {
                assets.append(asset)
            }
        }
        if compare, let dandiset = reader.archive?.dandisets.first {
            let archive: OrderedJSON
            do {
                archive = try reader.archiveMetadata(of: dandiset)["assetsSummary"] ?? .null
            } catch {
                Diagnostics.error("\(dandiset.input): the archive's metadata: \(error)")
                throw ExitCode(1)
            }
            let computed = try OrderedJSON.from(AssetsSummary(assets: assets))
            let comparison = AssetsSummaryComparison(files: computed, archive: archive)
            let result = OrderedJSON.object([
                ("files", computed), ("archive", archive), ("differences", .array(comparison.differences.map { .string($0) })),
            ])
            try sink.write(result.jsonText + "\n")
            if !input.quiet {
                Diagnostics.note(
                    "\(dandiset.input): \(comparison.differences.isEmpty ? "the archive's assetsSummary agrees with the files" : "\(comparison.differences.count) keys differ from the archive's assetsSummary")"
                )
            }
        } else if !perFile {
            try sink.write(JSONRendering.prettyData(AssetsSummary(assets: assets)))
        }
        try sink.finish()
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
