import ArgumentParser
import Foundation
import NWBDandi
import NWBJSON
import NWBKit

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

    @Option(help: "Write the output to this file (atomically).")
    var output: String?

    func run() throws {
        try input.refuseOverwritingInputs(output)
        let sink = try OutputSink(path: output)
        var assets: [DandiAsset] = []
        let failures = try input.eachProduct(.asset(recogniseByteTypes: recogniseByteTypes)) { path, asset in
            if !input.quiet { asset.notes.forEach { Diagnostics.warning("\(path): \($0)") } }
            if perFile {
                try sink.write(JSONRendering.lineData(asset))
            } else {
                assets.append(asset)
            }
        }
        if !perFile { try sink.write(JSONRendering.prettyData(AssetsSummary(assets: assets))) }
        try sink.finish()
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
