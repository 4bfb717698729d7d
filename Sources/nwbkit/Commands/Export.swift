import ArgumentParser
import Foundation
import NWBCatalogs
import NWBKit
import Platform
import RemoteReading

extension CatalogTarget: ExpressibleByArgument {}

/// `nwbkit export --to TARGET PATH…`: records for BrainSTEM, Flexilims, Crucible or a portal-style catalogue.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export NWB files as records of other research-data catalogs: BrainSTEM, Flexilims, Crucible, portal.",
        discussion: """
            One record set per file (BrainSTEM, Crucible: JSON; Flexilims: the YAML flexiznam's upload_yaml reads), \
            and for portal one Dataset → Run → Annotation hierarchy for all the files. Without --output the \
            records go to stdout (a JSON object keyed by document path, or a YAML stream); with it, each record is \
            a file under DIR/<target>/, written atomically; names from files are sanitized and nothing is written \
            outside DIR. Fields the files cannot fill stay absent (Documentation/Exports.md: mapping tables). Exit status: 0 when \
            every file was exported, 1 when a file failed (one line each), 2 for usage errors.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "The catalog: brainstem, flexilims, crucible or portal.")
    var to: CatalogTarget

    @Option(help: "The catalog's project (required for brainstem, flexilims and crucible; the portal dataset's title).")
    var project: String?

    @Option(help: "Flexilims raw data root: dataset paths are relative to it; a file must lie under it or --processed-root.")
    var dataRoot: String?

    @Option(help: "Flexilims processed data root (files under it are exported with is_raw: no).")
    var processedRoot: String?

    @Option(help: "Flexilims mouse for files that name no subject_id (else the YAML carries flexiznam's XXERRORXX marker).")
    var mouse: String?

    @Flag(help: "Do not compute SHA-256 checksums (crucible; they read each whole file once).")
    var noChecksums = false

    @Option(help: "Write the records under this folder instead of stdout.")
    var output: String?

    func validate() throws {
        if project == nil && to != .portal { throw ValidationError("--project is required for \(to.rawValue)") }
        if (dataRoot != nil || processedRoot != nil) && to != .flexilims {
            throw ValidationError("--data-root and --processed-root go with --to flexilims")
        }
        for root in [dataRoot, processedRoot].compactMap({ $0 }) {
            var folder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: root, isDirectory: &folder) || !folder.boolValue {
                throw ValidationError("\(root) is not a folder")
            }
        }
    }

    func run() throws {
        let inputGuard = output.map { _ in OutputGuard(inputs: input.paths, discovery: input.discovery) }
        var summaries: [FileSummary] = []
        let reader = input.resolvedReader()
        let failures = try reader.eachSummary { summaries.append($0) }
        var options = CatalogOptions()
        options.project = project
        options.rawRoot = dataRoot
        options.processedRoot = processedRoot
        options.mouse = mouse
        options.checksums = !noChecksums
        options.digest = Self.digest(remote: reader.remoteOptions)
        let title = project ?? input.paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        let export = CatalogExport.run(to, files: summaries, options: options, title: title)
        for failure in export.failures { Diagnostics.error(failure.description) }
        for problem in export.problems { Diagnostics.warning("record not valid for \(to.rawValue): \(problem)") }
        if let output {
            let root = URL(fileURLWithPath: output)
            var wrote = 0
            for document in export.documents {
                guard let target = SafePath.resolve(document.relativePath, under: root) else {
                    Diagnostics.error("\(document.relativePath): refused: the name would leave \(output)")
                    throw ExitCode(1)
                }
                if let conflict = inputGuard?.conflict(output: target.path) {
                    Diagnostics.error(conflict)
                    throw ExitCode(2)
                }
                do {
                    try FileManager.default.createDirectory(
                        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                } catch {
                    Diagnostics.error(
                        "\(target.deletingLastPathComponent().path): cannot create folder: \((error as NSError).localizedDescription)"
                    )
                    throw ExitCode(1)
                }
                if let failure = AtomicFile.write(document.contents, to: target.path) {
                    Diagnostics.error("\(target.path): cannot write: \(failure)")
                    throw ExitCode(1)
                }
                wrote += 1
            }
            if !input.quiet {
                Diagnostics.note("\(wrote) record file\(wrote == 1 ? "" : "s") written under \(output)/\(to.rawValue)")
            }
        } else if !export.documents.isEmpty {
            StandardStreams.write(Data(export.combinedText.utf8), to: STDOUT_FILENO)
        }
        if !failures.isEmpty || !export.failures.isEmpty { throw ExitCode(1) }
    }

    /// SHA-256 of what an input names: a local file read from disk; a URL or archive asset read whole
    /// through the remote reader, with the same locations and credentials as its summary.
    static func digest(remote: RemoteOptions) -> @Sendable (String) throws -> String {
        { path in
            guard RemoteFile.isRemote(path) else { return try FileDigest.sha256(path) }
            guard let digest = SHA256Digest() else { throw ExportError(path: path, message: "cannot start a SHA-256 digest") }
            do throws(RemoteError) {
                try RemoteFile.opening(path, options: remote).readWhole { digest.update($0) }
            } catch {
                _ = digest.finish()
                throw ExportError(path: path, message: "cannot read the remote file: \(error.message)")
            }
            return digest.finish()
        }
    }
}
