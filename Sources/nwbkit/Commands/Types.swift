import ArgumentParser
import Foundation
import NWBDandi
import NWBJSON
import NWBKit

/// `nwbkit types PATH…`: the structural types of the files and the files of each.
struct Types: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group NWB files into structural types (same typed objects at the same paths).",
        discussion: """
            Files whose signatures (every `PATH: neurodata_type` of typed groups and datasets, soft links \
            followed) are equal form one type; types are listed in the DANDI document's order.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Keep at most this many types (0 = all).")
    var maxTypes = 0

    @Option(help: "Consider at most this many files, in path order (0 = all).")
    var maxFiles = 0

    func validate() throws {
        if maxTypes < 0 || maxFiles < 0 { throw ValidationError("--max-types and --max-files take 0 (all) or more") }
    }

    func run() throws {
        var files: [(path: String, signature: [String])] = []
        let failures = try input.eachProduct(.signature) { files.append(($0, $1)) }
        let types = FileTypes(files: files, maxTypes: maxTypes, maxFiles: maxFiles)
        switch format {
        case .json:
            StandardStreams.write(try JSONRendering.prettyData(types), to: STDOUT_FILENO)
        case .text:
            var lines = ["\(types.filesConsidered) NWB files, \(types.typesFound) types"]
            for type in types.types {
                lines.append("Type \(type.number): \(type.files.count) file\(type.files.count == 1 ? "" : "s")")
                lines += type.files.map { "  " + $0 }
            }
            StandardStreams.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: STDOUT_FILENO)
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
