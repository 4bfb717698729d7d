import ArgumentParser
import DandiArchive
import Foundation
import NWBCheck
import NWBJSON
import NWBKit

/// `nwbkit diff OLD NEW`: the structural difference of two files, or of two folders matched by relative path.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the structural difference of two NWB files (or two folders of them, matched by relative path).",
        discussion: """
            Compares objects (added, removed), kinds, neurodata types, dtypes, shape ranks, attribute names and \
            dtypes, link targets, the NWB version and cached specification versions; not sizes or values, which \
            differ between any two sessions. Exit status: 0 when the structures are the same, 1 when they differ \
            or a file cannot be read, 2 for usage errors.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup(title: "Files") var files: PathOptions
    @OptionGroup(title: "Reading") var reading: ReadingOptions

    /// The reader of both sides (no cache, shard or merge: a diff reads two files or folders).
    private var input: FileReader { FileReader(files: files, reading: reading, many: nil) }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Write the output to this file (atomically).")
    var output: String?

    func validate() throws {
        if files.paths.count != 2 { throw ValidationError("diff takes two paths: OLD NEW (two files or two folders)") }
    }

    func run() throws {
        try input.refuseOverwritingInputs(output)
        let (old, oldFailures) = try summaries(input.paths[0])
        let (new, newFailures) = try summaries(input.paths[1])
        var pairs: [FileDiff] = []
        for (relative, summary) in old.sorted(by: { $0.key < $1.key }) {
            if let other = new[relative] { pairs.append(FileDiff(old: summary, new: other)) }
        }
        let unreadable = Set(oldFailures + newFailures)
        let result = CollectionDiff(
            files: pairs, onlyInOld: old.keys.filter { new[$0] == nil && !unreadable.contains($0) }.sorted(),
            onlyInNew: new.keys.filter { old[$0] == nil && !unreadable.contains($0) }.sorted())
        let sink = try OutputSink(path: output)
        switch format {
        case .text: try sink.write(result.text)
        case .json: try sink.write(JSONRendering.prettyData(result))
        }
        try sink.finish()
        if !result.isEmpty || !unreadable.isEmpty { throw ExitCode(1) }
    }

    /// The summaries under one side, keyed by path relative to it (a file given alone is matched by its name
    /// when the other side is a folder, and with the other file when both are files).
    private func summaries(_ root: String) throws -> ([String: FileSummary], [String]) {
        var sideFiles = files
        sideFiles.paths = [root]
        let side = FileReader(files: sideFiles, reading: reading, many: nil).resolvingArchive()
        // A dandiset (or a folder of one) is a folder whose files are named `DANDI:ID/VERSION/PATH`.
        let dandiset = side.archive?.dandisets.first { $0.input == root }
        let isFolder = names(aFolder: root)
        let bothFiles = input.paths.allSatisfy { !names(aFolder: $0) }
        func key(_ path: String) -> String {
            if bothFiles { return "file" }
            if let dandiset {
                let prefix = "\(dandiset.instance.prefix):\(dandiset.id)/\(dandiset.version)/"
                return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            }
            if isFolder {
                let prefix = root.hasSuffix("/") ? root : root + "/"
                return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            }
            return (path as NSString).lastPathComponent
        }
        var result: [String: FileSummary] = [:]
        let failures = try side.eachSummary { result[key($0.path)] = $0 }
        return (result, failures.map { key($0.path) })
    }

    /// Whether `path` is a folder: on disk, or a dandiset reference that names more than one asset.
    private func names(aFolder path: String) -> Bool {
        if let reference = try? DandiReference.parse(path, defaultInstance: reading.instance) {
            return !reference.namesOneAsset
        }
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
